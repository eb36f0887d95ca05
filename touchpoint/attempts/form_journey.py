"""The callback or lead form, used as a customer uses it: find it (opening the pop-up if it
hides behind a "Request a callback" button), fill it, send it, and confirm from both the network
and the page that it went. A CAPTCHA means a person must do it: the audit never solves one.

    result = use_form(context, "https://acme.example/contacts", "callback", identity, submit=True)
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from touchpoint.attempts.destination import allowed, carries, host_of
from touchpoint.attempts.forms import FORMS_JS, SUCCESS_EVENTS_JS, Choice, choose_form, fill_plan, missing_required
from touchpoint.attempts.shopper import Identity
from touchpoint.findability.look import CONSENT_JS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Response, Route

__all__ = ["FormResult", "use_form"]

_CONFIRM = re.compile(
    r"thank(s| you)|we('ll| will) (call|contact|get back|be in touch)|(has|have) been (sent|received)|"
    r"request (was )?(sent|received)|successfully|спасибо|заявк\w+ (принят|отправлен|получен)|мы (перезвоним|свяжемся)|"
    r"сообщение отправлено|ačiū|išsiųsta|gavome|susisieksime|paskambinsime",
    re.IGNORECASE,
)
# What a page says when it did not take the form ("Please fill in the required fields").
_ERROR = re.compile(
    r"required|invalid|error|please (fill|enter|complete|check|correct|try again)|failed|could not be sent|"
    r"ошибк|обязательн|неверн|некорректн|не удалось|не отправлен|заполните|"
    r"klaid|privaloma|neteising|nepavyko|užpildykite",
    re.IGNORECASE,
)
_REFUSED_STATUSES = {
    "error",
    "fail",
    "failed",
    "validation_failed",
    "mail_failed",
    "spam",
    "aborted",
    "acceptance_missing",
}
_THANKS_URL = re.compile(r"thank|success|spasibo|aciu|sent|done|podyak", re.IGNORECASE)
_NOISE = re.compile(
    r"google-analytics|googletagmanager|/collect\b|metrika|yandex\.ru/watch|facebook\.com/tr|hotjar", re.IGNORECASE
)


@dataclass
class FormResult:
    state: str  # sent, dry-run, failed, needs-person, not-found, offsite (its data would leave the site)
    page_url: str
    message: str
    form: str = ""
    filled: list[tuple[str, str]] = field(default_factory=list)  # (role, value)
    network: list[tuple[str, str, int]] = field(default_factory=list)  # (method, url, status)
    confirmation: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)
    before: bytes | None = None
    after: bytes | None = None
    sent_at: datetime | None = None
    notes: list[str] = field(default_factory=list)


def _shot(page: Page) -> bytes | None:
    from playwright.sync_api import Error

    try:
        return page.screenshot(type="jpeg", quality=70, timeout=10_000)
    except Error:
        return None


def use_form(
    context: BrowserContext,
    url: str,
    channel: str,
    who: Identity,
    *,
    submit: bool,
    timeout_ms: float = 30_000,
    base_url: str = "",
    hosts: Sequence[str] = (),
) -> FormResult:
    """Find, fill and (with `submit`) send the form. Its data may only go to `base_url`'s site or
    to `hosts`: any request carrying what the shopper typed anywhere else is stopped in the
    browser before it leaves, and reported."""
    from playwright.sync_api import Error

    context.add_init_script(SUCCESS_EVENTS_JS)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load", timeout=timeout_ms)
    except Error as exc:
        return FormResult("failed", url, f"the form page did not open: {str(exc).splitlines()[0]}")
    with contextlib.suppress(Error):
        page.evaluate(CONSENT_JS)
    survey, choice = _look_for_form(page, channel, wait_ms=5000)
    if (choice.form is None or not choice.form.get("visible")) and survey.get("triggers"):
        trigger = survey["triggers"][0]
        page.click(trigger["selector"], timeout=5000)
        page.wait_for_timeout(800)
        survey = page.evaluate(FORMS_JS)
        choice = choose_form(survey, channel)
        choice_note = [f'opened the form with the "{trigger["text"]}" button']
    else:
        choice_note = []
    result = FormResult("not-found", page.url, "", notes=[*choice_note, *choice.notes])
    if choice.form is None:
        hosted = _framed_form(page, base_url or url, hosts)
        if hosted:
            result.state = "needs-person"
            result.message = (
                f"The form on {page.url} is served by {hosted} in a frame: its data goes there, not to the site, "
                "so the audit does not send it (a person can; list the host in the channel's hosts if it is yours)"
            )
        else:
            result.message = f"No form a customer could use on {page.url}: {choice.why}"
        result.before = _shot(page)
        return result
    form = choice.form
    result.form = choice.why
    if form.get("builder") == "hosted":
        result.state, result.message = "needs-person", f"The form on {page.url} is {choice.why}; a person must use it"
        result.before = _shot(page)
        return result
    if choice.captcha:
        result.state = "needs-person"
        result.message = f"The form on {page.url} is guarded by {choice.captcha}: a person must send it (never solved)"
        page.locator(form["selector"]).scroll_into_view_if_needed(timeout=5000)
        result.before = _shot(page)
        return result
    plan = fill_plan(form, who)
    for selector, role, value in plan:
        try:
            if value == "check":
                page.check(selector, timeout=5000)
            elif role == "choice":
                page.select_option(selector, value, timeout=5000)
            else:
                page.fill(selector, value, timeout=5000)
            result.filled.append((role, value if role != "message" else value[:80] + "…"))
        except Error as exc:
            result.notes.append(f"could not fill the {role} field: {str(exc).splitlines()[0]}")
    missing = missing_required(form, plan)
    if missing:
        result.notes.append(f"required fields the shopper has nothing for: {', '.join(missing)}")
    page.locator(form["selector"]).scroll_into_view_if_needed(timeout=5000)
    result.before = _shot(page)
    if missing and submit:
        # Sending it would only earn a "please fill in" and count as an attempt.
        result.state = "needs-person"
        result.message = (
            f"The form on {page.url} requires {', '.join(missing)}, which the shopper's profile does not say: "
            "a person must send it (or set the form's fields in the profile)"
        )
        return result
    if not submit:
        result.state = "dry-run"
        result.message = f"Found and filled the form on {page.url} ({choice.why}); not sent"
        return result
    guard = _Guard(base_url or url, hosts, [who.reply_to, who.phone, who.token])
    guard.wait_ms = min(timeout_ms, 15_000)
    return _send(page, form, result, timeout_ms, guard)


def _framed_form(page: Page, base_url: str, hosts: Sequence[str]) -> str:
    """The host of a frame from another site that holds a contact form (a hosted form), or ""."""
    from playwright.sync_api import Error

    for frame in page.frames[1:]:
        if allowed(frame.url, base_url, hosts):
            continue
        try:
            fields = frame.locator("form input[type=email], form input[type=tel], form textarea").count()
        except Error:
            continue
        if fields:
            return host_of(frame.url)
    return ""


class _Guard:
    """Watches every request of the page while the form is sent: one that carries what the shopper
    typed to a host it may not go to is aborted before it leaves; the first that leaves for the site
    is the moment the attempt was made (whatever the click, the answer or the page do after)."""

    def __init__(self, base_url: str, hosts: Sequence[str], values: Sequence[str]) -> None:
        self.base_url = base_url
        self.hosts = tuple(hosts)
        self.values = [v for v in values if v]
        self.blocked: list[str] = []
        self.left: list[tuple[datetime, str, str]] = []  # (when, method, url) of our data leaving for the site
        self.passed_on = ""  # a redirect that would have passed the data on to another host
        self.unanswered = ""  # the site took the request and gave no answer
        self.wait_ms = 15_000.0

    def handle(self, route: Route, request: Request) -> None:
        from playwright.sync_api import Error

        try:
            body = request.post_data_buffer or b""
        except Error:
            body = b""
        payload = f"{request.url}\n{body.decode('utf-8', 'replace')}"
        try:
            if not carries(payload, self.values):
                route.continue_()
                return
            if not allowed(request.url, self.base_url, self.hosts):
                self.blocked.append(f"{request.method} {request.url.split('?')[0]}")
                route.abort("blockedbyclient")
                return
            self.left.append((datetime.now(UTC), request.method, request.url))
            self._to_the_site(route, request)
        except Error:
            pass  # the page went away meanwhile

    def _to_the_site(self, route: Route, request: Request) -> None:
        """Our data goes to the site: sent on our side, without following redirects, so that a
        redirect passing it on to another host (307 re-sends the body, a 302 may carry it in its
        address) is seen and stopped before the browser follows it."""
        from playwright.sync_api import Error

        try:
            response = route.fetch(max_redirects=0, timeout=self.wait_ms)
        except Error as exc:  # the site does not answer: it has the request, the browser gets nothing
            self.unanswered = str(exc).splitlines()[0] if str(exc) else "no answer"
            route.abort("timedout")
            return
        location = response.headers.get("location", "")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location)
            resent = response.status in (307, 308)
            if not allowed(target, self.base_url, self.hosts) and (resent or carries(target, self.values)):
                self.blocked.append(f"{request.method if resent else 'GET'} {target.split('?')[0]} (redirect)")
                self.passed_on = target
                route.fulfill(status=200, content_type="text/html", body=_STOPPED.format(host=host_of(target)))
                return
        route.fulfill(response=response)


# What the browser shows instead of following a redirect that would carry the visitor's data away.
_STOPPED = (
    "<!doctype html><title>Stopped</title><p>The site answered with a redirect to {host}, which would pass the "
    "form's data on there; the audit did not follow it.</p>"
)


def _json_refusal(response: Response) -> str | None:
    """A form endpoint's JSON that says no despite HTTP 200: {"success": false},
    {"status": "validation_failed"} (Contact Form 7), {"error": "..."}."""
    from playwright.sync_api import Error

    if "json" not in (response.headers.get("content-type") or ""):
        return None
    try:
        data = response.json()
    except (Error, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    for key in ("success", "ok"):
        if data.get(key) is False:
            return f'{{"{key}": false}}'
    status = str(data.get("status", "")).lower()
    if status in _REFUSED_STATUSES:
        return f'{{"status": "{status}"}}'
    if data.get("success") is not True and data.get("ok") is not True:
        for key in ("error", "errors"):
            if data.get(key):
                return f'{{"{key}": {str(data[key])[:80]}}}'
    return None


def _look_for_form(page: Page, channel: str, *, wait_ms: float) -> tuple[dict[str, Any], Choice]:
    """The page's forms, looked at again for a few seconds while none fits: form builders
    (HubSpot, Bitrix24, Wix) draw theirs after the page's load event."""
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        survey: dict[str, Any] = page.evaluate(FORMS_JS)
        choice = choose_form(survey, channel)
        found = choice.form is not None and choice.form.get("visible")
        if found or survey.get("triggers") or time.monotonic() >= deadline:
            return survey, choice
        page.wait_for_timeout(500)


