"""`touchpoint replies`, `touchpoint reply record` and `touchpoint webhook`: settling contact
attempts outside a full audit.

    touchpoint replies sites/acme.toml                    look in the mailbox, settle what can be
    touchpoint reply record sites/acme.toml --channel callback --at "2026-11-23 09:12"
    touchpoint webhook sites/acme.toml --port 8080         receive Twilio SMS and call webhooks
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from touchpoint.errors import ProfileError, SetupError
from touchpoint.ledger import Ledger
from touchpoint.ledger.options import ledger_url
from touchpoint.profile import SiteProfile, load_profile
from touchpoint.profile.load import site_key

__all__ = ["add_commands"]


def _open(ns: argparse.Namespace) -> tuple[SiteProfile, Ledger, str]:
    profile = load_profile(ns.profile)
    url = ledger_url(profile, ns.ledger, Path(ns.reports))
    return profile, Ledger.open(url), site_key(ns.profile)


def _cmd_replies(ns: argparse.Namespace, extra: list[str]) -> int:
    from touchpoint.attempts.engine import ReplyEngine
    from touchpoint.mail_settings import inbox_settings

    try:
        profile, ledger, site = _open(ns)
    except (ProfileError, SetupError) as exc:
        print(exc, file=sys.stderr)
        return 4
    inbox = inbox_settings(profile)
    if inbox is None:
        print(
            "the profile's [inbox] needs host, user and password_env (set that variable) to look for replies",
            file=sys.stderr,
        )
        return 4
    run = ledger.start_run(site)
    engine = ReplyEngine(profile, site=site, ledger=ledger, run_id=run, inbox=inbox, outbox=None)
    try:
        settled = engine.resolve_earlier()
    finally:
        engine.close()
        ledger.finish_run(run, "replies")
    zone = ZoneInfo(profile.timezone)
    if not settled:
        print(f"{site}: no attempts waiting for an answer")
    for a in settled:
        answered = (
            a.human_reply_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if a.human_reply_at else "no answer yet"
        )
        sent = a.sent_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if a.sent_at else "?"
        print(f"{site} {a.channel:10} {a.token}  sent {sent}  {a.outcome:10} {answered}")
        for r in ledger.replies(a.id):  # every message that reached the shopper for it, and why it counts or not
            at = r.received_at.astimezone(zone).strftime("%m-%d %H:%M:%S")
            mark = "COUNTED" if r.human else "not counted"
            print(f"    {at}  {mark:11}  {r.sender[:40]:40}  “{r.subject[:50]}”: {r.why[:120]}")
    strays = engine.strays_seen()
    if strays:
        print(f"{site}: {len(strays)} message(s) in the mailbox were about none of the requests")
    return 0


def _cmd_record(ns: argparse.Namespace, extra: list[str]) -> int:
    try:
        profile, ledger, site = _open(ns)
    except (ProfileError, SetupError) as exc:
        print(exc, file=sys.stderr)
        return 4
    zone = ZoneInfo(profile.timezone)
    try:
        at = datetime.fromisoformat(ns.at)
    except ValueError:
        print(
            f'--at {ns.at!r}: write a date and time, e.g. "2026-11-23 09:12" (the site\'s time zone)', file=sys.stderr
        )
        return 4
    at = at.replace(tzinfo=zone) if at.tzinfo is None else at
    waiting = [
        a
        for a in ledger.open_attempts(site)
        if (ns.token and a.token == ns.token) or (not ns.token and a.channel == ns.channel)
    ]
    if not waiting:
        print(f"no attempt of {site} waiting on {ns.token or ns.channel}", file=sys.stderr)
        return 1
    attempt = waiting[-1]
    ledger.add_reply(
        attempt.id,
        source_id=f"manual:{at.isoformat()}:{ns.sender}",
        received_at=at.astimezone(UTC),
        sender=ns.sender or "recorded by hand",
        subject=f"{ns.how} recorded by hand",
        excerpt=ns.note or "",
        human=True,
        why="recorded by a person",
    )
    met = attempt.due_at is None or at <= attempt.due_at
    settled = ledger.resolve(attempt.id, "met" if met else "breached", human_reply_at=at)
    print(f"{site} {attempt.channel} {attempt.token}: {settled.outcome} (answered {at:%Y-%m-%d %H:%M %Z})")
    return 0


def _cmd_webhook(ns: argparse.Namespace, extra: list[str]) -> int:
    from aiohttp import web

    from touchpoint.replies.webhook import make_app

    try:
        _, ledger, site = _open(ns)
    except (ProfileError, SetupError) as exc:
        print(exc, file=sys.stderr)
        return 4
    print(f"receiving Twilio webhooks for {site} on http://{ns.host}:{ns.port}/twilio/sms and /twilio/voice")
    web.run_app(make_app(ledger, site, public_url=ns.public_url), host=ns.host, port=ns.port, print=None)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("profile", help="the site profile, e.g. sites/acme.toml")
        parser.add_argument(
            "--ledger", default=None, help="ledger URL (default: the profile's, else reports/ledger.sqlite)"
        )
        parser.add_argument("--reports", default="reports", help="reports folder (default: reports)")

    replies = sub.add_parser("replies", help="look in the mailbox and settle attempts still waiting")
    common(replies)
    replies.set_defaults(run=_cmd_replies)
    reply = sub.add_parser("reply", help="record an answer by hand")
    reply_sub = reply.add_subparsers(dest="reply_command", required=True)
    record = reply_sub.add_parser("record", help="a call or message the business made, with its time")
    common(record)
    record.add_argument("--channel", default="callback", help="the channel it answers (default: callback)")
    record.add_argument("--token", default=None, help="the attempt's reference (TP-XXXXXX), if known")
    record.add_argument("--at", required=True, help='when it happened, e.g. "2026-11-23 09:12" (site time zone)')
    record.add_argument("--how", default="call", choices=["call", "sms", "email", "visit"])
    record.add_argument("--from", dest="sender", default="", help="who (a number or a name)")
    record.add_argument("--note", default="", help="what they said")
    record.set_defaults(run=_cmd_record)
    webhook = sub.add_parser("webhook", help="receive Twilio SMS and call webhooks for the shopper's number")
    common(webhook)
    webhook.add_argument("--host", default="127.0.0.1")
    webhook.add_argument("--port", type=int, default=8080)
    webhook.add_argument("--public-url", default=None, help="the URL Twilio calls, for signature checks behind a proxy")
    webhook.set_defaults(run=_cmd_webhook)
