"""Small value types of a site profile, each parsed from TOML with the fix in its error."""

from __future__ import annotations

import itertools
import re
from datetime import time, timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import BeforeValidator, PlainSerializer

from touchpoint.budgets import Budget, parse_budget

__all__ = [
    "BudgetField",
    "Duration",
    "EnvName",
    "HttpUrl",
    "Language",
    "PhoneRegion",
    "TimeRanges",
    "TimeZoneName",
    "parse_duration",
    "parse_time_ranges",
]

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(raw: Any) -> timedelta:
    """ "15m", "1h30m", "2d", "90s" or a number of minutes."""
    if isinstance(raw, timedelta):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0:
        return timedelta(minutes=raw)
    if isinstance(raw, str):
        match = _DURATION.match(raw)
        if match and any(match.groups()):
            d, h, m, s = (int(g) if g else 0 for g in match.groups())
            return timedelta(days=d, hours=h, minutes=m, seconds=s)
    raise ValueError(f'{raw!r} is not a duration: write "15m", "1h30m", "2d" or "90s"')


def _url(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError('write the address as text, e.g. "https://www.example.com/"')
    parts = urlsplit(raw.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f'{raw!r} is not an http(s) address: write e.g. "https://www.example.com/"')
    return raw.strip()


def _language(raw: Any) -> str:
    if isinstance(raw, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", raw):
        return raw
    raise ValueError(f'{raw!r} is not a language tag: write "en", "ru", "lt" or "en-GB"')


def _region(raw: Any) -> str:
    if isinstance(raw, str) and raw.upper() in phonenumbers.SUPPORTED_REGIONS:
        return raw.upper()
    raise ValueError(f'{raw!r} is not a phone region: write a two-letter country code such as "GB", "LT" or "RU"')


def _zone(raw: Any) -> str:
    if isinstance(raw, str) and raw:
        try:
            ZoneInfo(raw)
            return raw
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(f'{raw!r} is not an IANA time zone: write e.g. "Europe/London" or "Europe/Vilnius"')


def _env_name(raw: Any) -> str:
    if isinstance(raw, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", raw):
        return raw
    # The value is never repeated: what was written here may well be the password itself.
    looks = "this looks like a password, not" if isinstance(raw, str) and raw.strip() else "this is not"
    raise ValueError(
        f"{looks} the name of an environment variable (the value is not shown). Secrets stay out of the "
        'profile: write the variable\'s name, e.g. password_env = "SHOP_IMAP_PASSWORD", and set that '
        "variable to the password"
    )


_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_time_ranges(raw: Any) -> tuple[tuple[time, time], ...]:
    """ "09:00-18:00", ["09:00-13:00", "14:00-18:00"] or "closed"; 24:00 ends a day."""
    if raw == "closed" or raw == [] or raw == ():
        return ()
    if isinstance(raw, tuple) and all(isinstance(r, tuple) and len(r) == 2 for r in raw):
        return tuple(raw)  # already parsed (a model built in code)
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise ValueError('write opening hours as "09:00-18:00", a list of such ranges, or "closed"')
    ranges: list[tuple[time, time]] = []
    for item in items:
        match = _RANGE.match(item) if isinstance(item, str) else None
        if not match:
            raise ValueError(f'{item!r} is not a range of hours: write "09:00-18:00"')
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"{item!r} has an hour or minute out of range")
        start = time(h1, m1)
        end = time.max if h2 == 24 else time(h2, m2)
        if end <= start:
            raise ValueError(f"{item!r} ends before it starts: split a night shift into two days")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in itertools.pairwise(ranges):
        if start < end:
            raise ValueError(f"the ranges in {raw!r} overlap")
    return tuple(ranges)


def _fmt_ranges(ranges: tuple[tuple[time, time], ...]) -> str | list[str]:
    if not ranges:
        return "closed"
    return [f"{a:%H:%M}-{'24:00' if b == time.max else f'{b:%H:%M}'}" for a, b in ranges]


HttpUrl = Annotated[str, BeforeValidator(_url)]
Language = Annotated[str, BeforeValidator(_language)]
PhoneRegion = Annotated[str, BeforeValidator(_region)]
TimeZoneName = Annotated[str, BeforeValidator(_zone)]
EnvName = Annotated[str, BeforeValidator(_env_name)]
Duration = Annotated[
    timedelta, BeforeValidator(parse_duration), PlainSerializer(lambda d: f"{int(d.total_seconds())}s")
]
TimeRanges = Annotated[tuple[tuple[time, time], ...], BeforeValidator(parse_time_ranges), PlainSerializer(_fmt_ranges)]
BudgetField = Annotated[Budget, BeforeValidator(parse_budget)]
