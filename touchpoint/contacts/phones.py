"""Phone numbers as a visitor meets them: `tel:` links and numbers written in the text.

Parsed with `phonenumbers` for the site's region (the profile's, else guessed from the domain
or the page language) and normalised to E.164; what the page wrote is kept as `raw`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from touchpoint.contacts.found import Found
from touchpoint.contacts.snapshot import Place
from touchpoint.contacts.third_party import said_of_another

__all__ = ["guess_region", "messenger_number", "phone_from_tel", "phones_in_text"]

# Country-code TLDs whose region code differs, and generic TLDs that say nothing.
_TLD_REGIONS = {"uk": "GB", "su": "RU", "рф": "RU"}
_LANG_REGIONS = {
    "ru": "RU",
    "lt": "LT",
    "lv": "LV",
    "et": "EE",
    "uk": "UA",
    "be": "BY",
    "kk": "KZ",
    "pl": "PL",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "fi": "FI",
    "sv": "SE",
}

# Numbers that look like phones but are registration, tax or bank numbers.
_NOT_A_PHONE = re.compile(
    r"(?<!\w)(инн|огрн|огрнип|кпп|бик|окпо|оквэд|октмо|окато|р/с|к/с|расч[её]тный|сч[её]т|лицев\w*|iban|swift|"
    r"isbn|vat|pvm|company\s*(no|number|reg)|reg(istration|\.)?\s*(no|number|nr)|įmonės\s*kodas|kodas|"
    r"sąskait\w*|a\.\s?s\.|npi|ein|abn|acn|duns|nip|regon|krs|hrb|ust-?id\w*|steuer\w*|"
    r"gas\s*safe|licen[cs]e|лицензи\w*|order|заказ\w*|užsakym\w*|postcode|индекс|pašto)[^\d]{0,12}$",
    re.IGNORECASE,
)
# A fax, labelled up to a line before ("Fax (paperwork only):\n(512) 555-0148", "F: ..."), unless
# the label says it is a phone too ("Tel./fax", "тел./факс").
_FAX = re.compile(r"(?<!\w)(fax|факс|faks\w*|telefax)\b[^\d]{0,60}$|(?<![\w.])f\s*[:.]\s*$", re.IGNORECASE)
_TEL_AND_FAX = re.compile(r"(tel|тел|phone|telefon)\w*\.?\s*(/|,|и|and|ir|&)\s*(fax|факс|faks)", re.IGNORECASE)


def guess_region(url: str, lang: str = "") -> str | None:
    """The phone region a site most likely writes local numbers in, or None."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    region = _TLD_REGIONS.get(tld, tld.upper())
    if region in phonenumbers.SUPPORTED_REGIONS:
        return region
    lang = lang.lower()
    if "-" in lang and lang.split("-", 1)[1].upper() in phonenumbers.SUPPORTED_REGIONS:
        return lang.split("-", 1)[1].upper()
    return _LANG_REGIONS.get(lang.split("-", 1)[0])


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(number, PhoneNumberFormat.E164))


def phone_from_tel(href: str, region: str | None) -> str | None:
    """The E.164 form of a tel: link, or None when it is not a valid number."""
    raw = unquote(href.split(":", 1)[1] if ":" in href else href)
    raw = raw.split(";", 1)[0].split("?", 1)[0].strip()
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    # A tel: link is the owner saying "this is our phone": a possible number is enough.
    if not phonenumbers.is_valid_number(number) and not phonenumbers.is_possible_number(number):
        return None
    return _e164(number)


# A number split over lines: "<span>+7 (495)</span><br><span>123-45-67</span>".
_LINE_BREAK_IN_NUMBER = re.compile(r"(?<=[\d)])[ \t]*\n[ \t]*(?=[\d(])")


def phones_in_text(text: str, region: str | None) -> Iterator[tuple[str, str]]:
    """(E.164, raw) for each valid phone number of the business written in `text`, a number
    broken over two lines included."""
    seen: set[str] = set()
    for value, raw in _phones(text, region):
        seen.add(value)
        yield value, raw
    joined = _LINE_BREAK_IN_NUMBER.sub(" ", text)
    if joined != text:
        for value, raw in _phones(joined, region):
            if value not in seen and raw not in text:  # only numbers the join made whole
                seen.add(value)
                yield value, raw


def _phones(text: str, region: str | None) -> Iterator[tuple[str, str]]:
    for match in PhoneNumberMatcher(text, region or "ZZ", leniency=Leniency.VALID):
        before = text[max(0, match.start - 40) : match.start]
        if _NOT_A_PHONE.search(before):
            continue
        if _FAX.search(text[max(0, match.start - 80) : match.start]) and not _TEL_AND_FAX.search(before):
            continue
        if said_of_another(text, match.start):
            continue
        yield _e164(match.number), match.raw_string


def found_phone_link(href: str, label: str, region: str | None, url: str, place: Place | None) -> Found | None:
    value = phone_from_tel(href, region)
    if value is None:
        return None
    return Found("phone", value, label or href, "tel-link", url, place, actionable=True)


def messenger_number(value: str) -> str | None:
    """The E.164 number a messenger link reaches ("whatsapp:+37060012345", "viber:+375...",
    "telegram:+7..."), or None for a handle, a group or an invite (t.me/+AbC... is an invite)."""
    target = value.partition(":")[2]
    if not re.fullmatch(r"\+\d{7,15}", target):
        return None
    try:
        number = phonenumbers.parse(target, None)
    except phonenumbers.NumberParseException:
        return None
    # The link itself says it is a phone number: a possible one is enough. (libphonenumber's
    # ranges lag new allocations, and a number WhatsApp or Viber opens is one the visitor can use.)
    return _e164(number) if phonenumbers.is_possible_number(number) else None
