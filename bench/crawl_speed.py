"""How fast the crawl walks a site: a generated 200-page site on 127.0.0.1, crawled and every
page extracted (phones, emails, socials, structured data), as the audit does it, twice in one
run: the hybrid crawl (HTTP fetch and static read, the browser only for the home page, contact
pages, pages scripts build and a sample) and the all-rendered crawl (every page in Chromium).

Each generated page has a header with a phone, a menu, links to ten other pages, a footer with
social links and JSON-LD, and a paragraph of text.

Two sites: the static one (no page built by scripts: the target, at least 100 pages/s for the
hybrid crawl on a 2-core machine) and the mixed one (every tenth page adds a phone to its footer
by script, which the hybrid crawl must render to find). For each, pages per second of both
crawls, the ratio, whether both found the same contacts, and which pages the hybrid rendered and
why; then how long the two candidate HTML parsers take to read the same pages (selectolax/lexbor,
which the crawl uses, and BeautifulSoup with lxml, the design card's default).

    .venv/bin/python bench/crawl_speed.py [--pages 200] [--concurrency 10]

Measured (2 cores, the machine otherwise idle, one run, 2026-12-04): static site, hybrid 136 pages/s
(1.47 s, browser start included; 3 pages rendered: the home page and 2 samples), all-rendered 19.5
pages/s (x7.0), the same 796 contacts; mixed site, hybrid 68 pages/s (23 rendered: the 20 pages
with a phone in their scripts, the home page, 2 samples), all-rendered 20 pages/s (x3.3), the same
797 contacts. The rendered crawl before the hybrid one (issue 13's starting point): 12.5 pages/s.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from touchpoint.browser.find import find_browser
from touchpoint.contacts.extract import extract
from touchpoint.contacts.snapshot import TEXT_HINT
from touchpoint.crawl import CrawlResult, crawl
from touchpoint.crawl.static import static_snapshot
from touchpoint.demo.server import LoopbackServer

PAGE = (Path(__file__).parent / "generated_page.html").read_text(encoding="utf-8")
SCRIPT = (
    "<script>setTimeout(() => document.getElementById('f')"
    ".insertAdjacentHTML('beforeend', ' · +44 20 7946 0999'), 50)</script>"
)


def make_app(pages: int, script_every: int = 10) -> web.Application:
    def script(n: int) -> str:
        return SCRIPT if script_every and n % script_every == 0 else ""

    async def page(request: web.Request) -> web.Response:
        n = int(request.match_info.get("n", "0"))
        if n >= pages:
            raise web.HTTPNotFound()
        links = "".join(
            f'<li><a href="/p/{(n * 7 + k * 13 + 1) % pages}">Item {(n * 7 + k * 13 + 1) % pages}</a></li>'
            for k in range(10)
        )
        nav = " ".join(f'<a href="/p/{k}">Section {k}</a>' for k in range(1, 6))
        text = "Fresh goods every day, delivered across the city. " * 20
        html = PAGE.format(
            n=n,
            tail=n % 1000,
            nav=nav,
            links=links,
            text=text,
            script=SCRIPT if script_every and n % script_every == 0 else "",
        )
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", page)
    app.router.add_get("/p/{n}", page)
    return app


async def fetch_all(base: str, pages: int) -> float:
    started = time.perf_counter()
    async with httpx.AsyncClient() as client:
        for chunk in range(0, pages, 8):
            await asyncio.gather(*(client.get(f"{base}p/{n}") for n in range(chunk, min(pages, chunk + 8))))
    return time.perf_counter() - started


def _contacts(result: CrawlResult) -> set[tuple[str, str]]:
    return {(f.channel, f.value) for p in result.ok if p.snapshot is not None for f in extract(p.snapshot, "GB").found}


def _parse_only(base: str, pages: int) -> tuple[float, float]:
    """Seconds to parse the pages and nothing else: lexbor (selectolax) and BeautifulSoup with lxml."""
    from bs4 import BeautifulSoup
    from selectolax.lexbor import LexborHTMLParser

    bodies = [httpx.get(f"{base}p/{n}").text for n in range(pages)]
    started = time.perf_counter()
    for body in bodies:
        LexborHTMLParser(body)
    lexbor = time.perf_counter() - started
    started = time.perf_counter()
    for body in bodies:
        BeautifulSoup(body, "lxml")
    return lexbor, time.perf_counter() - started


def _parsers(base: str, pages: int) -> tuple[float, float]:
    """Seconds to read every page's links, text blocks and text: selectolax (the crawl's own
    reader) and BeautifulSoup with lxml doing the same walk."""
    from bs4 import BeautifulSoup

    bodies = [httpx.get(f"{base}p/{n}").text for n in range(pages)]
    started = time.perf_counter()
    for n, body in enumerate(bodies):
        static_snapshot(body, f"{base}p/{n}")
    lexbor = time.perf_counter() - started
    started = time.perf_counter()
    for body in bodies:
        soup = BeautifulSoup(body, "lxml")
        for anchor in soup.find_all(["a", "area"], href=True):
            anchor.get_text(" ", strip=True)
        for text in soup.find_all(string=TEXT_HINT):
            (text.parent or soup).get_text(" ", strip=True)
        soup.get_text("\n")
    return lexbor, time.perf_counter() - started


def _crawl_both(base: str, pages: int, concurrency: int, browser: str) -> dict[str, tuple[CrawlResult, float]]:
    runs: dict[str, tuple[CrawlResult, float]] = {}
    for mode in ("hybrid", "rendered"):
        started = time.perf_counter()
        result = crawl(base, limit=pages, executable=browser, concurrency=concurrency, mode=mode)
        runs[mode] = (result, time.perf_counter() - started)
    return runs


def _report(title: str, runs: dict[str, tuple[CrawlResult, float]]) -> tuple[float, bool]:
    print(title)
    rates = {}
    for mode, (result, seconds) in runs.items():
        rates[mode] = len(result.pages) / seconds
        print(
            f"  {mode:>8}: {len(result.pages)} pages ({len(result.broken)} broken) in {seconds:.2f} s "
            f"(browser start included): {rates[mode]:.1f} pages/s; {len(result.rendered)} rendered, "
            f"{len(_contacts(result))} distinct contacts"
        )
    hybrid, rendered = runs["hybrid"][0], runs["rendered"][0]
    same = _contacts(hybrid) == _contacts(rendered)
    print(f"  hybrid / rendered: x{rates['hybrid'] / rates['rendered']:.1f}; same contacts found: {same}")
    if not same:
        print("    only rendered:", sorted(_contacts(rendered) - _contacts(hybrid))[:10])
        print("    only hybrid:", sorted(_contacts(hybrid) - _contacts(rendered))[:10])
    reasons = Counter(p.rendered.split(":")[0] for p in hybrid.rendered)
    print("  rendered by the hybrid crawl:", ", ".join(f"{n} {why}" for why, n in reasons.most_common()))
    return rates["hybrid"], same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    browser = find_browser().path
    with LoopbackServer(make_app(args.pages, script_every=0)) as server:
        static_runs = _crawl_both(server.base_url, args.pages, args.concurrency, browser)
        plain = asyncio.run(fetch_all(server.base_url, args.pages))
        lexbor, soup = _parsers(server.base_url, args.pages)
        parse_lexbor, parse_soup = _parse_only(server.base_url, args.pages)
    with LoopbackServer(make_app(args.pages)) as server:
        mixed_runs = _crawl_both(server.base_url, args.pages, args.concurrency, browser)
    rate, same = _report(f"static site ({args.pages} pages, no page built by scripts):", static_runs)
    _, mixed_same = _report(f"mixed site ({args.pages} pages, every tenth adds a phone by script):", mixed_runs)
    print(f"plain HTTP fetch of the static site's pages: {plain:.2f} s ({args.pages / plain:.0f} pages/s)")
    print(
        f"reading {args.pages} pages (links, text blocks, text): selectolax {lexbor:.3f} s, "
        f"BeautifulSoup+lxml {soup:.3f} s (x{soup / lexbor:.1f}); parsing alone: selectolax {parse_lexbor:.3f} s, "
        f"BeautifulSoup+lxml {parse_soup:.3f} s (x{parse_soup / parse_lexbor:.1f})"
    )
    ok = rate >= 100 and same and mixed_same
    verdict = "met" if ok else "NOT met"
    print(
        f"hybrid crawl of the static site: {rate:.1f} pages/s (target >= 100, same contacts on both sites): {verdict}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
