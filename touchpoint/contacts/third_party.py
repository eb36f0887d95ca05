"""Contacts a business must publish that are not its own: the regulators and public services
Russian clinics, Lithuanian data controllers and UK traders list ("complaints to the State Data
Protection Inspectorate, tel. (8 5) 271 2804, ada@ada.lt"). The words just before a number or an
address, on the same line, say whose it is."""

from __future__ import annotations

import re

__all__ = ["said_of_another"]

_THIRD_PARTY = re.compile(
    r"роспотребнадзор|росздравнадзор|рособрнадзор|минздрав|министерств|тфомс|фонд\w* омс|прокуратур|"
    r"контролирующ|надзорн|ministry of|regulat(or|ed by)|trading standards|ombudsman|information commissioner|"
    r"state board|board of \w+ examiners|licensing board|department of|dept\. of|public utility commission|"
    r"valstybinė|inspekcij|priežiūros tarnyb|"
    # a lender the business works with: "call Hearthstone's loan line at ..."
    r"loan line|lending|lender\b|кредитн\w+ (отдел|линия) банка|paskolų (linija|teikėj)",
    re.IGNORECASE,
)


# A sentence ends at ". " before a capital, after a word (not "L. Sapiegos", "tel. (8", "el. p.").
_SENTENCE_END = re.compile(r"(?:(?<=\w{3}[.!?])|(?<=\)[.!?]))\s+(?=[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ])")


def said_of_another(text: str, start: int) -> bool:
    """Whether the sentence before `start`, on its line and within 160 characters, names a
    regulator or public body."""
    line = text[max(0, start - 160) : start].rsplit("\n", 1)[-1]
    sentence = _SENTENCE_END.split(line)[-1]
    return bool(_THIRD_PARTY.search(sentence))
