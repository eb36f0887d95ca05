"""Forms as customers meet them: a CAPTCHA stops the audit (a person must send it), a callback
form hidden behind a button is opened, and a form that fails says so."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiohttp import web

from touchpoint.attempts.form_journey import FormResult, use_form
from touchpoint.attempts.shopper import Identity
from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.demo.server import LoopbackServer

WHO = Identity(
    name="Alex Morgan",
    phone="+447911123456",
    reply_to="alex+tpabc234@shopper.example",
    token="TP-ABC234",
    subject="A question [TP-ABC234]",
    message="How much is a service? (TP-ABC234)",
)

PAGES = {
    "/captcha": """<form action="/send" method="post"><h2>Request a callback</h2>
        <input name="name"><input name="phone" type="tel"><div class="g-recaptcha" data-sitekey="x"></div>
        <button type="submit">Call me</button></form>""",
    "/popup": """<button id="open" onclick="document.getElementById('box').style.display='block'">
        Request a callback</button>
        <div id="box" style="display:none"><form id="f"><label>Your name <input name="name"></label>
        <label>Phone <input name="tel"></label><label><input type="checkbox" name="agree" required>
        I agree to the privacy policy</label><button type="submit">Send</button></form></div>
        <script>document.getElementById('f').addEventListener('submit', async (e) => { e.preventDefault();
        const r = await fetch('/send', {method: 'POST', body: new FormData(e.target)});
        document.body.insertAdjacentHTML('beforeend', r.ok ? '<p>Спасибо! Мы перезвоним вам.</p>' : '<p>Error</p>'); });
        </script>""",
    "/refused": """<form action="/refuse" method="post"><input name="email" type="email">
        <textarea name="message"></textarea>
        <button type="submit">Send</button></form>""",
}


@pytest.fixture(scope="module")
def forms_site() -> Iterator[str]:
    async def page(request: web.Request) -> web.Response:
        return web.Response(
            text=f"<!doctype html><html><body>{PAGES[request.path]}</body></html>", content_type="text/html"
        )

    async def send(request: web.Request) -> web.Response:
        await request.post()
        return web.json_response({"ok": True})

    async def refuse(request: web.Request) -> web.Response:
        return web.Response(status=422, text="Unprocessable")

    app = web.Application()
    for path in PAGES:
        app.router.add_get(path, page)
    app.router.add_post("/send", send)
    app.router.add_post("/refuse", refuse)
    with LoopbackServer(app) as server:
        yield server.base_url.rstrip("/")


def run(chromium: str, url: str, channel: str) -> FormResult:
    def go() -> FormResult:
        session = BrowserSession.launch(chromium)
        try:
            context = session.new_context(DEVICES["desktop"])
            return use_form(context, url, channel, WHO, submit=True, timeout_ms=15_000)
        finally:
            session.close()

    with ThreadPoolExecutor(1) as pool:  # one Playwright sync session a thread
        return pool.submit(go).result()


def test_a_captcha_means_a_person_must_send_it(forms_site: str, chromium: str) -> None:
    result = run(chromium, forms_site + "/captcha", "callback")
    assert result.state == "needs-person"
    assert "reCAPTCHA" in result.message and "never solved" in result.message
    assert result.network == [] and result.before is not None


def test_a_callback_form_behind_a_button_is_opened_filled_and_sent(forms_site: str, chromium: str) -> None:
    result = run(chromium, forms_site + "/popup", "callback")
    assert result.state == "sent", result.message
    assert 'opened the form with the "Request a callback" button' in result.notes
    assert ("phone", "+447911123456") in result.filled and ("consent", "check") in result.filled
    assert result.confirmation.startswith("Спасибо")
    assert result.network and result.network[-1][2] == 200


def test_a_refused_form_is_a_failure(forms_site: str, chromium: str) -> None:
    result = run(chromium, forms_site + "/refused", "quote")
    assert result.state == "failed" and "HTTP 422" in result.message
