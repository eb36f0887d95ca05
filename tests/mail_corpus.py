"""The blind mail corpus (tests/data/mail): its context as ledger attempts, and a scorer that runs
the reply engine's pure core over every message the way the mailbox delivers them (help desks'
acknowledgements first, so a follow-up in a ticket can name the number the acknowledgement gave).

Used by tests/unit/test_mail_corpus.py (every entry right) and bench/mail_corpus.py (the score).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from touchpoint.ledger import Attempt
from touchpoint.replies.attribution import Attribution, Conversation, attribute
from touchpoint.replies.message import Mail, parse_mail

HERE = Path(__file__).parent / "data" / "mail"
MARKER = "This message is part of a customer-service quality check for {site}. Reference {token}."


def _attempt(
    id: int, channel: str, kind: str, token: str, target: str, sent: str, message: str, message_id: str | None
) -> tuple[Attempt, str]:
    at = datetime.fromisoformat(sent).replace(tzinfo=UTC)
    answered = channel == "old"
    attempt = Attempt(
        id=id,
        run_id=1,
        site=target.split("@")[-1].split("/")[2] if "://" in target else target.split("@")[-1],
        channel=channel,
        kind=kind,
        token=token,
        reply_to=f"alex.morgan+{token.lower().replace('-', '')}@shopper.example",
        target=target,
        state="sent",
        planned_at=at,
        sent_at=at,
        due_at=None,
        sla_seconds=None,
        message_id=message_id,
        outcome="met" if answered else "pending",
        human_reply_at=at if answered else None,
        resolved_at=None,
        detail={"message": message},
    )
    return attempt, message


CONTEXT: dict[str, tuple[Attempt, str]] = {
    "A": _attempt(
        1,
        "email",
        "email",
        "TP-7K3Q9M",
        "info@birchwood-dental.example",
        "2026-12-01T10:00:00",
        "Hello! How much is a check-up and cleaning, and when is your next free slot? (TP-7K3Q9M)",
        "<20261201100000.A1@shopper.example>",
    ),
    "B": _attempt(
        2,
        "callback",
        "form",
        "TP-4HX2WD",
        "https://www.birchwood-dental.example/contact",
        "2026-12-01T10:01:00",
        "Please call me back about teeth whitening prices. (TP-4HX2WD)",
        None,
    ),
    "C": _attempt(
        3,
        "email",
        "email",
        "TP-9RPQ2T",
        "labas@kavine-ruta.example",
        "2026-11-28T09:00:00",
        "Laba diena! Ar galima rezervuoti staliuką šeštadieniui 6 asmenims? (TP-9RPQ2T)",
        "<20261128090000.C3@shopper.example>",
    ),
    "D": _attempt(
        4,
        "old",
        "email",
        "TP-2MNB8K",
        "info@birchwood-dental.example",
        "2026-11-20T09:00:00",
        "Hello! Do you take new NHS patients? (TP-2MNB8K)",
        "<20261120090000.D0@shopper.example>",
    ),
    "E": _attempt(
        5,
        "form",
        "form",
        "TP-8WFK3C",
        "https://avtoservis-motor.example/",
        "2026-12-01T11:00:00",
        "Здравствуйте! Сколько стоит замена масла? (TP-8WFK3C)",
        None,
    ),
}
LETTER = {attempt.id: letter for letter, (attempt, _) in CONTEXT.items()}


@dataclass
class Scored:
    entry: dict[str, Any]
    found: Attribution
    about: str | None  # the letter the core attributed it to
    kind_right: bool
    about_right: bool
    answer_right: bool

    @property
    def right(self) -> bool:
        return self.kind_right and self.about_right and self.answer_right

    def line(self) -> str:
        e, f = self.entry, self.found
        return (
            f"{e['file']}: key {e['class']}/{e['about']}/{'answer' if e['answer'] else 'no'}; "
            f"core {f.kind.kind}/{self.about}/{'answer' if f.counted else 'no'} ({f.verdict}: {f.why})"
        )


def entries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
    return data


def load(entry: dict[str, Any], index: int) -> Mail:
    raw = (HERE / entry["file"]).read_bytes()
    probe = parse_mail(raw, source_id=f"corpus:{index}", received_at=datetime(2026, 12, 2, tzinfo=UTC))
    # the mailbox's INTERNALDATE: the message's own Date (each is dated when it was sent)
    arrived = probe.date.astimezone(UTC) if probe.date is not None else datetime(2026, 12, 2, tzinfo=UTC)
    return parse_mail(raw, source_id=f"corpus:{index}", received_at=arrived)


def score() -> list[Scored]:
    """Every entry, in delivery order (by date), each message learning the conversation so far."""
    mails = [(entry, load(entry, i)) for i, entry in enumerate(entries())]
    mails.sort(key=lambda pair: pair[1].received_at)
    ids: dict[int, set[str]] = {a.id: ({a.message_id} if a.message_id else set()) for a, _ in CONTEXT.values()}
    refs: dict[int, set[str]] = {a.id: set() for a, _ in CONTEXT.values()}
    scored = []
    for entry, mail in mails:
        conversations = [
            Conversation(a, frozenset(ids[a.id]), frozenset(refs[a.id]), question) for a, question in CONTEXT.values()
        ]
        found = attribute(mail, conversations)
        if found.attempt_id is not None:
            if mail.message_id:
                ids[found.attempt_id].add(mail.message_id)
            refs[found.attempt_id].update(found.refs)
        about = LETTER.get(found.attempt_id) if found.attempt_id is not None else None
        scored.append(
            Scored(
                entry,
                found,
                about,
                # the key has five classes; a forward between staff is a person's message, not an answer
                kind_right=(found.kind.kind if found.kind.kind != "forward" else "person") == entry["class"],
                about_right=about == entry["about"],
                answer_right=found.counted == bool(entry["answer"]),
            )
        )
    return scored
