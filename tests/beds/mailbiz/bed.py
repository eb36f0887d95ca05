"""MailBusiness: the clinic, its mail and the shopper's mailbox, on loopback, for one scenario.

    with MailBusiness(scenario) as biz:
        profile = biz.profile_toml()     # a site profile pointing at this business
        env = biz.env                    # {"MAILBIZ_IMAP_PASSWORD": "..."}
        ...                              # the audit runs against it
        biz.wait_done(timeout=60)
        truth = biz.truth()              # the answer key, recorded as things happened

Everything runs in one asyncio loop in one background thread: the website (aiohttp), the
clinic's SMTP server, the shopper's SMTP server and IMAP mailbox (pymap), and the scheduler that
sends each scenario message at its time after the inquiry it follows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from .business import BUSINESS, SHOPPER, STAFF
from .mailservers import Received, ShopperMailbox, SmtpServer, send_smtp
from .model import Channel, Ctx, Inquiry, Original, Outgoing, Scenario
from .site import Lead, make_app
from .systems import lead_notification

__all__ = ["PASSWORD_ENV", "MailBusiness", "parse_duration"]

PASSWORD_ENV = "MAILBIZ_IMAP_PASSWORD"
TOKEN = re.compile(r"\bTP-[A-Za-z0-9]{6}\b")
CHANNELS: tuple[Channel, ...] = ("callback", "email")
log = logging.getLogger("mailbiz")
T = TypeVar("T")


def parse_duration(text: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*", text)
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    value, unit = float(match.group(1)), match.group(2)
    seconds = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[unit] * value
    return timedelta(seconds=seconds)


def _iso(dt: datetime | None) -> str | None:
    return dt.astimezone(UTC).isoformat(timespec="milliseconds") if dt else None


@dataclass
class _Sent:
    """A scenario message on its way: its step, its summary, and when it was delivered."""

    step: int
    out: Outgoing
    delivered_at: datetime | None = None


class MailBusiness:
    def __init__(self, scenario: Scenario, *, host: str = "127.0.0.1") -> None:
        self.scenario = scenario
        self.host = host
        self.mailbox = ShopperMailbox(host)
        self.business_smtp = SmtpServer(
            self._for_business, self._on_business_mail, hostname=BUSINESS.mx_host, host=host
        )
        self.shopper_smtp = SmtpServer(lambda _: True, self._on_shopper_mail, hostname="mx.shopper.example", host=host)
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="mailbiz", daemon=True)
        self._runner: web.AppRunner | None = None
        self._lock = threading.Lock()
        self._inquiries: list[Inquiry] = []
        self._first: dict[Channel, Inquiry] = {}
        self._scheduled: set[int] = set()
        self._sent: dict[str, _Sent] = {}  # by Message-ID
        self._by_label: dict[str, Outgoing] = {}  # what each step sent, for later steps to reply to
        self._delivered_steps: set[int] = set()
        self._others: list[dict[str, Any]] = []  # mail delivered that no step sent
        self._errors: list[str] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._done = threading.Event()
        if not scenario.steps:
            self._done.set()

    # --- life cycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if not self.port:
            raise RuntimeError("not started")
        return f"http://{self.host}:{self.port}/"

    @property
    def env(self) -> dict[str, str]:
        return {PASSWORD_ENV: self.mailbox.password}

    def start(self) -> MailBusiness:
        self._thread.start()
        self._call(self._start())
        return self

    async def _start(self) -> None:
        await self.mailbox.start()
        await self.shopper_smtp.start()
        await self.business_smtp.start()
        self._runner = web.AppRunner(make_app(self._on_lead), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, 0).start()
        self.port = int(self._runner.addresses[0][1])

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        self._call(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    async def _stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.business_smtp.stop()
        await self.shopper_smtp.stop()
        await self.mailbox.stop()

    def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=60)

    def __enter__(self) -> MailBusiness:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def wait_done(self, timeout: float = 60) -> bool:
        """True once every message of the scenario has been delivered into the mailbox and every
        deadline that no scheduled answer meets has passed: from then on `truth()["expected"]`
        cannot change. False after `timeout` seconds (an inquiry that never came, a failed step)."""
        end = time.monotonic() + timeout
        if not self._done.wait(timeout):
            return False
        with self._lock:
            unmet = [
                self._first[ch].received_at + parse_duration(self.scenario.sla[ch])
                for ch in CHANNELS
                if ch in self._first
                and self._expected(ch, list(self._sent.values()), datetime.now(UTC))["outcome"] == "pending"
            ]
        if unmet:
            wait = (max(unmet) - datetime.now(UTC)).total_seconds() + 0.05
            if wait > end - time.monotonic():
                return False
            time.sleep(max(0.0, wait))
        return True

    # --- inquiries ----------------------------------------------------------------------

    def _for_business(self, address: str) -> bool:
        address = address.lower()
        return address == BUSINESS.address or address in {p.email for p in STAFF.values()}

    async def _on_lead(self, lead: Lead) -> None:
        now = datetime.now(UTC)
        original, raw = lead_notification(lead.name, lead.email, lead.phone, lead.message, self.base_url, now)
        found = TOKEN.search(lead.message)
        self._received(
            Inquiry(
                channel="callback",
                received_at=now,
                token=found.group(0) if found else None,
                reply_to=lead.email,
                name=lead.name or SHOPPER.name,
                phone=lead.phone,
                question=lead.message,
                original=original,
                sender=lead.email,
                raw=raw,
            )
        )

    async def _on_business_mail(self, received: Received) -> str | None:
        msg = BytesParser(policy=policy.default).parsebytes(received.data)
        assert isinstance(msg, EmailMessage)
        subject = str(msg.get("Subject", ""))
        senders = getaddresses([str(msg.get("From", ""))])
        from_name, from_addr = senders[0] if senders else ("", received.envelope_from)
        replies = getaddresses([str(msg.get("Reply-To", ""))])
        reply_to = replies[0][1] if replies and replies[0][1] else from_addr
        body = msg.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if isinstance(body, EmailMessage) else ""
        try:
            date = parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else received.at
        except (TypeError, ValueError):
            date = received.at
        found = TOKEN.search(subject + "\n" + text)
        message_id = str(msg.get("Message-ID", "")).strip() or f"<none-{len(self._inquiries)}@{BUSINESS.domain}>"
        original = Original(
            message_id=message_id,
            subject=subject,
            from_name=from_name,
            from_addr=from_addr,
            to=str(msg.get("To", BUSINESS.address)),
            date=date,
            text=text.replace("\r\n", "\n"),
            references=tuple(str(msg.get("References", "")).split()),
        )
        self._received(
            Inquiry(
                channel="email",
                received_at=received.at,
                token=found.group(0) if found else None,
                reply_to=reply_to,
                name=from_name or SHOPPER.name,
                phone="",
                question=text.replace("\r\n", "\n").strip(),
                original=original,
                envelope_from=received.envelope_from,
                sender=from_addr,
                raw=received.data,
            )
        )
        return None

    def _received(self, inquiry: Inquiry) -> None:
        with self._lock:
            self._inquiries.append(inquiry)
            if inquiry.channel in self._first:
                log.warning("a second %s inquiry: no scenario messages follow it", inquiry.channel)
                return
            self._first[inquiry.channel] = inquiry
            ready = [
                i
                for i, step in enumerate(self.scenario.steps)
                if i not in self._scheduled and step.anchor in self._first and all(n in self._first for n in step.needs)
            ]
            self._scheduled.update(ready)
        for i in ready:
            task = self._loop.create_task(self._run_step(i))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    # --- sending and delivering ------------------------------------------------------------

    async def _run_step(self, index: int) -> None:
        step = self.scenario.steps[index]
        due = self._first[step.anchor].received_at + timedelta(seconds=step.after)
        await asyncio.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()))
        try:
            with self._lock:
                ctx = Ctx(
                    inquiries=dict(self._first),
                    now=datetime.now(UTC),
                    base_url=self.base_url,
                    sent=dict(self._by_label),
                )
            out = step.build(ctx)
            rcpts = [a for a in out.envelope_to if a.lower().endswith("@" + SHOPPER.domain)]
            if not rcpts:
                raise RuntimeError(f"step {index} ({step.label}) has no recipient at {SHOPPER.domain}")
            with self._lock:
                self._sent[out.message_id] = _Sent(index, out)
                self._by_label[step.label] = out
            helo = out.envelope_from.split("@")[-1] if "@" in out.envelope_from else BUSINESS.mx_host
            await asyncio.to_thread(
                send_smtp,
                self.host,
                self.shopper_smtp.port,
                out.envelope_from,
                rcpts,
                out.raw,
                helo or BUSINESS.mx_host,
            )
        except Exception as exc:  # recorded in the truth, never silent
            log.exception("step %s failed", index)
            with self._lock:
                self._errors.append(f"step {index} ({step.label}): {exc!r}")

    async def _on_shopper_mail(self, received: Received) -> str | None:
        headers = BytesParser(policy=policy.default).parsebytes(received.data, headersonly=True)
        message_id = str(headers.get("Message-ID", "")).strip()
        trace = (
            f"Return-Path: <{received.envelope_from}>\r\n"
            f"Delivered-To: {received.rcpt_tos[0]}\r\n"
            f"Received: from {BUSINESS.mx_host} (127.0.0.1)\r\n\tby mx.shopper.example with ESMTP\r\n"
            f"\tfor <{received.rcpt_tos[0]}>; {received.at.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\n"
        ).encode("ascii")
        delivered_at = await asyncio.to_thread(self.mailbox.append, trace + received.data)
        with self._lock:
            sent = self._sent.get(message_id)
            if sent is None:
                self._others.append(
                    {"message_id": message_id, "delivered_at": _iso(delivered_at), "subject": str(headers["Subject"])}
                )
            else:
                sent.delivered_at = delivered_at
                self._delivered_steps.add(sent.step)
                if len(self._delivered_steps) == len(self.scenario.steps):
                    self._done.set()
        return None

    # --- the answer key -----------------------------------------------------------------------

    def truth(self) -> dict[str, Any]:
        """What really happened, as recorded: inquiries, every message with what it is, and the
        outcome each channel should get as of now."""
        now = datetime.now(UTC)
        with self._lock:
            sent = sorted(self._sent.values(), key=lambda s: s.delivered_at or datetime.max.replace(tzinfo=UTC))
            messages = []
            for s in sent:
                step = self.scenario.steps[s.step]
                messages.append(
                    {
                        "message_id": s.out.message_id,
                        "delivered_at": _iso(s.delivered_at),
                        "from": s.out.from_addr,
                        "to": list(s.out.to),
                        "subject": s.out.subject,
                        "kind": step.kind,
                        "about": step.about,
                        "answers": step.answers,
                        "label": step.label,
                    }
                )
            expected: dict[str, Any] = {}
            for channel in CHANNELS:
                expected[channel] = self._expected(channel, sent, now)
            return {
                "scenario": self.scenario.name,
                "inquiries": [
                    {
                        "channel": q.channel,
                        "received_at": _iso(q.received_at),
                        "token": q.token,
                        "reply_to": q.reply_to,
                        "message_id": q.original.message_id,
                        "subject": q.original.subject,
                        "from": q.sender,
                        "envelope_from": q.envelope_from,
                    }
                    for q in self._inquiries
                ],
                "messages": messages,
                "expected": expected,
                "unexpected_mail": list(self._others),
                "errors": list(self._errors),
                "done": self._done.is_set(),
            }

    def _expected(self, channel: Channel, sent: list[_Sent], now: datetime) -> dict[str, Any]:
        inquiry = self._first.get(channel)
        if inquiry is None:
            return {"outcome": None, "answered_at": None, "deadline": None, "note": "no inquiry arrived"}
        sla = parse_duration(self.scenario.sla[channel])
        deadline = inquiry.received_at + sla
        answers = [
            s.delivered_at
            for s in sent
            if s.delivered_at is not None
            and self.scenario.steps[s.step].answers
            and self.scenario.steps[s.step].about == channel
        ]
        first = min(answers) if answers else None
        if first is not None and first <= deadline:
            outcome = "met"
        elif first is not None or now > deadline:
            outcome = "breached"
        else:
            outcome = "pending"
        return {"outcome": outcome, "answered_at": _iso(first), "deadline": _iso(deadline)}

    def truth_json(self) -> str:
        return json.dumps(self.truth(), indent=2, ensure_ascii=False)

    # --- the profile --------------------------------------------------------------------------

    def profile_toml(self) -> str:
        """A complete site profile for auditing this business as a user would."""
        s = self.scenario
        lines = [
            f"# Linden Row Dental, mailbiz bed, scenario {s.name!r}: {s.description}",
            f'name = "Linden Row Dental ({s.name})"',
            f'base_url = "{self.base_url}"',
            'language = "en"',
            'phone_region = "GB"',
            'timezone = "Europe/London"',
            "",
            "[[pages]]",
            'name = "home"',
            'path = "/"',
            "lighthouse = false",
            "",
            "[[pages]]",
            'name = "contact"',
            'path = "/contact"',
            "lighthouse = false",
            "",
            "[audit]",
            "runs = 1",
            'devices = ["desktop"]',
            f'max_wait = "{s.max_wait}"',
            "",
            "[shopper]",
            f'name = "{SHOPPER.name}"',
            f'email = "{SHOPPER.email}"',
            f'phone = "{SHOPPER.phone}"',
            f'message = "{SHOPPER.message}"',
            "",
            "[inbox]",
            f'host = "{self.host}"',
            f"port = {self.mailbox.port}",
            f'user = "{self.mailbox.user}"',
            f'password_env = "{PASSWORD_ENV}"',
            'security = "none"',
            "",
            "[outbox]",
            f'host = "{self.host}"',
            f"port = {self.business_smtp.port}",
            'security = "none"',
            "",
            "[channels.callback]",
            'kind = "form"',
            'page = "/contact"',
            "submit = true",
            f'sla = "{s.sla["callback"]}"',
            'min_interval = "0s"',
            "",
            "[channels.email]",
            'kind = "email"',
            f'address = "{BUSINESS.address}"',
            "submit = true",
            f'sla = "{s.sla["email"]}"',
            'min_interval = "0s"',
        ]
        return "\n".join(lines) + "\n"
