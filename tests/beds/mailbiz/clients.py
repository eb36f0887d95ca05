"""How people's mail clients write a reply: headers, quoting, encodings, signatures.

Each client is modelled on what it puts on the wire (observed in real mail and in the clients'
sources): Gmail (attribution "On <date>, <name> <addr> wrote:", `gmail_quote` HTML blockquote,
`=?UTF-8?B?` subjects), Outlook for Windows and Microsoft 365 ("RE:" subjects, Thread-Topic and
Thread-Index, a "-----Original Message-----" or "________________" header block with no `>`
prefixes, Word HTML), Outlook in Lithuanian ("ATS:" subject prefix, windows-1257, "Nuo:/
Išsiųsta:/Kam:/Tema:"), Thunderbird (format=flowed 8bit, "On dd/mm/yyyy hh:mm, <name> wrote:",
"<name> пишет:" in Russian), iPhone Mail ("Sent from my iPhone", the attribution inside the
quote) and Mail.ru webmail ("<weekday>, <d> <month> <yyyy>, <hh:mm> <zone> от <name> <addr>:").
"""

from __future__ import annotations

import base64
import html
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Literal

from .business import BUSINESS, Person
from .mime import Multipart, Part, address, encoded_word, render, text_part
from .model import Original, Outgoing

__all__ = [
    "Client",
    "compose",
    "quote_lines",
    "rfc_date",
]

Client = Literal["gmail", "outlook", "outlook-new", "outlook-ios", "outlook-lt", "thunderbird", "iphone", "mailru"]

TZ = BUSINESS.timezone
RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RU_DAYS = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье")
LT_MONTHS = (
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
)
LT_DAYS = ("pirmadienis", "antradienis", "trečiadienis", "ketvirtadienis", "penktadienis", "šeštadienis", "sekmadienis")


def rfc_date(dt: datetime) -> str:
    """An RFC 5322 Date in the clinic's local time, as its mail clients write it."""
    return format_datetime(dt.astimezone(TZ))


def quote_lines(text: str, prefix: str = "> ") -> str:
    out = []
    for line in text.strip("\n").split("\n"):
        out.append(prefix.rstrip() if not line else prefix + line)
    return "\n".join(out)


