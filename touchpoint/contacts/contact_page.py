"""Links to the contact page, as a visitor recognises them: by their words (in English, Russian,
Lithuanian and a few neighbours), their aria-label or title, or the address they point to."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from touchpoint.contacts.snapshot import Anchor

__all__ = ["is_contact_link", "is_contact_url", "same_site"]

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
    # neighbours a site in the region may use
    r"kontakt[yi]?|kontaktid|kontakti|contacto|contatti|contato|yhteystiedot|kapcsolat|impressum"
    r")\W*$",
    re.IGNORECASE,
)
# Longer link words that still say "contact": "Contact us today", "Contacts & directions",
# "Контакты и реквизиты", "Adresai ir kontaktai". Bare "contact" is left out ("Contact lenses").
_LEADING = re.compile(
    r"^\W*(contact\s+us|contacts|get\s+in\s+touch|контакты|связаться\s+с\s+нами|kontaktai|susisiekite)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(\b(and|или|и|ir)|&)\s+(contacts?|контакты|kontaktai)\W*$", re.IGNORECASE)
_SLUG = re.compile(
    r"(^|/)(contacts?|contact-?us|contactus|get-?in-?touch|kontakt[yi]?|kontaktai|kontakty|kontaktid|"
    r"susisiekite|svyaz|svjaz|obratnaya-svyaz|feedback|contacto|contatti|reach-us|find-us|"
    r"контакты|связь)(\.\w{2,5})?(/|$)",
    re.IGNORECASE,
)


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
    if anchor.raw.startswith("#"):
        return False  # a link within the page (a skip link, "#form") goes nowhere new
    words = [anchor.text, anchor.aria, anchor.title, anchor.img_alt]
    if any(w and _WORDS.match(w) for w in words):
        return True
    if any(w and len(w) <= 40 and (_LEADING.match(w) or _TRAILING.search(w)) for w in words):
        return True
    # The slug alone counts when the words do not say something else (a "Contact lenses" shop).
    return is_contact_url(href) and not (anchor.text and len(anchor.text) > 40)
