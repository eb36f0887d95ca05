"""The mail on loopback: the clinic's SMTP server, the shopper's SMTP server and IMAP mailbox.

* The clinic's server (aiosmtpd, no auth, no TLS) takes mail for its own addresses only, as an
  MX does, and hands every message to the bed as an inquiry.
* The shopper's server (aiosmtpd) takes mail for any recipient, as the internet delivers it, and
  delivers each message once into the one IMAP mailbox by IMAP APPEND (RFC 3501 6.3.11), the way
  an MDA such as Dovecot's LDA would. The moment the APPEND's tagged OK arrives is the message's
  true delivery time.
* The mailbox is pymap's in-memory dict backend, served in-process, user "shopper".
"""

from __future__ import annotations

import asyncio
import imaplib
import secrets
import smtplib
from argparse import Namespace
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from proxyprotocol.reader import ProxyProtocolReader
from pymap.backend.dict import Config, Login
from pymap.concurrent import Subsystem
from pymap.imap import IMAPServer
from pymap.user import Passwords, UserMetadata

__all__ = ["Received", "ShopperMailbox", "SmtpServer", "send_smtp"]


@dataclass(frozen=True)
class Received:
    envelope_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    at: datetime


class _MailboxConfig(Config):
    """pymap's dict config, with a fixed greeting (no reverse-DNS lookup of this host)."""

    @property
    def greeting(self) -> bytes:
        return b"Server ready imap.shopper.example"


class ShopperMailbox:
    """One IMAP account, in memory, served on loopback from the bed's event loop."""

    user = "shopper"

    def __init__(self, host: str = "127.0.0.1", password: str | None = None) -> None:
        self.host = host
        self.password = password or secrets.token_urlsafe(18)
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        args = Namespace(passlib_cfg=None, proxy_protocol=None, debug=False, cert=None, key=None, tls=False)
        config = _MailboxConfig(
            args,
            host=self.host,
            port=0,
            demo_data=False,
            demo_user=self.user,
            demo_password=self.password,
            tls_enabled=False,
            reject_dnsbl=False,
            invalid_user_sleep=0.5,
            cpu_subsystem=Subsystem.for_asyncio(),
        )
        login = Login(config)
        hashed = await Passwords(config).hash_password(self.password)
        await login.demo_user_identity.set(UserMetadata(config, self.user, password=hashed))
        callback = ProxyProtocolReader(config.proxy_protocol).get_callback(IMAPServer(login, config))
        self._server = await asyncio.start_server(callback, host=self.host, port=0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def append(self, raw: bytes) -> datetime:
        """Deliver one message by IMAP APPEND (blocking; run it in a worker thread)."""
        with imaplib.IMAP4(self.host, self.port, timeout=30) as imap:
            imap.login(self.user, self.password)
            typ, data = imap.append("INBOX", None, None, raw)
            at = datetime.now(UTC)
            if typ != "OK":
                raise RuntimeError(f"APPEND failed: {typ} {data!r}")
        return at


Handler = Callable[[Received], Awaitable[str | None]]


class _Inbound:
    """aiosmtpd handler: who is accepted at RCPT, and what happens at the end of DATA."""

    def __init__(self, accept: Callable[[str], bool], on_message: Handler, hostname: str) -> None:
        self.accept = accept
        self.on_message = on_message
        self.hostname = hostname

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not self.accept(address):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or envelope.content or b""
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        sender = envelope.mail_from or ""
        received = Received(
            envelope_from="" if sender in ("<>", "") else sender,
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=data,
            at=datetime.now(UTC),
        )
        reply = await self.on_message(received)
        return reply or f"250 2.0.0 Ok: queued as {secrets.token_hex(5).upper()}"


class SmtpServer:
    """An aiosmtpd server in the caller's running loop, on loopback, port 0."""

    def __init__(self, accept: Callable[[str], bool], on_message: Handler, *, hostname: str, host: str) -> None:
        self.host = host
        self.hostname = hostname
        self.port = 0
        self._handler = _Inbound(accept, on_message, hostname)
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()

        def factory() -> SMTP:
            return SMTP(
                self._handler,
                hostname=self.hostname,
                ident="Postfix",
                decode_data=False,
                enable_SMTPUTF8=True,
                loop=loop,
            )

        self._server = await loop.create_server(factory, host=self.host, port=0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


def send_smtp(host: str, port: int, envelope_from: str, rcpts: list[str], raw: bytes, helo: str) -> Any:
    """Hand a message to an SMTP server (blocking). `envelope_from` "" is MAIL FROM:<>."""
    with smtplib.SMTP(host, port, local_hostname=helo, timeout=30) as smtp:
        return smtp.sendmail(envelope_from, rcpts, raw)
