"""A chat with the site's live chat, kept open in a browser of its own while the audit goes on.

It runs Playwright's async API in a thread of its own (like the crawl), so the widget's events
are heard the moment they happen, whatever the main thread is doing; every event carries the
browser's own clock. The vendor adapters (touchpoint/chat/vendors/*.js) are installed before
any page script, find the widget, open it, and either send through the vendor's documented call
or leave the typing to this module, which types into the widget like a visitor.

    chat = ChatSession(url, message="How much is a service?", executable=chromium).start()
    chat.wait_sent(60)
    ...                                 # the rest of the audit
    transcript = chat.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from touchpoint.browser.launch import DEVICES, chromium_flags
from touchpoint.chat import widget
from touchpoint.findability.look import CONSENT_JS

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page

__all__ = ["ADAPTERS_JS", "ChatMessage", "ChatSession", "Transcript"]

HERE = Path(__file__).parent
ADAPTERS_JS = (
    (HERE / "bridge.js").read_text(encoding="utf-8")
    + "\n"
    + "\n".join(p.read_text(encoding="utf-8") for p in sorted((HERE / "vendors").glob("*.js")))
    + "\n__tpChat.seal();\n"
)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    author: str  # agent, bot, visitor, system
    text: str
    at: datetime  # the browser's clock when the widget showed or announced it
    vendor: str = ""
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Transcript:
    url: str
    vendor: str = ""
    vendors: list[str] = field(default_factory=list)  # every vendor seen on the page
    status: str = ""  # online / offline / away as the widget says, "" if it does not
    states: list[tuple[str, datetime, str]] = field(default_factory=list)
    messages: list[ChatMessage] = field(default_factory=list)
    sent_at: datetime | None = None
    sent_by: str = ""  # "api", "typing", or "offline form" (the chat was offline; a message was left)
    # online, offline, hidden, failed to load, cannot be written in, did not open; "" when no chat came up
    state: str = ""
    errors: list[str] = field(default_factory=list)
    finding: str = ""  # why there is no conversation, when there is none
    screenshots: dict[str, bytes] = field(default_factory=dict)
    closed: bool = False


def _when(ms: Any) -> datetime:
    return datetime.fromtimestamp(float(ms) / 1000, UTC) if isinstance(ms, int | float) else datetime.now(UTC)


class ChatSession:
    def __init__(
        self,
        url: str,
        *,
        message: str,
        executable: str | None = None,
        cdp_endpoint: str | None = None,
        device: str = "desktop",
        widget_timeout_s: float = 20.0,
        greeting_wait_s: float = 3.0,
        send: bool = True,
        visitor: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.message = message
        self.executable = executable
        self.cdp_endpoint = cdp_endpoint
        self.device = device
        self.widget_timeout_s = widget_timeout_s
        self.greeting_wait_s = greeting_wait_s
        self.send = send
        self.visitor = visitor or {}  # name, email, phone: for an offline "leave a message" form
        self.transcript = Transcript(url)
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._sent = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the caller's side ------------------------------------------------------------------------

    def start(self) -> ChatSession:
        self._thread = threading.Thread(target=self._run, name="touchpoint-chat", daemon=True)
        self._thread.start()
        return self

    def wait_sent(self, timeout: float) -> bool:
        """True once the question is sent (or the session gave up: see transcript.finding)."""
        return self._sent.wait(timeout)

    def wait(self, until: Callable[[Transcript], bool], deadline: float) -> bool:
        """Wait (monotonic `deadline`) until `until(transcript)` holds; True if it did."""
        with self._lock:
            while not until(self.transcript):
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set():
                    return until(self.transcript)
                self._lock.wait(min(left, 1.0))
            return True

    def snapshot(self) -> Transcript:
        with self._lock:
            return replace(
                self.transcript,
                messages=list(self.transcript.messages),
                states=list(self.transcript.states),
                errors=list(self.transcript.errors),
                screenshots=dict(self.transcript.screenshots),
            )

    def stop(self) -> Transcript:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
        return self.snapshot()

    # -- the chat's own thread --------------------------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._chat())
        except Exception as exc:  # the session reports, never raises into the audit
            with self._lock:
                self.transcript.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
                self.transcript.finding = self.transcript.finding or "the chat could not be used (see errors)"
        finally:
            self._sent.set()
            with self._lock:
                self._lock.notify_all()

    def _event(self, source: Any, event: dict[str, Any]) -> None:
        with self._lock:
            t = self.transcript
            if event.get("type") == "message":
                t.messages.append(
                    ChatMessage(
                        author=str(event.get("author", "")),
                        text=str(event.get("text", "")),
                        at=_when(event.get("at")),
                        vendor=str(event.get("vendor", "")),
                        name=str(event.get("name", "") or ""),
                        meta=dict(event.get("meta") or {}),
                    )
                )
            elif event.get("type") == "state":
                state = str(event.get("state", ""))
                t.states.append((state, _when(event.get("at")), str(event.get("detail", ""))))
                if state in ("online", "offline"):
                    t.status = state
                if state == "closed":
                    t.closed = True
            self._lock.notify_all()

    async def _chat(self) -> None:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            if self.cdp_endpoint:
                browser = await playwright.chromium.connect_over_cdp(self.cdp_endpoint)
            else:
                browser = await playwright.chromium.launch(executable_path=self.executable, args=chromium_flags())
            try:
                context = await browser.new_context(**DEVICES[self.device].playwright_args(browser.version))
                await self._converse(context)
                await context.close()
            finally:
                if not self.cdp_endpoint:
                    await browser.close()

    async def _converse(self, context: BrowserContext) -> None:
        from playwright.async_api import Error

        await context.add_init_script(ADAPTERS_JS)
        await context.expose_binding("__tpChatEvent", self._event)
        page = await context.new_page()
        page.on("pageerror", lambda exc: self._note_error(f"the page threw: {exc}"))
        page.on("close", lambda _: self._closed("the chat page closed"))
        page.on("crash", lambda _: self._closed("the chat page crashed"))
        await page.goto(self.url, wait_until="load", timeout=45_000)
        with contextlib.suppress(Error):
            await page.evaluate(CONSENT_JS)
        vendor = await self._detect(page)
        if vendor is None:
            self._sent.set()
            return
        state = await self._status(page, vendor)
        if state.get("hidden") or state.get("shown") is False:
            how = "its API says it is hidden" if state.get("hidden") else "nothing of it shows on the page"
            self._finding(
                "hidden",
                f"the {vendor} chat is loaded but hidden ({how}): a visitor cannot see or open it"
                + (f"; it says it is {state['status']}" if state.get("status") else ""),
            )
            self.transcript.screenshots["open"] = await page.screenshot(type="jpeg", quality=70)
            self._sent.set()
            return
        await self._call(page, vendor, "open")
        opened = await self._opened(page, vendor, 5.0)
        self.transcript.screenshots["open"] = await page.screenshot(type="jpeg", quality=70)
        await self._status(page, vendor)
        await asyncio.sleep(self.greeting_wait_s)  # greetings come before the visitor writes
        if self.send:
            await self._send(page, vendor, opened)
        elif not self.transcript.state:
            self.transcript.state = "offline" if self.transcript.status == "offline" else "online"
        self._sent.set()
        while not self._stop.is_set():
            await asyncio.sleep(0.2)
            if page.is_closed():
                break
        if not page.is_closed():
            with contextlib.suppress(Error):
                self.transcript.screenshots["end"] = await page.screenshot(type="jpeg", quality=70)

    def _finding(self, state: str, finding: str) -> None:
        with self._lock:
            self.transcript.state = state
            self.transcript.finding = self.transcript.finding or finding
            self._lock.notify_all()

    async def _detect(self, page: Page) -> str | None:
        """The first vendor whose widget came up. A vendor the page shows (its snippet's global,
        its script, its frames) whose widget never comes up failed to load: that is reported, with
        what the page threw, never taken for "no chat"."""
        from playwright.async_api import Error

        deadline = time.monotonic() + self.widget_timeout_s
        found: list[dict[str, Any]] = []
        while time.monotonic() < deadline and not self._stop.is_set():
            try:
                found = await widget.scan(page)
            except Error:
                found = []
            if any(f["ready"] for f in found):
                break
            await asyncio.sleep(0.25)
        ready = [str(f["vendor"]) for f in found if f["ready"]]
        with self._lock:
            self.transcript.vendors = ready + [f["vendor"] for f in found if not f["ready"]]
            if ready:
                self.transcript.vendor = ready[0]
                return ready[0]
        if found:
            seen = found[0]
            with self._lock:
                self.transcript.vendor = seen["vendor"]
            threw = [e for e in self.transcript.errors if e.startswith("the page threw")]
            self._finding(
                "failed to load",
                f"the {seen['vendor']} chat failed to load: the page has {seen['how']}, but its widget did not come "
                f"up within {self.widget_timeout_s:g} s" + (f" ({threw[0]})" if threw else ""),
            )
        else:
            self._finding("", f"no chat widget came up within {self.widget_timeout_s:g} s")
        return None

    async def _call(self, page: Page, vendor: str, method: str, *args: Any) -> Any:
        from playwright.async_api import Error

        try:
            return await page.evaluate(
                "([v, m, args]) => { const a = window.__tpChat.adapters[v]; return a[m] ? a[m](...args) : undefined; }",
                [vendor, method, list(args)],
            )
        except Error as exc:
            self._note_error(f"{vendor}.{method}: {str(exc).splitlines()[0]}")
            return None

    async def _status(self, page: Page, vendor: str) -> dict[str, Any]:
        """The state the vendor's documented API reports: online / away / offline, hidden, open."""
        from playwright.async_api import Error

        try:
            state = await widget.state_of(page, vendor)
        except Error as exc:
            self._note_error(f"{vendor} state: {str(exc).splitlines()[0]}")
            return {}
        status = str(state.get("status") or "")
        if status:
            with self._lock:
                self.transcript.status = status if status in ("online", "away", "offline") else "offline"
        return state

    async def _opened(self, page: Page, vendor: str, seconds: float) -> bool:
        """Did the widget open: its API says so, an "open" event came, or its text box shows."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            state = await self._status(page, vendor)
            if state.get("open") or any(s == "open" for s, _, _ in self.transcript.states):
                return True
            if await widget.composer(page, vendor) is not None or await widget.contact_form(page, vendor):
                return True
            await asyncio.sleep(0.25)
        return False

    async def _send(self, page: Page, vendor: str, opened: bool) -> None:
        """Write the question as a visitor would: by the vendor's documented call, else typed into
        the widget (after its pre-chat form, if it asks for one); an offline chat's leave-a-message
        form is used when it takes an email to answer at."""
        from playwright.async_api import Error

        if self.transcript.status == "offline":
            await self._leave_message(page, vendor)
            return
        if await self._call(page, vendor, "send", self.message):
            self._mark_sent(await page.evaluate("() => Date.now()"), "api", "online")
            return
        box = await widget.composer(page, vendor)
        form = await widget.contact_form(page, vendor) if box is None else None
        if box is None and form is None and (start := await widget.start_button(page, vendor)) is not None:
            await start.click(timeout=5000)  # a home card first: "New Conversation", as a visitor clicks it
            await asyncio.sleep(0.5)
            box = await widget.composer(page, vendor)
            form = await widget.contact_form(page, vendor) if box is None else None
        # A pre-chat form (name, email) before the text box; or, with no status, an offline form.
        if form is not None and await widget.fill_contact_form(form, self.visitor, self.message):
            await asyncio.sleep(1.0)
            box = await widget.composer(page, vendor)
            if box is None:
                self._mark_sent(await page.evaluate("() => Date.now()"), "offline form", "offline")
                return
        if box is None:
            if opened:
                self._finding(
                    "cannot be written in", f"the {vendor} chat opened, but it has no text box a visitor can type in"
                )
            else:
                self._finding("did not open", f"the {vendor} chat came up but did not open when asked")
            return
        ui = await page.evaluate("(v) => (window.__tpChat.adapters[v].ui || {}).button || ''", vendor)
        try:
            await box.fill(self.message, timeout=10_000)
            if not (ui and await self._click_send(page, vendor, ui)):
                await box.press("Enter")
            self._mark_sent(await page.evaluate("() => Date.now()"), "typing", "online")
            self.transcript.screenshots["sent"] = await page.screenshot(type="jpeg", quality=70)
        except Error as exc:
            self._note_error(f"could not type into the {vendor} widget: {str(exc).splitlines()[0]}")
            self._finding(
                "cannot be written in", f"the {vendor} chat opened but the question could not be typed into it"
            )

    async def _click_send(self, page: Page, vendor: str, selector: str) -> bool:
        from playwright.async_api import Error

        scopes: list[Any] = [*await widget.vendor_frames(page, vendor), page]
        for scope in scopes:
            button = scope.locator(selector)
            try:
                if await button.count() and await button.first.is_visible():
                    await button.first.click(timeout=5000)
                    return True
            except Error:
                continue
        return False

    async def _leave_message(self, page: Page, vendor: str) -> None:
        """An offline chat: its "leave a message" form, filled with the shopper's details as a
        visitor would, when it takes an email the answer can come to. Some widgets (Crisp) take the
        message in the chat box and ask for the email after it: the question is written, then the
        email given. With no email asked for, no answer can come: reported as such."""
        from playwright.async_api import Error

        form = await widget.contact_form(page, vendor)
        wrote = False
        sent_at: Any = None
        if form is None and (box := await widget.composer(page, vendor)) is not None:
            try:
                await box.fill(self.message, timeout=10_000)
                await box.press("Enter")
                sent_at = await page.evaluate("() => Date.now()")
                wrote = True
            except Error as exc:
                self._note_error(f"could not type into the offline {vendor} widget: {str(exc).splitlines()[0]}")
            end = time.monotonic() + 5
            while wrote and form is None and time.monotonic() < end:
                await asyncio.sleep(0.25)
                form = await widget.contact_form(page, vendor)
        if form is None:
            left = "the shopper left the question, but " if wrote else "a visitor can only leave a message, and "
            self._finding("offline", f"the {vendor} chat is offline: {left}it asks for no email to answer at")
            return
        if not await widget.fill_contact_form(form, self.visitor, "" if wrote else self.message):
            self._note_error(f"the {vendor} offline form could not be used")
            self._finding("offline", f"the {vendor} chat is offline and its leave-a-message form could not be sent")
            return
        self._mark_sent(sent_at if wrote else await page.evaluate("() => Date.now()"), "offline form", "offline")
        await asyncio.sleep(1.0)
        self.transcript.screenshots["sent"] = await page.screenshot(type="jpeg", quality=70)

    def _mark_sent(self, at_ms: Any, how: str, state: str) -> None:
        with self._lock:
            self.transcript.sent_at = _when(at_ms)
            self.transcript.sent_by = how
            self.transcript.state = state
            self._lock.notify_all()

    def _note_error(self, text: str) -> None:
        with self._lock:
            self.transcript.errors.append(text[:300])
            self._lock.notify_all()

    def _closed(self, why: str) -> None:
        if self._stop.is_set():
            return  # the audit closing its own page at the end is not the chat closing
        with self._lock:
            self.transcript.closed = True
            self.transcript.states.append(("closed", datetime.now(UTC), why))
            self._lock.notify_all()
