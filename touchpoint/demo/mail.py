"""The demo's mail, all on 127.0.0.1: the shopper's mailbox (a real IMAP server, pymap, with
IDLE), the business's mail server and the shopper's (real SMTP servers, aiosmtpd), and the
business's staff, who answer like a small business does: an automatic acknowledgement at once,
a person's reply after a while, and some messages never.

    with DemoMail(knobs, business=BUSINESS) as mail:
        mail.imap_port, mail.business_smtp_port, mail.password
"""

from __future__ import annotations

import asyncio
import imaplib
import os
import secrets
import smtplib
import threading
import time
from argparse import Namespace
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from types import TracebackType
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from touchpoint.profile.model import DemoKnobs

__all__ = ["PASSWORD_ENV", "SHOPPER_USER", "DemoMail", "Sent"]

SHOPPER_USER = "shopper"
PASSWORD_ENV = "TOUCHPOINT_DEMO_MAILBOX_PASSWORD"


@dataclass(frozen=True, slots=True)
class Sent:
    """A message the demo business sent, with the true moment it handed it to SMTP."""

    to: str
    subject: str
    human: bool
    channel: str
    sent_at: datetime
    message_id: str


@dataclass
class _Inquiry:
    channel: str
    reply_to: str
    name: str
    subject: str
    message_id: str = ""
    text: str = ""


class DemoMail:
    def __init__(self, knobs: DemoKnobs, *, business: Mapping[str, Any], host: str = "127.0.0.1") -> None:
        self.knobs = knobs
        self.business = business
        self.host = host
        self.password = os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(12)
        self.sent: list[Sent] = []
        self.received: list[_Inquiry] = []
        self.delivered: list[tuple[str, datetime]] = []  # (Message-ID, when it landed in the mailbox)
        self.imap_port = self.business_smtp_port = self.shopper_smtp_port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="touchpoint-demo-mail", daemon=True)
        self._servers: list[asyncio.Server] = []
        self._pending: set[asyncio.TimerHandle] = set()
        self._lock = threading.Lock()

    # -- life -------------------------------------------------------------------------------------

    def start(self) -> DemoMail:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        os.environ[PASSWORD_ENV] = self.password  # the demo profile names this variable
        return self

    async def _start(self) -> None:
        from proxyprotocol.reader import ProxyProtocolReader
        from pymap.backend.dict import DictBackend
        from pymap.imap import IMAPServer

        args = Namespace(
            host=self.host,
            port=0,
            debug=False,
            cert=None,
            key=None,
            tls=False,
            passlib_cfg=None,
            proxy_protocol=None,
            inherited_sockets=None,
            demo_data=False,
            demo_user=SHOPPER_USER,
            demo_password=self.password,
        )
        backend, config = await DictBackend.init(args)
        config.apply_context()
        imap = await asyncio.start_server(
            ProxyProtocolReader(config.proxy_protocol).get_callback(IMAPServer(backend.login, config)),
            host=self.host,
            port=0,
        )
        business = await self._loop.create_server(lambda: SMTP(_BusinessHandler(self)), host=self.host, port=0)
        shopper = await self._loop.create_server(lambda: SMTP(_ShopperHandler(self)), host=self.host, port=0)
        self._servers = [imap, business, shopper]
        self.imap_port, self.business_smtp_port, self.shopper_smtp_port = (
            int(s.sockets[0].getsockname()[1]) for s in self._servers
        )

    def stop(self) -> None:
        if not self._thread.is_alive():
            return

        async def close() -> None:
            for timer in list(self._pending):
                timer.cancel()
            for server in self._servers:
                server.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> DemoMail:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    # -- the staff --------------------------------------------------------------------------------

    def inquiry(
        self, channel: str, *, reply_to: str, name: str, subject: str, message_id: str = "", text: str = ""
    ) -> None:
        """Someone wrote to the business (from any thread): the staff answer as the knobs say."""
        asked = _Inquiry(channel, reply_to, name, subject, message_id, text)
        self._loop.call_soon_threadsafe(self._schedule, asked)

    def _schedule(self, asked: _Inquiry) -> None:
        with self._lock:
            self.received.append(asked)
        if not asked.reply_to:
            return
        if self.knobs.auto_reply:
            self._later(0.0, asked, human=False)
        if asked.channel in self.knobs.answers:
            self._later(self.knobs.reply_delay.total_seconds(), asked, human=True)

    def _later(self, seconds: float, asked: _Inquiry, *, human: bool) -> None:
        def fire() -> None:
            self._pending.discard(timer)
            self._loop.run_in_executor(None, self._send, asked, human)

        timer = self._loop.call_later(seconds, fire)
        self._pending.add(timer)

    def _send(self, asked: _Inquiry, human: bool) -> None:
        message = self._reply(asked, human)
        with smtplib.SMTP(self.host, self.shopper_smtp_port, timeout=30) as smtp:
            sent_at = datetime.now(UTC)
            smtp.send_message(message)
        with self._lock:
            self.sent.append(
                Sent(asked.reply_to, str(message["Subject"]), human, asked.channel, sent_at, str(message["Message-ID"]))
            )

    def _reply(self, asked: _Inquiry, human: bool) -> EmailMessage:
        name = str(self.business["name"])
        domain = str(self.business["email"]).split("@", 1)[1]
        message = EmailMessage()
        message["To"] = asked.reply_to
        message["Message-ID"] = make_msgid(domain=domain)
        message["Date"] = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
        if asked.message_id:
            message["In-Reply-To"] = asked.message_id
            message["References"] = asked.message_id
        first = (asked.name or "there").split()[0]
        if human:
            message["From"] = formataddr(("Maria Okafor", f"maria@{domain}"))
            message["Subject"] = f"Re: {asked.subject}"
            message.set_content(
                f"Hello {first},\n\nThank you for getting in touch with {name}. A boiler service is £89 and the "
                "first hour of labour is £75; we can come out tomorrow morning if that suits you. Shall I book "
                "you in?\n\nKind regards,\nMaria Okafor\n" + name + "\n020 7946 0321\n\n" + _quote(asked.text)
            )
        else:
            message["From"] = formataddr((name, f"noreply@{domain}"))
            message["Subject"] = f"Automatic reply: {asked.subject}"
            message["Auto-Submitted"] = "auto-replied"
            message.set_content(
                f"Thank you for contacting {name}. We have received your message and will answer as soon as "
                "we can.\n\nThis is an automated message; please do not reply to it."
            )
        return message


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.strip().splitlines()[:20])


