"""A small hand-rolled MIME writer, so each message goes out byte for byte as its client writes it.

The standard library's `email` package re-encodes headers and picks transfer encodings its own
way; real clients do not agree with it (Gmail writes `=?UTF-8?B?...?=`, Outlook in Lithuanian
`windows-1257` quoted-printable, Thunderbird `format=flowed` 8bit). Here every header value is
written as given (encoded words made by `encoded_word`) and every part is encoded as asked.
RFC 5322 (message format, folding), RFC 2045/2046 (MIME, multipart), RFC 2047 (encoded words).
"""

from __future__ import annotations

import base64
import quopri
import secrets
from dataclasses import dataclass, field
from email.utils import formataddr

__all__ = [
    "Multipart",
    "Part",
    "address",
    "encoded_word",
    "render",
    "text_part",
]


def encoded_word(text: str, charset: str = "UTF-8", encoding: str = "B") -> str:
    """RFC 2047 encoded words for `text`, each at most 75 characters, folded with CRLF SP."""
    if all(ord(c) < 128 for c in text):
        return text
    words: list[str] = []
    chunk = ""
    prefix = f"=?{charset}?{encoding}?"
    for char in text:
        trial = chunk + char
        if len(prefix) + len(_ew_payload(trial, charset, encoding)) + 2 > 75:
            words.append(prefix + _ew_payload(chunk, charset, encoding) + "?=")
            chunk = char
        else:
            chunk = trial
    if chunk:
        words.append(prefix + _ew_payload(chunk, charset, encoding) + "?=")
    return "\n ".join(words)


def _ew_payload(text: str, charset: str, encoding: str) -> str:
    raw = text.encode(charset)
    if encoding.upper() == "B":
        return base64.b64encode(raw).decode("ascii")
    out = []
    for byte in raw:
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif byte < 128 and (char.isalnum() or char in "!*+-/"):
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return "".join(out)


def address(name: str, email: str, charset: str = "UTF-8", encoding: str = "B") -> str:
    """A mailbox (RFC 5322 3.4) with the display name quoted or encoded as a client would."""
    if not name:
        return email
    if all(ord(c) < 128 for c in name):
        return formataddr((name, email))
    return f"{encoded_word(name, charset, encoding)} <{email}>"


@dataclass
class Part:
    """A leaf part: its Content-Type value, transfer encoding, encoded body and extra headers."""

    content_type: str
    cte: str | None
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Multipart:
    subtype: str
    parts: list[Part | Multipart]
    boundary: str = field(default_factory=lambda: "=_" + secrets.token_hex(12))
    params: str = ""  # e.g. '; report-type=delivery-status'
    headers: list[tuple[str, str]] = field(default_factory=list)
    preamble: str = ""

    @property
    def content_type(self) -> str:
        return f'multipart/{self.subtype};{self.params}\n\tboundary="{self.boundary}"'


def text_part(
    text: str,
    subtype: str = "plain",
    *,
    charset: str = "UTF-8",
    cte: str = "quoted-printable",
    params: str = "",
    quoted_charset: bool = True,
    headers: list[tuple[str, str]] | None = None,
) -> Part:
    """A text part encoded as a client encodes it: quoted-printable, base64, 7bit or 8bit."""
    raw = text.replace("\r\n", "\n").encode(charset)
    if cte == "quoted-printable":
        body = quopri.encodestring(raw, quotetabs=False)
    elif cte == "base64":
        encoded = base64.b64encode(raw).decode("ascii")
        body = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76)).encode("ascii") + b"\n"
    elif cte in ("7bit", "8bit"):
        body = raw if raw.endswith(b"\n") else raw + b"\n"
    else:
        raise ValueError(f"unknown transfer encoding {cte}")
    cs = f'"{charset}"' if quoted_charset else charset
    return Part(f"text/{subtype}; charset={cs}{params}", cte, body, list(headers or []))


def _fold(name: str, value: str) -> str:
    """Fold a header at spaces so that lines stay under 78 characters (RFC 5322 2.2.3)."""
    line = f"{name}: {value}"
    if "\n" in value or len(line) <= 78:
        return line
    out: list[str] = []
    current = ""
    for token in line.split(" "):
        if current and len(current) + 1 + len(token) > 76:
            out.append(current)
            current = " " + token
        else:
            current = f"{current} {token}" if current else token
    out.append(current)
    return "\n".join(out)


def _entity(headers: list[tuple[str, str]], body: Part | Multipart) -> bytes:
    lines = [_fold(n, v) for n, v in headers]
    lines.append(
        _fold("Content-Type", body.content_type) if isinstance(body, Part) else f"Content-Type: {body.content_type}"
    )
    if isinstance(body, Part):
        if body.cte:
            lines.append(f"Content-Transfer-Encoding: {body.cte}")
        lines += [_fold(n, v) for n, v in body.headers]
        head = ("\n".join(lines) + "\n\n").encode("utf-8")
        return head + body.body
    lines += [_fold(n, v) for n, v in body.headers]
    head = ("\n".join(lines) + "\n\n").encode("utf-8")
    chunks = [head]
    if body.preamble:
        chunks.append(body.preamble.encode("ascii") + b"\n\n")
    for part in body.parts:
        chunks.append(f"--{body.boundary}\n".encode("ascii"))
        chunks.append(_entity([], part))
        if not chunks[-1].endswith(b"\n"):
            chunks.append(b"\n")
        chunks.append(b"\n")
    chunks.append(f"--{body.boundary}--\n".encode("ascii"))
    return b"".join(chunks)


def render(headers: list[tuple[str, str]], body: Part | Multipart) -> bytes:
    """The whole message in wire form (CRLF line ends), headers in the order given."""
    raw = _entity(headers, body)
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
