"""The mystery shopper's identity for one attempt: a reference token, a reply address that
belongs to this attempt alone, and the message, with the line telling staff this is a
service-quality check."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from touchpoint.profile.model import Channel, Shopper
from touchpoint.replies.references import tokens

__all__ = ["Identity", "find_token", "identity_for", "new_token"]

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: staff may type it back

MARKERS = {
    "en": "This message is part of a customer-service quality check for {site}. Reference {token}.",
    "ru": "Это сообщение — часть проверки качества обслуживания {site}. Номер обращения {token}.",
    "lt": "Šis pranešimas yra {site} klientų aptarnavimo kokybės patikros dalis. Nuoroda {token}.",
}


def new_token() -> str:
    return "TP-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def find_token(text: str) -> str | None:
    """The first reference token quoted in `text` (upper case), or None."""
    found = tokens(text)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    phone: str
    reply_to: str
    token: str
    subject: str
    message: str


def reply_address(email: str, token: str, mode: str) -> str:
    local, _, domain = email.partition("@")
    tag = token.lower().replace("-", "")
    return f"{tag}@{domain}" if mode == "local" else f"{local}+{tag}@{domain}"


def identity_for(shopper: Shopper, channel: Channel, *, site: str, language: str, token: str | None = None) -> Identity:
    if not shopper.email:
        raise ValueError("the profile has no [shopper] email: replies would have nowhere to go")
    token = token or new_token()
    question = channel.question or shopper.message
    lang = (shopper.language or language or "en").split("-")[0]
    parts = [question, f"({token})"]
    if shopper.marker:
        parts.append("\n\n" + MARKERS.get(lang, MARKERS["en"]).format(site=site, token=token))
    subject = {"ru": "Вопрос", "lt": "Klausimas"}.get(lang, "A question") + f" [{token}]"
    return Identity(
        name=shopper.name,
        phone=shopper.phone or "",
        reply_to=reply_address(shopper.email, token, shopper.reply_mode),
        token=token,
        subject=subject,
        message=" ".join(parts[:2]) + "".join(parts[2:]),
    )
