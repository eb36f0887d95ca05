"""Links to the contact page, as a visitor recognises them: by their words (in English, Russian,
Lithuanian and a few neighbours), their aria-label or title, or the address they point to."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from touchpoint.contacts.snapshot import Anchor

__all__ = ["contact_section", "is_contact_link", "is_contact_url", "same_site"]

_WORDS = re.compile(
    r"^\W*("
    # English
    r"contacts?|contact\s+us|contact\s+information|contact\s+details|get\s+in\s+touch|reach\s+us|"
    r"find\s+us|write\s+to\s+us|talk\s+to\s+us|how\s+to\s+find\s+us|where\s+to\s+find\s+us|"
    # Russian
    r"контакты|контакт|контактная\s+информация|связаться(\s+с\s+нами)?|связь(\s+с\s+нами)?|"
    r"обратная\s+связь|напишите\s+нам|как\s+(нас\s+)?(найти|проехать|добраться)|наши\s+контакты|"
    # Lithuanian
    r"kontaktai|kontaktinė\s+informacija|susisiekite(\s+su\s+mumis)?|susisiekti|rašykite\s+mums|"
    r"kaip\s+mus\s+rasti|mūsų\s+kontaktai|"
    # Belarusian, Ukrainian, Czech, Polish
    r"кантакты|кантакт|кантактная\s+інфармацыя|контакти|наші\s+контакти|зв.язатися(\s+з\s+нами)?|"
    r"napište\s+nám|kontaktujte\s+nás|kde\s+nás\s+najdete|napisz\s+do\s+nas|skontaktuj\s+się(\s+z\s+nami)?|"
    # neighbours a site in the region may use
    r"kontakt[yi]?|kontaktid|kontakti|contacto|contatti|contato|yhteystiedot|kapcsolat|impressum"
    r")\W*$",
    re.IGNORECASE,
)
# Longer link words that still say "contact": "Contact us today", "Contacts & directions",
# "Контакты и реквизиты", "Adresai ir kontaktai". Bare "contact" is left out ("Contact lenses").
_LEADING = re.compile(
    r"^\W*(contact\s+us|contacts|get\s+in\s+touch|контакты|кантакты|контакти|связаться\s+с\s+нами|kontaktai|"
    r"susisiekite|kontakty)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(\b(and|или|и|ir|a|i|і)|&)\s+(contacts?|контакты|кантакты|контакти|kontaktai|kontakty)\W*$", re.IGNORECASE
)
_SLUG = re.compile(
    r"(^|/)(contacts?|contact-?us|contactus|get-?in-?touch|kontakt[yi]?|kontaktai|kontakty|kontaktid|kantakty?|"
    r"kontakti|kontaktay|"
    r"susisiekite|svyaz|svjaz|obratnaya-svyaz|feedback|contacto|contatti|reach-us|find-us|"
    r"контакты|кантакты|контакти|связь)(\.\w{2,5})?(/|$)",
    re.IGNORECASE,
)
# An in-page target that names a contact section: #contacts, #kontaktai, #contact-us, #kontakt-section.
_SECTION_ID = re.compile(
    r"(contacts?|contact[-_]?us|kontakt[yi]?|kontaktai|kontaktid|kantakty|контакты|кантакты|контакти|"
    r"svyaz|get[-_]?in[-_]?touch)([-_](section|block|area|info|wrapper|container|us))?",
    re.IGNORECASE,
)
_ID_ATTR = re.compile(r"""<[a-z][\w-]*\s[^>]*?\bid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def same_site(url: str, base: str) -> bool:
    """Same host, with or without www."""
    a = (urlsplit(url).hostname or "").removeprefix("www.")
    b = (urlsplit(base).hostname or "").removeprefix("www.")
    return bool(a) and a == b


def is_contact_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(_SLUG.search(unquote(parts.path)))


def is_contact_link(anchor: Anchor, page_url: str) -> bool:
    """A same-site link a visitor would take for "contact us"."""
    href = anchor.href
    if href.startswith(("mailto:", "tel:")) or not same_site(href, page_url):
        return False
    words = [anchor.text, anchor.aria, anchor.title, anchor.img_alt]
    fragment = unquote(urlsplit(href).fragment)
    if "#" in anchor.raw:
        # A link to a section ("#kontaktai", "/#contacts", a "Write to us" button to "#kontakt"):
        # the section is the contact page when the link or the section's name says contacts.
        # A skip link or "#top" goes nowhere new; a bare "#" is a script's.
        return bool(fragment) and (bool(_SECTION_ID.fullmatch(fragment)) or any(w and _WORDS.match(w) for w in words))
    if any(w and _WORDS.match(w) for w in words):
        return True
    if any(w and len(w) <= 40 and (_LEADING.match(w) or _TRAILING.search(w)) for w in words):
        return True
    # The slug alone counts when the words do not say something else (a "Contact lenses" shop).
    return is_contact_url(href) and not (anchor.text and len(anchor.text) > 40)


def contact_section(html: str) -> str:
    """The name of a contact section the page holds, or "": an element whose id names it
    (`<div id="kontaktai">`, `<section id="contacts">`) or a heading that says contacts
    ("Kontaktai" over a footer column, "Mūsų kontaktai"). Read from the page's HTML, so a page
    read without a browser finds it the same way."""
    for match in _ID_ATTR.finditer(html):
        if _SECTION_ID.fullmatch(unquote(match.group(1))):
            return f"#{match.group(1)}"
    for match in _HEADING.finditer(html):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(2))).strip()
        if text and len(text) <= 60 and (_WORDS.match(text) or _LEADING.match(text)):
            return text
    return ""
