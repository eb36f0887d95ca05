"""Postal addresses written as plain text, the way most small sites show theirs in the footer
without any markup: a US street and ZIP, a UK street and postcode, a Russian "ул. ..., д. N", a
Lithuanian "Gedimino pr. 9". Conservative (a street word and a number, or a postcode, must
both be there): a missed address is a finding the owner can check, a made-up one is not."""

from __future__ import annotations

import re
from collections.abc import Iterator

from touchpoint.contacts.third_party import said_of_another

__all__ = ["addresses_in_text", "same_address"]

_US = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?[A-Z0-9][\w.'-]*(?:\s+[A-Z0-9][\w.'-]*){0,4}\s+"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place|Pkwy|Parkway|"
    r"Hwy|Highway|Ter|Terrace|Cir|Circle|Sq|Square|Trl|Trail)\b\.?[^\n]{0,60}?\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
)
_UK = re.compile(
    r"\b\d{1,4}[A-Za-z]?\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}\s+"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Way|Close|Drive|Place|Square|Terrace|Crescent|Hill|Row|Parade|"
    r"Gardens|Court|Mews|Walk|Green|Quay|Wharf)\b[^\n]{0,80}?\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
)
_RU = re.compile(
    r"(?:\b\d{6},\s*)?(?:г\.\s*[А-ЯЁ][а-яё-]+,\s*)?"
    r"(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|ш\.|шоссе|наб\.|набережная|б-р|бульвар|пл\.|площадь)"
    r"\s*[А-ЯЁA-Z0-9][^\n,;]{1,40},?\s*(?:д\.|дом)?\s*\d+[а-яА-Я]?(?:[/к]\s?\d+)?",
    re.IGNORECASE,
)
# "Ленинский проспект, 32": the name before the street word.
_RU_NAME_FIRST = re.compile(
    r"\b[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ]?[а-яё-]+)?\s+(?:улица|проспект|переулок|шоссе|набережная|бульвар|площадь)"
    r",?\s*(?:д\.|дом)?\s*\d+[а-яА-Я]?(?:[/к]\s?\d+)?"
)
_LT = re.compile(
    r"\b[A-ZĄČĘĖĮŠŲŪŽ][\wąčęėįšųūž.-]+\s+(?:g\.|gatvė|pr\.|prospektas|al\.|alėja|pl\.|aikštė|skg\.|skersgatvis|kel\.)"
    r"\s*\d+[A-Za-z]?(?:-\d+)?(?:,\s*(?:LT-)?\d{5})?(?:,?\s*[A-ZĄČĘĖĮŠŲŪŽ][\wąčęėįšųūž]+)?"
)


def addresses_in_text(text: str) -> Iterator[str]:
    """Each address written in `text`, as written."""
    for pattern in (_US, _UK, _RU, _RU_NAME_FIRST, _LT):
        for match in pattern.finditer(text):
            if not said_of_another(text, match.start()):
                yield match.group(0).strip(" ,")


def same_address(a: str, b: str) -> bool:
    """Whether two address keys (`extract.address_key`) are one address however it is spelt
    ("Gedimino pr. 15-3, Vilnius" and "LT-01103 Vilnius, Gedimino pr. 15-3"): they share a house
    number and a name word."""

    def parts(key: str) -> tuple[set[str], set[str]]:
        tokens = key.split()
        return {t for t in tokens if any(c.isdigit() for c in t)}, {t for t in tokens if t.isalpha() and len(t) >= 4}

    (numbers_a, words_a), (numbers_b, words_b) = parts(a), parts(b)
    return bool(numbers_a & numbers_b and words_a & words_b)