def flowed(text: str, width: int = 72) -> str:
    """RFC 3676 format=flowed: long lines broken at spaces, each soft break kept as a trailing
    space, quote markers repeated on every piece (as Thunderbird writes plain text)."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= 78 or line == "-- ":
            out.append(line)
            continue
        marker = ""
        while line.startswith(">"):
            marker += ">"
            line = line[1:]
        if marker and line.startswith(" "):
            line = line[1:]
            marker += " "
        words = line.split(" ")
        current = ""
        for word in words:
            if current and len(marker) + len(current) + len(word) + 1 > width:
                out.append(marker + current + " ")
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(marker + current)
    return "\n".join(out)


def _local(dt: datetime) -> datetime:
    return dt.astimezone(TZ)


def _h12(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"


def attribution(client: Client, o: Original, lang: str = "en") -> str:
    d = _local(o.date)
    if client == "gmail" and lang == "lt":
        return f"{d:%Y-%m-%d}, {LT_DAYS[d.weekday()][:2]}, {d:%H:%M}, {o.from_name} <{o.from_addr}> rašė:"
    if client == "gmail":
        return f"On {d:%a}, {d.day} {d:%b} {d.year} at {d:%H:%M}, {o.from_name} <{o.from_addr}> wrote:"
    if client == "thunderbird" and lang == "ru":
        return f"{d:%d.%m.%Y %H:%M}, {o.from_name} пишет:"
    if client == "thunderbird" and lang == "lt":
        return f"{d:%Y-%m-%d %H:%M}, {o.from_name} rašė:"
    if client == "thunderbird":
        return f"On {d:%d/%m/%Y %H:%M}, {o.from_name} wrote:"
    if client == "iphone":
        return f"On {d.day} {d:%b} {d.year}, at {d:%H:%M}, {o.from_name} <{o.from_addr}> wrote:"
    if client == "mailru":
        zone = f"{d:%z}"
        return (
            f"{RU_DAYS[d.weekday()]}, {d.day} {RU_MONTHS[d.month - 1]} {d.year}, {d:%H:%M} "
            f"{zone[:3]}:{zone[3:]} от {o.from_name} <{o.from_addr}>:"
        )
    raise ValueError(client)


def outlook_header_block(client: Client, o: Original) -> str:
    d = _local(o.date)
    sender = f"{o.from_name} <{o.from_addr}>" if o.from_name else o.from_addr
    if client == "outlook":  # Outlook for Windows, plain text, en-GB
        return (
            f"-----Original Message-----\nFrom: {sender} \nSent: {d:%d %B %Y %H:%M}\nTo: {o.to}\nSubject: {o.subject}\n"
        )
    if client == "outlook-lt":
        return (
            "-----Pradinis pranešimas-----\n"
            f"Nuo: {sender} \nIšsiųsta: {d.year} m. {LT_MONTHS[d.month - 1]} {d.day} d. {d:%H:%M}\n"
            f"Kam: {o.to}\nTema: {o.subject}\n"
        )
    # new Outlook / Outlook on the web / Outlook for iOS
    return (
        "________________________________\n"
        f"From: {sender}\nSent: {d:%A}, {d:%B} {d.day}, {d.year} {_h12(d)}\nTo: {o.to}\nSubject: {o.subject}\n"
    )


def _msgid(client: Client, sender: Person) -> str:
    domain = sender.email.split("@")[1]
    if client == "gmail":
        token = base64.b64encode(secrets.token_bytes(36), altchars=b"+_").decode().rstrip("=")
        return f"<CA{token}@mail.{domain}>"
    if client.startswith("outlook"):
        host = f"DB9PR02MB{secrets.randbelow(9000) + 1000}"
        return f"<{host}{secrets.token_hex(16).upper()}@{host}.eurprd02.prod.outlook.example>"
    if client == "thunderbird":
        return f"<{uuid.uuid4()}@{domain}>"
    if client == "iphone":
        return f"<{str(uuid.uuid4()).upper()}@{domain}>"
    return f"<{secrets.randbelow(10**12)}.{secrets.token_hex(4)}@{domain}>"


def _thread_index() -> str:
    return base64.b64encode(secrets.token_bytes(22)).decode()


def _subject(client: Client, original: str, lang: str) -> str:
    bare = original
    for prefix in ("RE: ", "Re: ", "ATS: ", "AW: "):
        if bare.startswith(prefix):
            bare = bare[len(prefix) :]
    if client.startswith("outlook") and client != "outlook-lt":
        return "RE: " + bare
    if client == "outlook-lt":
        return "ATS: " + bare
    return "Re: " + bare


def _html_paragraphs(text: str) -> str:
    paras = [p for p in text.strip().split("\n\n")]
    return "".join(f"<div>{html.escape(p).replace(chr(10), '<br>')}</div><div><br></div>" for p in paras)


@dataclass(frozen=True)
class Reply:
    """A person's message: who writes with which client, to whom, and what."""

    client: Client
    sender: Person
    to: Sequence[tuple[str, str]]  # (name, address)
    body: str
    original: Original | None = None  # what is replied to (threading) or quoted
    cc: Sequence[tuple[str, str]] = ()
    subject: str | None = None  # None: "Re:" + the original's subject
    in_thread: bool = True  # In-Reply-To / References of the original
    quote: bool = True  # quote the original below
    lang: str = "en"
    signature: str = ""
    extra_headers: Sequence[tuple[str, str]] = ()
    html: bool = True  # send an HTML alternative too (clients that can)
    html_only: bool = False  # an HTML-only message (some webmails, mobile clients)
    bottom_post: bool = False  # the answer below the quote (Thunderbird's "reply below the quote")


