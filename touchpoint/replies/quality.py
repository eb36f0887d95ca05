"""How a person answered: greeted, named the company, signed with a name, answered the
question, stayed polite. English, Russian and Lithuanian. Notes for the owner, not a verdict."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Quality", "judge_reply"]

_GREETING = re.compile(
    r"^\W*(hello|hi|hey|dear|good (morning|afternoon|evening)|greetings|"
    r"здравствуйте|добрый (день|вечер)|доброе утро|привет|уважаем\w+|"
    r"sveiki|laba diena|labas( rytas| vakaras)?|gerb\.|gerbiam\w+)\b",
    re.IGNORECASE | re.MULTILINE,
)
_SIGN_OFF = re.compile(
    r"(regards|best wishes|kind regards|thanks|thank you|cheers|sincerely|"
    r"с уважением|всего доброго|спасибо|"
    r"pagarbiai|su pagarba|ačiū|geros dienos)[,.!]?\s*\n+\s*"
    r"([A-ZА-ЯЁĄČĘĖĮŠŲŪŽ][\w'’-]+(?:\s+[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ][\w'’.-]+)?)",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"(my name is|this is|i am|i'm|меня зовут|с вами|mano vardas|aš esu|rašo)\s+([A-ZА-ЯЁĄČĘĖĮŠŲŪŽ][\w'’-]+)",
    re.IGNORECASE,
)
_RUDE = re.compile(
    r"\b(stupid|idiot|moron|shut up|damn|crap|дурак|идиот|тупой|заткнись|отвали|kvail\w*|idiotas|užsičiaupk)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quality:
    greeting: bool
    company_named: bool
    person: str  # the name a person signed with, or ""
    answered: bool | None  # None when the profile lists no words to look for
    polite: bool
    words_found: tuple[str, ...] = ()

    def notes(self) -> list[str]:
        notes = ["greets the customer" if self.greeting else "no greeting"]
        notes.append("names the company" if self.company_named else "does not name the company")
        notes.append(f"signed by {self.person}" if self.person else "no person's name")
        if self.answered is not None:
            notes.append(
                f"answers the question ({', '.join(self.words_found)})"
                if self.answered
                else "does not answer the question"
            )
        if not self.polite:
            notes.append("rude words")
        return notes

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "notes": self.notes()}


def judge_reply(text: str, *, company: str, keywords: Sequence[str] = ()) -> Quality:
    words = [w for w in re.split(r"[\W_]+", company.lower()) if len(w) > 3]
    lower = text.lower()
    company_named = bool(words) and any(w in lower for w in words)
    match = _SIGN_OFF.search(text) or _INTRO.search(text)
    person = match.group(2) if match else ""
    found = tuple(k for k in keywords if k.lower() in lower)
    return Quality(
        greeting=bool(_GREETING.search(text[:300])),
        company_named=company_named,
        person=person,
        answered=bool(found) if keywords else None,
        polite=not _RUDE.search(text),
        words_found=found,
    )
