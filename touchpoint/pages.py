"""Page visits: every audited page opened in a real browser on each device, once.

The first look a visitor gets: does the page open (HTTP status, network, TLS, timeout), how
long the browser waited (Navigation Timing, paints), and what the first screen shows (a
screenshot). Visits are cached per (page, device) and shared by every check that needs them,
the speed probe's preflight included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.visit import Visit, visit
from touchpoint.budgets import Budget, assess, format_value
from touchpoint.errors import TouchpointError
from touchpoint.result import CheckResult, Level, unmeasured
from touchpoint.speed.metrics import METRICS_BY_ID

__all__ = ["PageVisit", "PageVisits", "load_check", "timing_check"]

CATEGORY = "pages"
OPENS = "opens without an error"


@dataclass(frozen=True, slots=True)
class PageVisit:
    page: str
    device: str
    visit: Visit
    screenshot: bytes | None  # JPEG of the first screen
    browser: str = ""


def subject(page: str, device: str) -> str:
    return f"{page} · {device}"


def load_check(page: str, device: str, url: str, outcome: PageVisit | TouchpointError) -> CheckResult:
    """Did the page open for a visitor on this device? (pure)"""
    who = subject(page, device)
    if isinstance(outcome, TouchpointError):
        return unmeasured(
            name="page-opens",
            category=CATEGORY,
            title="Page opens",
            subject=who,
            level=Level.ERROR,
            expected=OPENS,
            url=url,
            reason=str(outcome),
        )
    v = outcome.visit
    evidence: dict[str, str | float | int | None] = {
        "HTTP status": v.status,
        "browser": outcome.browser,
        **{
            METRICS_BY_ID[k].title if k in METRICS_BY_ID else k: format_value(ms, "ms")
            for k, ms in sorted(v.timings.items())
        },
    }
    if v.transfer_bytes:
        evidence["page size (HTML)"] = format_value(v.transfer_bytes, "bytes")
    if v.final_url.rstrip("/") != url.rstrip("/"):
        evidence["landed on"] = v.final_url
    loaded = format_value(v.timings.get("browser:load", v.wall_ms), "ms")
    return CheckResult(
        name="page-opens",
        category=CATEGORY,
        title="Page opens",
        subject=who,
        actual=f"HTTP {v.status} in {loaded}",
        expected=OPENS,
        operator="",
        level=Level.ERROR,
        passed=True,
        message=f"The page opens on {device} (HTTP {v.status}) and finished loading in {loaded}",
        url=url,
        evidence=evidence,
    )


def timing_check(
    page: str, device: str, url: str, outcome: PageVisit | TouchpointError, metric_id: str, budget: Budget
) -> CheckResult:
    """One browser timing of the visit against its budget (pure)."""
    metric = METRICS_BY_ID[metric_id]
    who = subject(page, device)
    value = None if isinstance(outcome, TouchpointError) else outcome.visit.timings.get(metric_id)
    if value is None:
        reason = (
            str(outcome)
            if isinstance(outcome, TouchpointError)
            else (f"the browser recorded no {metric.title} for {url}")
        )
        return unmeasured(
            name=metric_id,
            category=CATEGORY,
            title=metric.title,
            subject=who,
            level=budget.level,
            expected=budget.threshold,
            operator=budget.operator,
            unit=metric.unit,
            url=url,
            reason=reason,
        )
    return assess(
        name=metric_id,
        category=CATEGORY,
        title=metric.title,
        subject=who,
        actual=value,
        budget=budget,
        unit=metric.unit,
        url=url,
        evidence={"what it means": metric.explain},
    )


class PageVisits:
    """Opens each (page, device) once in a fresh browser context and remembers what it saw.

    visits = PageVisits(lambda: session, timeout_ms=30_000)
    outcome = visits.get("home", "https://acme.example/", "mobile")
    """

    def __init__(self, session: Callable[[], BrowserSession], *, timeout_ms: float) -> None:
        self._session = session
        self.timeout_ms = timeout_ms
        self._cache: dict[tuple[str, str], PageVisit | TouchpointError] = {}

    def get(self, page: str, url: str, device: str) -> PageVisit | TouchpointError:
        key = (page, device)
        if key not in self._cache:
            try:
                self._cache[key] = self._visit(page, url, device)
            except TouchpointError as exc:
                self._cache[key] = exc
        return self._cache[key]

    def require(self, page: str, url: str, device: str) -> PageVisit:
        """The visit, or the error that stopped it (the speed probe's preflight)."""
        outcome = self.get(page, url, device)
        if isinstance(outcome, TouchpointError):
            raise outcome
        return outcome

    def _visit(self, page: str, url: str, device: str) -> PageVisit:
        session = self._session()
        context = session.new_context(DEVICES[device])
        try:
            tab = context.new_page()
            seen = visit(tab, url, timeout_ms=self.timeout_ms)
            shot = tab.screenshot(type="jpeg", quality=70, timeout=self.timeout_ms)
            return PageVisit(
                page=page, device=device, visit=seen, screenshot=shot, browser=f"Chromium {session.version}"
            )
        finally:
            context.close()

    def all(self) -> Mapping[tuple[str, str], PageVisit | TouchpointError]:
        return dict(self._cache)
