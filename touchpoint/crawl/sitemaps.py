"""The pages a site's sitemaps list, read politely and within bounds.

    result = await sitemap_pages(client, policy.sitemaps or [f"{origin}/sitemap.xml"],
                                 same_site=is_same_site, limit=50, allowed=policy.allowed)
    result.pages   # page URLs in sitemap order, on the site, at most `limit`
    result.notes   # what went wrong, in the owner's words

Which parser, and why. ultimate-sitemap-parser (usp) is the maintained sitemap library on PyPI,
but it does its own network I/O through `requests` (synchronous, its own retries, its own size
limits); its only way to parse bytes we fetched ourselves is `sitemap_from_str`, which takes text
(we would decode gzip and guess charsets first), runs its fetcher against a dummy web client that
raises, and returns each child sitemap of an index as an `InvalidSitemap` built from that error.
It would also add `requests` and `python-dateutil` to a crawl that uses neither. So documents are
parsed here with lxml (already installed for extruct), `etree.iterparse` with
`resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False`: no entity expansion
(no billion laughs), no DTD or XInclude fetch, libxml2's default depth and text limits.

What one document may be (`parse_sitemap`, pure): a `<urlset>`, a `<sitemapindex>`, an RSS 2.0
or Atom feed (which Google also accepts as sitemaps), a plain-text list of URLs, any of them
gzip-compressed. Decompression is bounded: never more than `max_bytes` out, whatever the ratio.

The walk (`sitemap_pages`) reads the URLs it is given, as given, then the children of sitemap
indexes in document order (depth first, so pages stay in the order the site lists them), at most
`max_files` documents and `max_bytes` per document (what the server sends and what it unpacks to).
Children are followed only when `same_site` accepts them, so an index cannot send the audit to
another host. It never raises for what a site does; every problem becomes a note.
"""

from __future__ import annotations

import asyncio
import io
import zlib
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree  # type: ignore[import-untyped]

from touchpoint.crawl.http_errors import plain_reason

__all__ = ["SitemapDocument", "SitemapResult", "parse_sitemap", "read_bounded", "sitemap_pages"]

