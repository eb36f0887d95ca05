"""The crawl as a polite visitor of a small business's site, end to end on 127.0.0.1: robots.txt
(RFC 9309), Crawl-delay, Retry-After (RFC 9110), sitemaps (sitemaps.org), the site's other
addresses, pages only a browser can read, and the odd ways real small sites answer.

Each test runs its own small aiohttp site that records every request it gets, so the tests
can say what the crawl fetched, what it left alone, and when."""

from __future__ import annotations

import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from touchpoint.crawl import CrawledPage, CrawlResult, crawl
from touchpoint.demo.server import LoopbackServer

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PHONE = "020 7946 0321"
TEL = "tel:+442079460321"
TEXT = (
    "We are a family bakery in the heart of the old town. Every morning we bake sourdough, rye and "
    "cinnamon buns, and on Saturdays we run a small class for children who want to learn to knead. "
)


@dataclass(frozen=True)
class Hit:
    at: float
    path: str  # with the query, as asked
    agent: str


def html(body: str, *, head: str = "", status: int = 200) -> web.Response:
    return web.Response(
        text=f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Bakery</title>{head}</head>"
        f"<body>{body}</body></html>",
        content_type="text/html",
        status=status,
    )


def page_of(body: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return html(body)

    return handler


def robots_of(text: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=text, content_type="text/plain")

    return handler


def site(routes: dict[str, Handler], hits: list[Hit]) -> web.Application:
    """An app with `routes` (path -> handler) that writes every request it gets into `hits`."""

    @web.middleware
    async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
        hits.append(Hit(time.monotonic(), request.path_qs, request.headers.get("User-Agent", "")))
        return await handler(request)

    app = web.Application(middlewares=[record])
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    return app


def paths(hits: list[Hit]) -> list[str]:
    return [hit.path for hit in hits]


def find(pages: dict[str, CrawledPage], path: str) -> CrawledPage | None:
    """The page at `path` (with its query) on the loopback site, whatever its URL's spelling."""
    for url, page in pages.items():
        parts = urlsplit(url)
        if parts.hostname == "127.0.0.1" and (parts.path or "/") + (f"?{parts.query}" if parts.query else "") == path:
            return page
    return None


def read(result: CrawlResult, path: str) -> CrawledPage:
    page = find(result.pages, path)
    assert page is not None, f"{path} is not among the pages: {sorted(result.pages)}"
    assert page.error is None and page.snapshot is not None, f"{path} was not read: {page.error!r}"
    return page


def has_phone_link(page: CrawledPage) -> bool:
    assert page.snapshot is not None
    return any(a.href.startswith(TEL) or a.raw.startswith(TEL) for a in page.snapshot.anchors)


def listed(urls: tuple[str, ...], path: str) -> bool:
    return any(urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "") == path for u in urls)


# robots.txt ---------------------------------------------------------------------------------------


