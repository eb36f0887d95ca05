"""An email as the reply engine needs it: who, to whom, in reply to what, when, and the text."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from html import unescape

__all__ = ["Mail", "parse_mail"]


@dataclass(frozen=True, slots=True)
class Mail:
    source_id: str  # unique in its mailbox, e.g. "imap:INBOX:3995067244:101"
    received_at: datetime  # the mailbox's INTERNALDATE: when it arrived, not when we looked
    sender: str  # the From address, lower-case
    sender_name: str
    recipients: tuple[str, ...]  # To, Cc, Delivered-To, X-Original-To, lower-case
    subject: str
    message_id: str
    in_reply_to: tuple[str, ...]
    text: str
    headers: Mapping[str, str] = field(default_factory=dict)
    date: datetime | None = None  # the Date header: the sender's claim, kept for reference


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if part.get_content_subtype() == "html":
        content = re.sub(r"(?is)<(script|style).*?</\1>", " ", content)
        content = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)
        content = unescape(re.sub(r"<[^>]+>", " ", content))
    return re.sub(r"[ \t]+", " ", str(content)).strip()


def _ids(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>\s]+>", value or ""))


def parse_mail(raw: bytes, *, source_id: str, received_at: datetime) -> Mail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    senders = getaddresses([str(message.get("From", ""))])
    name, address = senders[0] if senders else ("", "")
    recipients = [
        a.lower()
        for _, a in getaddresses(
            [str(v) for key in ("To", "Cc", "Delivered-To", "X-Original-To") for v in message.get_all(key, [])]
        )
        if a
    ]
    date = None
    if message.get("Date"):
        try:
            date = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            date = None
    headers = {k.lower(): str(v) for k, v in message.items()}
    return Mail(
        source_id=source_id,
        received_at=received_at,
        sender=address.lower(),
        sender_name=name,
        recipients=tuple(dict.fromkeys(recipients)),
        subject=str(message.get("Subject", "")),
        message_id=(_ids(str(message.get("Message-ID", ""))) or ("",))[0],
        in_reply_to=_ids(str(message.get("In-Reply-To", "")) + " " + str(message.get("References", ""))),
        text=_text(message),
        headers=headers,
        date=date,
    )
