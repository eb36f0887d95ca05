"""The hybrid crawl: a bounded breadth-first walk of a site, at the speed of HTTP.

Every page is fetched over HTTP and read from its HTML (touchpoint.crawl.static); the browser
renders only where it changes the answer (touchpoint.crawl.why_render): the home page and
contact pages always, pages whose HTML shows that scripts build them, and a sample of the rest
to check that their HTML says what the browser shows (when it does not, every page after is
rendered, and the crawl says why). Each page keeps how it was read.

Polite by default: robots.txt is asked first and obeyed for the audit's own user agent (a
profile switch lets an owner crawl their own site behind a block, and the result says it was
used), its Crawl-delay spaces the requests, Retry-After on 429/503 is waited for, and pages
listed in sitemap.xml that no link reaches are read too (kept apart: no click leads to them).

The walk goes level by level, so each page's depth is its true click distance from the start.
It runs in a thread of its own with its own event loop, so it can be called from anywhere.

    result = crawl("https://acme.example/", limit=50, executable="/usr/bin/chromium")
    result.path_to("https://acme.example/contacts")  # [(url, link words), ...]
    [(p.url, p.rendered) for p in result.rendered]   # which pages the browser rendered, and why
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal
from urllib.parse import urlsplit

from touchpoint.contacts.contact_page import is_contact_link, is_contact_url
from touchpoint.contacts.extract import canonical_url
from touchpoint.contacts.snapshot import Snapshot
from touchpoint.crawl.fetch import Fetched, Fetcher
from touchpoint.crawl.origins import SiteOrigins, canonical_link, page_links
from touchpoint.crawl.rendered import BusyPage, Renderer
from touchpoint.crawl.result import CrawledPage, CrawlResult
from touchpoint.crawl.robots import fetch_robots
from touchpoint.crawl.sitemaps import SitemapResult, sitemap_pages
from touchpoint.crawl.static import StaticPage, meta_refresh, static_snapshot
from touchpoint.crawl.why_render import built_by_scripts, differs, render_reason
from touchpoint.errors import PageTimeout, SiteError, TouchpointError

__all__ = ["crawl"]

Mode = Literal["hybrid", "rendered"]
SAMPLES = 2  # pages the rules would read from HTML, rendered too to check the rules hold here
_REFUSED_PLAIN = (401, 403, 406, 429, 503)  # a firewall may refuse a plain client and let a browser in
_AT_ONCE_S = 2.0  # a <meta> refresh this soon is a redirect, as a visitor sees it
_TOO_MANY_LINKS = 1500  # a shop's mega menu has hundreds; thousands on one page are a list no one reads


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    parent: str | None
    via: str
    contact: bool


def crawl(
    start: str,
    *,
    limit: int,
    executable: str | None = None,
    cdp_endpoint: str | None = None,
    concurrency: int = 10,
    page_timeout_ms: float = 15_000,
    settle_ms: float = 150,
    on_page: Callable[[CrawledPage], None] | None = None,
    mode: Mode = "hybrid",
    obey_robots: bool = True,
    sitemap: bool = True,
    max_page_bytes: int = 5_000_000,
    proxy: str | None = None,
    tls_verify: bool = True,
) -> CrawlResult:
    """Walk `start`'s site breadth-first, at most `limit` pages (blocking; runs in a thread).

    `concurrency` bounds the browser's tabs and, per host, the HTTP requests at once;
    `mode="rendered"` renders every page (for comparison); `obey_robots=False` is the owner's
    switch for their own site; `proxy` routes the crawl's HTTP and browser traffic (`tls_verify`
    False only for a test proxy that answers for other hosts with its own certificate)."""
    outcome: list[CrawlResult | BaseException] = []
    walk = _Walk(
        start,
        limit=limit,
        executable=executable,
        cdp_endpoint=cdp_endpoint,
        concurrency=concurrency,
        timeout_ms=page_timeout_ms,
        settle_ms=settle_ms,
        on_page=on_page,
        mode=mode,
        obey_robots=obey_robots,
        sitemap=sitemap,
        max_page_bytes=max_page_bytes,
        proxy=proxy,
        tls_verify=tls_verify,
    )

    running: list[tuple[asyncio.AbstractEventLoop, asyncio.Task[Any]]] = []

    async def main() -> CrawlResult:
        task = asyncio.current_task()
        assert task is not None
        running.append((asyncio.get_running_loop(), task))
        return await walk.run()

    def run() -> None:
        try:
            outcome.append(asyncio.run(main()))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=run, name="touchpoint-crawl", daemon=True)
    thread.start()
    try:
        thread.join()
    except BaseException:
        # Ctrl-C (or a fleet's stop) in the caller: the walk is cancelled, so its requests are
        # closed and its browser shut before the caller goes on to write its report.
        if running:
            loop, task = running[0]
            loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=10)
        raise
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _Walk:
    def __init__(
        self,
        start: str,
        *,
        limit: int,
        executable: str | None,
        cdp_endpoint: str | None,
        concurrency: int,
        timeout_ms: float,
        settle_ms: float,
        on_page: Callable[[CrawledPage], None] | None,
        mode: Mode,
        obey_robots: bool,
        sitemap: bool,
        max_page_bytes: int,
        proxy: str | None,
        tls_verify: bool = True,
    ) -> None:
        self.start = canonical_url(start)
        self.origins = SiteOrigins.of(self.start)
        self.result = CrawlResult(start=self.start, limit=limit)
        self.timeout_ms = timeout_ms
        self.on_page = on_page
        self.mode = mode
        self.obey_robots = obey_robots
        self.use_sitemap = sitemap
        self.samples_left = SAMPLES if mode == "hybrid" else 0
        self.seen: set[str] = {self.start}
        # Pages fetched ahead of their level: a page's links start loading as soon as its HTML is
        # read, while the level's renders are still running. Never more than the page limit.
        self.ahead: dict[str, asyncio.Task[Fetched]] = {}
        self.background: dict[str, asyncio.Future[CrawledPage]] = {}  # renderings the walk did not wait for
        self.fetcher = Fetcher(
            self.origins,
            max_bytes=max_page_bytes,
            timeout_s=timeout_ms / 1000,
            concurrency=max(1, concurrency),
            proxy=proxy,
            verify=tls_verify,
        )
        self.renderer = Renderer(
            self.origins,
            executable=executable,
            cdp_endpoint=cdp_endpoint,
            tabs=max(1, concurrency),
            timeout_ms=timeout_ms,
            settle_ms=settle_ms,
            proxy=proxy,
        )
        self.allowed: Callable[[str], bool] = lambda url: True
        self.robots_failed = ""
        self.disallowed: list[str] = []

    async def run(self) -> CrawlResult:
        started = time.perf_counter()
        async with self.fetcher:
            warm: asyncio.Future[None] | None = None
            sitemap: asyncio.Future[SitemapResult] | None = None
            try:
                await self._robots()
                sitemap = self._read_sitemap()
                if self.allowed(self.start):
                    # The home page is always rendered: the browser starts while its HTML loads.
                    warm = asyncio.ensure_future(self.renderer.start())
                await self._levels()
                await self._settle_background()
                if self.result.escalated:
                    # A rendering showed what its HTML did not: this site's pages are built by
                    # scripts, so the walk starts again with every page rendered (fetches reused).
                    self._start_again()
                    await self._levels()
                if sitemap is not None and self.result.pages:
                    await self._sitemap(sitemap)
            finally:
                pending: list[asyncio.Future[Any]] = [*self.ahead.values(), *self.background.values()]
                if sitemap is not None:
                    pending.append(sitemap)
                for task in pending:
                    task.cancel()  # fetched ahead for a level the limit cut off, or an interrupted rendering
                if warm is not None:
                    with contextlib.suppress(Exception):
                        await warm  # its failure, if any, was met by the first render
                await self.renderer.close()
        self.result.seconds = time.perf_counter() - started
        self.result.requests = self.fetcher.requests
        self.result.origins = tuple(self.origins.named)
        self.result.primary = self.origins.primary
        self.result.site_hosts = frozenset(self.origins.hosts)
        self.result.disallowed = tuple(self.disallowed)
        return self.result

    async def _robots(self) -> None:
        policy = await fetch_robots(self.fetcher.client, self.origins.primary, timeout=self.fetcher.timeout_s + 5)
        self.sitemaps = list(policy.sitemaps)
        if policy.crawl_delay:
            self.fetcher.gate.slow_down(policy.crawl_delay)
        if not self.obey_robots:
            self.result.robots_ignored = True
            policy = policy.overridden()
        self.result.robots = policy.note
        # robots.txt that did not answer (the site down, a server error) closes the site by RFC
        # 9309: the start page's finding says why in those words, not "robots.txt disallows".
        unreadable = policy.status is None or policy.status >= 500 or policy.status == 429
        failed = not policy.found and unreadable and not self.result.robots_ignored
        self.robots_failed = policy.note if failed else ""
        if failed and policy.status is None and "did not answer" not in policy.note:
            # The site did not answer robots.txt: asked again by the crawl's own client, whose
            # findings say what the server does (not HTTP, broken off, refused, bad certificate).
            probe = await self.fetcher.get(f"{self.origins.primary}/robots.txt", retry=False)
            if probe.error is not None:
                self.robots_failed = f"{probe.error}; so robots.txt could not be read either"

        def allowed(url: str) -> bool:
            try:
                return policy.allowed(url)
            except ValueError:  # another origin of the site: its own robots.txt was not asked
                return True

        self.allowed = allowed

    async def _levels(self) -> None:
        level = [_Link(self.start, None, "", False)]
        depth = 0
        while level:
            room = self.result.limit - len(self.result.pages)
            if room <= 0:
                self.result.unvisited += len(level)
                break
            self.result.unvisited += max(0, len(level) - room)
            level = level[:room]
            pages = await asyncio.gather(*(self._page(link, depth) for link in level))
            next_level: list[_Link] = []
            for page in pages:
                if page is None:
                    continue
                self.result.pages.setdefault(page.url, page)
                if self.on_page:
                    self.on_page(page)
                if page.snapshot is None or page.error is not None:
                    continue
                for target, words, index in page_links(page.snapshot, self.origins):
                    if target in self.seen:
                        continue
                    self.seen.add(target)
                    anchor = page.snapshot.anchors[index]
                    contact = is_contact_url(target) or is_contact_link(anchor, page.url)
                    next_level.append(_Link(target, page.url, words, contact))
            level = next_level
            depth += 1

    async def _page(self, link: _Link, depth: int) -> CrawledPage | None:
        started = time.perf_counter()
        page = await self._visit(link, depth)
        return replace(page, seconds=time.perf_counter() - started) if page is not None else None

    async def _visit(self, link: _Link, depth: int) -> CrawledPage | None:
        url = link.url
        if not self.allowed(url):
            self.disallowed.append(url)
            if depth > 0:
                return None
            if self.robots_failed:
                return self._broken(link, depth, SiteError(url, f"{url} was not crawled: {self.robots_failed}"))
            return self._broken(
                link,
                depth,
                SiteError(
                    url,
                    f"robots.txt asks crawlers not to visit {url}, and the audit obeys it "
                    "(an owner auditing their own site can set ignore_robots = true under [audit] in the profile)",
                ),
            )
        ahead = self.ahead.get(url)
        fetched = await ahead if ahead is not None else await self.fetcher.get(url)
        if depth == 0 and self._settle_start(fetched):
            await self._robots()  # robots.txt is per origin: the new one's rules apply
        if fetched.off_site:
            what = (
                f"{url} redirects to another site, {fetched.off_site}; the audit does not follow it"
                " (if the business moved there, make that the profile's base_url)"
                if depth == 0
                else f"{url} leads off the site, to {fetched.off_site}"
            )
            if depth == 0:
                self.result.moved_to = fetched.off_site
            return self._broken(link, depth, SiteError(url, what), fetched)
        browser_may = fetched.status in _REFUSED_PLAIN or fetched.browser_may
        if fetched.error is not None and not (browser_may and self.mode == "hybrid"):
            return self._broken(link, depth, fetched.error, fetched)
        static = static_snapshot(fetched.text, fetched.final) if fetched.error is None else None
        if static is not None and (refresh := meta_refresh(fetched.text, fetched.final)) is not None:
            delay, target = refresh
            if self.origins.internal(target) is None and delay <= _AT_ONCE_S:
                if depth == 0:
                    self.result.moved_to = target
                what = f"{url} sends visitors to another site at once (a refresh after {delay:g} s): {target}"
                return self._broken(link, depth, SiteError(url, what), fetched)
            if canonical_url(target) == canonical_url(fetched.final) and delay <= _AT_ONCE_S:
                fetched = replace(fetched, notes=(*fetched.notes, f"the page reloads itself every {delay:g} s"))
        if static is not None and static.links_total > _TOO_MANY_LINKS:
            note = (
                f"too many links: {static.links_total:,} on this page, more than a visitor can look through "
                f"(the crawl reads at most {self.result.limit} pages)"
            )
            fetched = replace(fetched, notes=(*fetched.notes, note))
        if static is not None and depth == 0:
            self._adopt_canonical(fetched.final, static.snapshot)
        if static is not None and not fetched.truncated:
            self._fetch_ahead(static.snapshot)
        reason = self._reason(link, depth, static, fetched)
        if reason is None and static is not None:
            if depth == 0 or self.samples_left <= 0 or fetched.truncated:
                return self._read(link, depth, fetched, static.snapshot, "")
            self.samples_left -= 1  # rendered too, to check this site's HTML says what visitors see
        if static is not None and self._links_from_html(static):
            return self._meanwhile(link, depth, fetched, static, reason)
        return await self._render(link, depth, fetched, static, reason)

    def _links_from_html(self, static: StaticPage) -> bool:
        """Whether the walk may go on from the page's HTML while the browser renders it: the home
        page, a contact page or a sample, whose HTML shows nothing built by scripts. (If the
        rendering then shows more, the walk starts again with every page rendered.)"""
        return (
            self.mode == "hybrid"
            and not self.result.escalated
            and render_reason(static, depth=1, contact=False) is None
        )

    def _meanwhile(
        self, link: _Link, depth: int, fetched: Fetched, static: StaticPage, reason: str | None
    ) -> CrawledPage:
        """The page as its HTML reads, its links followed at once; the rendering replaces it when done."""

        async def rendered() -> CrawledPage:
            started = time.perf_counter()
            page = await self._render(link, depth, fetched, static, reason)
            return replace(page, seconds=fetched.seconds + time.perf_counter() - started)

        self.background[link.url] = asyncio.ensure_future(rendered())
        return self._read(link, depth, fetched, static.snapshot, "")

    async def _settle_background(self) -> None:
        """Renderings done while the walk went on take their pages' places."""
        while self.background:
            url, task = next(iter(self.background.items()))
            page = await task
            del self.background[url]
            if url in self.result.pages:
                self.result.pages[url] = page

    def _start_again(self) -> None:
        self.result.pages.clear()
        self.result.unvisited = 0
        self.seen = {self.start}
        self.samples_left = 0

    def _fetch_ahead(self, snapshot: Snapshot) -> None:
        """Start fetching the pages a page links to, within the page limit (their level reads them)."""
        room = self.result.limit - len(self.ahead.keys() | self.result.pages.keys())
        for target, _, _ in page_links(snapshot, self.origins):
            if room <= 0:
                return
            if target in self.ahead or target in self.result.pages or target == self.start or not self.allowed(target):
                continue
            self.ahead[target] = asyncio.ensure_future(self.fetcher.get(target))
            room -= 1

    def _settle_start(self, fetched: Fetched) -> bool:
        """The start page redirected within the site (http to https, bare to www.): pages are
        fetched from where it leads. Returns whether the origin changed."""
        final = fetched.final
        if final != self.start:
            self.seen.add(final)
        if fetched.error is None and urlsplit(final)[:2] != urlsplit(self.start)[:2]:
            self.origins.move_to(final)
            return True
        return False

    def _reason(self, link: _Link, depth: int, static: StaticPage | None, fetched: Fetched) -> str | None:
        if static is None and fetched.status is None:
            return f"a plain request failed ({fetched.error}); the browser was tried"
        if static is None:
            return f"the server refused a plain request (HTTP {fetched.status}); the browser was tried"
        if self.mode == "rendered":
            return "every page rendered (the all-rendered crawl)"
        if fetched.truncated:
            return None  # the browser would load the whole oversized page
        if self.result.escalated:
            return "every page rendered: " + self.result.escalated
        contact = link.contact or is_contact_url(fetched.final)
        return render_reason(static, depth=depth, contact=contact)

    async def _render(
        self, link: _Link, depth: int, fetched: Fetched, static: StaticPage | None, reason: str | None
    ) -> CrawledPage:
        sample = reason is None
        # The browser's visit is a request to the host too: it waits its turn (Crawl-delay).
        # The browser is handed the HTML already fetched (one request a page, not two), except in
        # the all-rendered crawl, which loads every page as a browser alone would.
        handed = static is not None and self.mode == "hybrid"
        document = (fetched.status or 200, fetched.headers, fetched.text) if handed else None
        rendered = await self.renderer.render(fetched.final, gate=self.fetcher.gate, document=document)
        notes = [*fetched.notes, *rendered.notes]
        if rendered.error is not None:
            if static is not None and rendered.moved_after_load:
                # The page is the site's own until a script sends the visitor away: read its HTML.
                notes.append(str(rendered.error))
                return self._read(link, depth, fetched, static.snapshot, "", notes)
            if sample and static is not None and rendered.off_site is None:
                notes.append(f"the browser could not render it to check ({rendered.error})")
                return self._read(link, depth, fetched, static.snapshot, "", notes)
            if (
                static is not None
                and rendered.off_site is None
                and (isinstance(rendered.error, PageTimeout | BusyPage) or self._links_from_html(static))
            ):
                # A visitor sees the page while its scripts keep loading or spinning: its HTML is
                # what they read, and the wait is what they notice.
                notes.append(f"{rendered.error}; read from its HTML")
                return self._read(link, depth, fetched, static.snapshot, "", notes)
            if depth == 0 and rendered.off_site:
                self.result.moved_to = rendered.off_site
            return self._broken(link, depth, rendered.error, fetched, reason or "", notes)
        assert rendered.snapshot is not None
        why = reason or "a sample: checked that its HTML says what the browser shows"
        # The home page is a sample too, unless its own HTML already said scripts build it (then
        # a difference is explained). A contact page's own scripts (an email decoded on it) are
        # its own business: not a sign about the other pages.
        unexplained = sample or (depth == 0 and static is not None and built_by_scripts(static) is None)
        if (
            unexplained
            and static is not None
            and self.mode == "hybrid"
            and not self.result.escalated
            and (new := differs(static.snapshot, rendered.snapshot))
        ):
            self.result.escalated = (
                f"on {link.url} the browser showed {', '.join(new)}, which its HTML does not have, "
                "so this site's pages are read as rendered"
            )
            if sample:
                why = "a sample that showed more when rendered: " + ", ".join(new)
        if depth == 0:
            self._adopt_canonical(rendered.snapshot.url or fetched.final, rendered.snapshot)
        return self._read(link, depth, fetched, rendered.snapshot, why, notes, status=rendered.status)

    def _adopt_canonical(self, url: str, snapshot: Snapshot) -> None:
        named = canonical_link(snapshot)
        if named and urlsplit(named).path.rstrip("/") == urlsplit(url).path.rstrip("/"):
            self.origins.adopt(named, "the home page's canonical address")

    def _read(
        self,
        link: _Link,
        depth: int,
        fetched: Fetched,
        snapshot: Snapshot,
        rendered: str,
        notes: list[str] | None = None,
        *,
        status: int | None = None,
    ) -> CrawledPage:
        return CrawledPage(
            url=link.url,
            depth=depth,
            parent=link.parent,
            via=link.via,
            status=status or fetched.status,
            snapshot=snapshot,
            seconds=fetched.seconds,
            rendered=rendered,
            notes=tuple(notes if notes is not None else fetched.notes),
        )

    def _broken(
        self,
        link: _Link,
        depth: int,
        error: TouchpointError,
        fetched: Fetched | None = None,
        rendered: str = "",
        notes: list[str] | None = None,
    ) -> CrawledPage:
        return CrawledPage(
            url=link.url,
            depth=depth,
            parent=link.parent,
            via=link.via,
            status=fetched.status if fetched else None,
            error=error,
            seconds=fetched.seconds if fetched else 0.0,
            rendered=rendered,
            notes=tuple(notes if notes is not None else (fetched.notes if fetched else ())),
        )

    def _read_sitemap(self) -> asyncio.Future[SitemapResult] | None:
        """sitemap.xml, read while the walk goes on (robots.txt's Sitemap: lines, else /sitemap.xml)."""
        urls = [u for u in self.sitemaps or [f"{self.origins.primary}/sitemap.xml"] if self.allowed(u)]
        if not urls or not self.use_sitemap or not self.allowed(self.start):
            return None  # robots.txt keeps the crawl out of the sitemap too
        return asyncio.ensure_future(
            sitemap_pages(
                self.fetcher.client,
                urls,
                same_site=self.origins.same_site,
                limit=self.result.limit + 200,
                allowed=self.allowed,
                pace=self.fetcher.gate.wait_turn,  # Crawl-delay spaces the sitemap's requests too
            )
        )

    async def _sitemap(self, reading: asyncio.Future[SitemapResult]) -> None:
        room = self.result.limit - len(self.result.pages)
        found = await reading
        listed = [u for u in (self.origins.internal(p) for p in found.pages) if u]
        unlinked = [u for u in dict.fromkeys(listed) if u not in self.seen and self.allowed(u)]
        notes = list(found.notes)
        if listed:
            notes.insert(
                0,
                f"sitemap.xml lists {len(listed)} pages; {len(unlinked)} of them no link on the pages read leads to",
            )
        self.result.sitemap = tuple(notes)
        if room <= 0 or not unlinked:
            return
        links = [_Link(u, None, "sitemap.xml", is_contact_url(u)) for u in unlinked[:room]]
        self.seen.update(u.url for u in links)
        pages = await asyncio.gather(*(self._page(link, 1) for link in links))
        for page in pages:
            if page is not None:
                self.result.unlinked[page.url] = page
