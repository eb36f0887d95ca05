"""How fast the rendered crawl walks a site: a generated 200-page site on 127.0.0.1, crawled and
every page extracted (phones, emails, socials, structured data), as the audit does it.

Each generated page has a header with a phone, a menu, links to ten other pages, a footer with
social links and JSON-LD, and a paragraph of text; a few pages build their footer by script.
Prints pages per second (target: at least 10 on a 2-core machine) and, for scale, the time the
same pages take to fetch without a browser.

    .venv/bin/python bench/crawl_speed.py [--pages 200] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import httpx
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from touchpoint.browser.find import find_browser
from touchpoint.contacts.extract import extract
from touchpoint.crawl import crawl
from touchpoint.demo.server import LoopbackServer

PAGE = (Path(__file__).parent / "generated_page.html").read_text(encoding="utf-8")
SCRIPT = (
    "<script>setTimeout(() => document.getElementById('f')"
    ".insertAdjacentHTML('beforeend', ' · +44 20 7946 0999'), 50)</script>"
)


def make_app(pages: int) -> web.Application:
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
        html = PAGE.format(n=n, tail=n % 1000, nav=nav, links=links, text=text, script=SCRIPT if n % 10 == 0 else "")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    browser = find_browser().path
    with LoopbackServer(make_app(args.pages)) as server:
        started = time.perf_counter()
        result = crawl(server.base_url, limit=args.pages, executable=browser, concurrency=args.concurrency)
        crawled = time.perf_counter()
        found = sum(len(extract(p.snapshot, "GB").found) for p in result.ok if p.snapshot is not None)
        finished = time.perf_counter()
        plain = asyncio.run(fetch_all(server.base_url, args.pages))
    total = finished - started
    rate = len(result.pages) / total
    print(
        f"crawled {len(result.pages)} pages ({len(result.broken)} broken, "
        f"{result.unvisited} left over the limit) "
        f"with {args.concurrency} tabs"
    )
    print(
        f"  crawl {crawled - started:.1f} s (browser start included), extraction {finished - crawled:.1f} s, "
        f"{found} contacts found"
    )
    print(f"  plain HTTP fetch of the same pages: {plain:.1f} s")
    print(f"pages per second: {rate:.1f} (target >= 10)")
    return 0 if rate >= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
