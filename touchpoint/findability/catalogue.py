"""The findability checks, their words for an owner, their default budgets, and the built-in
findability tasks ("find the prices") with their words in English, Russian and Lithuanian.

Check ids are `<channel>:<aspect>`: `phone:clicks`, `phone:above-fold`, `email:actionable`,
`contact-page:same-place`, `task:prices:clicks`, ... A profile sets budgets for them in
`[budgets.contacts]` (and `[budgets.contacts.mobile]` / `.desktop` for one device).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from touchpoint.budgets import Budget
from touchpoint.result import Level

__all__ = [
    "ASPECTS",
    "CHECK_ID",
    "DEFAULT_CONTACT_BUDGETS",
    "TASKS",
    "TaskWords",
    "channel_words",
    "contact_budget",
]

CHECK_ID = re.compile(
    r"^(phone|email|address|contact-page|social|messenger|reviews|pages|task:[\w-]+)"
    r":(clicks|above-fold|actionable|same-place|consistent|direct-contacts|structured|profiles|verified|shown"
    r"|broken-links|how-read|problems)$"
)

# aspect -> (title template, what it means)
ASPECTS: Mapping[str, tuple[str, str]] = {
    "clicks": ("{what}: clicks from the home page", "how many clicks a visitor needs from the home page"),
    "above-fold": ("{what} on the first screen", "seen without scrolling, not hidden or covered"),
    "actionable": ("{what} can be tapped", "a tel: or mailto: link, so a phone dials or a mail app opens"),
    "same-place": (
        "{what} in the same place on every page",
        "WCAG 2.2 success criterion 3.2.6, Consistent Help: help is where visitors expect it",
    ),
    "consistent": (
        "{what} is the same everywhere",
        "one value on every page, matching the structured data and the owner's records",
    ),
    "direct-contacts": (
        "Contact page shows a phone and an email",
        "not only a form: a visitor can call or write directly",
    ),
    "structured": (
        "Address in structured data matches the page",
        "search engines and maps read the same address visitors see",
    ),
    "profiles": (
        "Expected social profiles are linked",
        "every network the owner lists is linked from the site",
    ),
    "verified": ("Social profile links work", "each profile link opens a live profile"),
    "shown": ("Reviews or testimonials are shown", "visitors see what other customers think"),
    "broken-links": ("Links on the site lead somewhere", "every page a visitor can click to opens"),
    "how-read": (
        "How the audit read the site",
        "pages read from their HTML, and those the browser rendered (home, contact and script-built pages), and why",
    ),
    "problems": ("Pages open without problems", "no page is cut off, garbled, or sends pop-ups, dialogs or redirects"),
}


def channel_words(channel: str) -> str:
    """The channel as an owner says it: "Phone", "Contact page", "Facebook profile"."""
    if channel.startswith("task:"):
        return TASKS[channel[5:]].title if channel[5:] in TASKS else channel[5:].replace("-", " ").capitalize()
    if channel.startswith("social:"):
        return f"{channel[7:].capitalize()} profile"
    if channel.startswith("messenger:"):
        return f"{channel[10:].capitalize()} chat link"
    return {
        "phone": "Phone",
        "email": "Email",
        "address": "Address",
        "contact-page": "Contact page",
        "social": "Social profiles",
        "messenger": "Messengers",
        "reviews": "Reviews",
    }.get(channel, channel)


def _warn(key: str, value: float) -> Budget:
    return Budget(Level.WARN, key, value)


DEFAULT_CONTACT_BUDGETS: Mapping[str, Budget] = {
    "phone:clicks": _warn("maxNumericValue", 1),
    "email:clicks": _warn("maxNumericValue", 2),
    "address:clicks": _warn("maxNumericValue", 2),
    "contact-page:clicks": _warn("maxNumericValue", 1),
    "phone:above-fold": _warn("minScore", 1),
    "contact-page:above-fold": _warn("minScore", 1),
    "email:above-fold": Budget(Level.OFF),
    "phone:actionable": _warn("minScore", 1),
    "email:actionable": _warn("minScore", 1),
    "phone:same-place": _warn("minScore", 1),
    "email:same-place": _warn("minScore", 1),
    "contact-page:same-place": _warn("minScore", 1),
    "phone:consistent": _warn("minScore", 1),
    "email:consistent": _warn("minScore", 1),
    "contact-page:direct-contacts": _warn("minScore", 1),
    "address:structured": _warn("minScore", 1),
    "social:profiles": _warn("minScore", 1),
    "social:verified": _warn("minScore", 1),
    "reviews:shown": _warn("minScore", 1),
    "pages:broken-links": _warn("minScore", 1),
    "pages:problems": _warn("minScore", 1),
}
TASK_CLICKS = _warn("maxNumericValue", 2)


def contact_budget(budgets: Mapping[str, Budget], check_id: str) -> Budget:
    if check_id in budgets:
        return budgets[check_id]
    if check_id.startswith("task:") and check_id.endswith(":clicks"):
        return TASK_CLICKS
    return DEFAULT_CONTACT_BUDGETS.get(check_id, Budget(Level.OFF))


@dataclass(frozen=True, slots=True)
class TaskWords:
    """A findability task: the words a visitor looks for, and (for some) what the answer looks like."""

    title: str
    words: Mapping[str, tuple[str, ...]]  # language -> words in titles, headings, link words, addresses
    content: re.Pattern[str] | None = None  # text that is itself the answer (a price list, hours)
    content_min: int = 1  # how many such matches a page needs


_MONEY = re.compile(
    r"(?:[£$€₽]\s?\d[\d\s.,]*|\d[\d\s.,]*\s?(?:€|£|\$|₽|eur\b|euro|eurų|gbp|usd|руб\.?|р\.|rub\b|zł|pln))",
    re.IGNORECASE,
)
_HOURS = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun|monday|friday|weekdays|daily|пн|вт|ср|чт|пт|сб|вс|понедельник|будни|"
    r"ежедневно|pirm|antr|treč|ketv|penkt|šešt|sekm|i-v|darbo dienomis|kasdien)\w*[^\n]{0,40}?"
    r"\b([01]?\d|2[0-4])[:.][0-5]\d\s*[-–—]\s*([01]?\d|2[0-4])[:.][0-5]\d",
    re.IGNORECASE,
)

TASKS: Mapping[str, TaskWords] = {
    "prices": TaskWords(
        "Prices",
        {
            "en": ("prices", "price", "pricing", "price list", "rates", "tariffs", "fees", "costs"),
            "ru": ("цены", "цена", "прайс", "прайс-лист", "стоимость", "тарифы", "расценки"),
            "lt": ("kainos", "kaina", "kainoraštis", "įkainiai", "tarifai"),
        },
        content=_MONEY,
        content_min=3,
    ),
    "opening-hours": TaskWords(
        "Opening hours",
        {
            "en": ("opening hours", "opening times", "hours", "business hours", "working hours"),
            "ru": ("часы работы", "режим работы", "график работы", "время работы"),
            "lt": ("darbo laikas", "darbo valandos", "darbo laiką"),
        },
        content=_HOURS,
    ),
    "delivery": TaskWords(
        "Delivery terms",
        {
            "en": ("delivery", "shipping", "delivery terms", "shipping policy"),
            "ru": ("доставка", "оплата и доставка", "условия доставки"),
            "lt": ("pristatymas", "pristatymo sąlygos", "apmokėjimas ir pristatymas"),
        },
    ),
    "returns": TaskWords(
        "Returns",
        {
            "en": ("returns", "refunds", "return policy"),
            "ru": ("возврат", "обмен и возврат", "возврат товара"),
            "lt": ("grąžinimas", "prekių grąžinimas", "grąžinimo sąlygos"),
        },
    ),
}
DEFAULT_TASKS = ("prices", "opening-hours")
