"""robots.txt: RFC 9309 status rules, real files' shapes, pacing, and the fetch against a loopback server."""

from __future__ import annotations

import asyncio
import inspect
import socket
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiohttp import web

from touchpoint.crawl.robots import (
    AGENT_TOKEN,
    MAX_CRAWL_DELAY,
    RobotsPolicy,
    fetch_robots,
    origin_of,
    retry_after_seconds,
    robots_policy,
    user_agent_header,
)
from touchpoint.demo.server import LoopbackServer

SITE = "https://acme.example"

# RFC 9309 §5.1, as printed.
RFC_SIMPLE = """\
User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
"""

# RFC 9309 §5.2.
RFC_LONGEST = """\
User-Agent: foobot
Allow: /example/page/
Disallow: /example/page/disallowed.gif
"""

# WordPress's virtual robots.txt (since 5.5).
WORDPRESS = """\
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php

Sitemap: https://acme.example/wp-sitemap.xml
"""

# Yoast SEO's default file.
YOAST = """\
# START YOAST BLOCK
# ---------------------------
User-agent: *
Disallow:

Sitemap: https://acme.example/sitemap_index.xml
# ---------------------------
# END YOAST BLOCK
"""

OURS_VS_STAR = """\
User-agent: *
Disallow: /

User-agent: touchpoint-audit
Disallow: /private/
Crawl-delay: 2
"""


def policy(text: str, *, status: int = 200, token: str = AGENT_TOKEN) -> RobotsPolicy:
    return robots_policy(text, SITE, status=status, token=token)


def test_the_user_agent_names_our_token_and_version() -> None:
    header = user_agent_header("1.2.3")
    assert header == "Mozilla/5.0 (compatible; touchpoint-audit/1.2.3; site audit)"
    assert AGENT_TOKEN in header


def test_rfc_9309_simple_example_for_the_star_group_and_a_named_one() -> None:
    star = policy(RFC_SIMPLE)
    assert star.found and star.status == 200
    assert not star.allowed(f"{SITE}/example/x")
    assert not star.allowed(f"{SITE}/images/cat.gif")
    assert star.allowed(f"{SITE}/images/cat.gif?x=1")  # `$` anchors the end
    assert star.allowed(f"{SITE}/publications/a")
    assert star.allowed(f"{SITE}/contacts")
    foobot = policy(RFC_SIMPLE, token="foobot")
    assert not foobot.allowed(f"{SITE}/contacts")
    assert foobot.allowed(f"{SITE}/example/page.html")
    barbot = policy(RFC_SIMPLE, token="bazbot")
    assert not barbot.allowed(f"{SITE}/example/page.html") and barbot.allowed(f"{SITE}/example/other")
    assert policy(RFC_SIMPLE, token="quxbot").allowed(f"{SITE}/example/x")  # an empty group allows all


def test_rfc_9309_longest_match_wins() -> None:
    foobot = policy(RFC_LONGEST, token="foobot")
    assert foobot.allowed(f"{SITE}/example/page/")
    assert not foobot.allowed(f"{SITE}/example/page/disallowed.gif")


def test_wordpress_default_blocks_admin_but_not_ajax_and_lists_its_sitemap() -> None:
    wp = policy(WORDPRESS)
    assert not wp.allowed(f"{SITE}/wp-admin/options.php")
    assert wp.allowed(f"{SITE}/wp-admin/admin-ajax.php")
    assert wp.allowed(f"{SITE}/contact-us/")
    assert wp.sitemaps == ("https://acme.example/wp-sitemap.xml",)
    assert wp.crawl_delay is None
    assert wp.note == "robots.txt was read and followed"


def test_yoast_default_allows_everything_and_lists_the_index() -> None:
    yoast = policy(YOAST)
    assert yoast.allowed(f"{SITE}/wp-admin/")
    assert yoast.sitemaps == ("https://acme.example/sitemap_index.xml",)


def test_disallow_all_blocks_every_page_and_says_so() -> None:
    closed = policy("User-agent: *\nDisallow: /\n")
    assert not closed.allowed(f"{SITE}/")
    assert not closed.allowed(f"{SITE}/contacts")
    assert closed.allowed(f"{SITE}/robots.txt")  # robots.txt itself is always fetchable
    assert "stay away from the home page" in closed.note


def test_our_own_group_beats_the_star_group() -> None:
    ours = policy(OURS_VS_STAR)
    assert ours.allowed(f"{SITE}/contacts")
    assert not ours.allowed(f"{SITE}/private/x")
    assert ours.crawl_delay == 2.0
    other = policy(OURS_VS_STAR, token="somebot")
    assert not other.allowed(f"{SITE}/contacts") and other.crawl_delay is None