Kind = Literal["urlset", "index", "feed", "text", "none"]

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapDocument:
    """What one fetched document holds."""

    kind: Kind
    pages: tuple[str, ...]
    """Absolute page URLs in document order (not yet filtered by site)."""
    sitemaps: tuple[str, ...]
    """Child sitemap URLs of an index, in document order."""
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SitemapResult:
    pages: tuple[str, ...]
    """Page URLs in sitemap order, de-duplicated, on the site, at most `limit`."""
    notes: tuple[str, ...]
    files: tuple[str, ...] = ()
    """The sitemap URLs that were read, in order."""


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _gunzip(data: bytes, max_bytes: int) -> tuple[bytes, bool, bool]:
    """(unpacked, cut_off, damaged): never more than max_bytes out."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    try:
        while pending and len(out) < max_bytes:
            out += inflater.decompress(pending, max_bytes - len(out) + 1)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return bytes(out[:max_bytes]), False, True
    if len(out) > max_bytes:
        return bytes(out[:max_bytes]), True, False
    return bytes(out), False, not inflater.eof


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _http(url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https"} and bool(urlsplit(url).netloc)


def parse_sitemap(data: bytes, url: str, *, max_bytes: int = 10_000_000) -> SitemapDocument:
    """Parse one fetched document: the page URLs and child sitemaps it lists, and what was wrong with it.

    `url` is where it came from (relative URLs in feeds resolve against it; notes name it).
    """
    notes: list[str] = []
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
        notes.append(f"{url} is larger than {_mb(max_bytes)}: only its first {_mb(max_bytes)} were read")
    if data[:2] == _GZIP_MAGIC:
        data, cut_off, damaged = _gunzip(data, max_bytes)
        if cut_off:
            notes.append(
                f"{url} unpacks to more than {_mb(max_bytes)}: unpacking stopped there and only that part was read"
            )
        elif damaged and not truncated:
            notes.append(f"{url} is a damaged gzip file: only the part that unpacked was read")

    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if head.startswith((b"<!doctype html", b"<html")):
            notes.append(f"{url} is a web page, not a sitemap: no pages were read from it")
            return SitemapDocument("none", (), (), tuple(notes))
        return _parse_xml(data, url, notes)
    return _parse_text(data, url, notes)


def _parse_text(data: bytes, url: str, notes: list[str]) -> SitemapDocument:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    pages: list[str] = []
    other = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if _http(line) and " " not in line:
            pages.append(line)
        else:
            other += 1
    if not pages:
        notes.append(f"{url} is neither XML nor a list of web addresses: no pages were read from it")
        return SitemapDocument("none", (), (), tuple(notes))
    if other:
        notes.append(f"{url} is a plain-text sitemap; lines in it that are not web addresses were skipped ({other})")
    return SitemapDocument("text", tuple(pages), (), tuple(notes))


def _parse_xml(data: bytes, url: str, notes: list[str]) -> SitemapDocument:
    root_name = ""
    pages: list[str] = []
    children: list[str] = []
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, element in events:
            name = _local(element.tag)
            if event == "start":
                if not root_name:
                    root_name = name
                    if root_name not in {"urlset", "sitemapindex", "rss", "feed"}:
                        break
                continue
            parent = element.getparent()
            parent_name = _local(parent.tag) if parent is not None else ""
            if name == "loc" and parent_name in {"url", "sitemap"}:
                loc = (element.text or "").strip()
                if loc:
                    (children if parent_name == "sitemap" else pages).append(loc)
            elif name == "link" and parent_name in {"item", "entry"}:
                href = element.get("href") if root_name == "feed" else element.text
                rel = element.get("rel", "alternate")
                if href and href.strip() and rel == "alternate":
                    pages.append(urljoin(url, href.strip()))
            if parent_name in {"urlset", "sitemapindex", "channel", "feed"}:
                element.clear()  # keep memory flat on long files
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        if not root_name:
            notes.append(f"{url} is not readable XML ({_reason(error)}): no pages were read from it")
            return SitemapDocument("none", (), (), tuple(notes))
        notes.append(f"{url} breaks off or has an XML error ({_reason(error)}): the addresses before it were kept")

    if root_name not in {"urlset", "sitemapindex", "rss", "feed"}:
        notes.append(f"{url} is XML but not a sitemap (its root is <{root_name}>): no pages were read from it")
        return SitemapDocument("none", (), (), tuple(notes))
    pages = [page for page in pages if _http(page)]
    children = [child for child in children if _http(child)]
    kind: Kind = "index" if root_name == "sitemapindex" else "feed" if root_name in {"rss", "feed"} else "urlset"
    if kind == "index" and pages:
        notes.append(f"{url} is a sitemap index that also lists pages; they were kept")
    if kind == "urlset" and not pages:
        notes.append(f"{url} is a sitemap with no pages in it")
    return SitemapDocument(kind, tuple(pages), tuple(children), tuple(notes))


def _reason(error: Exception) -> str:
    text = str(error).split(",", 1)[0].strip()
    return text[:80] or "it could not be read"


async def sitemap_pages(
    client: httpx.AsyncClient,
    sitemap_urls: Sequence[str],
    *,
    same_site: Callable[[str], bool],
    limit: int,
    max_bytes: int = 10_000_000,
    max_files: int = 20,
    allowed: Callable[[str], bool] | None = None,
    pace: Callable[[], Awaitable[None]] | None = None,
    timeout: float = 20,
) -> SitemapResult:
    """The site's pages as its sitemaps list them.

    `sitemap_urls` are read first, in order, exactly as given: pass the robots.txt `Sitemap:`
    lines (`RobotsPolicy.sitemaps`), or, when there are none, `[origin + "/sitemap.xml"]`
    yourself; this function does not guess. Child sitemaps of an index are followed when
    `same_site(child)` is true. `allowed` (e.g. `RobotsPolicy.allowed`) is asked before each
    fetch, and `pace` (the crawl's per-host pacer) is awaited before each one. `max_bytes` bounds
    each document, both as sent and as unpacked; `timeout` bounds each document's fetch.
    """
    pages: list[str] = []
    seen_pages: set[str] = set()
    notes: list[str] = []
    files: list[str] = []
    queue: deque[str] = deque(dict.fromkeys(sitemap_urls))
    queued: set[str] = set(queue)
    off_site_pages = 0
    off_site_children: list[str] = []
    more_than_limit = False

    while queue and len(pages) < limit:
        url = queue.popleft()
        if len(files) >= max_files:
            notes.append(
                f"the sitemaps run to more than {max_files} files: the audit read {max_files} and left the rest"
            )
            break
        if allowed is not None:
            try:
                permitted = allowed(url)
            except ValueError:
                permitted = True  # another origin's robots.txt was not asked for; same_site already vouched
            if not permitted:
                notes.append(f"{url} is disallowed by robots.txt, so it was not read")
                continue
        if pace is not None:
            await pace()
        files.append(url)
        data, fetch_notes = await _fetch(client, url, max_bytes=max_bytes, timeout=timeout)
        notes.extend(fetch_notes)
        if data is None:
            continue
        document = parse_sitemap(data, url, max_bytes=max_bytes)
        notes.extend(document.notes)
        for page in document.pages:
            if not same_site(page):
                off_site_pages += 1
                continue
            if page in seen_pages:
                continue
            if len(pages) >= limit:
                more_than_limit = True
                break
            seen_pages.add(page)
            pages.append(page)
        fresh = [child for child in document.sitemaps if child not in queued]
        for child in reversed(fresh):
            queued.add(child)
            if same_site(child):
                queue.appendleft(child)
            else:
                off_site_children.append(child)

    if queue and len(pages) >= limit:
        more_than_limit = True
    if more_than_limit:
        notes.append(f"the sitemaps list more than {limit} pages: the audit took the first {limit}")
    if off_site_pages:
        notes.append(f"the sitemaps list {off_site_pages} addresses on other sites; they were left out")
    if off_site_children:
        notes.append(
            f"{len(off_site_children)} sitemaps on other sites were not read (the first: {off_site_children[0]})"
        )
    return SitemapResult(tuple(pages), tuple(notes), tuple(files))


async def _fetch(
    client: httpx.AsyncClient, url: str, *, max_bytes: int, timeout: float
) -> tuple[bytes | None, list[str]]:
    """The document's bytes (at most max_bytes), or None and why."""
    try:
        async with (
            asyncio.timeout(timeout),
            client.stream("GET", url, headers={"Accept-Encoding": "gzip"}, follow_redirects=True) as response,
        ):
            if response.status_code in {404, 410}:
                return None, [f"{url} answered {response.status_code}: there is no sitemap there"]
            if not 200 <= response.status_code <= 299:
                return None, [f"{url} answered {response.status_code}, so it was not read"]
            body, problem = await read_bounded(response, max_bytes)
            return body, [f"{url} {problem}"] if problem else []
    except TimeoutError:
        return None, [f"{url} took longer than {timeout:g} s, so it was not read"]
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
        return None, [f"{url} could not be read ({plain_reason(error, timeout)})"]


async def read_bounded(response: httpx.Response, max_bytes: int) -> tuple[bytes, str]:
    """A streamed response's body, never more than `max_bytes` bytes kept or unpacked, and what was cut.

    Reads the raw stream and undoes a gzip Content-Encoding here, bounded, instead of httpx's
    decoder (which inflates each network chunk whole). Ask for `Accept-Encoding: gzip` (or
    identity) when using it: another coding is returned as read, with a note. The second item is
    "" or a phrase to follow the URL in a note ("is larger than 10 MB: ...").
    """
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            break
    raw = b"".join(chunks)
    problem = ""
    if len(raw) > max_bytes:
        raw = raw[:max_bytes]
        problem = f"is larger than {_mb(max_bytes)}: only its first {_mb(max_bytes)} were read"
    coding = response.headers.get("content-encoding", "identity").strip().lower()
    if coding in {"", "identity"}:
        return raw, problem
    if coding in {"gzip", "x-gzip"}:
        body, cut_off, damaged = _gunzip(raw, max_bytes)
        if cut_off:
            return body, f"unpacks to more than {_mb(max_bytes)}: unpacking stopped there"
        if damaged and not problem:
            problem = "arrived damaged (its gzip coding breaks off): only the part that unpacked was read"
        return body, problem
    return raw, problem or f"arrived in a coding the audit does not read ({coding})"
