"""Everything a visitor could use to reach the business on one page (pure: a `Snapshot` in,
`PageContacts` out)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from touchpoint.contacts.addresses import addresses_in_text, same_address
from touchpoint.contacts.contact_page import contact_section, is_contact_link, is_contact_url
from touchpoint.contacts.emails import decode_cfemail, emails_from_mailto, emails_in_text
from touchpoint.contacts.found import Found
from touchpoint.contacts.phones import found_phone_link, messenger_number, phone_from_tel, phones_in_text
from touchpoint.contacts.reviews import ReviewSignals, platform_of, review_words
from touchpoint.contacts.snapshot import Anchor, Snapshot
from touchpoint.contacts.social import Link, classify
from touchpoint.contacts.structured import Structured, read_structured

__all__ = ["PageContacts", "address_key", "addresses_shown", "canonical_url", "extract"]

_CF_LINK = re.compile(r"/cdn-cgi/l/email-protection#([0-9a-f]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageContacts:
    url: str
    title: str = ""
    found: tuple[Found, ...] = ()
    structured: Structured = field(default_factory=Structured)
    other_social: tuple[tuple[Link, str], ...] = ()  # share buttons, posts, network home pages: (link, label)
    reviews: ReviewSignals = field(default_factory=ReviewSignals)
    contact_forms: int = 0
    text: str = ""

    def of(self, channel: str) -> list[Found]:
        return [f for f in self.found if f.channel == channel]

    def channels(self) -> set[str]:
        return {f.channel for f in self.found}


def canonical_url(url: str) -> str:
    """A page's address without fragment, with a lower-case host and a path of at least "/"."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def address_key(text: str) -> str:
    """An address as a comparable value: its words, sorted (structured data orders them freely)."""
    return " ".join(sorted(set(_norm(text).split())))


def _street(address: str) -> str:
    """The street line of an address, which a page must show for the address to count as shown."""
    return _norm(address.split(",")[0])


def addresses_shown(snapshot: Snapshot, declared: Mapping[str, str]) -> list[Found]:
    """Where a page shows an address the site declares (anywhere) in structured data.
    `declared`: address value -> as written."""
    found = []
    blocks = [*snapshot.addresses, *snapshot.texts]
    for value, raw in declared.items():
        street = _street(raw)
        place = next((b.place for b in blocks if street and street in _norm(b.text)), None)
        if place is not None:
            found.append(Found("address", value, raw, "text", snapshot.url, place))
    return found


def extract(snapshot: Snapshot, region: str | None, *, with_structured: bool = True) -> PageContacts:
    url = snapshot.url
    found: list[Found] = []
    other: list[tuple[Link, str]] = []
    platforms: list[str] = []
    structured = read_structured(snapshot.html, url) if with_structured and snapshot.html else Structured()
    declared_profiles = {link.value for raw in structured.same_as if (link := classify(raw)) is not None}
    for anchor in snapshot.anchors:
        href = anchor.href
        lower = href.lower()
        if lower.startswith("tel:") or lower.startswith("callto:"):
            phone = found_phone_link(href, anchor.label, region, url, anchor.place)
            if phone:
                found.append(phone)
            continue
        if lower.startswith("mailto:"):
            for address in emails_from_mailto(href):
                found.append(Found("email", address, anchor.label or address, "mailto", url, anchor.place, True))
            continue
        if cf := _CF_LINK.search(href):
            if protected := decode_cfemail(cf.group(1)):
                found.append(Found("email", protected, protected, "cfemail", url, anchor.place, True))
            continue
        link = classify(href)
        if link is not None:
            label = anchor.label or href
            if link.kind == "profile" and _someone_elses(anchor, snapshot.text):
                link = Link(link.network, "credit", link.value)
            elif link.kind == "person" and link.value in declared_profiles:
                link = Link(link.network, "profile", link.value)  # a person's page the site declares its own
            if link.kind in ("profile", "messenger"):
                channel = f"{'social' if link.kind == 'profile' else 'messenger'}:{link.network}"
                found.append(Found(channel, link.value, label, "link", url, anchor.place, True))
                if link.kind == "messenger" and (number := messenger_number(link.value)):
                    # The number behind a chat link is a way to reach the business too (for
                    # consistency, and the only one when the page writes no number).
                    found.append(Found("phone", number, label, channel, url, anchor.place))
            else:
                other.append((link, label))
            continue
        if platform := platform_of(href):
            platforms.append(platform)
            continue
        if is_contact_link(anchor, url):
            source = "section-link" if urlsplit(href).fragment else "link"
            label = anchor.label or href
            found.append(Found("contact-page", canonical_url(href), label, source, url, anchor.place, True))
    shown_addresses = {f.value for f in found if f.channel == "address"}
    for block in snapshot.texts:
        if block.tag not in ("address", "script"):
            for raw in addresses_in_text(block.text):
                if (key := address_key(raw)) not in shown_addresses:
                    shown_addresses.add(key)
                    found.append(Found("address", key, raw, "address-text", url, block.place))
        for value, raw in phones_in_text(block.text, region):
            found.append(Found("phone", value, raw, "text", url, block.place))
        for value, raw in emails_in_text(block.text):
            found.append(Found("email", value, raw, "text", url, block.place))
    for hex_string, place in snapshot.cfemails:
        if decoded := decode_cfemail(hex_string):
            found.append(Found("email", decoded, decoded, "cfemail", url, place))
    found += _addresses(snapshot, structured, url)
    found = _one_address_once(found)
    found += _declared(structured, region, url)
    if is_contact_url(url) or _is_contact_title(snapshot.title):
        found.append(Found("contact-page", canonical_url(url), snapshot.title or url, "self", url, None))
    elif (section := contact_section(snapshot.html)) and any(
        f.seen and (f.channel in ("phone", "email") or f.channel.startswith("messenger:")) for f in found
    ):
        found.append(Found("contact-page", canonical_url(url), section, "section", url, None))
    forms = sum(1 for f in snapshot.forms if _is_contact_form(f.fields))
    reviews = ReviewSignals(
        section=review_words(snapshot.text),
        platforms=tuple(dict.fromkeys(platforms)),
        ratings=len(structured.ratings),
        reviews=structured.reviews,
    )
    return PageContacts(
        url=url,
        title=snapshot.title,
        found=tuple(found),
        structured=structured,
        other_social=tuple(other),
        reviews=reviews,
        contact_forms=forms,
        text=snapshot.text,
    )