def test_a_byte_order_mark_does_not_hide_the_first_line() -> None:
    # protego alone reads "\ufeffUser-agent" as an unknown field and would allow everything
    assert not policy("\ufeffUser-agent: *\nDisallow: /\n").allowed(f"{SITE}/x")


def test_crlf_line_ends_read_like_lf() -> None:
    crlf = policy("User-agent: *\r\nDisallow: /private\r\nSitemap: /sm.xml\r\n")
    assert not crlf.allowed(f"{SITE}/private/a") and crlf.allowed(f"{SITE}/public")
    assert crlf.sitemaps == ("https://acme.example/sm.xml",)  # relative, resolved against robots.txt


def test_crawl_delay_from_the_star_group_and_its_cap() -> None:
    assert policy("User-agent: *\nCrawl-delay: 10\n").crawl_delay == 10.0
    slow = policy("User-agent: *\nCrawl-delay: 600\n")
    assert slow.crawl_delay == MAX_CRAWL_DELAY == 30.0
    assert "asks for 600 s" in slow.note and "waited 30 s" in slow.note


def test_request_rate_becomes_a_delay_and_the_slower_rule_wins() -> None:
    rate = policy("User-agent: *\nRequest-rate: 1/5\n")
    assert rate.request_rate == (1, 5) and rate.crawl_delay == 5.0
    both = policy("User-agent: *\nRequest-rate: 6/1m\nCrawl-delay: 3\n")
    assert both.crawl_delay == 10.0  # 6 a minute is one every 10 s, slower than 3 s


@pytest.mark.parametrize("status", [404, 401, 403, 410])
def test_4xx_means_no_restrictions(status: int) -> None:
    missing = robots_policy(None, SITE, status=status)
    assert not missing.found and missing.allowed(f"{SITE}/anything")
    assert f"answered {status}" in missing.note and "no restrictions" in missing.note


@pytest.mark.parametrize("status", [500, 503, 429])
def test_5xx_and_429_disallow_the_whole_site(status: int) -> None:
    down = robots_policy(None, SITE, status=status)
    assert not down.allowed(f"{SITE}/") and not down.allowed(f"{SITE}/contacts")
    assert down.note == f"robots.txt answered {status}: the crawl treated the whole site as disallowed for now"


def test_unreachable_disallows_everything() -> None:
    gone = robots_policy(None, SITE, status=None)
    assert gone.status is None and not gone.allowed(f"{SITE}/")


def test_only_the_first_500_kib_are_parsed() -> None:
    filler = "# " + "x" * 98 + "\n"
    text = "User-agent: *\nDisallow: /early\n" + filler * 6000 + "Disallow: /late\n"
    big = policy(text)
    assert not big.allowed(f"{SITE}/early/a")
    assert big.allowed(f"{SITE}/late/a")
    assert "only its first 500 KiB were read" in big.note


def test_overridden_allows_all_but_keeps_the_note_and_the_pace() -> None:
    closed = policy("User-agent: *\nDisallow: /\nCrawl-delay: 4\n")
    forced = closed.overridden()
    assert forced.allowed(f"{SITE}/contacts") and not closed.allowed(f"{SITE}/contacts")
    assert forced.crawl_delay == 4.0 and forced.overridden_by_profile
    assert forced.note.startswith(closed.note)
    assert forced.note.endswith(
        "the profile's own switch (crawl.ignore_robots) let the audit crawl pages robots.txt disallows"
    )
    assert robots_policy(None, SITE, status=503).overridden().allowed(f"{SITE}/x")


def test_a_policy_answers_only_for_its_origin() -> None:
    wp = policy(WORDPRESS)
    assert wp.allowed("HTTPS://ACME.example:443/contact-us/")
    with pytest.raises(ValueError, match=r"its own robots\.txt"):
        wp.allowed("https://www.acme.example/")
    assert origin_of("http://Acme.example:8080/a?b") == "http://acme.example:8080"


NOW = datetime(2025, 3, 7, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30.0),
        (" 0 ", 0.0),
        ("3600", 120.0),  # capped
        ("Fri, 07 Mar 2025 12:01:00 GMT", 60.0),
        ("Friday, 07-Mar-25 12:00:45 GMT", 45.0),  # RFC 850
        ("Fri Mar  7 12:00:10 2025", 10.0),  # asctime
        ("Fri, 07 Mar 2025 11:00:00 GMT", 0.0),  # already past: go now
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


