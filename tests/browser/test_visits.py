"""Real Chromium against the demo business on 127.0.0.1: pages open, timings, and every way a
page can fail a visitor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from aiohttp import web

from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.visit import visit
from touchpoint.demo.server import DemoServer, LoopbackServer
from touchpoint.demo.site import PAGES
from touchpoint.errors import BrowserCrashed, DnsError, HttpErrorStatus, PageTimeout, RedirectLoop, TlsError
from touchpoint.pages import PageVisits, load_check

# Chromium answers this host itself, as if DNS had no such name: no query leaves the machine.
NO_SUCH_HOST = "shop.touchpoint-test.invalid"


@pytest.fixture(scope="module")
def session(chromium: str) -> Iterator[BrowserSession]:
    s = BrowserSession.launch(chromium, extra_args=[f"--host-resolver-rules=MAP {NO_SUCH_HOST} ~NOTFOUND"])
    yield s
    s.close()


@pytest.mark.parametrize("device", ["mobile", "desktop"])
def test_every_demo_page_opens_with_browser_timings(
    session: BrowserSession, demo_site: Callable[..., DemoServer], device: str
) -> None:
    server = demo_site()
    visits = PageVisits(lambda: session, timeout_ms=15_000)
    for path in PAGES:
        outcome = visits.get(path, server.base_url.rstrip("/") + path, device)
        check = load_check(outcome)
        assert check.passed, check.message
        seen = outcome.visit
        assert seen is not None
        for metric in (
            "browser:ttfb",
            "browser:first-contentful-paint",
            "browser:largest-contentful-paint",
            "browser:dom-content-loaded",
            "browser:load",
        ):
            assert metric in seen.timings, (path, metric, seen.timings)
        assert outcome.screenshot is not None and outcome.screenshot[:3] == b"\xff\xd8\xff"  # a JPEG


def test_the_server_delay_knob_shows_in_browser_ttfb(
    session: BrowserSession, demo_site: Callable[..., DemoServer]
) -> None:
    server = demo_site(server_delay_ms=700)
    context = session.new_context(DEVICES["desktop"])
    seen = visit(context.new_page(), server.base_url)
    context.close()
    # At least the delay; the upper bound is loose, other tests load this 2-core machine.
    assert 700 <= seen.timings["browser:server-time"] < 1400


def test_an_error_status_is_a_finding(session: BrowserSession, demo_site: Callable[..., DemoServer]) -> None:
    server = demo_site(broken={"/about": 503})
    visits = PageVisits(lambda: session, timeout_ms=10_000)
    outcome = visits.get("about", server.base_url + "about", "mobile")
    assert isinstance(outcome.error, HttpErrorStatus) and outcome.error.status == 503
    assert outcome.screenshot is not None  # the error page the visitor saw
    check = load_check(outcome)
    assert not check.passed and check.fails_run
    assert "answers HTTP 503" in check.message


def test_a_slow_page_times_out(session: BrowserSession, demo_site: Callable[..., DemoServer]) -> None:
    server = demo_site(server_delay_ms=3000)
    outcome = PageVisits(lambda: session, timeout_ms=800).get("home", server.base_url, "desktop")
    assert isinstance(outcome.error, PageTimeout)
    assert "did not answer within 0.8 s" in str(outcome.error)  # the connection opened, no reply came


def test_tls_dns_and_redirect_loops(
    session: BrowserSession, demo_site: Callable[..., DemoServer], redirect_loop: str
) -> None:
    server = demo_site()
    visits = PageVisits(lambda: session, timeout_ms=10_000)
    assert isinstance(visits.get("tls", server.base_url.replace("http:", "https:"), "mobile").error, TlsError)
    assert isinstance(visits.get("dns", f"http://{NO_SUCH_HOST}/", "mobile").error, DnsError)
    assert isinstance(visits.get("loop", redirect_loop, "mobile").error, RedirectLoop)


@pytest.fixture
def redirect_loop() -> Iterator[str]:
    async def bounce(request: web.Request) -> web.Response:
        raise web.HTTPFound("/b" if request.path == "/a" else "/a")

    app = web.Application()
    app.router.add_get("/a", bounce)
    app.router.add_get("/b", bounce)
    with LoopbackServer(app) as server:
        yield server.base_url + "a"


def test_a_browser_that_cannot_start_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    # Playwright's sync API allows one session a thread; the module's browser is running here.
    with ThreadPoolExecutor(1) as pool, pytest.raises(BrowserCrashed, match=r"could not start .*chromium"):
        pool.submit(BrowserSession.launch, str(fake)).result()
