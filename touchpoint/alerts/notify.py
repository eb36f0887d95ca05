"""Alerts: incidents opened and closed in the ledger, each told once through Apprise.

After a run: what it saw is compared with the site's open incidents (`incidents.compare`), the
changes are written to the ledger, then every message still owed is sent: this run's, and any an
earlier run could not send. A message is claimed in the ledger before it is sent, so two runs
ending together send it once; when no receiver took it, the claim is given back and the next run
sends it again; once a receiver took it, it is never sent again. Nothing here raises into the
audit: what went wrong comes back as warnings.

    told = raise_alerts(ledger, site="acme", name="Acme Dental", run_id=42, results=ledger.checks(42),
                        attempts=ledger.settled_attempts("acme"), receivers=receivers, link=report_url)
    told.sent, told.warnings
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from touchpoint.alerts.incidents import Problem, compare, observe
from touchpoint.alerts.receivers import Receiver, asset, quiet_apprise
from touchpoint.budgets import format_duration
from touchpoint.ledger import Attempt, Ledger

__all__ = ["Delivery", "Message", "Told", "closing", "deliver", "opening", "raise_alerts"]

SEND_TIMEOUT = 30.0  # seconds a receiver may take


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    kind: str  # Apprise's notify type: "warning" for a new problem, "success" for a recovery


@dataclass(frozen=True, slots=True)
class Delivery:
    took: tuple[str, ...]  # the receivers that took the message
    failed: tuple[tuple[str, str], ...]  # (receiver, why) for the others


@dataclass
class Told:
    """What the alerts step did after a run."""

    opened: list[str] = field(default_factory=list)  # incident keys
    recovered: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)  # the titles of the messages that went out
    warnings: list[str] = field(default_factory=list)


def raise_alerts(
    ledger: Ledger,
    *,
    site: str,
    name: str,
    run_id: int,
    results: Iterable[Mapping[str, Any]],
    attempts: Iterable[Attempt],
    receivers: Sequence[Receiver],
    link: str,
) -> Told:
    """Open and close the site's incidents from this run's results, then send what is owed."""
    told = Told()
    seen = observe(results, attempts)
    was_open = {str(row["key"]): row for row in ledger.open_incidents(site)}
    change = compare(seen, was_open)
    for problem in change.opened:
        if ledger.open_incident(site, problem.key, problem.title, run_id) is not None:
            told.opened.append(problem.key)
    for key in change.recovered:
        ledger.close_incident(int(was_open[key]["id"]), run_id)
        told.recovered.append(key)
    for row in ledger.incidents_to_notify(site):
        _tell(ledger, row, seen.problems, receivers, name=name, link=link, told=told)
    return told


def _tell(
    ledger: Ledger,
    row: Mapping[str, Any],
    problems: Mapping[str, Problem],
    receivers: Sequence[Receiver],
    *,
    name: str,
    link: str,
    told: Told,
) -> None:
    incident = int(row["id"])
    owed: tuple[str, ...]
    if row["closed_at"] is None:
        owed, message = ("open",), opening(row, name, problems.get(str(row["key"])), link)
    else:  # a recovery; its alert, if it never went out, is told in the same message
        owed = ("close",) if row["notified_open"] else ("open", "close")
        message = closing(row, name, link)
    claimed = [which for which in owed if ledger.claim_notice(incident, which)]
    if len(claimed) < len(owed):  # another run is telling it, or has told it
        for which in claimed:
            ledger.release_notice(incident, which)
        return
    delivery = deliver(receivers, message)
    if delivery.took:
        told.sent.append(message.title)
    else:
        for which in claimed:
            ledger.release_notice(incident, which)
    again = "" if delivery.took else "; it is sent again after the next run"
    for receiver, why in delivery.failed:
        told.warnings.append(f"the alert “{message.title}” did not reach {receiver}: {why}{again}")


def deliver(receivers: Sequence[Receiver], message: Message) -> Delivery:
    """Send one message to each receiver through Apprise, one receiver at a time, so that each
    one's answer is known; a receiver's failure (or Apprise's) is a reason, never an exception."""
    from apprise import Apprise, NotifyFormat, NotifyType
    from apprise.logger import NotifyLogEntry
    from apprise.plugins import NotifyBase

    took: list[str] = []
    failed: list[tuple[str, str]] = []
    for receiver in receivers:
        said: list[str] = []

        def keep(entry: NotifyLogEntry, _plugin: NotifyBase | None, said: list[str] = said) -> None:
            if entry.level in ("WARNING", "ERROR", "CRITICAL"):
                said.append(entry.message)

        try:
            with quiet_apprise():
                apprise = Apprise(asset=asset())
                if not apprise.add(receiver.url):
                    failed.append((receiver.label, "Apprise cannot read its URL"))
                    continue
                result = apprise.notify(
                    body=message.body,
                    title=message.title,
                    notify_type=NotifyType(message.kind),
                    body_format=NotifyFormat.TEXT,
                    timeout=SEND_TIMEOUT,
                    log_callback=keep,
                )
            ok = bool(result)
        except Exception as exc:  # a plugin's own fault: a failed delivery, not a failed audit
            ok, said = False, [f"{type(exc).__name__}: {exc}"]
        if ok:
            took.append(receiver.label)
        else:
            why = said[-1] if said else "it did not take the message"
            failed.append((receiver.label, receiver.scrub(why)[:300]))
    return Delivery(tuple(took), tuple(failed))


def opening(row: Mapping[str, Any], name: str, problem: Problem | None, link: str) -> Message:
    """The one alert of a new incident."""
    lines = [f"{row['title']}.", ""]
    if problem is not None and problem.detail:
        lines += [problem.detail, ""]
    lines += [
        f"Found by the audit of {name} on {_when(row['opened_at'])} (run {row['opened_run']}). "
        "This is the one alert about it; the next message about it will say it is fixed.",
        "",
        *_footer(row, link),
    ]
    return Message(f"Problem at {name}: {row['title']}", "\n".join(lines), "warning")


def closing(row: Mapping[str, Any], name: str, link: str) -> Message:
    """The one recovery message of a closed incident (which also tells its alert, when that never went out)."""
    opened, closed = _moment(row["opened_at"]), _moment(row["closed_at"])
    lasted = f", after {format_duration((closed - opened).total_seconds())}" if opened and closed else ""
    lines = [
        f"Fixed: {row['title']}.",
        "",
        f"Open since {_when(row['opened_at'])} (run {row['opened_run']}); found fixed on "
        f"{_when(row['closed_at'])} (run {row['closed_run']}){lasted}.",
    ]
    if not row["notified_open"]:
        lines.append("Its first alert could not be sent at the time.")
    lines += ["", *_footer(row, link)]
    return Message(f"Recovered at {name}: {row['title']}", "\n".join(lines), "success")


def _footer(row: Mapping[str, Any], link: str) -> list[str]:
    return [f"Report: {link}", f"Incident: {row['key']} (#{row['id']})"]


def _moment(text: Any) -> datetime | None:
    return datetime.fromisoformat(str(text)) if text else None


def _when(text: Any) -> str:
    moment = _moment(text)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"
