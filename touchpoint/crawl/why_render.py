"""Whether a page must be rendered in the browser, and why, decided from its HTML (pure).

Always: the home page and contact pages (what shows on the first screen and where contacts sit
need the browser). Otherwise only where the HTML shows that scripts build what a visitor sees:
an empty framework mount point (#root, #app, #__next), a body with almost no text but scripts,
a <noscript> asking for JavaScript, or contact data (a tel:, mailto:, an email, a formatted
phone number, a messenger link) that appears in the page's scripts and not in its text.

The rest is checked on a sample (`differs`): a page the rules would read from HTML is also
rendered, and when the browser finds contacts or links its HTML lacks, the rules missed how this
site builds its pages and the crawl renders every page from then on.
"""

from __future__ import annotations

import re

from touchpoint.contacts.snapshot import Snapshot
from touchpoint.crawl.static import StaticPage

__all__ = ["built_by_scripts", "differs", "render_reason", "signature"]

_ASKS_FOR_JS = re.compile(
    r"enable javascript|javascript (is )?(required|disabled)|turn on javascript|включите javascript|"
    r"įjunkite javascript|zapněte javascript|włącz javascript",
    re.IGNORECASE,
)
_SCRIPT_CONTACT = re.compile(
    r"tel:\+?\d|mailto:|[\w.+-]+@[\w-]+\.[a-z]{2,}\b|wa\.me/|api\.whatsapp\.com|viber://|t\.me/|"
    r"\+\d{1,3}[\s(.-]{1,2}\d{1,4}[\s).-]{1,2}\d{2,4}",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_DIGITS = re.compile(r"\d")
_FEW_CHARS = 200


def render_reason(page: StaticPage, *, depth: int, contact: bool) -> str | None:
    """Why this page needs the browser, in words for the report; None when its HTML suffices."""
    if depth == 0:
        return "home page: the first screen and where contacts sit need the browser"
    if contact:
        return "contact page: where the contacts sit needs the browser"
    return built_by_scripts(page)


def built_by_scripts(page: StaticPage) -> str | None:
    """What in the page's HTML says scripts build what a visitor sees, or None."""
    if page.empty_roots:
        return f"built by scripts: an empty {page.empty_roots[0]} that scripts fill"
    if page.body_text_chars < _FEW_CHARS and (page.script_sources or page.scripts):
        return f"built by scripts: its HTML has {page.body_text_chars} characters of text"
    if _ASKS_FOR_JS.search(page.noscript_text):
        return "built by scripts: the page asks visitors to turn on JavaScript"
    if hint := _contact_in_scripts(page):
        return f"contact data only in the page's scripts ({hint})"
    return None


def _contact_in_scripts(page: StaticPage) -> str | None:
    text = page.snapshot.text
    hrefs = " ".join(a.href for a in page.snapshot.anchors)
    digits = "".join(_DIGITS.findall(text))
    for script in page.scripts:
        for match in _SCRIPT_CONTACT.finditer(script[:200_000]):
            value = match.group(0)
            if value.lower() in hrefs.lower():
                continue
            if "@" in value and _EMAIL.fullmatch(value):
                if value.lower() in text.lower() or value.lower() in hrefs.lower():
                    continue
                if value.lower().endswith((".png", ".jpg", ".js", ".css", ".svg", ".webp")):
                    continue  # retina image names (logo@2x.png), not addresses
            elif (value.startswith("+") or value[:1].isdigit()) and "".join(_DIGITS.findall(value)) in digits:
                continue
            return value[:40]
    return None


_CONTACT_HREF = re.compile(
    r"^(tel:|callto:|mailto:|viber:|sms:)|//([\w-]+\.)*(facebook|instagram|vk|ok|t|wa|whatsapp|youtube|linkedin|"
    r"tiktok|twitter|x|pinterest|threads|viber|telegram)\.(com|ru|me|net)\b",
    re.IGNORECASE,
)
_NEW_LINKS = 3  # fewer new links are a cookie banner's or a widget's, not a menu built by scripts


def signature(snapshot: Snapshot) -> tuple[set[str], set[str]]:
    """What a visitor can use on a page, compared between its HTML and its rendering: contacts
    (contact and social links, emails, runs of 7+ digits in text blocks) and the other links."""
    contacts: set[str] = set()
    links: set[str] = set()
    for anchor in snapshot.anchors:
        href = anchor.href.split("#", 1)[0].rstrip("/").lower()
        if href:
            (contacts if _CONTACT_HREF.search(href) else links).add(href)
    for block in snapshot.texts:
        contacts |= {m.group(0).lower() for m in _EMAIL.finditer(block.text)}
        contacts |= {f"#{d}" for d in re.findall(r"\d{7,}", re.sub(r"[\s().\-\u00a0]", "", block.text))}
    return contacts, links


def differs(static: Snapshot, rendered: Snapshot) -> list[str]:
    """What the rendering offers a visitor that the HTML did not: new contacts, or a handful of
    new links (a menu built by scripts). A few of them, for the report; [] when none."""
    static_contacts, static_links = signature(static)
    rendered_contacts, rendered_links = signature(rendered)
    new = sorted(rendered_contacts - static_contacts)
    links = sorted(rendered_links - static_links)
    if len(links) >= _NEW_LINKS:
        new += links
    return new[:5]