def test_retry_after_a_day_away_is_capped() -> None:
    tomorrow = (NOW + timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after_seconds(tomorrow, now=NOW) == 120.0


# The fetch, against a loopback server whose /robots.txt (and other paths) each test sets.

Handler = Callable[[web.Request], web.StreamResponse | Awaitable[web.StreamResponse]]


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, dict[str, Handler]]]:
    routes: dict[str, Handler] = {}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        handler = routes.get(request.path)
        if handler is None:
            return web.Response(status=404)
        answer = handler(request)
        return await answer if inspect.isawaitable(answer) else answer

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", dispatch)
    with LoopbackServer(app) as server:
        yield server.base_url.rstrip("/"), routes
    routes.clear()


def fetch(origin: str, *, timeout: float = 10) -> RobotsPolicy:
    async def go() -> RobotsPolicy:
        async with httpx.AsyncClient(trust_env=False, headers={"User-Agent": user_agent_header("0")}) as client:
            return await fetch_robots(client, origin, timeout=timeout)

    return asyncio.run(go())


def text(body: str | bytes, status: int = 200, headers: dict[str, str] | None = None) -> Handler:
    data = body.encode() if isinstance(body, str) else body
    sent = {"Content-Type": "text/plain", **(headers or {})}
    return lambda _request: web.Response(body=data, status=status, headers=sent)


def redirect(to: str) -> Handler:
    return lambda _request: web.Response(status=302, headers={"Location": to})


def test_fetch_reads_the_rules(site: tuple[str, dict[str, Handler]]) -> None:
    origin, routes = site
    routes["/robots.txt"] = text(OURS_VS_STAR)
    got = fetch(origin)
    assert got.found and got.status == 200 and got.origin == origin
    assert got.allowed(f"{origin}/contacts") and not got.allowed(f"{origin}/private/1")
    assert got.crawl_delay == 2.0


def test_fetch_404_is_open_and_503_is_closed(site: tuple[str, dict[str, Handler]]) -> None:
    origin, routes = site
    routes["/robots.txt"] = text("not here", status=404)
    missing = fetch(origin)
    assert (missing.status, missing.found, missing.allowed(f"{origin}/x")) == (404, False, True)
    routes["/robots.txt"] = text("busy", status=503)
    busy = fetch(origin)
    assert (busy.status, busy.allowed(f"{origin}/x")) == (503, False)
    assert "503" in busy.note and "disallowed" in busy.note


def test_fetch_follows_up_to_five_redirects(site: tuple[str, dict[str, Handler]]) -> None:
    origin, routes = site
    routes["/robots.txt"] = redirect("/r1")
    for hop in range(1, 5):
        routes[f"/r{hop}"] = redirect(f"/r{hop + 1}")
    routes["/r5"] = text("User-agent: *\nDisallow: /secret\n")  # five redirects in all
    fived = fetch(origin)
    assert fived.found and not fived.allowed(f"{origin}/secret") and fived.allowed(f"{origin}/open")
    routes["/r5"] = redirect("/r6")
    routes["/r6"] = text("User-agent: *\nDisallow: /\n")  # a sixth: too many
    sixed = fetch(origin)
    assert not sixed.found and sixed.allowed(f"{origin}/secret")
    assert "redirected more than 5 times" in sixed.note


def test_fetch_reads_at_most_500_kib_even_gzipped(site: tuple[str, dict[str, Handler]]) -> None:
    import gzip

    origin, routes = site
    body = "User-agent: *\nDisallow: /early\n" + ("# " + "x" * 98 + "\n") * 60_000 + "Disallow: /late\n"
    routes["/robots.txt"] = text(gzip.compress(body.encode()), headers={"Content-Encoding": "gzip"})
    big = fetch(origin)
    assert not big.allowed(f"{origin}/early") and big.allowed(f"{origin}/late")
    assert "500 KiB" in big.note


def test_fetch_from_a_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gone = fetch(f"http://127.0.0.1:{port}")
    assert gone.status is None and not gone.allowed(f"http://127.0.0.1:{port}/")
    assert gone.note == (
        "robots.txt could not be read (the server refuses connections: nothing answers at that address), "
        "so the crawl stayed out of the site (RFC 9309)"
    )
    assert "ConnectError" not in gone.note  # the owner reads words, not the HTTP library's names


def test_fetch_that_takes_too_long_is_unreachable(site: tuple[str, dict[str, Handler]]) -> None:
    origin, routes = site

    async def slow(_request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.4)
        return web.Response(text="User-agent: *\nAllow: /\n")

    routes["/robots.txt"] = slow
    late = fetch(origin, timeout=0.1)
    assert late.status is None and not late.allowed(f"{origin}/")
    assert "took too long" in late.note