def compose(r: Reply, now: datetime) -> Outgoing:
    """The bytes of a person's message as their client would send it."""
    o = r.original
    subject = r.subject if r.subject is not None else _subject(r.client, o.subject if o else "", r.lang)
    message_id = _msgid(r.client, r.sender)
    body = r.body.strip("\n") + "\n"
    if r.signature:
        if r.client == "thunderbird":
            joint = "\n-- \n"
        elif body.rstrip().endswith(","):  # "Kind regards," then the name on the next line
            joint = ""
        else:
            joint = "\n"
        body += joint + r.signature.strip("\n") + "\n"
    plain = body
    quoted_html = ""
    if o is not None and r.quote:
        if r.client.startswith("outlook"):
            block = outlook_header_block(r.client, o)
            plain = body + "\n" + block + "\n" + o.text.strip("\n") + "\n"
            quoted_html = (
                '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                + "<p class=MsoNormal>"
                + html.escape(block).replace("\n", "<br>")
                + "</p></div>"
                + _html_paragraphs(o.text)
            )
        elif r.client == "iphone":
            plain = body + "\n" + quote_lines(attribution(r.client, o) + "\n\n" + o.text) + "\n"
            quoted_html = (
                f'<blockquote type="cite">{html.escape(attribution(r.client, o))}<br><br>'
                + _html_paragraphs(o.text)
                + "</blockquote>"
            )
        else:
            line = attribution(r.client, o, r.lang)
            quoted = line + "\n" + ("\n" if r.client == "gmail" else "") + quote_lines(o.text) + "\n"
            plain = (quoted + "\n" + body) if r.bottom_post else (body + "\n" + quoted)
            quoted_html = (
                f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{html.escape(line)}<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                f'rgb(204,204,204);padding-left:1ex">{_html_paragraphs(o.text)}</blockquote></div>'
            )
    html_body = f'<div dir="ltr">{_html_paragraphs(body)}</div>{quoted_html}'

    charset, enc = ("windows-1257", "Q") if r.client == "outlook-lt" else ("UTF-8", "B")
    names_cs = "utf-8" if r.client.startswith("outlook") and charset == "UTF-8" else charset
    to_h = ", ".join(address(n, a, names_cs, enc) for n, a in r.to)
    cc_h = ", ".join(address(n, a, names_cs, enc) for n, a in r.cc)
    from_h = address(r.sender.name, r.sender.email, names_cs, enc)
    subj_h = encoded_word(subject, names_cs, enc)
    threading: list[tuple[str, str]] = []
    if o is not None and r.in_thread:
        refs = " ".join((*o.references, o.message_id))
        threading = [("References", refs), ("In-Reply-To", o.message_id)]

    headers: list[tuple[str, str]]
    content: Part | Multipart
    if r.client == "gmail":
        headers = [("MIME-Version", "1.0"), *threading, ("From", from_h), ("Date", rfc_date(now))]
        headers += [("Message-ID", message_id), ("Subject", subj_h), ("To", to_h)]
        if cc_h:
            headers.append(("Cc", cc_h))
        plain_part = text_part(plain, cte=_gmail_cte(plain))
        html_part = text_part(html_body, "html", cte=_gmail_cte(html_body))
        content = Multipart("alternative", [plain_part, html_part], boundary="000000000000" + secrets.token_hex(10))
        if r.html_only:
            content = html_part
    elif r.client.startswith("outlook"):
        bare = subject.split(": ", 1)[1] if ": " in subject else subject
        headers = [("From", from_h), ("To", to_h)]
        if cc_h:
            headers.append(("CC", cc_h))
        headers += [("Subject", subj_h), ("Thread-Topic", encoded_word(bare, "utf-8", "B"))]
        headers += [("Thread-Index", _thread_index()), ("Date", rfc_date(now)), ("Message-ID", message_id)]
        headers += threading
        lang = "lt-LT" if r.client == "outlook-lt" else "en-GB"
        headers += [("Accept-Language", f"{lang}, en-US"), ("Content-Language", lang)]
        headers += [("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""), ("MIME-Version", "1.0")]
        word = (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
            f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset.lower()}">'
            '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head>'
            f'<body lang={lang} link="#0563C1" vlink="#954F72"><div class=WordSection1>{html_body}</div></body></html>'
        )
        ascii_only = all(ord(c) < 128 for c in plain)
        cs = "us-ascii" if ascii_only and charset == "UTF-8" else charset.lower() if charset != "UTF-8" else "utf-8"
        plain_part = text_part(plain, charset=cs, cte="quoted-printable")
        html_part = text_part(word, "html", charset=cs, cte="quoted-printable")
        boundary = f"_000_{message_id[1:-1].split('@')[0]}_"
        content = Multipart("alternative", [plain_part, html_part], boundary=boundary)
        if r.html_only:
            content = html_part
        if r.client == "outlook-ios":
            content = Multipart("alternative", [plain_part, html_part], boundary=boundary)
    elif r.client == "thunderbird":
        headers = [("Message-ID", message_id), ("Date", rfc_date(now)), ("MIME-Version", "1.0")]
        headers += [("User-Agent", "Mozilla Thunderbird"), ("Subject", subj_h), ("To", to_h)]
        if cc_h:
            headers.append(("Cc", cc_h))
        headers += threading
        headers += [("Content-Language", {"ru": "ru", "lt": "lt"}.get(r.lang, "en-GB")), ("From", from_h)]
        ascii_only = all(ord(c) < 128 for c in plain)
        content = text_part(
            flowed(plain),
            charset="UTF-8",
            cte="7bit" if ascii_only else "8bit",
            params="; format=flowed",
            quoted_charset=False,
        )
    elif r.client == "iphone":
        boundary = "Apple-Mail-" + str(uuid.uuid4()).upper()
        headers = [("Mime-Version", "1.0 (1.0)"), ("Subject", subj_h), ("From", from_h), ("Date", rfc_date(now))]
        if cc_h:
            headers.append(("Cc", cc_h))
        headers += threading
        headers += [("Message-Id", message_id), ("To", to_h), ("X-Mailer", "iPhone Mail (22B83)")]
        plain_part = text_part(plain, charset="utf-8", cte="quoted-printable", quoted_charset=False)
        html_part = text_part(
            f'<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            f'<body dir="auto">{html_body}</body></html>',
            "html",
            charset="utf-8",
            cte="quoted-printable",
            quoted_charset=False,
        )
        content = Multipart("alternative", [plain_part, html_part], boundary=boundary)
    elif r.client == "mailru":
        headers = [("From", from_h), ("To", to_h)]
        if cc_h:
            headers.append(("Cc", cc_h))
        headers += [("Subject", subj_h), ("MIME-Version", "1.0"), ("X-Mailer", "Mail.Ru Mailer 1.0")]
        headers += [("Date", rfc_date(now)), *threading, ("Message-ID", message_id)]
        content = Multipart(
            "alternative",
            [text_part(plain, cte="base64"), text_part(f"<HTML><BODY>{html_body}</BODY></HTML>", "html", cte="base64")],
            boundary="--ALT--" + secrets.token_hex(16),
        )
    else:
        raise ValueError(r.client)
    for name, value in r.extra_headers:
        headers.append((name, value))
    if not r.html and isinstance(content, Multipart) and content.subtype == "alternative":
        first = content.parts[0]
        if isinstance(first, Part):
            content = first
    recipients = tuple(a for _, a in (*r.to, *r.cc))
    return Outgoing(
        raw=render(headers, content),
        message_id=message_id,
        envelope_from=r.sender.email,
        envelope_to=recipients,
        from_addr=r.sender.email,
        to=recipients,
        subject=subject,
        from_name=r.sender.name,
        text=plain,
        date=now,
        references=(*o.references, o.message_id) if o is not None and r.in_thread else (),
    )


def _gmail_cte(text: str) -> str:
    if all(ord(c) < 128 for c in text) and max(len(line) for line in text.split("\n")) < 998:
        return "quoted-printable" if max(len(line) for line in text.split("\n")) > 76 else "7bit"
    return "base64" if sum(ord(c) > 127 for c in text) > len(text) / 3 else "quoted-printable"
