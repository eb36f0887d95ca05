"""The chat widget on the page, as a visitor meets it (async, Playwright): which vendors the page
shows and whether their widgets came up, the state their documented APIs report, the widget's
own frames, its text box, and a form in it that asks for the visitor's contact details (a
pre-chat form, or an offline "leave a message" form).

    found = await scan(page)                       # [{"vendor": "tawk", "how": "its global Tawk_API", "ready": True}]
    state = await state_of(page, "tawk")           # {"status": "online", "hidden": False, "open": None}
    box = await composer(page, "tawk")             # a Locator to type into, or None
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.async_api import Frame, Locator, Page

__all__ = ["composer", "contact_form", "fill_contact_form", "scan", "start_button", "state_of", "vendor_frames"]

TEXT_BOX = "textarea, [contenteditable='true'], input[type='text']"
EMAIL = "input[type='email'], input[name*='mail' i], input[placeholder*='mail' i], input[autocomplete='email']"
SUBMIT = "button[type='submit'], input[type='submit'], button:not([type])"


async def scan(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await page.evaluate("() => window.__tpChat ? window.__tpChat.scan() : []")
    return found


async def state_of(page: Page, vendor: str) -> dict[str, Any]:
    state: dict[str, Any] = await page.evaluate("(v) => window.__tpChat.stateOf(v)", vendor)
    return state


async def _ui(page: Page, vendor: str) -> dict[str, Any]:
    ui: dict[str, Any] = await page.evaluate(
        "(v) => { const a = window.__tpChat.adapters[v] || {}; const u = a.ui || {}; const s = a.signature || {};"
        " return {frame: u.frame || '', input: u.input || '', button: u.button || '',"
        " frames: (s.frames || []).map((r) => [r.source, r.flags]), markers: s.markers || []}; }",
        vendor,
    )
    return ui


async def vendor_frames(page: Page, vendor: str) -> list[Frame]:
    """The widget's own iframes (by the adapter's frame selector and signature), largest first."""
    from playwright.async_api import Error

    ui = await _ui(page, vendor)
    patterns = [re.compile(source, re.IGNORECASE if "i" in flags else 0) for source, flags in ui["frames"]]
    found: list[tuple[float, Frame]] = []
    for frame in page.frames[1:]:
        try:
            element = await frame.frame_element()
            facts = await element.evaluate(
                "(el, sel) => ({text: ['title', 'src', 'id', 'name', 'class'].map((a) => el.getAttribute(a) || '')"
                ".join(' '), matches: !!sel && el.matches(sel), area: el.getBoundingClientRect().width *"
                " el.getBoundingClientRect().height})",
                ui["frame"],
            )
        except Error:
            continue
        if facts["matches"] or any(p.search(facts["text"]) for p in patterns):
            found.append((float(facts["area"]), frame))
    return [frame for _, frame in sorted(found, key=lambda f: -f[0])]


# A text box that belongs to a form asking for the visitor's details (a pre-chat or offline form's
# name field) is not where the question goes.
_IN_CONTACT_FORM = (
    "(el) => { const f = el.closest('form') || el.parentElement && el.parentElement.closest('[class*=form i]');"
    ' return !!(f && f.querySelector("input[type=email], input[name*=mail i]")); }'
)


async def _usable(locator: Locator, *, composer: bool = False) -> Locator | None:
    from playwright.async_api import Error

    try:
        for i in range(min(await locator.count(), 6)):
            item = locator.nth(i)
            if await item.is_visible() and await item.is_editable():
                if composer and await item.evaluate(_IN_CONTACT_FORM):
                    continue
                return item
    except Error:
        return None
    return None


async def _scopes(page: Page, vendor: str) -> list[tuple[Page | Frame, str]]:
    """Where the widget lives: its frames (anything in them is the widget's), then the page, where
    only the adapter's own selectors and markers count (the site's own forms are not the chat)."""
    ui = await _ui(page, vendor)
    scopes: list[tuple[Page | Frame, str]] = [(frame, "") for frame in await vendor_frames(page, vendor)]
    for root in [*ui["markers"]]:
        scopes.append((page, root))
    return scopes


async def composer(page: Page, vendor: str) -> Locator | None:
    """The widget's text box a visitor types into, if one shows and takes text."""
    ui = await _ui(page, vendor)
    if ui["input"]:
        if ui["frame"]:
            for frame in await vendor_frames(page, vendor):
                if found := await _usable(frame.locator(ui["input"]), composer=True):
                    return found
        elif found := await _usable(page.locator(ui["input"]), composer=True):
            return found
    for scope, root in await _scopes(page, vendor):
        selector = ", ".join(f"{root} {s}".strip() for s in TEXT_BOX.split(", "))
        if found := await _usable(scope.locator(selector), composer=True):
            return found
    return None


async def contact_form(page: Page, vendor: str) -> Locator | None:
    """A form in the widget that asks for the visitor's email (pre-chat or leave-a-message): the
    nearest element around its email field that also holds a button."""
    for scope, root in await _scopes(page, vendor):
        selector = ", ".join(f"{root} {s}".strip() for s in EMAIL.split(", "))
        email = await _usable(scope.locator(selector))
        if email is None:
            continue
        return email.locator("xpath=ancestor::*[self::form or .//button or .//input[@type='submit']][1]")
    return None


# A button that starts a conversation in a widget that opens on a home card (tawk's chat cards,
# Intercom's home, Crisp's helpdesk view): "New Conversation", "Start chat", "Send us a message".
_START = re.compile(
    r"^\W*(new (conversation|chat|message)|start (a )?(new )?(chat|conversation)|send us a message|chat with us|"
    r"message us|ask a question|начать (чат|диалог|разговор)|новый (диалог|чат)|написать (нам|сообщение)|"
    r"задать вопрос|pradėti pokalbį|naujas pokalbis|parašykite mums|rašyti)\W*$",
    re.IGNORECASE,
)


async def start_button(page: Page, vendor: str) -> Locator | None:
    """The widget's "New Conversation" / "Start chat" button, if it shows one."""
    from playwright.async_api import Error

    for scope, root in await _scopes(page, vendor):
        selector = ", ".join(f"{root} {s}".strip() for s in ("button", "[role='button']", "a"))
        buttons = scope.locator(selector)
        try:
            for i in range(min(await buttons.count(), 40)):
                button = buttons.nth(i)
                label = (await button.inner_text(timeout=1000)).strip() or str(
                    await button.get_attribute("aria-label") or ""
                )
                if _START.match(label) and await button.is_visible() and await button.is_enabled():
                    return button
        except Error:
            continue
    return None


async def fill_contact_form(form: Locator, visitor: dict[str, str], message: str) -> bool:
    """Fill the visitor's details (and the message, if it asks for one) and send it; True if sent."""
    from playwright.async_api import Error

    fields = (
        (EMAIL, visitor.get("email", "")),
        (
            "input[name*='name' i]:not([name*='mail' i]), input[autocomplete='name'], input[placeholder*='name' i]",
            visitor.get("name", ""),
        ),
        ("input[type='tel'], input[name*='phone' i]", visitor.get("phone", "")),
        ("textarea", message),  # "" when the message already went in the chat box
    )
    try:
        for selector, value in fields:
            field = await _usable(form.locator(selector))
            if value and field is not None:
                await field.fill(value, timeout=5000)
        button = form.locator(SUBMIT).first
        if await button.count():
            await button.click(timeout=5000)
        else:
            await form.locator(EMAIL).first.press("Enter")
        return True
    except Error:
        return False
