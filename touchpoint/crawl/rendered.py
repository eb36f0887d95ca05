"""A bounded breadth-first walk of a site, as a visitor clicking links from the home page.

Every page is rendered in Chromium (JavaScript-built links and contacts count) and snapshotted;
the walk goes level by level, so each page's depth is its true click distance from the start,
and keeps each page's parent and the words of the link that led there (the click path).
Broken pages (timeouts, error statuses, redirect loops, non-HTML, huge pages) are recorded as
findings and not walked further; the walk never exceeds its page limit.

It runs Playwright's async API in a thread of its own, with several tabs at once, so it can be
called from anywhere (the audit's own browser uses the sync API in the main thread).

    result = crawl("https://acme.example/", limit=50, executable="/usr/bin/chromium")
    result.path_to("https://acme.example/contacts")  # [(url, link words), ...]
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from touchpoint.browser.bot_wall import REFUSALS, bot_wall, refusal_message
from touchpoint.browser.launch import DEVICES, chromium_flags
from touchpoint.browser.visit import navigation_error
from touchpoint.contacts.contact_page import same_site
from touchpoint.contacts.extract import canonical_url
from touchpoint.contacts.snapshot import LIMITS, SNAPSHOT_JS, Snapshot
from touchpoint.errors import BrowserCrashed, HttpErrorStatus, SiteError, TouchpointError

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

__all__ = ["CrawlResult", "CrawledPage", "crawl"]

_SKIP = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z|gz|tar|jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|mp[34]|"
    r"m4a|wav|ogg|webm|mov|avi|mkv|exe|dmg|apk|msi|iso|csv|xml|json|txt|ics|vcf|woff2?|ttf|eot)$",
    re.IGNORECASE,
)
_SKIP_PATHS = re.compile(
    r"/(wp-admin|wp-login|logout|log-out|signout|cart|checkout|basket|korzina|cdn-cgi)(/|$|\.)", re.IGNORECASE
)
_BLOCKED_RESOURCES = {"image", "media", "font"}
BUSY_JS = (Path(__file__).parent.parent / "busy.js").read_text(encoding="utf-8")
_UNTRACKED_SETTLE_S = 0.5


@dataclass(frozen=True, slots=True)
class CrawledPage:
    url: str
    depth: int
    parent: str | None
    via: str  # the words of the link clicked on the parent page
    status: int | None = None
    snapshot: Snapshot | None = None
    error: TouchpointError | None = None
    seconds: float = 0.0


@dataclass
class CrawlResult:
    start: str
    limit: int
    pages: dict[str, CrawledPage] = field(default_factory=dict)
    unvisited: int = 0  # links found but left out because of the limit
    moved_to: str | None = None  # where the start page redirected to, when another host
    seconds: float = 0.0

    def path_to(self, url: str) -> list[tuple[str, str]]:
        """The clicks from the start page: [(start, ""), (page, link words), ...]."""
        path: list[tuple[str, str]] = []
        page = self.pages.get(url)
        while page is not None:
            path.append((page.url, page.via))
            page = self.pages.get(page.parent) if page.parent else None
        return path[::-1]

    @property
    def ok(self) -> list[CrawledPage]:
        return [p for p in self.pages.values() if p.snapshot is not None and p.error is None]

    @property
    def broken(self) -> list[CrawledPage]:
        return [p for p in self.pages.values() if p.error is not None]


def crawl(
    start: str,
    *,
    limit: int,
    executable: str | None = None,
    cdp_endpoint: str | None = None,
    concurrency: int = 10,
    page_timeout_ms: float = 15_000,
    settle_ms: float = 150,
    on_page: Callable[[CrawledPage], None] | None = None,
) -> CrawlResult:
    """Walk `start`'s site breadth-first, at most `limit` pages (blocking; runs in a thread)."""
    outcome: list[CrawlResult | BaseException] = []

    def run() -> None:
        try:
            outcome.append(
                asyncio.run(
                    _Walker(
                        start,
                        limit,
                        executable,
                        cdp_endpoint,
                        concurrency,
                        page_timeout_ms,
                        settle_ms,
                        on_page,
                    ).walk()
                )
            )
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=run, name="touchpoint-crawl", daemon=True)
    thread.start()
    thread.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _Walker:
    def __init__(
        self,
        start: str,
        limit: int,
        executable: str | None,
        cdp_endpoint: str | None,
        concurrency: int,
        page_timeout_ms: float,
        settle_ms: float,
        on_page: Callable[[CrawledPage], None] | None,
    ) -> None:
        self.start = canonical_url(start)
        self.result = CrawlResult(start=self.start, limit=limit)
        self.executable = executable
        self.cdp_endpoint = cdp_endpoint
        self.concurrency = max(1, concurrency)
        self.timeout_ms = page_timeout_ms
        self.settle_ms = settle_ms
        self.on_page = on_page
        self.seen: set[str] = {self.start}
        self.traffic: dict[Page, _Traffic] = {}

    async def walk(self) -> CrawlResult:
        from playwright.async_api import Error, async_playwright

        started = time.perf_counter()
        async with async_playwright() as playwright:
            try:
                if self.cdp_endpoint:
                    browser = await playwright.chromium.connect_over_cdp(self.cdp_endpoint)
                else:
                    browser = await playwright.chromium.launch(executable_path=self.executable, args=chromium_flags())
            except Error as exc:
                raise BrowserCrashed(f"could not start the browser for the crawl: {str(exc).splitlines()[0]}") from exc
            try:
                await self._levels(browser)
            finally:
                if not self.cdp_endpoint:
                    await browser.close()
        self.result.seconds = time.perf_counter() - started
        return self.result

    async def _levels(self, browser: Browser) -> None:
        context = await browser.new_context(**DEVICES["desktop"].playwright_args(browser.version))
        await context.add_init_script(BUSY_JS)
        await context.route("**/*", _block_heavy)
        tabs: asyncio.Queue[Page] = asyncio.Queue()
        for _ in range(self.concurrency):
            tab = await context.new_page()
            self.traffic[tab] = _Traffic(tab)
            tabs.put_nowait(tab)
        level: list[tuple[str, str | None, str]] = [(self.start, None, "")]
        depth = 0
        try:
            while level:
                room = self.result.limit - len(self.result.pages)
                if room <= 0:
                    self.result.unvisited += len(level)
                    break
                self.result.unvisited += max(0, len(level) - room)
                level = level[:room]
                pages = await asyncio.gather(
                    *(self._visit(tabs, url, depth, parent, via) for url, parent, via in level)
                )
                next_level: list[tuple[str, str | None, str]] = []
                for page in pages:
                    self.result.pages.setdefault(page.url, page)
                    if self.on_page:
                        self.on_page(page)
                    if page.snapshot is None or page.error is not None:
                        continue
                    for target, words in _links(page.snapshot, self.start):
                        if target not in self.seen:
                            self.seen.add(target)
                            next_level.append((target, page.url, words))
                level = next_level
                depth += 1
        finally:
            await context.close()

    async def _visit(
        self, tabs: asyncio.Queue[Page], url: str, depth: int, parent: str | None, via: str
    ) -> CrawledPage:
        from playwright.async_api import Error

        tab = await tabs.get()
        started = time.perf_counter()
        status: int | None = None
        try:
            response = await tab.goto(url, wait_until="load", timeout=self.timeout_ms)
            if response is None:
                raise SiteError(url, f"{url} gave the browser no response")
            status = response.status
            final = canonical_url(tab.url)
            if not same_site(final, self.start):
                if parent is not None:
                    raise SiteError(url, f"{url} leads off the site, to {final}")
                # The home page moved (acme.lt -> www.acme.com/lt/): the site is where it leads.
                self.start = final
                self.result.moved_to = final
            if status >= 400:
                title = await tab.title() if status in REFUSALS else ""
                wall = bot_wall(status, response.headers, title)
                raise HttpErrorStatus(url, status, refusal_message(url, status, wall))
            kind = (await response.header_value("content-type") or "").split(";")[0].strip().lower()
            if kind and kind not in ("text/html", "application/xhtml+xml"):
                raise SiteError(url, f"{url} is not a web page ({kind})")
            await self._settle(tab)
            data: dict[str, Any] = await tab.evaluate(SNAPSHOT_JS, dict(LIMITS))
            if final != url:
                self.seen.add(final)
            return CrawledPage(
                url=url,
                depth=depth,
                parent=parent,
                via=via,
                status=status,
                snapshot=Snapshot.from_json(data),
                seconds=time.perf_counter() - started,
            )
        except (TouchpointError, Error) as exc:
            error = (
                exc if isinstance(exc, TouchpointError) else navigation_error(url, str(exc), timeout_ms=self.timeout_ms)
            )
            return CrawledPage(
                url=url,
                depth=depth,
                parent=parent,
                via=via,
                status=status,
                error=error,
                seconds=time.perf_counter() - started,
            )
        finally:
            tabs.put_nowait(tab)

    async def _settle(self, tab: Page) -> None:
        """Let scripts that build the page after `load` (contacts fetched by JS) finish: wait
        until no request is in flight, no short timer of the page's is pending, and nothing has
        happened for `settle_ms`; at most 2.5 s."""
        from playwright.async_api import Error

        traffic = self.traffic[tab]
        loaded = time.monotonic()
        cap = loaded + 2.5
        quiet = self.settle_ms / 1000
        while time.monotonic() < cap:
            network_quiet = traffic.inflight <= 0 and time.monotonic() - max(traffic.last, loaded) >= quiet
            try:
                busy = await tab.evaluate("() => window.__tpBusy ? window.__tpBusy() : null")
            except Error:
                busy = None
            if busy is None:
                # No tracker (a page that replaced window): scripts' timers start at load.
                if network_quiet and time.monotonic() - loaded >= _UNTRACKED_SETTLE_S:
                    return
            elif network_quiet and not busy["timers"] and not busy["inflight"] and busy["quiet"] >= self.settle_ms:
                return
            await asyncio.sleep(0.05)


class _Traffic:
    """Requests of one tab still in flight, and when the last one started or ended."""

    def __init__(self, tab: Page) -> None:
        self.inflight = 0
        self.last = time.monotonic()
        tab.on("request", self._start)
        tab.on("requestfinished", self._end)
        tab.on("requestfailed", self._end)

    def _start(self, _: object) -> None:
        self.inflight += 1
        self.last = time.monotonic()

    def _end(self, _: object) -> None:
        self.inflight = max(0, self.inflight - 1)
        self.last = time.monotonic()


async def _block_heavy(route: Any) -> None:
    if route.request.resource_type in _BLOCKED_RESOURCES:
        await route.abort()
    else:
        await route.continue_()


def _links(snapshot: Snapshot, start: str) -> list[tuple[str, str]]:
    """Same-site web pages this page links to, in document order, with the link's words."""
    out: list[tuple[str, str]] = []
    for anchor in snapshot.anchors:
        href = anchor.href
        if not href.lower().startswith(("http://", "https://")) or not same_site(href, start):
            continue
        target = canonical_url(href)
        path = target.split("?", 1)[0]
        if _SKIP.search(path) or _SKIP_PATHS.search(path):
            continue
        out.append((target, anchor.label))
    return out
