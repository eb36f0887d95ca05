"""Self-test of the chat bed (not a pytest test): every page, driven in Chromium as a visitor would.

    .venv/bin/python -m tests.beds.chat2.selftest [CASE ...] [--browser /usr/bin/chromium] [--jobs 3]

For each case it opens the page, finds the widget, and checks the truth the page reported against the answer
key: online pages get a greeting before the visitor writes, the visitor's message, an automatic line at once
and a person's answer agent= seconds later; bot pages answer every message with a bot and never a person;
offline pages take a left message and nobody answers; hidden pages show no chat button; crashed pages throw
and draw nothing. It also checks that the documented callbacks and events fired, hooked the way a page
script would hook them. Exit status 0 when every case passes.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Browser, FrameLocator, Page, async_playwright

from tests.beds.chat2.server import CASES, CASES_BY_ID, Case, ChatBed

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Hooks a site's own script (or an audit) would set before the widget loads: the documented callbacks.
HOOKS = """
window.__bedSeen = [];
(function () {
  function seen(name, arg) {
    var shown = arg === undefined ? '' : (typeof arg === 'object' ? JSON.stringify(arg) : String(arg));
    window.__bedSeen.push([name, shown]);
  }
  window.Tawk_API = window.Tawk_API || {};
  ['onLoad', 'onStatusChange', 'onBeforeLoad', 'onChatMaximized', 'onChatHidden', 'onChatStarted',
   'onPrechatSubmit', 'onOfflineSubmit', 'onChatMessageVisitor', 'onChatMessageAgent', 'onChatMessageSystem',
   'onAgentJoinChat'].forEach(function (name) {
    window.Tawk_API[name] = function (arg) { seen('tawk.' + name, arg); };
  });
  ['jivo_onLoadCallback', 'jivo_onOpen', 'jivo_onClose', 'jivo_onChangeState', 'jivo_onMessageSent',
   'jivo_onClientStartChat', 'jivo_onIntroduction', 'jivo_onAccept', 'jivo_onMessageReceived'].forEach(function (name) {
    window[name] = function (arg) { seen(name, arg); };
  });
  window.__bedCrispHooks = function () {
    ['session:loaded', 'chat:opened', 'message:sent', 'message:received', 'website:availability:changed',
     'user:email:changed'].forEach(function (name) {
      window.$crisp.push(['on', name, function (arg) { seen('crisp.' + name, arg); }]);
    });
  };
})();
"""

QUESTION = "Hello! How much is it, and when is your next free slot?"


@dataclass
class Result:
    case: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def check(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)


class Visit:
    def __init__(self, bed: ChatBed, case: Case, page: Page, result: Result) -> None:
        self.bed, self.case, self.page, self.result = bed, case, page, result
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    # -- truth --------------------------------------------------------------------------------
    def truth(self, vendor: str | None = None) -> list[dict[str, Any]]:
        events = self.bed.truth(self.case)
        return [e for e in events if vendor is None or e.get("vendor") == vendor]

    def said(self, author: str, vendor: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.truth(vendor) if e.get("author") == author]

    def states(self, vendor: str | None = None) -> list[str]:
        return [str(e["state"]) for e in self.truth(vendor) if e.get("type") == "state"]

    async def until(self, test: Callable[[], bool], timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if test():
                return True
            await asyncio.sleep(0.2)
        return test()

    async def seen(self) -> list[tuple[str, str]]:
        raw = await self.page.evaluate("window.__bedSeen || []")
        return [(str(a), str(b)) for a, b in raw]

    async def seen_names(self) -> set[str]:
        return {name for name, _ in await self.seen()}

    # -- widgets, as a visitor finds them --------------------------------------------------------
    def tawk_frames(self) -> tuple[FrameLocator, FrameLocator]:
        frames = self.page.frame_locator('div[class^="widget-"] > iframe[title="chat widget"]')
        return frames.nth(0), frames.nth(1)

    async def tawk_write(self, text: str) -> None:
        bubble, panel = self.tawk_frames()
        if not await self.page.locator('iframe[title="chat widget"]').nth(1).is_visible():
            await bubble.locator("button.tawk-button").click()
        new = panel.locator(".tawk-new-conversation")
        if await new.count():
            await new.click()
        form = panel.locator("form.tawk-prechat-form")
        if await form.count():
            editor = panel.locator("textarea.tawk-chatinput-editor")
            self.result.check(
                await editor.is_disabled(), "tawk pre-chat: the composer should be disabled before the form"
            )
            await form.locator('input[name="name"]').fill("Alex Morgan")
            await form.locator('input[name="email"]').fill("shopper@audit.example")
            await form.locator('button[type="submit"]').click()
        editor = panel.locator("textarea.tawk-chatinput-editor")
        await editor.fill(text)
        await editor.press("Enter")

    async def jivo_write(self, text: str) -> None:
        window = self.page.locator("#jcont")
        if not await window.is_visible():
            await self.page.locator("#jvLabelWrap").click()
        box = window.locator("textarea")
        await box.fill(text)
        await box.press("Enter")

    async def crisp_write(self, text: str) -> None:
        box = self.page.locator('.crisp-client textarea[name="message_field"]')
        if not await box.is_visible():
            await self.page.locator('#crisp-chatbox a[aria-label="Open chat"]').click()
        await box.fill(text)
        await box.press("Enter")

    async def write(self, vendor: str, text: str) -> None:
        await {"tawk": self.tawk_write, "jivo": self.jivo_write, "crisp": self.crisp_write}[vendor](text)

    async def wait_widget(self, vendor: str, timeout: float = 12) -> bool:
        return await self.until(
            lambda: "loaded" in self.states(vendor) or "failed to load" in self.states(vendor), timeout
        )

    # -- the checks per state -----------------------------------------------------------------
    async def online(self, vendor: str) -> None:
        case, bot_only = self.case, not self.case["human_answer"]
        self.result.check(await self.wait_widget(vendor, 15), f"{vendor}: the widget did not load")
        status = await self.api_status(vendor)
        self.result.check(status == "online", f"{vendor}: the API says {status!r}, not online")
        if not bot_only:
            await self.until(lambda: bool(self.said("greeting", vendor)), 6)
        text = f"{QUESTION} [{case['id']}]"
        await self.write(vendor, text)
        await self.until(lambda: bool([e for e in self.said("visitor", vendor) if e.get("text") == text]), 5)
        visitor = [e for e in self.said("visitor", vendor) if e.get("text") == text]
        self.result.check(bool(visitor), f"{vendor}: the visitor's message was not reported")
        if not visitor:
            return
        wrote = int(visitor[0]["at"])
        if bot_only:
            await self.until(lambda: bool(self.said("bot", vendor)), 5)
            bots = [e for e in self.said("bot", vendor) if int(e["at"]) >= wrote]
            self.result.check(bool(bots), f"{vendor}: no bot answer")
            await self.write_again(vendor, wrote)
            await asyncio.sleep(6)
            self.result.check(not self.said("agent", vendor), f"{vendor}: a person answered on a bot-only page")
            return
        greeting = self.said("greeting", vendor)
        self.result.check(
            bool(greeting) and int(greeting[0]["at"]) < wrote, f"{vendor}: no greeting before the visitor wrote"
        )
        delay = float(case["agent_after_s"] or 4)
        await self.until(lambda: bool(self.said("agent", vendor)), delay + 6)
        quick = [
            e for e in self.truth(vendor) if e.get("author") in ("bot", "system") and 0 <= int(e["at"]) - wrote < 2500
        ]
        self.result.check(bool(quick), f"{vendor}: no automatic line right after the visitor wrote")
        agents = self.said("agent", vendor)
        self.result.check(bool(agents), f"{vendor}: no person answered within {delay + 6:.0f} s")
        if agents:
            after = (int(agents[0]["at"]) - wrote) / 1000
            self.result.notes.append(f"{vendor}: {agents[0].get('name')} answered after {after:.1f} s")
            self.result.check(
                delay - 0.3 <= after <= delay + 2, f"{vendor}: the person answered after {after:.1f} s, not {delay} s"
            )
        await self.callbacks(vendor, human=True)

    async def write_again(self, vendor: str, wrote: int) -> None:
        await self.write(vendor, "Can I talk to a person, please?")
        await self.until(lambda: len([e for e in self.said("bot", vendor) if int(e["at"]) >= wrote]) >= 2, 5)
        self.result.check(
            len([e for e in self.said("bot", vendor) if int(e["at"]) >= wrote]) >= 2,
            f"{vendor}: the bot did not answer again",
        )
        await self.callbacks(vendor, human=False)

    async def offline(self, vendor: str) -> None:
        self.result.check(await self.wait_widget(vendor), f"{vendor}: the widget did not load")
        status = await self.api_status(vendor)
        self.result.check(status in ("offline", "away"), f"{vendor}: the API says {status!r}, not offline")
        self.result.check("offline" in self.states(vendor), f"{vendor}: no offline state reported")
        page = self.page
        if vendor == "tawk":
            bubble, panel = self.tawk_frames()
            await bubble.locator("button.tawk-button").click()
            form = panel.locator("form.tawk-offline-form")
            self.result.check(
                not await panel.locator("textarea.tawk-chatinput-editor").count(),
                "tawk: a chat composer on an offline page",
            )
            await form.locator('input[name="name"]').fill("Alex Morgan")
            await form.locator('input[name="email"]').fill("shopper@audit.example")
            await form.locator('textarea[name="message"]').fill(QUESTION)
            await form.locator('button[type="submit"]').click()
        elif vendor == "jivo":
            label = await page.locator("#jvLabelWrap").inner_text()
            self.result.check("message" in label.lower(), f"jivo: the offline label reads {label!r}")
            await page.locator("#jvLabelWrap").click()
            form = page.locator("#jcont form")
            await form.locator('input[name="name"]').fill("Alex Morgan")
            await form.locator('input[name="email"]').fill("shopper@audit.example")
            await form.locator('textarea[name="message"]').fill(QUESTION)
            await form.locator('button[type="submit"]').click()
        else:
            await self.crisp_write(QUESTION)
            email = page.locator('.crisp-client input[type="email"]')
            await email.wait_for(timeout=5000)
            await email.fill("shopper@audit.example")
            await page.locator('.crisp-client .cc-msg[data-type="field"] button').click()
        left = await self.until(lambda: "offline message left" in self.states(vendor), 5)
        self.result.check(left, f"{vendor}: leaving a message was not reported")
        await asyncio.sleep(5)
        self.result.check(not self.said("agent", vendor), f"{vendor}: a person answered on an offline page")
        names = await self.seen_names()
        expected = {"tawk": "tawk.onOfflineSubmit", "jivo": "jivo_onIntroduction", "crisp": "crisp.user:email:changed"}[
            vendor
        ]
        self.result.check(expected in names, f"{vendor}: {expected} did not fire")

    async def hidden(self, vendor: str) -> None:
        self.result.check(await self.wait_widget(vendor), f"{vendor}: the widget did not load")
        await self.until(lambda: "hidden" in self.states(vendor), 3)
        self.result.check("hidden" in self.states(vendor), f"{vendor}: no hidden state reported")
        page = self.page
        if vendor == "tawk":
            self.result.check(
                await page.evaluate("Tawk_API.isChatHidden()") is True, "tawk: isChatHidden() is not true"
            )
            visible = [await f.is_visible() for f in await page.locator('iframe[title="chat widget"]').all()]
            self.result.check(bool(visible) and not any(visible), "tawk: a chat frame is visible")
        elif vendor == "jivo":
            self.result.check(await page.evaluate("jivo_api.chatMode()") == "online", "jivo: chatMode() is not online")
            self.result.check(await page.locator("#jvLabelWrap").count() == 0, "jivo: a label is drawn")
            self.result.check(not await page.locator("#jcont").is_visible(), "jivo: the chat window is visible")
        else:
            self.result.check(await page.evaluate("$crisp.is('chat:hidden')") is True, "crisp: chat:hidden is not true")
            self.result.check(not await page.locator("#crisp-chatbox").is_visible(), "crisp: the chatbox is visible")

    async def failed(self, vendor: str) -> None:
        await self.until(lambda: "failed to load" in self.states(vendor), 8)
        await asyncio.sleep(1.5)
        self.result.check("failed to load" in self.states(vendor), f"{vendor}: no failure reported")
        self.result.check(bool(self.errors), f"{vendor}: no page error was thrown")
        self.result.notes.append(f"{vendor}: " + " ".join((self.errors[0] if self.errors else "no error").split()))
        page = self.page
        drawn = {
            "tawk": 'iframe[title="chat widget"]',
            "jivo": "jdiv, #jivo-iframe-container",
            "crisp": ".crisp-client",
        }[vendor]
        self.result.check(await page.locator(drawn).count() == 0, f"{vendor}: the widget was drawn")
        ready = {
            "tawk": "window.Tawk_API && Tawk_API.onLoaded === true",
            "jivo": "typeof window.jivo_api !== 'undefined'",
            "crisp": "!!(window.$crisp && window.$crisp.is)",
        }[vendor]
        self.result.check(not await page.evaluate(ready), f"{vendor}: the widget's API came up")
        names = await self.seen_names()
        self.result.check(
            not ({"tawk.onLoad", "jivo_onLoadCallback", "crisp.session:loaded"} & names),
            f"{vendor}: a ready callback fired",
        )

    # -- documented APIs and callbacks --------------------------------------------------------------
    async def api_status(self, vendor: str) -> str:
        script = {
            "tawk": "Tawk_API.getStatus()",
            "jivo": "jivo_api.chatMode()",
            "crisp": "$crisp.is('website:available') ? 'online' : 'away'",
        }[vendor]
        return str(await self.page.evaluate(script))

    async def callbacks(self, vendor: str, human: bool) -> None:
        names = await self.seen_names()
        want = {
            "tawk": ["tawk.onStatusChange", "tawk.onChatMessageVisitor", "tawk.onChatMessageAgent"]
            + (["tawk.onLoad", "tawk.onAgentJoinChat", "tawk.onChatMessageSystem"] if human else []),
            "jivo": ["jivo_onLoadCallback", "jivo_onOpen", "jivo_onMessageSent", "jivo_onMessageReceived"]
            + (["jivo_onAccept"] if human else []),
            "crisp": ["crisp.session:loaded", "crisp.message:sent", "crisp.message:received"],
        }[vendor]
        missing = [name for name in want if name not in names]
        self.result.check(not missing, f"{vendor}: callbacks that did not fire: {missing}")


async def hook_crisp(page: Page) -> None:
    """$crisp is an array until Crisp loads (the snippet sets it): push the handlers once it exists."""
    try:
        await page.wait_for_function(
            "Array.isArray(window.$crisp) || !!(window.$crisp && window.$crisp.push)", timeout=12000
        )
        await page.evaluate("window.__bedCrispHooks()")
    except Exception as error:  # the page may have gone
        print(f"  (could not hook $crisp: {error})", file=sys.stderr)


async def run_case(browser: Browser, bed: ChatBed, case: Case) -> Result:
    result = Result(case["id"])
    started = time.monotonic()
    bed.reset(case)
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    await context.add_init_script(HOOKS)
    page = await context.new_page()
    visit = Visit(bed, case, page, result)
    try:
        await page.goto(bed.url(case), wait_until="load")
        if "crisp" in case["vendors"]:
            await hook_crisp(page)
        checks: dict[str, Callable[[str], Awaitable[None]]] = {
            "online": visit.online,
            "offline": visit.offline,
            "hidden": visit.hidden,
            "failed to load": visit.failed,
        }
        for vendor in case["vendors"]:
            await checks[case["state"]](vendor)
    except Exception as error:
        result.problems.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()
    result.seconds = time.monotonic() - started
    return result


async def main_async(cases: list[Case], browser_path: str, jobs: int) -> int:
    with ChatBed() as bed:
        print(f"chat bed on {bed.base_url}/ ({len(cases)} cases, {jobs} at a time)")
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
            gate = asyncio.Semaphore(jobs)

            async def one(case: Case) -> Result:
                async with gate:
                    result = await run_case(browser, bed, case)
                    mark = "ok  " if not result.problems else "FAIL"
                    print(
                        f"{mark} {case['id']:14} {case['state']:15} {result.seconds:5.1f} s  {'; '.join(result.notes)}"
                    )
                    for problem in result.problems:
                        print(f"       - {problem}")
                    return result

            results = await asyncio.gather(*(one(case) for case in cases))
            await browser.close()
    failed = [r.case for r in results if r.problems]
    print(
        f"{len(results) - len(failed)} of {len(results)} cases pass"
        + (f"; failing: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="case ids (default: all)")
    parser.add_argument("--browser", default="/usr/bin/chromium")
    parser.add_argument("--jobs", type=int, default=3, help="pages at a time (default 3)")
    args = parser.parse_args()
    unknown = [c for c in args.cases if c not in CASES_BY_ID]
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)}")
    cases = [CASES_BY_ID[c] for c in args.cases] if args.cases else list(CASES)
    sys.exit(asyncio.run(main_async(cases, args.browser, max(1, args.jobs))))


if __name__ == "__main__":
    main()
