"""The crawl against a site where everything goes wrong: findings, not crashes, and
never more pages than its limit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiohttp import web

from touchpoint.contacts.extract import extract
from touchpoint.crawl import crawl
from touchpoint.demo.server import LoopbackServer
from touchpoint.errors import HttpErrorStatus, PageTimeout, RedirectLoop, SiteError

LINKS = ["/slow", "/missing", "/broken", "/loop-a", "/data", "/huge", "/away", "/files/menu.pdf", "/ok/1"]


def html(body: str) -> web.Response:
    return web.Response(text=f"<!doctype html><html><body>{body}</body></html>", content_type="text/html")


async def home(request: web.Request) -> web.Response:
    links = "".join(f'<a href="{href}">{href}</a> ' for href in LINKS)
    more = "".join(f'<a href="/ok/{n}">more {n}</a> ' for n in range(2, 30))
    return html(f"<header>Call 020 7946 0321</header>{links}{more}")


async def slow(request: web.Request) -> web.Response:
    await asyncio.sleep(8)
    return html("late")


async def loop(request: web.Request) -> web.Response:
    raise web.HTTPFound("/loop-b" if request.path == "/loop-a" else "/loop-a")


async def huge(request: web.Request) -> web.Response:
    return html("<p>" + "Lorem ipsum dolor sit amet. " * 400_000 + "</p><p>020 7946 0999</p>")  # ~11 MB


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/slow", slow)
    app.router.add_get("/broken", server_error)
    app.router.add_get("/loop-a", loop)
    app.router.add_get("/loop-b", loop)
    app.router.add_get("/data", data)
    app.router.add_get("/huge", huge)
    app.router.add_get("/away", away)
    app.router.add_get("/ok/{n}", ok)
    return app


async def server_error(request: web.Request) -> web.Response:
    return web.Response(status=500, text="<h1>Server error</h1>", content_type="text/html")


async def data(request: web.Request) -> web.Response:
    return web.json_response({"not": "a page"})


async def away(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://127.0.0.2:9/elsewhere")


async def ok(request: web.Request) -> web.Response:
    return html(f"page {request.match_info['n']} <a href='/'>home</a>")


@pytest.fixture(scope="module")
def broken_site() -> Iterator[str]:
    with LoopbackServer(make_app()) as server:
        yield server.base_url


def test_every_failure_is_a_finding_and_the_limit_holds(broken_site: str, chromium: str) -> None:
    result = crawl(broken_site, limit=12, executable=chromium, page_timeout_ms=5000)
    assert len(result.pages) == 12
    assert result.unvisited > 0
    errors = {page.url.removeprefix(broken_site.rstrip("/")): page.error for page in result.pages.values()}
    assert isinstance(errors["/slow"], PageTimeout)
    assert isinstance(errors["/missing"], HttpErrorStatus) and errors["/missing"].status == 404
    assert isinstance(errors["/broken"], HttpErrorStatus) and errors["/broken"].status == 500
    assert isinstance(errors["/loop-a"], RedirectLoop)
    assert isinstance(errors["/data"], SiteError) and "not a web page (application/json)" in str(errors["/data"])
    assert isinstance(errors["/away"], SiteError)
    assert "/files/menu.pdf" not in errors  # not a page: never opened
    huge = result.pages[broken_site + "huge"]
    assert huge.snapshot is not None or isinstance(huge.error, PageTimeout)  # a finding either way, on a busy machine
    assert result.pages[broken_site].depth == 0 and result.pages[broken_site + "ok/1"].depth == 1


def test_a_10_mb_page_is_read_but_capped(broken_site: str, chromium: str) -> None:
    result = crawl(broken_site + "huge", limit=1, executable=chromium, page_timeout_ms=60_000)
    [page] = result.pages.values()
    assert page.error is None and page.snapshot is not None
    assert len(page.snapshot.html) <= 2_000_000 and "020 7946 0999" not in page.snapshot.html  # the tail is cut
    assert any("larger than 5 MB" in note for note in page.notes)  # and the finding says so


def test_a_home_page_that_moves_to_another_host_is_a_finding_not_the_site(chromium: str) -> None:
    # acme.lt -> another host: a lapsed domain's parking page, or a move the profile has not
    # caught up with. Either way the other host's contacts are not the business's: a finding.
    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://localhost:{request.url.port}/lt/")

    asked: list[str] = []

    async def lt_home(request: web.Request) -> web.Response:
        asked.append(request.path)
        return html("<a href='/lt/kontaktai'>Kontaktai</a> Domain for sale: call 020 7946 0990")

    app = web.Application()
    app.router.add_get("/", moved)
    app.router.add_get("/lt/", lt_home)
    app.router.add_get("/lt/kontaktai", ok_page)
    with LoopbackServer(app) as server:
        result = crawl(server.base_url, limit=5, executable=chromium)
    assert result.moved_to is not None and result.moved_to.startswith("http://localhost:")
    [home] = result.pages.values()
    assert home.snapshot is None and home.error is not None
    assert "redirects to another site" in str(home.error) and "localhost" in str(home.error)
    assert asked == []  # nothing of the other host was read


def test_a_home_page_that_moves_within_the_site_is_followed(chromium: str) -> None:
    # / -> /lt/ on the same host: the visitor lands there, and so does the walk.
    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("/lt/")

    async def lt_home(request: web.Request) -> web.Response:
        return html("<a href='/lt/kontaktai'>Kontaktai</a>")

    app = web.Application()
    app.router.add_get("/", moved)
    app.router.add_get("/lt/", lt_home)
    app.router.add_get("/lt/kontaktai", ok_page)
    with LoopbackServer(app) as server:
        result = crawl(server.base_url, limit=5, executable=chromium)
    assert result.moved_to is None
    contacts = [page for page in result.pages.values() if page.url.endswith("/lt/kontaktai")]
    assert contacts and contacts[0].error is None and contacts[0].depth == 1
    assert result.path_to(contacts[0].url)[-1][1] == "Kontaktai"
    assert contacts[0].rendered.startswith("contact page")  # where contacts sit needs the browser


async def ok_page(request: web.Request) -> web.Response:
    return html("Tel. +370 5 212 3456")


def test_contacts_inside_a_web_component_are_read(chromium: str) -> None:
    # A header built as a custom element keeps its links in a shadow root.
    async def home(request: web.Request) -> web.Response:
        return html(
            "<site-header></site-header><main><h1>Welcome</h1></main><script>"
            "customElements.define('site-header', class extends HTMLElement { connectedCallback() {"
            " this.attachShadow({mode: 'open'}).innerHTML = '<header><a href=\"tel:+442079460321\">Call us</a>"
            ' <p>Write to hello@bakery.co.uk</p><a href="/contact">Contact</a></header>\'; } });'
            "</script>"
        )

    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/contact", ok_page)
    with LoopbackServer(app) as server:
        result = crawl(server.base_url, limit=3, executable=chromium)
    home_page = result.pages[server.base_url]
    assert home_page.snapshot is not None
    found = extract(home_page.snapshot, "GB")
    [phone] = found.of("phone")
    assert phone.value == "+442079460321" and phone.place is not None and phone.place.region == "header"
    assert phone.place.covered is False
    assert [f.value for f in found.of("email")] == ["hello@bakery.co.uk"]
    assert any(page.url.endswith("/contact") for page in result.pages.values())  # the walk follows it too


def test_contacts_a_script_writes_late_are_waited_for_and_a_quiet_page_is_not(chromium: str) -> None:
    # The phone arrives 0.9 s after load (a timer, then a fetch): read once it is there. A page
    # with nothing more to do is read at once, not after a fixed wait.
    async def late(request: web.Request) -> web.Response:
        return html(
            "<footer id='f'>Loading…</footer><script>window.addEventListener('load', () => setTimeout(() =>"
            " fetch('/phone').then((r) => r.text()).then((t) => { document.getElementById('f').textContent = t; }),"
            " 900));</script><a href='/quiet'>Quiet</a>"
        )

    async def phone(request: web.Request) -> web.Response:
        return web.Response(text="Call 020 7946 0321")

    async def quiet(request: web.Request) -> web.Response:
        return html("Nothing more to do")

    app = web.Application()
    app.router.add_get("/", late)
    app.router.add_get("/phone", phone)
    app.router.add_get("/quiet", quiet)
    with LoopbackServer(app) as server:
        result = crawl(server.base_url, limit=2, executable=chromium, concurrency=1)
    home = result.pages[server.base_url]
    assert home.snapshot is not None
    assert [f.value for f in extract(home.snapshot, "GB").of("phone")] == ["+442079460321"]
    quiet_page = result.pages[server.base_url + "quiet"]
    assert quiet_page.seconds < home.seconds  # not held for the late page's 0.9 s
