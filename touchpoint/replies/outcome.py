"""An attempt's outcome from its deadline and its replies (pure).

met: a person answered by the deadline. breached: the deadline passed with no person's answer,
or the answer came late. unanswered: no person answered before the profile gives up.
pending: the deadline has not come yet and nobody has answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from touchpoint.ledger import Attempt, Reply

__all__ = ["first_human", "outcome"]


def first_human(replies: Sequence[Reply]) -> Reply | None:
    people = [r for r in replies if r.human]
    return min(people, key=lambda r: r.received_at) if people else None


def outcome(attempt: Attempt, replies: Sequence[Reply], now: datetime, give_up: timedelta) -> str:
    if attempt.state != "sent" or attempt.sent_at is None:
        return "none"
    human = first_human(replies)
    due = attempt.due_at
    if human is not None:
        return "met" if due is None or human.received_at <= due else "breached"
    if now >= attempt.sent_at + give_up:
        return "unanswered"
    if due is not None and now >= due:
        return "breached"
    return "pending"
