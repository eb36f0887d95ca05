"""Per channel, across the whole crawl: what a visitor finds, where, and how many clicks away.

Pure: the crawl's pages and each page's extracted contacts in, one `ChannelFinding` a channel
out (phone, email, address, contact page, each social network and messenger).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from touchpoint.contacts.addresses import same_address
from touchpoint.contacts.extract import PageContacts
from touchpoint.crawl import CrawlResult

__all__ = ["CORE_CHANNELS", "ChannelFinding", "site_findings", "social_mentions"]

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
    messenger_only: tuple[str, ...] = ()  # phones reached only through a chat link (wa.me/..., viber://)

    @property
    def found(self) -> bool:
        return self.depth is not None


def site_findings(crawl: CrawlResult, contacts: Mapping[str, PageContacts]) -> dict[str, ChannelFinding]:
    mentions = social_mentions(crawl, contacts)
    channels: set[str] = set()
    for page in contacts.values():
        channels |= {f.channel for f in page.found if (f.channel, f.value) not in mentions}
    channels |= set(CORE_CHANNELS)
    return {channel: _finding(channel, crawl, contacts, mentions) for channel in sorted(channels, key=_order)}


_CHROME = {"header", "nav", "footer", "aside"}


def social_mentions(crawl: CrawlResult, contacts: Mapping[str, PageContacts]) -> set[tuple[str, str]]:
    """Social profiles a page only mentions (a supplier's Instagram in a blog post, the author's
    LinkedIn in a byline): linked once, in the body of a page that is neither the home page nor
    a contact page, and never declared in the site's structured data. A business's own profiles
    sit in its header or footer, on its home or contact page, or on several pages; but where the
    site shows a network's profile in its header or footer or declares it, another profile of that
    network linked once in a page's body (the home page's too) is someone else's: a customer's in
    a testimonial, not a second profile of the business. A link whose words claim the profile
    ("Our channel on YouTube", "Мы в ВКонтакте", "Sekite mus") is the business's wherever it is."""
    seen: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}  # (page, region, home or contact page)
    claimed: set[tuple[str, str]] = set()
    for url, page in contacts.items():
        contact_page = any(f.source == "self" for f in page.of("contact-page"))
        home = url in crawl.pages and crawl.pages[url].depth == 0
        for found in page.found:
            if not found.channel.startswith("social:"):
                continue
            region = "declared" if found.place is None else found.place.region  # declared: the site's own
            seen.setdefault((found.channel, found.value), []).append((url, region, home or contact_page))
            if _OURS.search(found.raw):
                claimed.add((found.channel, found.value))

    def chrome(places: list[tuple[str, str, bool]]) -> bool:
        return any(region in _CHROME or region == "declared" for _, region, _ in places)

    owned = {key for key, places in seen.items() if chrome(places)}
    mentions = set()
    for key, places in seen.items():
        if len({url for url, _, _ in places}) != 1 or chrome(places) or key in claimed:
            continue
        on_own_page = any(own for _, _, own in places)
        if not on_own_page or any(k[0] == key[0] and k != key for k in owned):
            mentions.add(key)
    return mentions


# Link words in which the business calls a profile its own.
_OURS = re.compile(
    r"\b(our|follow\s+us|find\s+us|join\s+us|visit\s+us|наш[а-я]*|мы\s+в|подпис[а-я]*|присоедин[а-я]*|"
    r"mūsų|sekite|prisijunk[a-ząčęėįšųūž]*|náš|naše|našem|sledujte|nasz[a-ząćęłńóśźż]*|obserwuj[a-ząćęłńóśźż]*)\b",
    re.IGNORECASE,
)


def _order(channel: str) -> tuple[int, str]:
    return (CORE_CHANNELS.index(channel) if channel in CORE_CHANNELS else len(CORE_CHANNELS), channel)


def _finding(
    channel: str, crawl: CrawlResult, contacts: Mapping[str, PageContacts], mentions: set[tuple[str, str]]
) -> ChannelFinding:
    counts: Counter[str] = Counter()
    raw: dict[str, str] = {}
    declared: dict[str, None] = {}
    regions: dict[str, set[str]] = {}
    per_page: dict[str, dict[str, None]] = {}
    actionable = False
    alias = _address_aliases(contacts) if channel == "address" else {}
    sources: dict[str, set[str]] = {}
    for url, page in contacts.items():
        for found in page.of(channel):
            if (channel, found.value) in mentions:
                continue
            value = alias.get(found.value, found.value)
            if channel == "contact-page":
                value = crawl.page_for(value)  # the site's other addresses name the pages the crawl read
            if found.place is None and found.source not in _SEEN_WITHOUT_PLACE:
                declared.setdefault(value)
                continue
            if found.place is not None and not found.place.visible:
                continue
            counts[value] += 1
            raw.setdefault(value, found.raw)
            per_page.setdefault(url, {}).setdefault(value)
            if found.place is not None:
                regions.setdefault(url, set()).add(found.place.region)
            actionable = actionable or found.actionable
            sources.setdefault(value, set()).add(found.source)
    if channel == "contact-page":
        pages = _contact_pages(counts, crawl, sources, contacts)
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
        messenger_only=tuple(v for v, src in sources.items() if channel == "phone" and _only_messengers(src)),
    )


def _address_aliases(contacts: Mapping[str, PageContacts]) -> dict[str, str]:
    """One address however it is spelt ("Gedimino pr. 15-3, Vilnius" and "LT-01103 Vilnius,
    Gedimino pr. 15-3") is one (`same_address`), written the way the site writes it most often
    (the structured one first)."""
    counts: Counter[str] = Counter()
    for page in contacts.values():
        for found in page.of("address"):
            counts[found.value] += 2 if found.place is None else 1
    alias: dict[str, str] = {}
    kept: list[str] = []
    for value, _ in counts.most_common():
        same = next((k for k in kept if same_address(k, value)), None)
        if same is None:
            kept.append(value)
        else:
            alias[value] = same
    return alias


def _only_messengers(sources: set[str]) -> bool:
    return bool(sources) and all(s.startswith("messenger:") for s in sources)


# A page is a contact page by what it says of itself ("self") or by holding a contact section.
_SEEN_WITHOUT_PLACE = ("self", "section")


def _contact_pages(
    counts: Counter[str], crawl: CrawlResult, sources: Mapping[str, set[str]], contacts: Mapping[str, PageContacts]
) -> list[str]:
    """The contact page(s), best first. First the pages the site names as contacts (a link's words,
    the page's own address or title) that give a way to reach the business; then sections of a
    page that hold the contacts: one a link leads to ("/#kontaktai", a "Write to us" button to
    "#kontakt"), or one headed Contacts (a footer column, an element id="contacts"); last, named
    pages with nothing to reach the business by (a "Contacts" page with only a map). Nearest
    first, then the most linked."""
    far = 1 << 30
    broken = {url for url, page in crawl.pages.items() if page.error is not None}

    def tier(url: str) -> int:
        page = contacts.get(url)
        reach = page is None or bool(  # linked but not opened: taken at its word
            page.contact_forms
            or any(
                f.seen and (f.channel in ("phone", "email") or f.channel.startswith("messenger:")) for f in page.found
            )
        )
        if sources.get(url, set()) <= {"section", "section-link"}:
            return 1
        return 0 if reach else 2

    # A "Contacts" link to a page that does not open is a broken link (pages:broken-links), not a contact page.
    named = [u for u in counts if u.split("#", 1)[0] not in broken]
    return sorted(named, key=lambda u: (tier(u), crawl.pages[u].depth if u in crawl.pages else far, -counts[u], u))
