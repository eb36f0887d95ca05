"""Pages rendered in Chromium for the crawl: the home page, contact pages and pages scripts build.

Each tab loads the page, lets scripts that build it after `load` finish (bounded), and takes the
snapshot (snapshot.js). Every step is bounded: a page whose scripts never stop is left after the
timeout and its tab replaced; pop-up windows are closed and dialogs dismissed, as a browser's
blockers would, and both are noted; a page that keeps reloading itself is said to in plain words.

Playwright's async API runs in the crawl's own thread (see touchpoint.crawl.walk).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from touchpoint.browser.bot_wall import REFUSALS, bot_wall, refusal_message
from touchpoint.browser.launch import DEVICES, chromium_flags
from touchpoint.browser.visit import POPUP_BLOCKER, navigation_error
from touchpoint.contacts.extract import canonical_url
from touchpoint.contacts.snapshot import SNAPSHOT_ARGS, SNAPSHOT_JS, Snapshot
from touchpoint.crawl.fetch import HostGate
from touchpoint.crawl.origins import SiteOrigins
from touchpoint.errors import BrowserCrashed, HttpErrorStatus, SiteError, TouchpointError

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Page, Playwright

__all__ = ["BusyPage", "Document", "Rendered", "Renderer"]


class BusyPage(SiteError):
    """The page's scripts kept the browser from reading it in time (an endless loop, a freeze)."""


_BLOCKED_RESOURCES = {"image", "media", "font"}
BUSY_JS = (Path(__file__).parent.parent / "busy.js").read_text(encoding="utf-8")
_UNTRACKED_SETTLE_S = 0.5
Document = tuple[int, dict[str, str], str]  # a page already fetched: status, headers, decoded HTML
_NOT_HANDED_OVER = frozenset({"content-encoding", "content-length", "transfer-encoding", "content-type", "connection"})
_RELOADING = ("Execution context was destroyed", "navigation", "Target page, context or browser has been closed")


@dataclass
class Rendered:
    url: str
    final: str = ""
    status: int | None = None
    snapshot: Snapshot | None = None
    error: TouchpointError | None = None
    off_site: str | None = None
    moved_after_load: bool = False  # a script sent the visitor away after the page had loaded
    notes: list[str] = field(default_factory=list)


