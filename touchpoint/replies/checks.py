"""Report rows for contact attempts and their answers (pure: ledger records in, `CheckResult`s out).

The reply row carries the channel, when the shopper wrote, when a person was due to answer
(business hours), when the first person answered, the outcome, what they wrote (escaped by the
report), the automatic acknowledgements shown but not counted, quality notes, and the site's
own promise beside the measured time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from touchpoint.attempts.engine import Fired
from touchpoint.budgets import format_duration
from touchpoint.ledger import Attempt, Reply
from touchpoint.profile.model import Channel
from touchpoint.replies.outcome import first_human
from touchpoint.replies.promises import Promise
from touchpoint.replies.sla import BusinessHours, business_time
from touchpoint.result import CheckResult, Level, Value

__all__ = ["attempt_check", "duration_words", "nothing_waiting", "reply_check", "strays_check", "transcript_lines"]

CATEGORY = "replies"
_TIES = ("thread", "token", "ticket", "quote", "shared-quote", "address", "domain")
# Messages shown with an attempt that are not about it: sent to its reply address, about something else.
_ELSEWHERE = ("other-conversation", "about-another")
KIND_WORDS = {
    "person": "a person",
    "auto-reply": "an automatic reply",
    "bounce": "a bounce",
    "bulk": "bulk mail",
    "ticket-ack": "a help desk's acknowledgement",
    "forward": "a forward",
}
NAMES = {"form": "Form", "email": "Email", "chat": "Chat"}


def duration_words(delta: timedelta) -> str:
    return format_duration(delta.total_seconds())


def _title(name: str, channel: Channel) -> str:
    return f"{name.replace('-', ' ').capitalize()} ({channel.kind})"


def attempt_check(fired: Fired, channel: Channel) -> CheckResult:
    """The row for making the attempt: sent, or why not."""
    levels = {
        "sent": (True, Level.ERROR),
        "waiting": (True, Level.OFF),
        "skipped": (True, Level.OFF),
        "not-opted-in": (True, Level.OFF),
        "dry-run": (True, Level.OFF),
        "needs-person": (False, Level.WARN),
        "offsite": (False, Level.WARN),  # the form would send visitors' data to another host: a finding
        "uncertain": (False, Level.WARN),
        "not-found": (False, channel.level),
        "failed": (False, channel.level),
    }
    passed, level = levels.get(fired.state, (False, channel.level))
    evidence: dict[str, Value] = {}
    if fired.attempt is not None:
        evidence["reference"] = fired.attempt.token
        evidence["reply address"] = fired.attempt.reply_to
        evidence["sent to"] = fired.attempt.target
    if fired.form is not None:
        evidence.update({f"filled: {role}": value for role, value in fired.form.filled})
        if fired.form.network:
            method, url, status = fired.form.network[-1]
            evidence["network"] = f"{method} {url} → HTTP {status}"
        if fired.form.confirmation:
            evidence["the page said"] = fired.form.confirmation
    for i, note in enumerate(fired.notes, 1):
        evidence[f"note {i}"] = note
    return CheckResult(
        name=f"attempt:{fired.channel}",
        category=CATEGORY,
        title=f"{_title(fired.channel, channel)}: the shopper gets in touch",
        subject=fired.channel,
        actual=fired.state,
        expected="sent" if level is not Level.OFF else None,
        operator="",
        level=level,
        passed=passed,
        message=fired.message,
        url=fired.form.page_url if fired.form else "",
        evidence=evidence,
    )


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%a %d %b %H:%M:%S %Z") if moment else "—"


def reply_check(
    attempt: Attempt | None,
    replies: Sequence[Reply],
    channel: Channel,
    *,
    hours: BusinessHours,
    promises: Sequence[Promise] = (),
    why_none: str = "",
) -> CheckResult:
    name = attempt.channel if attempt else "?"
    title = f"{_title(name, channel)}: a person answers within {duration_words(channel.sla)}"
    if attempt is None or attempt.state != "sent" or attempt.sent_at is None:
        return CheckResult(
            name=f"reply:{name}",
            category=CATEGORY,
            title=title,
            subject=name,
            actual=None,
            expected=None,
            operator="",
            level=Level.OFF,
            passed=True,
            message=why_none or "Nothing was sent on this channel in this run, so no answer is timed",
        )
    zone = hours.zone
    human = first_human(replies)
    machines = [r for r in replies if not r.human and r.kind != "person" and r.verdict not in _ELSEWHERE]
    elsewhere = [r for r in replies if not r.human and (r.kind == "person" or r.verdict in _ELSEWHERE)]
    evidence: dict[str, Value] = {
        "sent": _local(attempt.sent_at, zone),
        "due (business hours)": _local(attempt.due_at, zone),
        "due at": attempt.due_at.isoformat() if attempt.due_at else "",
        "reference": attempt.token,
    }
    evidence.update(transcript_lines(attempt, replies, zone))
    outcome = attempt.outcome
    if human is not None:
        waited = human.received_at - attempt.sent_at
        in_hours = business_time(attempt.sent_at, human.received_at, hours)
        evidence["first person's answer"] = f"{_local(human.received_at, zone)} from {human.sender}"
        evidence["their words"] = human.excerpt[:300]
        for note in human.quality.get("notes", []):
            evidence.setdefault("quality", "")
            evidence["quality"] = f"{evidence['quality']}; {note}".strip("; ")
        if human.quality:
            q = human.quality
            marks = [bool(q.get(k)) for k in ("greeting", "company_named", "person", "polite")]
            if q.get("answered") is not None:
                marks.append(bool(q.get("answered")))
            evidence["quality marks"] = f"{sum(marks)} of {len(marks)}"
        actual: Value = waited.total_seconds()
        said = (
            f"A person answered after {duration_words(waited)} ({duration_words(in_hours)} of business hours); "
            f"due within {duration_words(channel.sla)}"
        )
        if human.verdict == "address-only":
            said += ". The answer was matched by its reply address only (nothing in it names another conversation)"
    else:
        actual = None
        waited = None
        if outcome == "pending":
            said = (
                f"No answer from a person yet; due {_local(attempt.due_at, zone)}. The next run will settle it "
                "with the reply's own time"
            )
        elif outcome == "unanswered" and attempt.kind == "chat":
            settled = attempt.resolved_at or attempt.sent_at
            said = (
                "The run ended before a person answered, and a live chat cannot be resumed; it was settled "
                f"{duration_words(settled - attempt.sent_at)} after the question was sent"
            )
        elif outcome == "unanswered":
            said = f"Nobody answered within {duration_words(channel.give_up)}" + (
                " (only machines)" if machines else ""
            )
        else:
            said = (
                f"Nobody answered by the deadline ({_local(attempt.due_at, zone)}, {duration_words(channel.sla)} of "
                "business hours)"
            )
    if machines:
        said += f". {len(machines)} automatic message(s) shown but not counted"
    if elsewhere:
        said += f". {len(elsewhere)} message(s) about another conversation, or not an answer, shown but not counted"
    if promises:
        promise = promises[0]
        kept = "" if waited is None else ("kept" if waited <= promise.within else "broken")
        evidence["the site promises"] = f"“{promise.text}”" + (f" — {kept}" if kept else "")
        if kept == "broken":
            said += f". The site promises “{promise.text}”; that promise was broken"
    passed = outcome == "met"
    level = Level.OFF if outcome == "pending" else channel.level
    return CheckResult(
        name=f"reply:{name}",
        category=CATEGORY,
        title=title,
        subject=name,
        actual=actual,
        expected=channel.sla.total_seconds(),
        operator="<=",
        level=level,
        passed=passed,
        message=f"{outcome}: {said}",
        unit="duration",
        url="",
        evidence=evidence,
    )


def transcript_lines(attempt: Attempt, replies: Sequence[Reply], zone: ZoneInfo) -> dict[str, Value]:
    """Everything that reached the shopper for this attempt, in order: when, from whom, what it is,
    whether it counts, and the evidence that ties it to the attempt (or says it is about another)."""
    lines: dict[str, Value] = {}
    sent = attempt.sent_at
    for i, r in enumerate(sorted(replies, key=lambda r: r.received_at), 1):
        offset = f" (+{duration_words(r.received_at - sent)})" if sent is not None and r.received_at >= sent else ""
        key = f"{i:02d} {r.received_at.astimezone(zone):%a %H:%M:%S}{offset} {r.sender}"
        what = KIND_WORDS.get(r.kind, r.kind or "a message")
        verdict = "COUNTED as the answer" if r.human else "not counted"
        text = f"“{r.subject[:120]}” — {what}, {verdict}: {r.why}"
        if r.verdict in ("machine", "forward", "too-early"):  # why it is shown with this request
            ties = [str(c.get("detail", "")) for c in r.evidence if c.get("kind") in _TIES]
            if ties:
                text += f". Shown here because: {'; '.join(ties)}"
        if r.excerpt:
            text += f". It says: “{' '.join(r.excerpt.split())[:200]}”"
        lines[key] = text
    return lines


def strays_check(site: str, strays: Sequence[Mapping[str, Any]], zone: ZoneInfo) -> CheckResult:
    """The mail this run saw that is about none of our requests: listed, so nothing is silently dropped."""
    evidence: dict[str, Value] = {}
    for i, m in enumerate(strays[:30], 1):
        at = datetime.fromisoformat(str(m["received_at"])).astimezone(zone)
        evidence[f"{i:02d} {at:%a %H:%M:%S} {m['sender']}"] = (
            f"“{str(m['subject'])[:120]}” — {KIND_WORDS.get(str(m['kind']), str(m['kind']))}: {m['why']}"
        )
    if len(strays) > 30:
        evidence["and"] = f"{len(strays) - 30} more"
    return CheckResult(
        name="replies:unrelated",
        category=CATEGORY,
        title="Mail in the shopper's mailbox about none of the requests",
        subject=site,
        actual=len(strays),
        expected=None,
        operator="",
        level=Level.OFF,
        passed=True,
        message=(
            f"{len(strays)} message(s) reached the shopper's mailbox that are about none of this audit's requests; "
            "none of them was counted"
            if strays
            else "Every message that reached the shopper's mailbox was about one of the requests"
        ),
        evidence=evidence,
    )


def nothing_waiting(site: str) -> CheckResult:
    """The resolve step's row when no earlier attempt is still waiting."""
    return CheckResult(
        name="replies:earlier",
        category=CATEGORY,
        title="Answers to earlier runs' attempts",
        subject=site,
        actual=0,
        expected=None,
        operator="",
        level=Level.OFF,
        passed=True,
        message="No attempt from an earlier run is still waiting for an answer",
    )
