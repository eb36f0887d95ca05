"""The owner's report in English, Russian and Lithuanian: every owner-facing string marked in the
report and scoring modules has a translation in each catalog, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from touchpoint.report.i18n import LOCALES, language

ROOT = Path(__file__).parents[2]
KEYWORDS = {"lang": None, "t": None, "N_": None, "n": (1, 2)}
MAPPING = [("touchpoint/report/**.py", "python"), ("touchpoint/scoring/**.py", "python")]


_CALL = re.compile(r"""\b(?:lang|t|N_)\((['"])((?:(?!\1)[^\\])+)\1\)""")


def marked() -> set[str | tuple[str, str]]:
    """What pybabel extracts, and what it cannot see: lang("...") calls inside f-strings."""
    found: set[str | tuple[str, str]] = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), MAPPING, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    for folder in ("report", "scoring"):
        for path in (ROOT / "touchpoint" / folder).glob("*.py"):
            found.update(m.group(2) for m in _CALL.finditer(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("code", ["ru", "lt"])
def test_every_owner_facing_string_is_translated(code: str) -> None:
    with (LOCALES / code / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale=code)
    missing, broken = [], []
    for message in sorted(marked(), key=str):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if not strings or not all(strings):
            missing.append(msgid)
            continue
        wanted = set(re.findall(r"\{\w+\}", msgid))
        if any(set(re.findall(r"\{\w+\}", s)) != wanted for s in strings):
            broken.append(msgid)
    assert not missing, f"{len(missing)} strings have no {code} translation, e.g. {missing[:5]}"
    assert not broken, f"placeholders differ in the {code} translation of {broken[:5]}"


def test_dates_numbers_and_durations_are_the_locales() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 4, 16, 5, tzinfo=UTC)
    assert (language("en").number(4.3), language("ru").number(4.3), language("lt").number(4.3)) == ("4.3", "4,3", "4,3")
    assert language("ru").when(moment) == "4 дек. 16:05"
    assert language("lt").duration(900) == "15 min."
    assert language("ru")("Scorecard") != "Scorecard" and language("lt")("Plan") != "Plan"
    assert language("de").code == "en"  # a language without a catalog: English
