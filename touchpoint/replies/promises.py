"""What the site itself promises about answering: "we call back within 15 minutes",
"перезвоним в течение 15 минут", "atsakysime per valandą". Read from the page text and
compared with the measured time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

__all__ = ["Promise", "find_promises"]

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "thirty": 30,
    "half an": 0.5,
    "одн": 1,
    "один": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "пять": 5,
    "десять": 10,
    "пятнадцать": 15,
    "тридцать": 30,
    "полчаса": 0.5,
    "vieną": 1,
    "viena": 1,
    "dvi": 2,
    "dviejų": 2,
    "trijų": 3,
    "penkių": 5,
    "dešimt": 10,
    "penkiolika": 15,
    "pusvalandį": 0.5,
}
_UNITS = {
    "second": 1,
    "minute": 60,
    "min": 60,
    "hour": 3600,
    "hr": 3600,
    "day": 86400,
    "business day": 86400,
    "working day": 86400,
    "сек": 1,
    "минут": 60,
    "мин": 60,
    "час": 3600,
    "дн": 86400,
    "день": 86400,
    "сутк": 86400,
    "sekund": 1,
    "minut": 60,
    "min.": 60,
    "valand": 3600,
    "val.": 3600,
    "dien": 86400,
    "darbo dien": 86400,
    "полчаса": 1800,
    "pusvalandį": 1800,
}
_AMOUNT = r"(\d+(?:[.,]\d+)?|a|an|one|two|three|five|ten|fifteen|thirty|half an|один|одну|одн\w*|два|две|три|пять|десять|пятнадцать|тридцать|vieną|viena|dvi|dviejų|trijų|penkių|dešimt|penkiolika)?"  # noqa: E501
_UNIT = r"(business days?|working days?|seconds?|minutes?|mins?\.?|hours?|hrs?|days?|сек\w*|минут\w*|мин\.?|час\w*|полчаса|дн\w*|день|сут\w*|sekund\w*|minut\w*|min\.?|valand\w*|val\.|pusvalandį|darbo dien\w*|dien\w*)"  # noqa: E501
_PATTERNS = [
    (
        re.compile(
            rf"\b(call(ing)? (you )?back|get back to you|reply|respond|answer|contact you|be in touch)\b"
            rf"[^.\n]{{0,30}}?\bwithin\s+{_AMOUNT}\s*{_UNIT}",
            re.IGNORECASE,
        ),
        "en",
    ),
    (
        re.compile(
            rf"\b(перезвон\w+|ответ\w+|свяж\w+|позвон\w+)\b[^.\n]{{0,30}}?\b(в течение|за|через)\s+{_AMOUNT}\s*{_UNIT}",
            re.IGNORECASE,
        ),
        "ru",
    ),
    (
        re.compile(
            rf"\b(atsakysime|paskambinsime|susisieksime|perskambinsime|atsakome|skambiname)\b[^.\n]{{0,30}}?"
            rf"\b(per|ne vėliau kaip per)\s+{_AMOUNT}\s*{_UNIT}",
            re.IGNORECASE,
        ),
        "lt",
    ),
]


_CALL = re.compile(r"call|перезвон|позвон|paskambin|perskambin|skambin", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Promise:
    text: str  # as the site wrote it
    within: timedelta
    language: str
    about: str  # "call" (a call back) or "answer" (a reply in writing, or any contact)


def _amount(raw: str | None) -> float:
    if not raw:
        return 1.0
    raw = raw.lower().replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return float(next((v for k, v in _NUMBERS.items() if raw.startswith(k)), 1))


def _unit(raw: str) -> float:
    raw = raw.lower()
    return float(next(v for k, v in sorted(_UNITS.items(), key=lambda kv: -len(kv[0])) if raw.startswith(k)))


def find_promises(text: str) -> list[Promise]:
    """Every answer-time promise in `text`, shortest first."""
    found = []
    for pattern, language in _PATTERNS:
        for match in pattern.finditer(text):
            last = match.lastindex or 0
            amount_raw, unit_raw = match.group(last - 1), match.group(last)
            half_hour = unit_raw.lower() in ("полчаса", "pusvalandį")
            seconds = 1800.0 if half_hour else _amount(amount_raw) * _unit(unit_raw)
            about = "call" if _CALL.search(match.group(1)) else "answer"
            found.append(Promise(match.group(0).strip(), timedelta(seconds=seconds), language, about))
    return sorted(found, key=lambda p: p.within)