# The line of a page that credits who made the site or holds its rights: a link there names the
# web studio or a person ("Jakub Holub © 2024", "Сайт разработан: ...", "Svetainę sukūrė ...").
_CREDIT = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|(created|made|designed|developed|built|powered)\s+by|"
    r"(web\s*)?design\s*(by|:)|website\s+by|site\s+by|vytvořil|vytvoření|tvorba\s+web|webdesign|"
    r"сайт\s+(разработан|создан|сделан)|разработка\s+сайта|создание\s+сайта|дизайн\s+сайта|все\s+права|"
    r"sukūrė|svetainių\s+kūrimas|visos\s+teisės|wykonanie|realizacja|projekt\s+i\s+wykonanie",
    re.IGNORECASE,
)


# A testimonial's signature: "— Марина Кузнецова, 12.03.2024", "Daniel H., 14/02/2024".
_DASH_BEFORE = re.compile(r"[—–]\s*$")
_DATE_AFTER = re.compile(r"^\s*,\s*(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}\b|\d{1,2}\s+\w+\s+\d{4})")


def _someone_elses(anchor: Anchor, text: str) -> bool:
    """A profile link whose words are a name, not the network's: on a credit or copyright line
    ("Jakub Holub © 2024 | vyklizenibednar.cz"), a web studio's or a person's; signing a review or
    a testimonial, after a dash or followed by a date ("— Марина Кузнецова, 12.03.2024"), a
    reviewer's. Not the business's page either way."""
    words = anchor.text.strip()
    if len(words) < 3 or not re.search(r"\w", words) or _NETWORK_WORDS.search(words):
        return False
    for line in text.splitlines():
        at = line.find(words)
        if at < 0:
            continue
        if len(line) <= 300 and _CREDIT.search(line):
            return True
        signed = _DASH_BEFORE.search(line[:at]) or _DATE_AFTER.match(line[at + len(words) :])
        if len(words) <= 60 and len(line) <= 400 and signed:
            return True
    return False


_NETWORK_WORDS = re.compile(
    r"facebook|instagram|insta|vk|вконтакте|ok\.ru|одноклассники|telegram|телеграм|youtube|ютуб|linkedin|"
    r"twitter|tiktok|pinterest|threads|дзен|dzen|rutube|follow|подпис|мы\s+в|we\s+are\s+on|sekite",
    re.IGNORECASE,
)


def _is_contact_title(title: str) -> bool:
    first = re.split(r"\s[|·•—–-]\s", title, maxsplit=1)[0]
    return bool(re.fullmatch(r"\W*(contacts?|contact us|контакты|kontaktai|susisiekite)\W*", first, re.IGNORECASE))


def _is_contact_form(fields: tuple[Mapping[str, str], ...]) -> bool:
    text = " ".join(" ".join(f.values()) for f in fields).lower()
    return any(word in text for word in ("tel", "phone", "email", "e-mail", "телефон", "почт", "telefon", "el. pa"))


def _one_address_once(found: list[Found]) -> list[Found]:
    """An address read from plain text that the page also marks up or declares
    (`same_address`) is that address, not a second one."""
    marked = [f.value for f in found if f.channel == "address" and f.source != "address-text"]

    def known(f: Found) -> bool:
        return any(same_address(f.value, other) for other in marked)

    return [f for f in found if not (f.channel == "address" and f.source == "address-text" and known(f))]


def _addresses(snapshot: Snapshot, structured: Structured, url: str) -> list[Found]:
    """Addresses a visitor sees (an <address> block), and declared ones the page also shows."""
    found = [
        Found("address", address_key(b.text), b.text, "address-tag", url, b.place) for b in snapshot.addresses if b.text
    ]
    found += [Found("address", address_key(raw), raw, syntax, url, None) for raw, syntax in structured.addresses]
    declared = {address_key(raw): raw for raw, _ in structured.addresses}
    return found + addresses_shown(snapshot, declared)


def _declared(structured: Structured, region: str | None, url: str) -> list[Found]:
    """Phones and emails declared in structured data: for consistency, not for visibility."""
    found = []
    for raw, syntax in structured.phones:
        if value := phone_from_tel(f"tel:{raw}", region):
            found.append(Found("phone", value, raw, syntax, url, None))
    for raw, syntax in structured.emails:
        for address in emails_from_mailto(f"mailto:{raw}"):
            found.append(Found("email", address, raw, syntax, url, None))
    for same_as in structured.same_as:
        link = classify(same_as)
        if link is not None and link.kind in ("profile", "person"):
            found.append(Found(f"social:{link.network}", link.value, same_as, "structured", url, None))
    return found
