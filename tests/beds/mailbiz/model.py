"""The data the bed passes around: inquiries the business received, messages its people send."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

__all__ = [
    "Build",
    "Channel",
    "Ctx",
    "Inquiry",
    "Kind",
    "Original",
    "Outgoing",
    "Scenario",
    "Step",
]

Channel = Literal["callback", "email"]
Kind = Literal[
    "person",  # a member of staff writing
    "auto-reply",  # out-of-office, vacation, website autoresponder
    "bounce",  # a delivery status notification
    "bulk",  # a newsletter or marketing mail
    "ticket-ack",  # a helpdesk's automatic acknowledgement
    "forward",  # a colleague's forward, FYI
]


@dataclass(frozen=True)
class Original:
    """A message someone replies to or quotes, as their mail client saw it."""

    message_id: str
    subject: str
    from_name: str
    from_addr: str
    to: str  # the To header as displayed
    date: datetime
    text: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inquiry:
    """One contact the business received: a form POST (a lead) or an email to its address."""

    channel: Channel
    received_at: datetime
    token: str | None  # TP-XXXXXX as found in the inquiry
    reply_to: str  # where a reply goes: the email's Reply-To, or the address typed in the form
    name: str
    phone: str
    question: str  # what the customer wrote
    original: Original  # what staff see: the email itself, or the website's lead notification
    envelope_from: str = ""  # SMTP MAIL FROM (email only): where bounces go
    sender: str = ""  # the From address (email) or the typed address (form)
    raw: bytes = b""  # the inquiry as received (email) or the notification (form)


@dataclass(frozen=True)
class Outgoing:
    """A message ready to go: its bytes and its SMTP envelope, and a readable summary."""

    raw: bytes
    message_id: str
    envelope_from: str  # "" is the null reverse-path of bounces and auto-replies
    envelope_to: tuple[str, ...]
    from_addr: str
    to: tuple[str, ...]  # To and Cc as written
    subject: str  # decoded
    from_name: str = ""
    text: str = ""  # the plain-text body, for whoever replies to this message next
    date: datetime | None = None
    references: tuple[str, ...] = ()

    def as_original(self) -> Original:
        """This message as the next person in the thread sees it."""
        return Original(
            message_id=self.message_id,
            subject=self.subject,
            from_name=self.from_name,
            from_addr=self.from_addr,
            to=", ".join(self.to),
            date=self.date or datetime.now().astimezone(),
            text=self.text,
            references=self.references,
        )


@dataclass
class Ctx:
    """What a message builder may know when it writes: the inquiries so far, the time, the site."""

    inquiries: Mapping[Channel, Inquiry]
    now: datetime
    base_url: str
    sent: Mapping[str, Outgoing] = field(default_factory=dict)  # earlier messages, by step label
    rng: random.Random = field(default_factory=random.Random)

    def inq(self, channel: Channel) -> Inquiry:
        return self.inquiries[channel]


Build = Callable[[Ctx], Outgoing]


@dataclass(frozen=True)
class Step:
    """One message of a scenario: when it goes, what it is and how it is written.

    It is sent `after` seconds after the `anchor` inquiry was received, once the inquiries in
    `needs` have arrived too. `kind`, `about` and `answers` are the truth about it: what it is,
    which of the shopper's inquiries it is really about (None: someone else's conversation or
    nothing of ours), and whether it is a person's real answer to that inquiry.
    """

    anchor: Channel
    after: float
    kind: Kind
    about: Channel | None
    answers: bool
    build: Build
    label: str
    needs: tuple[Channel, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """One way the business behaves: its deadlines, how long the audit should wait, its messages.

    `sla` is per channel ("20s"); `max_wait` is the audit's [audit] max_wait; `settle_later`
    means the real answer is meant to land after the audit's run stopped waiting, so the bench
    runs `touchpoint replies` once everything is delivered.
    """

    name: str
    description: str
    sla: Mapping[str, str]
    max_wait: str
    settle_later: bool
    steps: tuple[Step, ...]