class _BusinessHandler:
    """The business's mail server: every message is an inquiry for the staff."""

    def __init__(self, mail: DemoMail) -> None:
        self.mail = mail

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        from email import message_from_bytes, policy

        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw if isinstance(raw, bytes) else str(raw).encode(), policy=policy.default)
        name, _ = parseaddr(str(message.get("From", "")))
        reply_to = parseaddr(str(message.get("Reply-To") or message.get("From", "")))[1]
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        self.mail.inquiry(
            "email",
            reply_to=reply_to,
            name=name,
            subject=str(message.get("Subject", "")),
            message_id=str(message.get("Message-ID", "")),
            text=str(text),
        )
        return "250 Message accepted for delivery"


class _ShopperHandler:
    """The shopper's mail server: delivers into the shopper's IMAP mailbox (APPEND)."""

    def __init__(self, mail: DemoMail) -> None:
        self.mail = mail

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        data = raw if isinstance(raw, bytes) else str(raw).encode()
        await asyncio.get_running_loop().run_in_executor(None, self._append, data)
        return "250 Message delivered"

    def _append(self, data: bytes) -> None:
        from email import message_from_bytes

        with imaplib.IMAP4(self.mail.host, self.mail.imap_port) as imap:
            imap.login(SHOPPER_USER, self.mail.password)
            imap.append("INBOX", None, imaplib.Time2Internaldate(time.time()), data)
            landed = datetime.now(UTC)
        with self.mail._lock:
            self.mail.delivered.append((str(message_from_bytes(data).get("Message-ID", "")), landed))
