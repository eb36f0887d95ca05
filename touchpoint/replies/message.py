"""An email as the reply engine needs it: who, to whom, in reply to what, when, the text a person
wrote in it and the text it quotes, and what it carries inside (a bounce's copy of our message).

    mail = parse_mail(raw, source_id="imap:...;UID=7", received_at=internaldate)
    mail.fresh      # what the sender wrote in this message
    mail.quoted     # what it quotes ("> ..." lines, "On ... wrote:" and what follows)
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from touchpoint.replies.quotes import split_quote

__all__ = ["Mail", "html_text", "parse_mail"]


@dataclass(frozen=True, slots=True)
class Mail:
    source_id: str  # unique in its mailbox, e.g. "imap:INBOX:3995067244:101"
    received_at: datetime  # the mailbox's INTERNALDATE: when it arrived, not when we looked
    sender: str  # the From address, lower-case
    sender_name: str
    recipients: tuple[str, ...]  # To, Cc, Delivered-To, X-Original-To, lower-case
    subject: str
    message_id: str
    in_reply_to: tuple[str, ...]  # In-Reply-To, then References: the messages it answers
    text: str  # the whole readable text, quotes marked with "> "
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case name -> values joined by "\n"
    date: datetime | None = None  # the Date header: the sender's claim, kept for reference
    to: tuple[str, ...] = ()  # the To addresses alone
    fresh: str = ""  # what the sender wrote, without what it quotes
    quoted: str = ""  # what it quotes
    content_type: str = ""  # e.g. "multipart/report"
    report_type: str = ""  # a multipart/report's report-type, e.g. "delivery-status"
    carried: str = ""  # text of parts it carries: a bounce's delivery status and copy of our message


class _HtmlText(HTMLParser):
    """HTML to text with block breaks, and "> " before every line inside a <blockquote>."""

    BLOCK = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.depths: list[int] = [0]
        self.depth = 0
        self.skip = 0

    def _break(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
            self.depths.append(self.depth)
        else:
            self.depths[-1] = self.depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag == "blockquote":
            self.depth += 1
            self._break()
        elif tag in self.BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.depth = max(0, self.depth - 1)
            self._break()
        elif tag in self.BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.lines[-1] += re.sub(r"\s+", " ", data)

    def text(self) -> str:
        out = []
        for line, depth in zip(self.lines, self.depths, strict=True):
            line = line.strip()
            out.append(("> " * depth + line) if line else "")
        return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def html_text(markup: str) -> str:
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeDecodeError, AttributeError, KeyError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload or "")
    if isinstance(content, bytes):
        return content.decode("utf-8", "replace")
    if isinstance(content, Message):
        return content.as_string()
    return str(content)


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = _content(part)
    if part.get_content_subtype() == "html":
        content = html_text(content)
    content = content.replace("\r\n", "\n")
    return "\n".join(re.sub(r"[ \t\xa0]+", " ", line).rstrip() for line in content.split("\n")).strip()


def _carried(message: EmailMessage) -> str:
    """What a message carries besides its body: a DSN's status and returned headers, a forwarded
    or bounced copy (message/rfc822, text/rfc822-headers, message/delivery-status)."""
    texts = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/delivery-status", "message/global-delivery-status", "text/rfc822-headers"):
            payload = part.get_payload()
            if isinstance(payload, list):
                texts.append("\n".join(p.as_string() for p in payload if isinstance(p, Message)))
            else:
                texts.append(_content(part))
        elif kind in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else payload
            if isinstance(inner, Message):
                texts.append(inner.as_string()[:20000])
    return "\n".join(texts)


def _ids(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>\s]+>", value or ""))


def parse_mail(raw: bytes, *, source_id: str, received_at: datetime) -> Mail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)

    def field_text(name: str) -> str:
        try:
            return str(message.get(name, "") or "")
        except (ValueError, IndexError, AttributeError):  # a malformed header: take it as it came
            return str(message.get_all(name, [""])[0] or "")

    def addresses(*names: str) -> list[str]:
        values = []
        for name in names:
            try:
                values += [str(v) for v in message.get_all(name, [])]
            except (ValueError, IndexError, AttributeError):
                continue
        return [a.lower() for _, a in getaddresses(values) if a and "@" in a]

    senders = getaddresses([field_text("From")])
    name, address = senders[0] if senders else ("", "")
    date = None
    if message.get("Date"):
        try:
            date = parsedate_to_datetime(field_text("Date"))
        except (TypeError, ValueError, IndexError):
            date = None
    headers: dict[str, str] = {}
    for key, value in message.items():
        text = str(value)
        headers[key.lower()] = f"{headers[key.lower()]}\n{text}" if key.lower() in headers else text
    text = _text(message)
    fresh, quoted = split_quote(text)
    replying = _ids(field_text("In-Reply-To")) + _ids(field_text("References"))
    return Mail(
        source_id=source_id,
        received_at=received_at,
        sender=address.lower(),
        sender_name=name,
        recipients=tuple(dict.fromkeys(addresses("To", "Cc", "Delivered-To", "X-Original-To"))),
        subject=re.sub(r"\s+", " ", field_text("Subject")).strip(),
        message_id=(_ids(field_text("Message-ID")) or ("",))[0],
        in_reply_to=tuple(dict.fromkeys(replying)),
        text=text,
        headers=headers,
        date=date,
        to=tuple(dict.fromkeys(addresses("To"))),
        fresh=fresh,
        quoted=quoted,
        content_type=message.get_content_type(),
        report_type=str(message.get_param("report-type", "") or "").lower(),
        carried=_carried(message),
    )