class Renderer:
    """A pool of tabs in one browser context; started on first use."""

    def __init__(
        self,
        origins: SiteOrigins,
        *,
        executable: str | None,
        cdp_endpoint: str | None,
        tabs: int,
        timeout_ms: float,
        settle_ms: float,
        proxy: str | None = None,
    ) -> None:
        self.origins = origins
        self.executable = executable
        self.cdp_endpoint = cdp_endpoint
        self.size = max(1, tabs)
        self.timeout_ms = timeout_ms
        self.settle_ms = settle_ms
        self.proxy = proxy
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._tabs: asyncio.Queue[Page] = asyncio.Queue()
        self._traffic: dict[Page, _Traffic] = {}
        self._popups: dict[Page, int] = {}
        self._dialogs: dict[Page, int] = {}
        self._start_lock = asyncio.Lock()
        self._opened = 0
        self._pending: set[asyncio.Future[None]] = set()

    async def start(self) -> None:
        from playwright.async_api import Error, async_playwright

        async with self._start_lock:
            if self._context is not None:
                return
            self._playwright = await async_playwright().start()
            try:
                if self.cdp_endpoint:
                    self._browser = await self._playwright.chromium.connect_over_cdp(self.cdp_endpoint)
                else:
                    self._browser = await self._playwright.chromium.launch(
                        executable_path=self.executable,
                        args=chromium_flags(),
                        proxy={"server": self.proxy} if self.proxy else None,
                    )
            except Error as exc:
                raise BrowserCrashed(f"could not start the browser for the crawl: {str(exc).splitlines()[0]}") from exc
            context = await self._browser.new_context(**DEVICES["desktop"].playwright_args(self._browser.version))
            await context.add_init_script(BUSY_JS)
            # The page visit's pop-up blocker (a visitor's browser has one; Chromium under
            # automation does not): window.open opens nothing and tells us, counted per tab.
            await context.expose_binding("__touchpointPopup", self._blocked_popup)
            await context.add_init_script(POPUP_BLOCKER)
            await context.route("**/*", _block_heavy)
            self._context = context

    async def _tab(self) -> Page:
        """A free tab: opened when needed (a new tab costs tens of milliseconds), at most `size`."""
        if self._tabs.empty() and self._opened < self.size:
            self._opened += 1
            return await self._new_tab()
        return await self._tabs.get()

    async def _new_tab(self) -> Page:
        assert self._context is not None
        tab = await self._context.new_page()
        self._traffic[tab] = _Traffic(tab)
        self._popups[tab] = 0
        self._dialogs[tab] = 0
        tab.on("dialog", lambda dialog: self._dismiss(tab, dialog))
        tab.on("popup", lambda popup: self._popup(tab, popup))
        return tab

    def _blocked_popup(self, source: dict[str, Any], _url: str = "") -> None:
        tab = source.get("page")
        if tab in self._popups:
            self._popups[tab] += 1

    def _popup(self, tab: Page, popup: Page) -> None:
        """A window the page opened by itself (window.open): closed, as a pop-up blocker would."""
        self._popups[tab] = self._popups.get(tab, 0) + 1
        self._background(popup.close())

    def _dismiss(self, tab: Page, dialog: Any) -> None:
        self._dialogs[tab] = self._dialogs.get(tab, 0) + 1
        self._background(dialog.dismiss())

    def _background(self, awaitable: Any) -> None:
        task = asyncio.ensure_future(_quietly(awaitable))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def close(self) -> None:
        try:
            if self._context is not None:
                await asyncio.wait_for(_quietly(self._context.close()), 10)
            if self._browser is not None and not self.cdp_endpoint:
                await asyncio.wait_for(_quietly(self._browser.close()), 10)
        finally:
            if self._playwright is not None:
                await self._playwright.stop()

    async def render(self, url: str, gate: HostGate | None = None, document: Document | None = None) -> Rendered:
        """Render `url` in a free tab. With `document` (the page as the crawl already fetched it:
        status, headers, HTML) the browser is handed it instead of asking the server again (its
        scripts, styles and the rest still load); without, `gate` (the host's) spaces the
        navigation with the crawl's other requests to the host (Crawl-delay)."""
        await self.start()
        tab = await self._tab()
        budget_s = self.timeout_ms / 1000 + 8  # navigation, settling and the snapshot together
        try:
            if gate is not None and document is None:
                await gate.wait_turn()
            return await asyncio.wait_for(self._render(tab, url, document), timeout=budget_s)
        except TimeoutError:
            tab = await self._replace(tab)
            return Rendered(
                url,
                error=BusyPage(
                    url, f"{url} keeps the browser busy: its scripts did not let the page be read within {budget_s:g} s"
                ),
            )
        finally:
            self._tabs.put_nowait(tab)

    async def _replace(self, tab: Page) -> Page:
        """A tab whose page froze is closed (its renderer with it) and a fresh one takes its place."""
        await asyncio.wait_for(_quietly(tab.close(run_before_unload=False)), 5)
        self._traffic.pop(tab, None)
        self._popups.pop(tab, None)
        self._dialogs.pop(tab, None)
        return await self._new_tab()

    async def _render(self, tab: Page, url: str, document: Document | None = None) -> Rendered:
        from playwright.async_api import Error, Route

        out = Rendered(url)
        self._popups[tab] = 0
        self._dialogs[tab] = 0

        async def hand_over(route: Route) -> None:
            assert document is not None
            status, headers, html = document
            kept = {k: v for k, v in headers.items() if k.lower() not in _NOT_HANDED_OVER}
            kept["content-type"] = "text/html; charset=utf-8"
            await route.fulfill(status=status, headers=kept, body=html.encode("utf-8"))

        def is_document(address: str) -> bool:
            return canonical_url(address) == canonical_url(url)

        try:
            if document is not None:
                await tab.route(is_document, hand_over, times=1)
            response = await tab.goto(url, wait_until="load", timeout=self.timeout_ms)
            if response is None:
                raise SiteError(url, f"{url} gave the browser no response")
            out.status = response.status
            out.final = canonical_url(tab.url)
            if self.origins.internal(out.final) is None:
                out.off_site = out.final
                raise SiteError(url, f"{url} sends visitors to another site: {out.final}")
            if out.status >= 400:
                title = await tab.title() if out.status in REFUSALS else ""
                wall = bot_wall(out.status, response.headers, title)
                raise HttpErrorStatus(url, out.status, refusal_message(url, out.status, wall))
            kind = (await response.header_value("content-type") or "").split(";")[0].strip().lower()
            if kind and kind not in ("text/html", "application/xhtml+xml"):
                raise SiteError(url, f"{url} is not a web page ({kind})")
            await self._settle(tab)
            out.snapshot = await self._snapshot(tab, url)
            moved = canonical_url(tab.url)
            if self.origins.internal(moved) is None:
                out.off_site, out.snapshot, out.moved_after_load = moved, None, True
                raise SiteError(url, f"{url} sends visitors to another site after it loads: {moved} (possibly hacked)")
        except TouchpointError as exc:
            out.error = exc
        except Error as exc:
            out.error = navigation_error(url, str(exc), timeout_ms=self.timeout_ms)
        if self._popups.get(tab):
            out.notes.append(f"the page tried to open {self._popups[tab]} pop-up windows; the audit blocked them")
        if self._dialogs.get(tab):
            count = self._dialogs[tab]
            out.notes.append(f"the page showed {count} dialog boxes (alert/confirm); the audit closed them")
        return out

    async def _snapshot(self, tab: Page, url: str) -> Snapshot:
        """The snapshot, taken again if the page navigated meanwhile; a page that keeps
        navigating (a refresh every 0 s) is a finding in plain words."""
        from playwright.async_api import Error

        for attempt in range(3):
            try:
                data: dict[str, Any] = await tab.evaluate(SNAPSHOT_JS, dict(SNAPSHOT_ARGS))
                return Snapshot.from_json(data)
            except Error as exc:
                if not any(word in str(exc) for word in _RELOADING) or attempt == 2:
                    if any(word in str(exc) for word in _RELOADING):
                        break
                    raise
                await asyncio.sleep(0.5)
                with contextlib.suppress(Error):
                    await tab.wait_for_load_state("load", timeout=2000)
        raise SiteError(url, f"{url} keeps reloading itself or moving on, so a visitor cannot read it")

    async def _settle(self, tab: Page) -> None:
        """Let scripts that build the page after `load` (contacts fetched by JS) finish: wait
        until no request is in flight, no short timer of the page's is pending, and nothing has
        happened for `settle_ms`; at most 2.5 s."""
        from playwright.async_api import Error

        traffic = self._traffic[tab]
        loaded = time.monotonic()
        cap = loaded + 2.5
        quiet = self.settle_ms / 1000
        while time.monotonic() < cap:
            network_quiet = traffic.inflight <= 0 and time.monotonic() - max(traffic.last, loaded) >= quiet
            try:
                busy = await asyncio.wait_for(
                    tab.evaluate("() => window.__tpBusy ? window.__tpBusy() : null"), max(0.1, cap - time.monotonic())
                )
            except (Error, TimeoutError):
                busy = None
            if busy is None:
                # No tracker (a page that replaced window): scripts' timers start at load.
                if network_quiet and time.monotonic() - loaded >= _UNTRACKED_SETTLE_S:
                    return
            elif network_quiet and not busy["timers"] and not busy["inflight"] and busy["quiet"] >= self.settle_ms:
                return
            await asyncio.sleep(0.05)


async def _quietly(awaitable: Any) -> None:
    with contextlib.suppress(Exception):  # closing what may already be gone
        await awaitable


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
    from playwright.async_api import Error

    with contextlib.suppress(Error):  # a page's own route (the handed-over document) may have answered
        if route.request.resource_type in _BLOCKED_RESOURCES:
            await route.abort()
        else:
            await route.continue_()
