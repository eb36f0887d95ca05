"""A visitor opening a page: the navigation, its failure modes, and the browser's own timings.

`visit()` is the one way the audit loads a page in Playwright, so every page it visits gets
Navigation Timing and paint timings. The pure parts (`navigation_error`, `timings_from_entries`)
work on strings and dicts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from touchpoint.browser.bot_wall import REFUSALS, bot_wall, refusal_message
from touchpoint.errors import (
    DnsError,
    HttpErrorStatus,
    NetworkError,
    PageTimeout,
    RedirectLoop,
    SiteError,
    TlsError,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["TIMING_SCRIPT", "Visit", "navigation_error", "timings_from_entries", "visit"]

# Runs in the page after `load`: the navigation entry, paints, and the last LCP candidate.
# Runs in the page after `load`. LCP candidates arrive after the frames that paint them, which
# for a big image still decoding can be well after `load`: take the last candidate once none
# has come for 300 ms (at most 3 s in all).
TIMING_SCRIPT = """
async () => {
  const lcp = await new Promise((resolve) => {
    let last = null;
    let quiet = null;
    const done = () => { po.disconnect(); clearTimeout(cap); resolve(last); };
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) last = e.startTime;
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    const cap = setTimeout(done, 3000);
    try { po.observe({type: 'largest-contentful-paint', buffered: true}); } catch (e) { done(); }
  });
  const nav = performance.getEntriesByType('navigation')[0];
  const paints = {};
  for (const p of performance.getEntriesByType('paint')) paints[p.name] = p.startTime;
  return {navigation: nav ? nav.toJSON() : null, paints, lcp};
}
"""

_NET = re.compile(r"net::(ERR_[A-Z0-9_]+)")


@dataclass(frozen=True, slots=True)
class Visit:
    """What one page load looked like to the browser. Times in ms from navigation start."""

    url: str
    final_url: str
    status: int
    timings: Mapping[str, float] = field(default_factory=dict)
    transfer_bytes: int | None = None
    wall_ms: float = 0.0


def navigation_error(url: str, message: str, *, timeout_ms: float) -> SiteError:
    """Turn a Playwright navigation failure into the site finding it means."""
    if "Timeout" in message and "exceeded" in message:
        return PageTimeout(url, f"{url} did not finish loading within {timeout_ms / 1000:g} s")
    match = _NET.search(message)
    code = match.group(1) if match else ""
    if code in {"ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED"}:
        return DnsError(url, f"the host of {url} does not resolve (DNS, {code})")
    if code.startswith("ERR_CERT_") or "SSL" in code:
        return TlsError(url, f"{url} has a TLS/certificate problem ({code})")
    if code == "ERR_TOO_MANY_REDIRECTS":
        return RedirectLoop(url, f"{url} redirects in a loop ({code})")
    if code == "ERR_TIMED_OUT" or code == "ERR_CONNECTION_TIMED_OUT":
        return PageTimeout(url, f"{url} did not answer ({code})")
    if code:
        return NetworkError(url, f"{url} could not be loaded ({code})")
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return NetworkError(url, f"{url} could not be loaded: {first}")


def timings_from_entries(data: Mapping[str, Any]) -> tuple[dict[str, float], int | None]:
    """Browser metrics from the timing script's result: (metric id -> ms, transfer bytes)."""
    nav = data.get("navigation") or {}
    paints = data.get("paints") or {}
    out: dict[str, float] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, int | float) and value > 0:
            out[key] = float(value)

    put("browser:ttfb", nav.get("responseStart"))
    if isinstance(nav.get("responseStart"), int | float) and isinstance(nav.get("requestStart"), int | float):
        put("browser:server-time", nav["responseStart"] - nav["requestStart"])
    put("browser:dom-content-loaded", nav.get("domContentLoadedEventEnd"))
    put("browser:load", nav.get("loadEventEnd"))
    put("browser:first-contentful-paint", paints.get("first-contentful-paint"))
    put("browser:largest-contentful-paint", data.get("lcp"))
    size = nav.get("transferSize")
    return out, int(size) if isinstance(size, int | float) else None


def _title(page: Page) -> str:
    from playwright.sync_api import Error

    try:
        return page.title()
    except Error:
        return ""


def visit(page: Page, url: str, *, timeout_ms: float = 30_000) -> Visit:
    """Open `url` in `page` like a visitor; raise a `SiteError` for what a visitor would hit."""
    from playwright.sync_api import Error

    started = time.perf_counter()
    try:
        response = page.goto(url, wait_until="load", timeout=timeout_ms)
    except Error as exc:
        raise navigation_error(url, str(exc), timeout_ms=timeout_ms) from None
    wall_ms = (time.perf_counter() - started) * 1000
    if response is None:
        raise NetworkError(url, f"{url} gave the browser no response")
    status = response.status
    if status >= 400:
        wall = bot_wall(status, response.headers, _title(page) if status in REFUSALS else "")
        raise HttpErrorStatus(url, status, refusal_message(url, status, wall))
    try:
        data = page.evaluate(TIMING_SCRIPT)
    except Error:
        data = {}
    timings, size = timings_from_entries(data)
    return Visit(url=url, final_url=page.url, status=status, timings=timings, transfer_bytes=size, wall_ms=wall_ms)
