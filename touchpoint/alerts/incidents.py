"""Incidents (pure): what is wrong now, compared with what was already wrong, gives what to tell.

A problem has a stable key, so the same problem on the next night is the same incident, told
once, not a new alert every night:

    breach:<channel>               the channel's latest settled question missed its deadline
                                   (a person answered late, or nobody did)
    budget:<check>:<subject>       a check at level error failed with a measured value
    page-down:<page>:<device>      the page did not open (an error page, a timeout, a TLS error...)
    regression:<metric>:<subject>  the speed regression gate found a page slower than before (at level error)

An open incident recovers only on a measured pass of its key: a later question on the channel
answered in time, the check measured within its budget, the page opening. A check that could
not measure this run, a channel not asked this run (min_interval, an earlier question still
waiting) or a question still pending says nothing either way: the incident stays as it is.

    seen = observe(ledger.checks(run_id), ledger.settled_attempts(site))
    change = compare(seen, open_keys=["breach:email"])
    change.opened, change.ongoing, change.recovered, change.unknown
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from touchpoint.budgets import format_duration
from touchpoint.ledger import Attempt
from touchpoint.replies.outcome import SETTLED
from touchpoint.report.render import budget_text, measured_text
from touchpoint.result import NOT_CHECKED, CheckResult, Level

__all__ = ["Change", "Problem", "Seen", "compare", "observe"]

# Timed answers are read from the ledger's attempts, not from their report rows.
_FROM_ATTEMPTS = ("reply:", "chat:")


@dataclass(frozen=True, slots=True)
class Problem:
    key: str
    kind: str  # breach, budget, page-down, regression
    title: str  # stays with the incident: its alert and its recovery say it
    detail: str  # what this run saw


@dataclass(frozen=True, slots=True)
class Seen:
    """What one run measured: the problems it found, and the keys it measured as fine."""

    problems: Mapping[str, Problem]
    fine: frozenset[str]


@dataclass(frozen=True, slots=True)
class Change:
    opened: tuple[Problem, ...]  # new: one alert each
    ongoing: tuple[str, ...]  # open and still there: nothing to tell
    recovered: tuple[str, ...]  # open, and measured fine: one recovery message each
    unknown: tuple[str, ...]  # open, and not measured this run: left open, nothing to tell


def observe(results: Iterable[Mapping[str, Any]], attempts: Iterable[Attempt]) -> Seen:
    """The problems and the measured passes in a run's check results (as the ledger recorded
    them, CheckResult.to_json) and in the site's settled attempts."""
    problems: dict[str, Problem] = {}
    fine: set[str] = set()
    for data in results:
        found = _from_check(CheckResult.from_json(data))
        if found is None:
            continue
        key, problem = found
        if problem is None:
            fine.add(key)
        else:
            problems.setdefault(key, problem)
    for channel, attempt in _latest_settled(attempts).items():
        key = f"breach:{channel}"
        if attempt.outcome == "met":
            fine.add(key)
        else:
            problems[key] = _breach(key, attempt)
    return Seen(problems, frozenset(fine - problems.keys()))


def compare(seen: Seen, open_keys: Iterable[str]) -> Change:
    """New problems, ongoing ones, recovered ones and open ones this run could not look at."""
    was_open = list(dict.fromkeys(open_keys))
    return Change(
        opened=tuple(p for k, p in sorted(seen.problems.items()) if k not in was_open),
        ongoing=tuple(k for k in was_open if k in seen.problems),
        recovered=tuple(k for k in was_open if k in seen.fine),
        unknown=tuple(k for k in was_open if k not in seen.problems and k not in seen.fine),
    )


def _from_check(r: CheckResult) -> tuple[str, Problem | None] | None:
    """(key, the problem or None when measured fine), or None when the check says nothing."""
    if r.name.startswith(_FROM_ATTEMPTS) or r.message.startswith(NOT_CHECKED):
        return None
    if r.name == "page-opens":  # not opening *is* its measurement: no value to wait for
        page, device = _page_and_device(r.subject)
        key = f"page-down:{page}:{device}"
        if r.passed:
            return key, None
        return key, Problem(key, "page-down", f"The page {page} does not open on {device}", r.message)
    if r.actual is None or r.level is Level.OFF:  # not measured, or not watched (nothing was tried)
        return None
    if r.category == "speed" and r.name.startswith("regression"):
        metric = r.name.removeprefix("regression").lstrip(":-_")
        key = f"regression:{metric}:{r.subject}" if metric else f"regression:{r.subject}"
        if r.passed:
            return key, None
        if r.level is Level.ERROR:
            return key, Problem(key, "regression", f"{r.title} ({r.subject}): slower than before", r.message)
        return None  # a warning: reported, never an alert
    key = f"budget:{r.name}:{r.subject}"
    if r.passed:
        return key, None
    if r.level is Level.ERROR:
        detail = f"Measured {measured_text(r)}, budget {budget_text(r)}. {r.message}"
        return key, Problem(key, "budget", f"{r.title} ({r.subject}) fails its budget", detail)
    return None


def _page_and_device(subject: str) -> tuple[str, str]:
    page, _, device = subject.partition(" · ")
    return page, device or "any device"


def _latest_settled(attempts: Iterable[Attempt]) -> dict[str, Attempt]:
    """Each channel's most recent question that has an outcome: the channel's state now."""
    latest: dict[str, Attempt] = {}
    settled: Sequence[Attempt] = [a for a in attempts if a.state == "sent" and a.outcome in SETTLED]
    for attempt in sorted(settled, key=lambda a: (a.sent_at or a.planned_at, a.id)):
        latest[attempt.channel] = attempt
    return latest


def _breach(key: str, a: Attempt) -> Problem:
    within = format_duration(a.sla_seconds) if a.sla_seconds is not None else "the promised time"
    title = f"The {a.channel} channel: no person answered within {within}"
    said = [f"The shopper asked on {_utc(a.sent_at)}"]
    if a.due_at is not None:
        said.append(f"a person was due to answer by {_utc(a.due_at)}")
    if a.human_reply_at is not None:
        said.append(f"the first person's answer came late, on {_utc(a.human_reply_at)}")
    elif a.outcome == "unanswered":
        said.append("nobody answered before the audit stopped waiting")
    else:
        said.append("nobody has answered yet")
    return Problem(key, "breach", title, "; ".join(said) + f" (reference {a.token}).")


def _utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "—"