def _send(page: Page, form: dict[str, Any] | Any, result: FormResult, timeout_ms: float, guard: _Guard) -> FormResult:
    from playwright.sync_api import Error

    before_text = page.inner_text("body")
    before_url = page.url
    responses: list[Response] = []
    page.on("response", lambda r: responses.append(r) if r.request.method in ("POST", "PUT") else None)
    page.route("**/*", guard.handle)
    pressed_at = datetime.now(UTC)
    try:
        if form.get("submit"):
            page.click(form["submit"], timeout=5000, no_wait_after=True)
        else:
            page.locator(form["selector"]).evaluate("f => f.requestSubmit ? f.requestSubmit() : f.submit()")
    except Error as exc:
        page.wait_for_timeout(500)
        if not guard.left:  # nothing left the browser: nothing was sent
            result.state = "failed"
            result.message = f"the send button could not be pressed: {str(exc).splitlines()[0]}"
            if guard.blocked:
                return _offsite(result, guard)
            return result
        result.notes.append(f"the send button did not answer as a button should: {str(exc).splitlines()[0]}")
    pressed = time.monotonic()
    deadline = pressed + min(timeout_ms, 15_000) / 1000
    confirmation = error = ""
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        try:
            result.events = page.evaluate("window.__tpFormEvents || []")
            after_text = page.inner_text("body")
        except Error:
            continue  # navigating: look again on the next page
        fresh = "\n".join(line for line in after_text.splitlines() if line.strip() and line not in before_text)
        match = _CONFIRM.search(fresh)
        if match:
            confirmation = next(line for line in fresh.splitlines() if _CONFIRM.search(line)).strip()[:200]
        error = next((line.strip()[:200] for line in fresh.splitlines() if _ERROR.search(line)), "")
        if confirmation or result.events or (page.url != before_url and _THANKS_URL.search(page.url)):
            break
        if error and (responses or time.monotonic() - pressed > 2):
            break
    page.wait_for_timeout(300)
    with contextlib.suppress(Error):
        page.unroute("**/*", guard.handle)
    result.sent_at = guard.left[0][0] if guard.left else pressed_at
    if guard.blocked and not guard.left:
        result.after = _shot(page)
        return _offsite(result, guard)
    if guard.passed_on:
        result.notes.append(
            f"the site passes the form on to {host_of(guard.passed_on)} by a redirect; the audit did not follow it"
        )
    elif guard.blocked:
        result.notes.append(
            f"a script on the page also sent what the shopper typed to {_hosts(guard.blocked)} (an analytics or "
            "marketing tag?); the audit stopped it: your visitors' details go there"
        )
    result.network = [(r.request.method, r.url, r.status) for r in responses if not _NOISE.search(r.url)]
    result.confirmation = confirmation
    result.after = _shot(page)
    refusal = next((why for r in responses if (why := _json_refusal(r))), None)
    failed_event = next((e for e in result.events if not e.get("ok")), None)
    ok_event = next((e for e in result.events if e.get("ok")), None)
    statuses = [status for _, _, status in result.network]
    if failed_event:
        result.state, result.message = "failed", f"{failed_event['builder']} reported {failed_event['event']}"
        if error:
            result.message += f': "{error}"'
    elif refusal or (error and not confirmation and not ok_event):
        said = f'the page said "{error}"' if error else "the page said nothing"
        answer = f"the site answered {refusal}" if refusal else ""
        if not answer and statuses:
            answer = f"the site answered HTTP {statuses[-1]}"
        result.state, result.message = "failed", f"The form was not taken: {', '.join(x for x in (said, answer) if x)}"
    elif any(s >= 400 for s in statuses) and not any(200 <= s < 300 for s in statuses):
        if guard.left and statuses[-1] >= 500:
            # The site failed on it (a 4xx is a refusal; a 5xx may have been taken): never sent again
            result.state, result.confirmation = "sent", "unknown"
            result.message = (
                f"Sent the form on {result.page_url}, but the site answered HTTP {statuses[-1]}: sent, confirmation "
                "unknown. It is not sent again"
            )
        else:
            result.state, result.message = "failed", f"the site answered HTTP {statuses[-1]} to the form"
    elif confirmation or ok_event or (page.url != before_url and _THANKS_URL.search(page.url)):
        said = (
            f'the page said "{confirmation}"'
            if confirmation
            else (f"{ok_event['builder']} reported {ok_event['event']}" if ok_event else f"it went on to {page.url}")
        )
        network = f", and the site answered HTTP {statuses[-1]}" if statuses else ""
        result.state, result.message = "sent", f"Sent the form on {result.page_url}: {said}{network}"
    elif any(200 <= s < 300 for s in statuses):
        result.state = "sent"
        result.message = (
            f"Sent the form on {result.page_url}: the site answered HTTP {statuses[-1]}, the page said nothing"
        )
    elif guard.left:
        method, url, waited = guard.left[0][1], guard.left[0][2], time.monotonic() - pressed
        result.state = "sent"
        result.confirmation = "unknown"
        result.message = (
            f"Sent the form on {result.page_url} ({method} {url.split('?')[0]} left the browser), but the site gave "
            f"no answer within {waited:.0f} s: sent, confirmation unknown. It is not sent again"
        )
    else:
        result.state, result.message = "failed", "the page gave no sign that the form was sent"
    return result


def _hosts(requests: Sequence[str]) -> str:
    found = [urlsplit(r.split(" ", 1)[-1]).hostname or "?" for r in requests]
    return ", ".join(dict.fromkeys(found))


def _offsite(result: FormResult, guard: _Guard) -> FormResult:
    """Its data would go to another host: stopped in the browser, reported, never sent."""
    result.state = "offsite"
    result.message = (
        f"This form sends your visitors' data to {_hosts(guard.blocked)}, not to the site itself: the audit did not "
        "send it (forms are only used on the profile's own site; if that is your form provider, list it in the "
        "channel's hosts)"
    )
    result.network = [("blocked", r, 0) for r in guard.blocked]
    return result
