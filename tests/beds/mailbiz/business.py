"""Who the business is: Linden Row Dental, a small private dental clinic in London, and its people.

Everything is fictional and on reserved names: `.example` domains (RFC 2606), Ofcom's drama
numbers for phones (020 7946 0xxx, 07700 900xxx).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr
from zoneinfo import ZoneInfo

__all__ = [
    "BUSINESS",
    "OTHER_CUSTOMERS",
    "SHOPPER",
    "STAFF",
    "Business",
    "Person",
    "Shopper",
]


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    title: str = ""

    @property
    def first(self) -> str:
        return self.name.split()[0] if not self.name.startswith("Dr ") else self.name.split()[1]

    def header(self) -> str:
        return formataddr((self.name, self.email))


@dataclass(frozen=True)
class Business:
    name: str
    domain: str
    address: str  # the inquiry address listed on the site
    phone: str
    phone_display: str
    street: str
    timezone: ZoneInfo
    mx_host: str
    website_sender: str  # what the website's contact form mails from

    def mailbox(self) -> str:
        return formataddr((self.name, self.address))


@dataclass(frozen=True)
class Shopper:
    name: str
    email: str
    phone: str
    message: str
    domain: str


BUSINESS = Business(
    name="Linden Row Dental",
    domain="lindenrowdental.example",
    address="info@lindenrowdental.example",
    phone="+44 20 7946 0958",
    phone_display="020 7946 0958",
    street="14 Linden Row, London N16 7QA",
    timezone=ZoneInfo("Europe/London"),
    mx_host="mx1.lindenrowdental.example",
    website_sender="wordpress@lindenrowdental.example",
)

SHOPPER = Shopper(
    name="Alex Morgan",
    email="alex.morgan@shopper.example",
    phone="+44 7700 900123",
    message="Hello! How much is a check-up with a hygiene clean, and when is your next free appointment?",
    domain="shopper.example",
)


STAFF: dict[str, Person] = {
    "priya": Person("Priya Shah", "priya.shah@lindenrowdental.example", "Reception"),
    "jade": Person("Jade Porter", "jade.porter@lindenrowdental.example", "Reception (Saturdays)"),
    "tom": Person("Tom Whitaker", "tom@lindenrowdental.example", "Practice Manager"),
    "tom_personal": Person("Tom Whitaker", "tom.whitaker78@personal.example", ""),
    "ruta": Person("Dr Rūta Kazlauskienė", "ruta.kazlauskiene@lindenrowdental.example", "Associate Dentist"),
    "olga": Person("Olga Smirnova", "olga.smirnova@lindenrowdental.example", "Dental Hygienist"),
    "sam": Person("Sam Lowe", "sam.lowe@lindenrowdental.example", "former receptionist"),
    "info": Person("Linden Row Dental", "info@lindenrowdental.example", ""),
}

# People whose conversations land at the shopper's addresses by mistake.
OTHER_CUSTOMERS: dict[str, Person] = {
    "daniel": Person("Daniel Reeves", "d.reeves@fastmail.example"),
    "helen": Person("Helen Jenkins", "helen.jenkins62@personal.example"),
    "marcus": Person("Marcus Okafor", "marcus.okafor@workmail.example"),
    "alexandra": Person("Alexandra Morgan-Hill", "a.morganhill@personal.example"),
}
