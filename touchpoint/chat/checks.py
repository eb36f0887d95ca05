"""Report rows for chat journeys (pure): starting the chat, and the first person's answer with
the whole transcript, each message with its time and verdict."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from touchpoint.budgets import format_duration
from touchpoint.chat.engine import ChatResult, ChatStart
from touchpoint.findability.site import ChannelFinding
from touchpoint.profile.model import Channel
from touchpoint.result import CheckResult, Level, Value

__all__ = [
    "chat_answer_check",
    "chat_start_check",
    "chat_widgets_check",
    "messenger_links_check",
    "transcript_lines",
]

CATEGORY = "chat"


def chat_start_check(started: ChatStart, channel: Channel) -> CheckResult:
    passed = started.state in ("sent", "dry-run", "not-opted-in", "skipped")
    level = {"dry-run": Level.OFF, "not-opted-in": Level.OFF, "skipped": Level.OFF, "hidden": Level.WARN}.get(
        started.state, channel.level
    )
    if started.state == "offline":  # offline with no way to leave an email: reported, not a failure
        level = Level.WARN
    evidence: dict[str, Value] = {}
    t = started.transcript
    if t is not None:
        evidence["vendor"] = t.vendor or "none found"
        evidence["chat state"] = t.state or ("no chat widget" if not t.vendor else "unknown")
        if len(t.vendors) > 1:
            evidence["also on the page"] = ", ".join(t.vendors[1:])
        if t.status:
            evidence["the widget says"] = t.status
        for i, error in enumerate(t.errors[:5], 1):
            evidence[f"error {i}"] = error
    message = started.message
    if t is not None and len(t.vendors) > 1:
        message += f". The page loads {len(t.vendors)} chat widgets ({', '.join(t.vendors)}): visitors see two chats"
    return CheckResult(
        name=f"chat-start:{started.channel}",
        category=CATEGORY,
        title=f"{started.channel.capitalize()}: the shopper writes in the chat",
        subject=started.channel,
        actual=started.state,
        expected="sent" if level is not Level.OFF else None,
        operator="",
        level=level,
        passed=passed,
        message=message,
        url=t.url if t else "",
        evidence=evidence,
    )


def transcript_lines(result: ChatResult, zone: ZoneInfo) -> dict[str, Value]:
    lines: dict[str, Value] = {}
    sent = result.transcript.sent_at if result.transcript else None
    for i, v in enumerate(result.verdicts, 1):
        m = v.message
        offset = f"{(m.at - sent).total_seconds():+.1f} s" if sent else ""
        who = m.name or m.author
        lines[f"{i:02d} {m.at.astimezone(zone):%H:%M:%S} ({offset}) {who}"] = (
            f"{m.text[:200]} — {'PERSON' if v.human else 'not counted'}: {v.why}"
        )
    return lines


def chat_answer_check(result: ChatResult, channel: Channel, zone: ZoneInfo) -> CheckResult:
    title = f"{result.channel.capitalize()}: a person answers within {format_duration(channel.sla.total_seconds())}"
    if result.attempt is None or result.transcript is None:
        return CheckResult(
            name=f"chat:{result.channel}",
            category=CATEGORY,
            title=title,
            subject=result.channel,
            actual=None,
            expected=None,
            operator="",
            level=Level.OFF,
            passed=True,
            message=result.message or "No question was written in this run, so no answer is timed",
        )
    t = result.transcript
    evidence: dict[str, Value] = {"vendor": t.vendor, "the widget says": t.status or "nothing about being online"}
    if t.sent_at is not None:
        evidence["the shopper wrote"] = t.sent_at.astimezone(zone).strftime("%H:%M:%S")
    if result.attempt.due_at is not None:
        evidence["due (business hours)"] = result.attempt.due_at.astimezone(zone).strftime("%a %d %b %H:%M:%S %Z")
        evidence["due at"] = result.attempt.due_at.isoformat()
    evidence.update(transcript_lines(result, zone))
    machines = [v for v in result.verdicts if not v.human and v.message.author != "visitor"]
    if result.first_human is not None and t.sent_at is not None:
        waited = (result.first_human.message.at - t.sent_at).total_seconds()
        said = (
            f"{result.outcome}: {result.first_human.message.name or 'A person'} answered after "
            f"{format_duration(waited)}; due within {format_duration(channel.sla.total_seconds())}"
        )
        actual: Value = waited
    elif t.sent_by == "offline form" and result.attempt.human_reply_at and t.sent_at is not None:
        waited = (result.attempt.human_reply_at - t.sent_at).total_seconds()
        actual = waited
        said = f"{result.outcome}: a person answered the offline message by email after {format_duration(waited)}"
    else:
        actual = None
        said = f"{result.outcome}: no person answered before the run ended"
    if machines:
        said += f". {len(machines)} greeting(s), bot or system message(s) shown but not counted"
    if result.message:
        said += f". {result.message}"
    return CheckResult(
        name=f"chat:{result.channel}",
        category=CATEGORY,
        title=title,
        subject=result.channel,
        actual=actual,
        expected=channel.sla.total_seconds(),
        operator="<=",
        level=channel.level,
        passed=result.outcome == "met",
        message=said,
        unit="duration",
        url=t.url,
        evidence=evidence,
    )


def messenger_links_check(findings: Mapping[str, ChannelFinding]) -> CheckResult:
    """Click-to-chat links (WhatsApp, Telegram, Viber): channels a person must try, listed."""
    links = {ch.split(":", 1)[1]: f for ch, f in findings.items() if ch.startswith("messenger:") and f.found}
    evidence: dict[str, Value] = {
        app.capitalize(): f"{', '.join(f.values[:3])} ({f.depth} click{'s' if f.depth != 1 else ''} from the home page)"
        for app, f in sorted(links.items())
    }
    if links:
        message = (
            f"The site offers {', '.join(a.capitalize() for a in sorted(links))} chat links: the audit cannot "
            "write there (they open the visitor's own app); a person should try them"
        )
    else:
        message = "No WhatsApp, Telegram or Viber chat links on the site"
    return CheckResult(
        name="messenger-links",
        category=CATEGORY,
        title="Chat links to messengers",
        subject="site",
        actual=len(links),
        expected=None,
        operator="",
        level=Level.OFF,
        passed=True,
        message=message,
        evidence=evidence,
    )


def chat_widgets_check(found: Mapping[str, list[str]], pages: int, channels: int) -> CheckResult:
    """The live chats the site loads, seen in the crawl's pages; measured, never written to."""
    from touchpoint.chat.detect import VENDOR_NAMES

    names = [VENDOR_NAMES.get(v, v) for v in found]
    evidence: dict[str, Value] = {
        VENDOR_NAMES.get(v, v): f"on {len(urls)} of {pages} pages, e.g. {urls[0]}" for v, urls in found.items()
    }
    if not found:
        message = f"No known chat vendor's widget on the {pages} pages opened"
        if channels:
            message += " (the profile's own chat channel is checked on its own)"
    else:
        message = f"The site loads a live chat: {', '.join(names)}"
        if len(found) > 1:
            message += " (more than one: visitors may see two chat buttons)"
        if not channels:
            message += (
                ". The audit did not write in it: add a chat channel with submit = true to the profile "
                "to time a person's answer"
            )
    return CheckResult(
        name="chat-widgets",
        category=CATEGORY,
        title="Live chat on the site",
        subject="site",
        actual=", ".join(names) or "none",
        expected=None,
        operator="",
        level=Level.OFF,
        passed=True,
        message=message,
        evidence=evidence,
    )
