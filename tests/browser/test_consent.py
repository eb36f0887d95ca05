"""Cookie and consent overlays: closed with their own button where they have one, reported
either way, and a contact they cover does not count as seen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiohttp import web

from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.demo.server import LoopbackServer
from touchpoint.findability.look import look

PAGE = """<!doctype html><html lang="{lang}"><body style="margin:0;font:16px sans-serif">
<div style="height:60px"><a href="tel:+442079460321">020 7946 0321</a></div>
<div style="height:2000px">Content</div>
<div id="banner" style="position:fixed;top:0;left:0;right:0;height:200px;background:#333;z-index:9">
  {words} {button}
</div></body></html>"""


# Usercentrics draws its banner in the shadow root of #usercentrics-root.
UC_PAGE = """<!doctype html><html lang="de"><body style="margin:0;font:16px sans-serif">
<div style="height:60px"><a href="tel:+442079460321">020 7946 0321</a></div>
<div style="height:2000px">Inhalt</div>
<div id="usercentrics-root"></div>
<script>
document.getElementById("usercentrics-root").attachShadow({mode: "open"}).innerHTML =
  '<div style="position:fixed;top:0;left:0;right:0;height:300px;background:#eee">Wir verwenden Cookies ' +
  '<button data-testid="uc-accept-all-button" onclick="this.getRootNode().host.remove()">' +
  'Alle akzeptieren</button></div>';
</script></body></html>"""


@pytest.fixture(scope="module")
def session(chromium: str) -> Iterator[BrowserSession]:
    s = BrowserSession.launch(chromium)
    yield s
    s.close()


@pytest.fixture(scope="module")
def banner_site() -> Iterator[str]:
    pages = {
        "/en": PAGE.format(
            lang="en",
            words="We use cookies to improve your visit.",
            button='<button onclick="banner.remove()">Accept all</button>',
        ),
        "/lt": PAGE.format(
            lang="lt",
            words="Šioje svetainėje naudojami slapukai.",
            button="<a href='#' onclick=\"banner.remove();return false\">Sutinku</a>",
        ),
        "/ru": PAGE.format(
            lang="ru",
            words="Мы используем файлы cookie.",
            button='<button onclick="banner.remove()">Принять</button>',
        ),
        "/en2": PAGE.format(
            lang="en",
            words="This website uses cookies.",
            button='<button onclick="banner.remove()">Accept all cookies</button>',
        ),
        # Usercentrics draws its banner in the shadow root of #usercentrics-root.
        "/uc": UC_PAGE,
        "/stuck": PAGE.format(lang="en", words="We use cookies. Read our cookie policy.", button=""),
    }

    async def handle(request: web.Request) -> web.Response:
        if request.path not in pages:
            raise web.HTTPNotFound()
        return web.Response(text=pages[request.path], content_type="text/html")

    app = web.Application()
    app.router.add_get("/{name}", handle)
    with LoopbackServer(app) as server:
        yield server.base_url


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("en", "Accept all"),
        ("en2", "Accept all cookies"),
        ("lt", "Sutinku"),
        ("ru", "Принять"),
        ("uc", "Alle akzeptieren"),
    ],
)
def test_a_banner_is_accepted_with_its_own_button(
    session: BrowserSession, banner_site: str, path: str, button: str
) -> None:
    context = session.new_context(DEVICES["desktop"])
    page = context.new_page()
    page.goto(banner_site + path)
    seen = look(page, "GB")
    context.close()
    assert seen.consent.found and seen.consent.accepted and seen.consent.button == button
    assert seen.first_screen("phone"), "the phone should be visible once the banner is gone"
    assert seen.annotated is not None


def test_a_banner_without_a_button_is_reported_and_covers_the_phone(session: BrowserSession, banner_site: str) -> None:
    context = session.new_context(DEVICES["desktop"])
    page = context.new_page()
    page.goto(banner_site + "stuck")
    seen = look(page, "GB")
    context.close()
    assert seen.consent.found and not seen.consent.accepted
    assert "had no button the audit could press" in seen.consent.describe()
    assert not seen.first_screen("phone")
    assert any(f.place is not None and f.place.covered for f in seen.contacts.of("phone"))
