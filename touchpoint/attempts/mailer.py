"""The email inquiry: the shopper writes to the business by SMTP, from the shopper's account,
with this attempt's reply address and a Message-ID the answer will point back to."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from touchpoint.attempts.shopper import Identity

__all__ = ["OutboxSettings", "send_inquiry"]


@dataclass(frozen=True, slots=True)
class OutboxSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    security: str = "starttls"  # ssl, starttls, none


def send_inquiry(outbox: OutboxSettings, who: Identity, *, sender: str, to: str) -> tuple[str, datetime]:
    """Send the question; returns (Message-ID, the moment the server accepted it)."""
    message = EmailMessage()
    message["From"] = formataddr((who.name, sender))
    message["Reply-To"] = formataddr((who.name, who.reply_to))
    message["To"] = to
    message["Subject"] = who.subject
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(who.message)
    if outbox.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            outbox.host, outbox.port, timeout=60, context=ssl.create_default_context()
        )
    else:
        smtp = smtplib.SMTP(outbox.host, outbox.port, timeout=60)
    with smtp:
        if outbox.security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        if outbox.user and outbox.password:
            smtp.login(outbox.user, outbox.password)
        smtp.send_message(message)
        accepted = datetime.now(UTC)
    return str(message["Message-ID"]), accepted
