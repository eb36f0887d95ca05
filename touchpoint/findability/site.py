"""Per channel, across the whole crawl: what a visitor finds, where, and how many clicks away.

Pure: the crawl's pages and each page's extracted contacts in, one `ChannelFinding` a channel
out (phone, email, address, contact page, each social network and messenger).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from touchpoint.contacts.extract import PageContacts
from touchpoint.crawl import CrawlResult

__all__ = ["CORE_CHANNELS", "ChannelFinding", "site_findings"]

CORE_CHANNELS = ("phone", "email", "address", "contact-page")


@dataclass(frozen=True, slots=True)
class ChannelFinding:
    channel: str
    values: tuple[str, ...] = ()  # what visitors see, most frequent first
    raw: Mapping[str, str] = field(default_factory=dict)  # value -> as the site wrote it
    declared: tuple[str, ...] = ()  # values in structured data
    pages: tuple[str, ...] = ()  # pages where a visitor sees it, nearest first
    depth: int | None = None  # clicks from the start page to the nearest of them
    path: tuple[tuple[str, str], ...] = ()  # the clicks: (page, link words)
    regions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # page -> regions seen in
    actionable: bool = False  # some occurrence is a tel: / mailto: / messenger link
    per_page_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return self.depth is not None


def site_findings(crawl: CrawlResult, contacts: Mapping[str, PageContacts]) -> dict[str, ChannelFinding]:
    channels: set[str] = set(CORE_CHANNELS)
    for page in contacts.values():
        channels |= page.channels()
    return {channel: _finding(channel, crawl, contacts) for channel in sorted(channels, key=_order)}


def _order(channel: str) -> tuple[int, str]:
    return (CORE_CHANNELS.index(channel) if channel in CORE_CHANNELS else len(CORE_CHANNELS), channel)


def _finding(channel: str, crawl: CrawlResult, contacts: Mapping[str, PageContacts]) -> ChannelFinding:
    counts: Counter[str] = Counter()
    raw: dict[str, str] = {}
    declared: dict[str, None] = {}
    regions: dict[str, set[str]] = {}
    per_page: dict[str, dict[str, None]] = {}
    actionable = False
    for url, page in contacts.items():
        for found in page.of(channel):
            if found.place is None and found.source != "self":
                declared.setdefault(found.value)
                continue
            if found.place is not None and not found.place.visible:
                continue
            counts[found.value] += 1
            raw.setdefault(found.value, found.raw)
            per_page.setdefault(url, {}).setdefault(found.value)
            if found.place is not None:
                regions.setdefault(url, set()).add(found.place.region)
            actionable = actionable or found.actionable
    if channel == "contact-page":
        pages = _contact_pages(counts, crawl)
    else:
        pages = sorted(per_page, key=lambda u: (crawl.pages[u].depth if u in crawl.pages else 1 << 30, u))
    depth: int | None = None
    path: tuple[tuple[str, str], ...] = ()
    if pages:
        nearest = pages[0]
        if nearest in crawl.pages:
            depth = crawl.pages[nearest].depth
            path = tuple(crawl.path_to(nearest))
        elif channel == "contact-page":
            # Linked but beyond the crawl's limit: one click past the page that links it.
            linking = min(
                (u for u, vs in per_page.items() if nearest in vs),
                key=lambda u: crawl.pages[u].depth if u in crawl.pages else 1 << 30,
                default=None,
            )
            if linking is not None and linking in crawl.pages:
                depth = crawl.pages[linking].depth + 1
                path = (*crawl.path_to(linking), (nearest, raw.get(nearest, "")))
    return ChannelFinding(
        channel=channel,
        values=tuple(v for v, _ in counts.most_common()),
        raw=raw,
        declared=tuple(declared),
        pages=tuple(pages),
        depth=depth,
        path=path,
        regions={u: tuple(sorted(r)) for u, r in regions.items()},
        actionable=actionable,
        per_page_values={u: tuple(v) for u, v in per_page.items()},
    )


def _contact_pages(counts: Counter[str], crawl: CrawlResult) -> list[str]:
    """The contact page(s) themselves, the most linked first, nearest first among equals."""
    far = 1 << 30
    return sorted(counts, key=lambda u: (crawl.pages[u].depth if u in crawl.pages else far, -counts[u], u))
