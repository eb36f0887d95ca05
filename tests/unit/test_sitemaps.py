"""Sitemaps: one document parsed from bytes, and the bounded walk against a loopback server."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Callable, Iterator, Sequence
from urllib.parse import urlsplit

import httpx
import pytest
from aiohttp import web

from touchpoint.crawl.sitemaps import SitemapResult, parse_sitemap, sitemap_pages
from touchpoint.demo.server import LoopbackServer

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str) -> bytes:
    items = "".join(f"<url><loc>{loc}</loc><lastmod>2025-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>{items}</urlset>\n'.encode()


def index(*locs: str) -> bytes:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {NS}>{items}</sitemapindex>\n'.encode()


def test_a_urlset_gives_its_pages_in_order() -> None:
    doc = parse_sitemap(urlset("https://a.example/", " https://a.example/contacts\n", "https://a.example/b"), "s")
    assert doc.kind == "urlset"
    assert doc.pages == ("https://a.example/", "https://a.example/contacts", "https://a.example/b")
    assert doc.sitemaps == () and doc.notes == ()


def test_an_index_gives_its_children() -> None:
    doc = parse_sitemap(index("https://a.example/s1.xml", "https://a.example/s2.xml.gz"), "s")
    assert (doc.kind, doc.pages) == ("index", ())
    assert doc.sitemaps == ("https://a.example/s1.xml", "https://a.example/s2.xml.gz")


def test_a_gzipped_urlset_is_unpacked() -> None:
    doc = parse_sitemap(gzip.compress(urlset("https://a.example/x")), "s.xml.gz")
    assert doc.pages == ("https://a.example/x",) and doc.notes == ()


def test_a_gz_bomb_is_cut_off_at_max_bytes() -> None:
    bomb = gzip.compress(urlset("https://a.example/first") + b" " * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    doc = parse_sitemap(bomb, "bomb.xml.gz", max_bytes=1_000_000)
    assert doc.pages == ("https://a.example/first",)  # what came before the padding is kept
    assert doc.notes[0] == (
        "bomb.xml.gz unpacks to more than 1 MB: unpacking stopped there and only that part was read"
    )


def test_entities_are_not_expanded() -> None:
    small = b'<!DOCTYPE x [<!ENTITY a "aa">]><urlset><url><loc>https://a.example/&a;</loc></url></urlset>'
    assert parse_sitemap(small, "s").pages == ("https://a.example/",)  # expanded, it would end in /aa
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    laughs = f'<!DOCTYPE x [<!ENTITY l0 "lol">{lol}]><urlset><url><loc>https://a.example/&l9;</loc></url></urlset>'
    doc = parse_sitemap(laughs.encode(), "lol.xml")
    assert all(len(page) < 100 for page in doc.pages)  # libxml2 may also refuse the file outright


def test_a_plain_text_sitemap_skips_lines_that_are_not_urls() -> None:
    doc = parse_sitemap(b"\xef\xbb\xbfhttps://a.example/\r\nhello there\r\n\r\nhttps://a.example/p\r\n", "s.txt")
    assert (doc.kind, doc.pages) == ("text", ("https://a.example/", "https://a.example/p"))
    assert doc.notes == ("s.txt is a plain-text sitemap; lines in it that are not web addresses were skipped (1)",)


def test_a_web_page_is_not_a_sitemap() -> None:
    doc = parse_sitemap(b"<!DOCTYPE html><html><body><a href='/x'>x</a></body></html>", "sitemap.xml")
    assert (doc.kind, doc.pages) == ("none", ())
    assert doc.notes == ("sitemap.xml is a web page, not a sitemap: no pages were read from it",)


def test_broken_xml_keeps_what_came_before_the_break() -> None:
    whole = urlset("https://a.example/1", "https://a.example/2")
    doc = parse_sitemap(whole[: whole.index(b"example/2")], "s.xml")
    assert doc.pages == ("https://a.example/1",)
    assert doc.notes[0].startswith("s.xml breaks off or has an XML error")


def test_other_xml_and_garbage_are_noted() -> None:
    assert parse_sitemap(b"<rdf><x/></rdf>", "s").notes == (
        "s is XML but not a sitemap (its root is <rdf>): no pages were read from it",
    )
    assert parse_sitemap(b"\x00\x01binary", "s").notes == (
        "s is neither XML nor a list of web addresses: no pages were read from it",
    )


def test_rss_and_atom_feeds_count_as_sitemaps() -> None:
    rss = b"<rss version='2.0'><channel><link>https://a.example/</link><item><link>https://a.example/p1</link></item></channel></rss>"
    assert parse_sitemap(rss, "feed").pages == ("https://a.example/p1",)
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><link href='https://a.example/'/>"
        b"<entry><link rel='alternate' href='/p2'/><link rel='edit' href='/edit'/></entry></feed>"
    )
    assert parse_sitemap(atom, "https://a.example/feed.atom").pages == ("https://a.example/p2",)


# The walk, against a loopback server.

Handler = Callable[[web.Request], web.StreamResponse]


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, dict[str, Handler]]]:
    routes: dict[str, Handler] = {}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        handler = routes.get(request.path)
        return handler(request) if handler else web.Response(status=404, text="no")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", dispatch)
    with LoopbackServer(app) as server:
        yield server.base_url.rstrip("/"), routes


@pytest.fixture
def routes(site: tuple[str, dict[str, Handler]]) -> Iterator[dict[str, Handler]]:
    yield site[1]
    site[1].clear()


def serve(body: bytes, content_type: str = "application/xml", **headers: str) -> Handler:
    return lambda _request: web.Response(body=body, headers={"Content-Type": content_type, **headers})


def walk(
    origin: str, urls: Sequence[str], *, limit: int = 50, max_bytes: int = 10_000_000, max_files: int = 20
) -> SitemapResult:
    host = urlsplit(origin).netloc

    async def go() -> SitemapResult:
        async with httpx.AsyncClient(trust_env=False) as client:
            return await sitemap_pages(
                client,
                urls,
                same_site=lambda url: urlsplit(url).netloc == host,
                limit=limit,
                max_bytes=max_bytes,
                max_files=max_files,
            )

    return asyncio.run(go())


def test_an_index_with_two_children_one_gzipped(
    site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]
) -> None:
    origin = site[0]
    routes["/sitemap_index.xml"] = serve(index(f"{origin}/pages.xml", f"{origin}/posts.xml.gz"))
    routes["/pages.xml"] = serve(urlset(f"{origin}/", f"{origin}/contacts"))
    routes["/posts.xml.gz"] = serve(gzip.compress(urlset(f"{origin}/blog/1", f"{origin}/contacts")), "application/gzip")
    result = walk(origin, [f"{origin}/sitemap_index.xml"])
    assert result.pages == (f"{origin}/", f"{origin}/contacts", f"{origin}/blog/1")  # de-duplicated, in order
    assert result.files == (f"{origin}/sitemap_index.xml", f"{origin}/pages.xml", f"{origin}/posts.xml.gz")
    assert result.notes == ()


def test_pages_and_children_on_other_sites_are_left_out(
    site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]
) -> None:
    origin = site[0]
    routes["/sitemap.xml"] = serve(index(f"{origin}/a.xml", "https://cdn.example/elsewhere.xml"))
    routes["/a.xml"] = serve(urlset(f"{origin}/mine", "https://other.example/theirs", "ftp://x.example/f"))
    result = walk(origin, [f"{origin}/sitemap.xml"])
    assert result.pages == (f"{origin}/mine",)
    assert "https://cdn.example/elsewhere.xml" not in result.files
    assert "the sitemaps list 1 addresses on other sites; they were left out" in result.notes
    assert "1 sitemaps on other sites were not read (the first: https://cdn.example/elsewhere.xml)" in result.notes


def test_a_missing_sitemap_is_a_note(site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]) -> None:
    origin = site[0]
    result = walk(origin, [f"{origin}/sitemap.xml"])
    assert result.pages == ()
    assert result.notes == (f"{origin}/sitemap.xml answered 404: there is no sitemap there",)


def test_a_gz_bomb_file_is_cut_off(site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]) -> None:
    origin = site[0]
    routes["/bomb.xml.gz"] = serve(gzip.compress(urlset(f"{origin}/ok") + b" " * 20_000_000), "application/gzip")
    result = walk(origin, [f"{origin}/bomb.xml.gz"], max_bytes=500_000)
    assert result.pages == (f"{origin}/ok",)
    assert f"{origin}/bomb.xml.gz unpacks to more than 0.5 MB" in result.notes[0]


def test_a_content_encoding_bomb_is_cut_off(site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]) -> None:
    origin = site[0]
    body = gzip.compress(urlset(f"{origin}/ok") + b" " * 20_000_000)
    routes["/sitemap.xml"] = serve(body, **{"Content-Encoding": "gzip"})
    result = walk(origin, [f"{origin}/sitemap.xml"], max_bytes=500_000)
    assert result.pages == (f"{origin}/ok",)
    assert result.notes[0] == f"{origin}/sitemap.xml unpacks to more than 0.5 MB: unpacking stopped there"


def test_a_sitemap_larger_than_max_bytes_is_read_in_part(
    site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]
) -> None:
    origin = site[0]
    routes["/big.xml"] = serve(urlset(*(f"{origin}/p{i}" for i in range(20_000))))
    result = walk(origin, [f"{origin}/big.xml"], limit=100_000, max_bytes=100_000)
    assert 100 < len(result.pages) < 20_000 and result.pages[0] == f"{origin}/p0"
    assert result.notes[0] == f"{origin}/big.xml is larger than 0.1 MB: only its first 0.1 MB were read"


def test_the_content_type_does_not_decide(site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]) -> None:
    origin = site[0]
    routes["/sitemap.xml"] = serve(urlset(f"{origin}/x"), "text/html")  # a sitemap served as a web page
    routes["/soft404.xml"] = serve(b"<!doctype html><title>Home</title>", "text/xml")  # a web page served as XML
    result = walk(origin, [f"{origin}/sitemap.xml", f"{origin}/soft404.xml"])
    assert result.pages == (f"{origin}/x",)
    assert result.notes == (f"{origin}/soft404.xml is a web page, not a sitemap: no pages were read from it",)


def test_limit_max_files_and_robots_are_honoured(
    site: tuple[str, dict[str, Handler]], routes: dict[str, Handler]
) -> None:
    origin = site[0]
    children = [f"{origin}/c{i}.xml" for i in range(5)]
    routes["/sitemap.xml"] = serve(index(*children))
    for i in range(5):
        routes[f"/c{i}.xml"] = serve(urlset(f"{origin}/page{i}"))
    capped = walk(origin, [f"{origin}/sitemap.xml"], max_files=3)
    assert capped.pages == (f"{origin}/page0", f"{origin}/page1")
    assert "the sitemaps run to more than 3 files: the audit read 3 and left the rest" in capped.notes
    limited = walk(origin, [f"{origin}/sitemap.xml"], limit=2)
    assert limited.pages == (f"{origin}/page0", f"{origin}/page1")
    assert "the sitemaps list more than 2 pages: the audit took the first 2" in limited.notes

    async def go() -> SitemapResult:
        async with httpx.AsyncClient(trust_env=False) as client:
            return await sitemap_pages(
                client,
                [f"{origin}/sitemap.xml"],
                same_site=lambda _url: True,
                limit=10,
                allowed=lambda url: not url.endswith("c1.xml"),
            )

    polite = asyncio.run(go())
    assert f"{origin}/page1" not in polite.pages and len(polite.pages) == 4
    assert f"{origin}/c1.xml is disallowed by robots.txt, so it was not read" in polite.notes