def test_robots_disallowed_pages_are_not_fetched_and_are_listed(chromium: str) -> None:
    # A WordPress-like robots.txt: a private folder, and sorted listings by a wildcard rule.
    hits: list[Hit] = []
    routes = {
        "/robots.txt": robots_of("User-agent: *\nDisallow: /private/\nDisallow: /*?sort=\n"),
        "/": page_of(
            f"<p>{TEXT}</p><nav><a href='/prices'>Prices</a> <a href='/private/prices'>Trade prices</a>"
            " <a href='/prices?sort=asc'>Cheapest first</a></nav>"
        ),
        "/prices": page_of(f"<h1>Prices</h1><p>{TEXT}</p>"),
        "/private/prices": page_of("<h1>Trade prices</h1><p>secret</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=10, executable=chromium, sitemap=False)

    asked = paths(hits)
    assert asked[0] == "/robots.txt"  # asked first
    assert "/private/prices" not in asked and "/prices?sort=asc" not in asked
    assert listed(result.disallowed, "/private/prices") and listed(result.disallowed, "/prices?sort=asc")
    assert find(result.pages, "/private/prices") is None and find(result.pages, "/prices?sort=asc") is None
    read(result, "/prices")  # the allowed sibling is crawled
    assert result.robots and not result.robots_ignored


def test_robots_group_for_touchpoint_audit_overrides_the_star_group(chromium: str) -> None:
    # RFC 9309 2.2.1: the group naming the crawler's token (matched case-insensitively) is the
    # only one it obeys; the * group is for everyone else. Longest match wins between Allow and Disallow.
    hits: list[Hit] = []
    robots = "User-agent: *\nDisallow: /\n\nUser-agent: Touchpoint-Audit\nDisallow: /staff\nAllow: /staff/contact\n"
    routes = {
        "/robots.txt": robots_of(robots),
        "/": page_of(
            f"<p>{TEXT}</p><a href='/menu'>Menu</a> <a href='/staff/rota'>Rota</a>"
            " <a href='/staff/contact'>Staff contact</a>"
        ),
        "/menu": page_of(f"<h1>Menu</h1><p>{TEXT}</p>"),
        "/staff/rota": page_of("<h1>Rota</h1>"),
        "/staff/contact": page_of(f"<h1>Staff contact</h1><p>Call {PHONE}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=10, executable=chromium, sitemap=False)

    read(result, "/")
    read(result, "/menu")
    read(result, "/staff/contact")
    assert "/staff/rota" not in paths(hits)
    assert listed(result.disallowed, "/staff/rota")
    assert not listed(result.disallowed, "/menu")


Crawled = tuple[CrawlResult, list[Hit]]


@pytest.fixture(scope="module")
def robots_503(chromium: str) -> Crawled:
    # RFC 9309 2.3.1.4: robots.txt unreachable (5xx) -> assume complete disallow.
    hits: list[Hit] = []

    async def down(request: web.Request) -> web.Response:
        return web.Response(status=503, text="Service Unavailable")

    routes = {
        "/robots.txt": down,
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a>"),
        "/menu": page_of("<h1>Menu</h1>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        return crawl(server.base_url, limit=5, executable=chromium), hits


@pytest.fixture(scope="module")
def robots_disallow_all(chromium: str) -> Crawled:
    hits: list[Hit] = []
    routes = {
        "/robots.txt": robots_of("User-agent: *\nDisallow: /\n"),
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a>"),
        "/menu": page_of("<h1>Menu</h1>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        return crawl(server.base_url, limit=5, executable=chromium), hits


@pytest.mark.parametrize("crawled", ["robots_503", "robots_disallow_all"])
def test_a_site_robots_txt_closes_has_its_start_page_as_an_error(crawled: str, request: pytest.FixtureRequest) -> None:
    result, hits = request.getfixturevalue(crawled)
    home = find(result.pages, "/")
    assert home is not None and home.snapshot is None
    assert home.error is not None and "robots.txt" in str(home.error)
    assert len(result.pages) == 1 and not result.robots_ignored
    assert not {"/", "/menu"} & set(paths(hits))  # no page was asked, by the crawl or its browser


@pytest.mark.parametrize("crawled", ["robots_503", "robots_disallow_all"])
def test_a_site_robots_txt_closes_gets_no_request_but_robots_txt(crawled: str, request: pytest.FixtureRequest) -> None:
    _, hits = request.getfixturevalue(crawled)
    assert set(paths(hits)) == {"/robots.txt"}


def test_robots_404_means_no_restrictions(chromium: str) -> None:
    # A CMS's styled 404 page for robots.txt: RFC 9309 2.3.1.3, crawl as if there were none.
    hits: list[Hit] = []

    async def missing(request: web.Request) -> web.Response:
        return html("<h1>Page not found</h1><p>Disallow: /</p>", status=404)

    routes = {
        "/robots.txt": missing,
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a> <a href='/about'>About us</a>"),
        "/menu": page_of(f"<h1>Menu</h1><p>{TEXT}</p>"),
        "/about": page_of(f"<h1>About</h1><p>{TEXT}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=5, executable=chromium, sitemap=False)

    assert paths(hits)[0] == "/robots.txt"
    for path in ("/", "/menu", "/about"):
        read(result, path)
    assert result.disallowed == () and not result.robots_ignored and result.broken == []


def test_obey_robots_false_reads_disallowed_pages_and_says_so(chromium: str) -> None:
    hits: list[Hit] = []
    routes = {
        "/robots.txt": robots_of("User-agent: *\nDisallow: /private\n"),
        "/": page_of(f"<p>{TEXT}</p><a href='/private/menu'>Staff menu</a>"),
        "/private/menu": page_of(f"<h1>Staff menu</h1><p>{TEXT}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=5, executable=chromium, sitemap=False, obey_robots=False)

    assert "/private/menu" in paths(hits)
    assert "Staff menu" in (read(result, "/private/menu").snapshot.text)  # type: ignore[union-attr]
    assert result.robots_ignored is True


@pytest.fixture(scope="module")
def crawl_delay(chromium: str) -> Crawled:
    hits: list[Hit] = []
    routes = {
        "/robots.txt": robots_of("User-agent: *\nCrawl-delay: 1\n"),
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a> <a href='/about'>About us</a>"),
        "/menu": page_of(f"<h1>Menu</h1><p>{TEXT}</p>"),
        "/about": page_of(f"<h1>About</h1><p>{TEXT}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        return crawl(server.base_url, limit=3, executable=chromium, sitemap=False, concurrency=10), hits


def gaps(times: list[float]) -> list[float]:
    return [round(b - a, 2) for a, b in itertools.pairwise(sorted(times))]


def test_crawl_delay_spaces_the_crawls_http_requests(crawl_delay: Crawled) -> None:
    result, hits = crawl_delay
    for path in ("/", "/menu", "/about"):
        read(result, path)
    ours = [hit.at for hit in hits if "touchpoint-audit" in hit.agent and hit.path != "/robots.txt"]
    assert len(ours) >= 3 and min(gaps(ours)) >= 0.9, f"gaps between the crawl's page requests: {gaps(ours)}"


def test_crawl_delay_spaces_every_page_request_to_the_host(crawl_delay: Crawled) -> None:
    # The site's owner counts requests to the host, whichever client of the crawl makes them.
    _, hits = crawl_delay
    pages = [hit.at for hit in hits if hit.path not in ("/robots.txt", "/favicon.ico")]
    assert len(pages) >= 3 and min(gaps(pages)) >= 0.9, f"gaps between page requests: {gaps(pages)}"


def test_429_with_retry_after_is_waited_for_and_retried_once(chromium: str) -> None:
    hits: list[Hit] = []
    answered: list[int] = []

    async def busy_once(request: web.Request) -> web.Response:
        if not answered:
            answered.append(429)
            return web.Response(status=429, text="Too Many Requests", headers={"Retry-After": "1"})
        answered.append(200)
        return html(f"<h1>Today's menu</h1><p>{TEXT}</p>")

    routes = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a>"),
        "/menu": busy_once,
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=3, executable=chromium, sitemap=False)

    menu = read(result, "/menu")
    assert menu.status == 200 and "Today's menu" in menu.snapshot.text  # type: ignore[union-attr]
    assert menu.notes, "no note says the page was retried after a 429"
    asked = [hit.at for hit in hits if hit.path == "/menu"]
    assert len(asked) >= 2 and asked[1] - asked[0] >= 0.9, f"/menu asked at {asked}"
    assert answered.count(429) == 1


# sitemap.xml --------------------------------------------------------------------------------------


def test_sitemap_index_orphan_page_is_unlinked_and_other_hosts_are_left_alone(chromium: str) -> None:
    hits: list[Hit] = []

    def base(request: web.Request) -> str:
        return f"http://{request.host}/"

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text=f"User-agent: *\nAllow: /\n\nSitemap: {base(request)}sitemap_index.xml\n")

    async def index(request: web.Request) -> web.Response:
        return web.Response(
            text='<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"  <sitemap><loc>{base(request)}sitemaps/pages.xml</loc><lastmod>2024-05-01</lastmod></sitemap>\n"
            "</sitemapindex>\n",
            content_type="application/xml",
        )

    async def child(request: web.Request) -> web.Response:
        urls = [base(request), f"{base(request)}menu", f"{base(request)}old-offer", "http://127.0.0.2:9/elsewhere"]
        entries = "".join(f"  <url><loc>{url}</loc><priority>0.5</priority></url>\n" for url in urls)
        return web.Response(
            text='<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n',
            content_type="application/xml",
        )

    routes = {
        "/robots.txt": robots,
        "/sitemap_index.xml": index,
        "/sitemaps/pages.xml": child,
        "/": page_of(f"<p>{TEXT}</p><a href='/menu'>Menu</a>"),
        "/menu": page_of(f"<h1>Menu</h1><p>{TEXT}</p>"),
        "/old-offer": page_of(f"<h1>Spring offer</h1><p>Two loaves for one. Call {PHONE}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=10, executable=chromium)

    asked = paths(hits)
    assert "/sitemap_index.xml" in asked and "/sitemaps/pages.xml" in asked and "/old-offer" in asked
    assert find(result.pages, "/old-offer") is None  # no link leads there: not one of the walk's pages
    orphan = find(result.unlinked, "/old-offer")
    assert orphan is not None and orphan.snapshot is not None and "Spring offer" in orphan.snapshot.text
    assert len(result.unlinked) == 1
    everything = [*result.pages, *result.unlinked]
    assert not any("127.0.0.2" in url for url in everything)  # another host in the sitemap is not the site
    read(result, "/menu")
    assert result.sitemap and any("1 of them" in note for note in result.sitemap), result.sitemap


# the site's other addresses ----------------------------------------------------------------------


def test_links_to_the_canonical_www_origin_are_crawled_on_the_sites_own_origin(chromium: str) -> None:
    # The CMS writes absolute links to the production host; the audit runs against another origin.
    hits: list[Hit] = []
    www = "http://www.kirpykla-vilnius.example"
    routes = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/kontaktai": page_of(f"<h1>Kontaktai</h1><p>Tel. <a href='{TEL}'>{PHONE}</a></p>"),
        "/kainos": page_of(f"<h1>Kainos</h1><p>{TEXT}</p>"),
    }

    async def home(request: web.Request) -> web.Response:
        body = f"<p>{TEXT}</p><nav><a href='{www}/kontaktai'>Kontaktai</a> <a href='{www}/kainos'>Kainos</a></nav>"
        return html(body, head=f"<link rel='canonical' href='{www}/'>")

    routes["/"] = home  # the home page names the production origin as its canonical address
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=5, executable=chromium, sitemap=False)

    contacts = read(result, "/kontaktai")
    assert contacts.depth == 1 and contacts.via == "Kontaktai"
    assert has_phone_link(contacts)
    read(result, "/kainos")
    assert "/kontaktai" in paths(hits) and "/kainos" in paths(hits)
    assert not any("kirpykla-vilnius" in url for url in result.pages)
    assert any(origin.rstrip("/") == www for origin in result.origins), result.origins


# pages only a browser can read -------------------------------------------------------------------


def test_a_script_built_page_is_rendered_and_plain_pages_are_read_from_html(chromium: str) -> None:
    hits: list[Hit] = []
    plain = [f"/services/{n}" for n in range(1, 7)]
    nav = "".join(f"<a href='{p}'>Service {p[-1]}</a> " for p in plain)
    routes: dict[str, Handler] = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/": page_of(f"<p>{TEXT}</p><nav><a href='/order'>Order online</a> {nav}</nav>"),
        "/order": page_of(
            "<div id='root'></div><script>"
            "document.getElementById('root').innerHTML = '<h1>Order online</h1><p>Questions? Call '"
            f" + '<a href=\"{TEL}\">' + '020 7946' + ' 0321</a></p>';"
            "</script>"
        ),
    }
    for p in plain:
        routes[p] = page_of(f"<h1>Service {p[-1]}</h1><p>{TEXT}</p><a href='/'>Home</a>")
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=10, executable=chromium, sitemap=False)

    order = read(result, "/order")
    assert order.rendered, "the page a script builds was not rendered"
    assert has_phone_link(order)
    services = [read(result, p) for p in plain]
    assert any(page.rendered == "" for page in services), [page.rendered for page in services]
    assert result.escalated == ""  # the one script-built page says so in its HTML: no surprise


def test_a_footer_phone_from_an_external_script_escalates_to_rendering_every_page(chromium: str) -> None:
    # A site builder writes the footer (phone and all) from /footer.js on every page: the HTML
    # alone never shows it, nor any inline hint; only a rendered sample can tell.
    hits: list[Hit] = []
    names = ["about", "breads", "cakes", "catering", "classes", "gallery", "faq"]
    nav = "".join(f"<a href='/{name}'>{name.title()}</a> " for name in names)

    def page(title: str) -> Handler:
        return page_of(
            f"<header><nav><a href='/'>Home</a> {nav}</nav></header><main><h1>{title}</h1><p>{TEXT}</p></main>"
            "<footer id='footer'></footer><script src='/footer.js'></script>"
        )

    async def footer(request: web.Request) -> web.Response:
        return web.Response(
            text="document.getElementById('footer').innerHTML ="
            f" '<p>Bakery Ltd, 1 Mill Lane. <a href=\"{TEL}\">Call {PHONE}</a></p>';",
            content_type="application/javascript",
        )

    routes: dict[str, Handler] = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/footer.js": footer,
        "/": page("Welcome"),
    }
    for name in names:
        routes[f"/{name}"] = page(name.title())
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=8, executable=chromium, sitemap=False)

    assert result.escalated, "the rendered sample showed a phone the HTML lacks, but the crawl did not escalate"
    assert len(result.pages) == 8 and result.broken == []
    without = [url for url, page in result.pages.items() if page.snapshot is None or not has_phone_link(page)]
    assert without == [], f"pages read without the footer phone: {without}"


# the odd ways real sites answer ------------------------------------------------------------------


def test_a_cookie_setting_self_redirect_opens(chromium: str) -> None:
    # A session/consent gate: the first visit to any page is sent back to it with a cookie.
    hits: list[Hit] = []

    def gated(body: str) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            if request.cookies.get("visited") != "1":
                response = web.Response(status=302, headers={"Location": request.path_qs})
                response.set_cookie("visited", "1", path="/")
                return response
            return html(body)

        return handler

    routes = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/": gated(f"<h1>Welcome to the bakery</h1><p>{TEXT}</p><a href='/menu'>Menu</a>"),
        "/menu": gated(f"<h1>Menu</h1><p>{TEXT}</p>"),
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=3, executable=chromium, sitemap=False)

    home = read(result, "/")
    assert home.status == 200 and "Welcome to the bakery" in home.snapshot.text  # type: ignore[union-attr]
    assert result.moved_to is None
    read(result, "/menu")


@pytest.fixture(scope="module")
def big_page(chromium: str) -> CrawledPage:
    hits: list[Hit] = []

    async def big(request: web.Request) -> web.Response:
        filler = "<p>" + "Fresh bread every morning, baked by hand. " * 25_000 + "</p>"  # about 1 MB
        return html(f"<h1>Our story</h1><p>Call {PHONE}</p>{filler}<p>END-OF-PAGE-MARKER</p>")

    routes = {
        "/robots.txt": robots_of("User-agent: *\nAllow: /\n"),
        "/": page_of(f"<p>{TEXT}</p><a href='/story'>Our story</a>"),
        "/story": big,
    }
    with LoopbackServer(site(routes, hits)) as server:
        result = crawl(server.base_url, limit=3, executable=chromium, sitemap=False, max_page_bytes=200_000)
    read(result, "/")
    return read(result, "/story")


def test_a_page_larger_than_max_page_bytes_is_read_with_a_note(big_page: CrawledPage) -> None:
    assert big_page.snapshot is not None
    assert PHONE in big_page.snapshot.text  # the head is read
    assert any("larger than 0.2 MB" in note for note in big_page.notes), big_page.notes


def test_a_page_larger_than_max_page_bytes_is_read_only_up_to_the_cap(big_page: CrawledPage) -> None:
    assert big_page.snapshot is not None
    assert "END-OF-PAGE-MARKER" not in big_page.snapshot.html
