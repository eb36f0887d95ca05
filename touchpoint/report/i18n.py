"""The owner's report in the owner's language: English, Russian or Lithuanian.

Owner-facing words are marked where they are written (with `lang`, `t` or `N_`) and kept in
gettext catalogs under touchpoint/locale/<lang>/LC_MESSAGES/messages.po, managed with Babel
(`pybabel extract -F babel.cfg -o touchpoint/locale/messages.pot touchpoint`, then `update`).
The .po files are read as they are (nothing to compile). Dates, numbers and durations come from
Babel's locale data, not from f-strings.

    lang = language("lt")
    lang("Does a person answer?"), lang.when(moment), lang.number(0.93, percent=True)
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

__all__ = ["LANGUAGES", "LOCALES", "Language", "language"]

LOCALES = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = ("en", "ru", "lt")


@cache
def _translations(code: str) -> gettext.NullTranslations:
    po = LOCALES / code / "LC_MESSAGES" / "messages.po"
    if code == "en" or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True, slots=True)
class Language:
    code: str

    def __call__(self, message: str) -> str:
        return _translations(self.code).gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        return _translations(self.code).ngettext(singular, plural, count).format(n=count)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    def when(self, moment: object, pattern: str = "d MMM HH:mm") -> str:
        assert isinstance(moment, datetime)
        return str(format_datetime(moment, pattern, locale=self.code))

    def when_date(self, day: date) -> str:
        return str(format_date(day, "d MMM y", locale=self.code))

    def date(self, moment: datetime) -> str:
        return str(format_datetime(moment, "EEEE d MMMM y, HH:mm zzz", locale=self.code))

    def number(self, value: float, digits: int = 1, *, percent: bool = False) -> str:
        if percent:
            return str(format_percent(value, locale=self.code))
        return str(format_decimal(round(value, digits), locale=self.code))

    def duration(self, seconds: float) -> str:
        """ "20 s", "15 min", "2 h" in the locale's own short words."""
        return str(format_timedelta(timedelta(seconds=seconds), threshold=1.5, format="short", locale=self.code))


def language(code: str | None) -> Language:
    code = (code or "en").split("-")[0].split("_")[0].lower()
    return Language(code if code in LANGUAGES else "en")
