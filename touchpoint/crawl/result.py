"""What a crawl found: each page with its depth (clicks from the start), the link that led there,
how it was read (from its HTML, or rendered in the browser and why), and what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from touchpoint.contacts.snapshot import Snapshot
from touchpoint.errors import TouchpointError

__all__ = ["CrawlResult", "CrawledPage"]


@dataclass(frozen=True, slots=True)
class CrawledPage:
    url: str
    depth: int
    parent: str | None
    via: str  # the words of the link clicked on the parent page
    status: int | None = None
    snapshot: Snapshot | None = None
    error: TouchpointError | None = None
    seconds: float = 0.0
    rendered: str = ""  # why the browser rendered it; "" when read from its HTML alone
    notes: tuple[str, ...] = ()  # what the owner should know that is not an error (read up to the cap, ...)


@dataclass
class CrawlResult:
    start: str
    limit: int
    pages: dict[str, CrawledPage] = field(default_factory=dict)
    unvisited: int = 0  # links found but left out because of the limit
    moved_to: str | None = None  # where the start page redirected to, when another host
    seconds: float = 0.0
    origins: tuple[str, ...] = ()  # other origins of the same site its links used
    robots: str = ""  # what robots.txt said, in plain words ("" when it was not asked)
    robots_ignored: bool = False  # the profile's switch let the crawl into disallowed pages
    disallowed: tuple[str, ...] = ()  # pages robots.txt kept the crawl out of
    sitemap: tuple[str, ...] = ()  # notes about sitemap.xml (pages listed, problems)
    unlinked: dict[str, CrawledPage] = field(default_factory=dict)  # in the sitemap, linked from no page read
    escalated: str = ""  # why every page was rendered after a sample ("" when it was not)
    requests: int = 0  # HTTP requests of the crawl's own (the browser's not counted)
    primary: str = ""  # the origin pages were fetched from ("https://acme.lt")
    site_hosts: frozenset[str] = frozenset()  # hosts (without www.) that are the same site

    def page_for(self, url: str) -> str:
        """The crawled page an address of the site names, on the origin the crawl read it from
        (http://www.acme.lt/kontaktai -> https://acme.lt/kontaktai; a #section stays); other
        addresses as they are."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if not self.primary or host not in self.site_hosts or parts.scheme.lower() not in ("http", "https"):
            return url
        own = urlsplit(self.primary)
        return urlunsplit((own.scheme, own.netloc, parts.path or "/", parts.query, parts.fragment))

    def path_to(self, url: str) -> list[tuple[str, str]]:
        """The clicks from the start page: [(start, ""), (page, link words), ...]."""
        path: list[tuple[str, str]] = []
        page = self.pages.get(url)
        while page is not None:
            path.append((page.url, page.via))
            page = self.pages.get(page.parent) if page.parent else None
        return path[::-1]

    @property
    def ok(self) -> list[CrawledPage]:
        return [p for p in self.pages.values() if p.snapshot is not None and p.error is None]

    @property
    def broken(self) -> list[CrawledPage]:
        return [p for p in self.pages.values() if p.error is not None]

    @property
    def rendered(self) -> list[CrawledPage]:
        return [p for p in self.pages.values() if p.rendered]
