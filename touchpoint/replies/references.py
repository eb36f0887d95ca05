"""Reference numbers in a message (pure): our own (TP-XXXXXX) and everyone else's (a ticket, an
order, an appointment: "[#48213]", "[Ticket#2026120110000123]", "Order No. 4471",
"Заявка № 5521", "Užsakymas Nr. 812").

A bare number is not a reference (a phone, a price, a year): a reference is introduced by "#",
"№", "Nr."/"No." or a word that names one.

    tokens("Re: A question [TP-7K3Q9M]")      # ["TP-7K3Q9M"]
    ticket_refs("[#48213] Re: A question")     # ["48213"]
"""

from __future__ import annotations

import re

__all__ = ["about_refs", "link_refs", "ticket_refs", "tokens"]

# "TP-7K3Q9M", as staff also type it back ("TP 7K3Q9M", "tp7k3q9m"); not our reply address's "+tp7k3q9m@".
_TOKEN = re.compile(r"(?<![+\w.-])TP[-‐–— ]?([A-Z0-9]{6})(?![\w@-])", re.IGNORECASE)
_WORDS = (
    r"ticket|request|case|order|appointment|booking|reservation|invoice|enquiry|inquiry|claim|job|incident|"
    r"issue|ref(?:erence)?|conversation|"
    r"заказ\w*|заявк\w*|обращени\w*|запис\w*|тикет\w*|запрос\w*|брон\w*|счет\w*|счёт\w*|"
    r"užsakym\w*|užklaus\w*|rezervacij\w*|kreipim\w*|sąskait\w*|registracij\w*|bilet\w*"
)
_NUMBER = r"([A-Z]{0,5}-?\d{3,}[A-Z0-9-]*)"
_REFS = (
    # [#48213], [Ticket#2026120110000123], [Request #48213], [ABC-1234], [Case: 00012345]
    re.compile(r"\[\s*(?:[A-Za-z ]{0,12}?)?[#№:]\s*" + _NUMBER + r"\s*\]", re.IGNORECASE),
    re.compile(r"\[\s*([A-Z]{2,10}-\d{2,})\s*\]"),
    # Order #4471, Appointment No. 4471, ticket 48213, заявка № 5521, užsakymas Nr. 812
    re.compile(
        r"\b(?:" + _WORDS + r")\b\s*(?:no\.?|number|nr\.?|num\.?|id|номер|№|#|:)?\s*[#№]?\s*:?\s*" + _NUMBER,
        re.IGNORECASE,
    ),
    # a lone "#4471" or "№ 4471"
    re.compile(r"(?:^|[\s(])[#№]\s?" + _NUMBER, re.IGNORECASE),
)
_ABOUT = re.compile(
    r"\b(regarding|concerning|about|re|по поводу|касательно|насчет|насчёт|по|dėl)\s+(your|the|ваш\w*|вашему|jūsų)?\s*"
    r"(?:" + _WORDS + r")\b",
    re.IGNORECASE,
)


def tokens(text: str) -> list[str]:
    """Our reference tokens in `text`, upper case, in order, each once."""
    return list(dict.fromkeys(f"TP-{m.group(1).upper()}" for m in _TOKEN.finditer(text)))


def _norm(ref: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", ref.upper())


def ticket_refs(text: str) -> list[str]:
    """Other people's reference numbers in `text` (not ours), normalised, in order, each once."""
    ours = {_norm(t) for t in tokens(text)} | {_norm(t)[2:] for t in tokens(text)}
    found = []
    for pattern in _REFS:
        for match in pattern.finditer(text):
            ref = _norm(match.group(1))
            if ref and ref not in ours and not ref.startswith("TP") and sum(c.isdigit() for c in ref) >= 3:
                found.append((match.start(), ref))
    return list(dict.fromkeys(ref for _, ref in sorted(found)))


_LINK = re.compile(
    r"/(?:tickets?|requests?|cases?|conversations?|issues?|helpdesk/tickets|portal/\d+)/(?:#)?([A-Z]{0,5}-?\d{3,})\b"
    r"|[?&](?:ticket|ticket_?id|id|case)=([A-Z]{0,5}-?\d{3,})\b",
    re.IGNORECASE,
)


def link_refs(text: str) -> list[str]:
    """Ticket numbers in a help desk's links: ".../helpdesk/tickets/5127", "view.php?id=884512"."""
    found = [_norm(m.group(1) or m.group(2)) for m in _LINK.finditer(text)]
    return list(dict.fromkeys(f for f in found if sum(c.isdigit() for c in f) >= 3))


def about_refs(text: str) -> list[str]:
    """References a text says it is about ("Regarding your appointment #4471", "по заявке № 5521")."""
    found = []
    for match in _ABOUT.finditer(text):
        found += ticket_refs(text[match.start() : match.start() + 80])[:1]
    return list(dict.fromkeys(found))
