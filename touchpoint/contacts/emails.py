"""Email addresses as a visitor meets them: `mailto:` links, plain text, Cloudflare's email
protection, and the spelled-out forms people use against spam ("name [at] domain [dot] lt",
"имя собака домен точка ru", "vardas eta domenas taškas lt", "jmeno zavináč firma tečka cz",
"biuro małpa firma kropka pl", "info @ firma.lt")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from touchpoint.contacts.third_party import said_of_another

__all__ = ["decode_cfemail", "emails_from_mailto", "emails_in_text", "is_valid_email", "normalise_email"]

# The words people write for "@" and "." (English, Russian, Lithuanian, Czech, Polish). "at" and
# "dot" are also ordinary English words: unbracketed, they count only together and in lower case.
_AT_WORDS = r"at|собака|сабака|eta|эт|zavináč|zavinac|małpa|malpa"  # сабака: Belarusian
_DOT_WORDS = r"dot|точка|кропка|крапка|taškas|tšk|punkt|tečka|tecka|kropka"  # кропка, крапка: be, uk
_OWN_AT_WORDS = r"собака|сабака|eta|zavináč|zavinac|małpa|malpa"  # no other meaning next to an address
_BRACKETED_AT = re.compile(rf"\s*[\[\(\{{<]\s*(?:{_AT_WORDS}|@)\s*[\]\)\}}>]\s*", re.IGNORECASE)
_BRACKETED_DOT = re.compile(rf"\s*[\[\(\{{<]\s*(?:{_DOT_WORDS}|\.)\s*[\]\)\}}>]\s*", re.IGNORECASE)
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
# "name at domain dot com": the spelled-out form needs both words to count.
_SPOKEN = re.compile(rf"([\w.+-]+)\s+(?:{_AT_WORDS})\s+({_LABEL}(?:\s+(?:{_DOT_WORDS})\s+{_LABEL})+)", re.IGNORECASE)
_SPOKEN_DOT = re.compile(rf"\s+(?:{_DOT_WORDS})\s+", re.IGNORECASE)
# "jmeno zavináč firma.cz", "zakaz собака magazin.ru": a word no sentence uses for "at", a dotted domain.
_OWN_AT = re.compile(rf"([\w.+-]+)\s+(?:{_OWN_AT_WORDS})\s+(?=(?:{_LABEL}\.)+[^\W\d_]{{2,24}}\b)", re.IGNORECASE)
# "info @ firma.lt", "info@ firma.lt": spaces after the @ ("Instagram @studio.name" is a handle).
_SPACED_AT = re.compile(r"(?<=[\w.+-])\s*@\s+(?=[^\W_][\w-]*\.\w)")
_EMAIL = re.compile(rf"[\w.%+'-]+@(?:{_LABEL}\.)+[^\W\d_]{{2,24}}", re.IGNORECASE)
# An @ before these "TLDs" is a retina image or an asset, not an address.
_FILE_TLDS = {
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "avif",
    "css",
    "js",
    "ico",
    "bmp",
    "tif",
    "tiff",
    "mp4",
}
_PLACEHOLDERS = {
    "example.com",
    "example.org",
    "domain.com",
    "email.com",
    "yourdomain.com",
    "site.com",
    "mail.com",
}


def normalise_email(address: str) -> str:
    local, _, domain = address.strip().strip(".,;:").partition("@")
    return f"{local}@{domain.lower().rstrip('.')}".lower()


def is_valid_email(address: str) -> bool:
    """Syntax as a mail server would accept it (RFC 5321 lengths, a dotted domain, a real TLD)."""
    local, at, domain = address.partition("@")
    if not at or not local or not domain or len(local) > 64 or len(address) > 254:
        return False
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or any(not re.fullmatch(_LABEL, label) for label in labels):
        return False
    tld = labels[-1].lower()
    return tld not in _FILE_TLDS and not tld.isdigit() and len(tld) >= 2


def emails_from_mailto(href: str) -> list[str]:
    """Every address of a mailto: link (several, comma-separated, percent-encoded, with ?subject=)."""
    target = href.split(":", 1)[1] if ":" in href else href
    target = unquote(target.split("?", 1)[0])
    found = []
    for part in re.split(r"[,;]", target):
        address = normalise_email(part)
        if is_valid_email(address):
            found.append(address)
    query = urlsplit(href).query
    for key, value in (p.split("=", 1) for p in query.split("&") if "=" in p):
        if key.lower() in {"to", "cc"}:
            found += [normalise_email(a) for a in unquote(value).split(",") if is_valid_email(normalise_email(a))]
    return found


def _spoken(match: re.Match[str]) -> str:
    whole = match.group(0)
    at_word = whole[len(match.group(1)) :].split()[0]
    if at_word.lower() == "at" and whole != whole.lower():
        return whole  # "Arrive at Vilnius dot com" is a sentence; "info at firma dot lt" an address
    return f"{match.group(1)}@{_SPOKEN_DOT.sub('.', match.group(2))}"


def _deobfuscate(text: str) -> str:
    text = _BRACKETED_AT.sub("@", text)
    text = _BRACKETED_DOT.sub(".", text)
    text = _SPACED_AT.sub("@", text)
    text = _OWN_AT.sub(lambda m: f"{m.group(1)}@", text)
    return _SPOKEN.sub(_spoken, text)


def emails_in_text(text: str) -> Iterator[tuple[str, str]]:
    """(normalised address, raw) for each address written in `text`, spelled-out ones included."""
    seen = set()
    for source in (text, _deobfuscate(text)):
        for match in _EMAIL.finditer(source):
            address = normalise_email(match.group(0))
            domain = address.partition("@")[2]
            if address in seen or not is_valid_email(address) or domain in _PLACEHOLDERS:
                continue
            if said_of_another(source, match.start()):
                seen.add(address)  # a regulator's address, in either spelling
                continue
            seen.add(address)
            yield address, match.group(0)


def decode_cfemail(hex_string: str) -> str | None:
    """Cloudflare's email protection: the first byte is a key XORed into the rest."""
    try:
        data = bytes.fromhex(hex_string.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        address = bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    address = normalise_email(address)
    return address if is_valid_email(address) else None
