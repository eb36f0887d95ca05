"""An attempt's outcome from its deadline and its replies (pure).

met: a person answered by the deadline. breached: the deadline passed with no person's answer,
or the answer came late. unanswered: no person answered before the profile gives up.
pending: the deadline has not come yet and nobody has answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from touchpoint.ledger import Attempt, Reply
from touchpoint.ledger.store import SETTLED_OUTCOMES
from touchpoint.result import CheckResult

__all__ = ["LATE", "SETTLED", "checked_outcome", "first_human", "outcome"]

SETTLED = SETTLED_OUTCOMES  # met, breached, unanswered: the attempt has its answer, or never will
LATE = ("breached", "unanswered")  # answered after the deadline, or never


def checked_outcome(result: CheckResult) -> str:
    """The outcome a reply check states: its message starts "met: ...", "breached: ..." (see
    touchpoint.replies.checks.reply_check)."""
    return result.message.split(":", 1)[0].strip()


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
