"""One thing a visitor can use to reach the business, found on one page."""

from __future__ import annotations

from dataclasses import dataclass

from touchpoint.contacts.snapshot import Place

__all__ = ["Found"]


@dataclass(frozen=True, slots=True)
class Found:
    """`channel` is "phone", "email", "address", "contact-page", "social:<network>" or
    "messenger:<app>"; `value` is normalised (E.164, a lower-case address, a canonical profile
    URL) so the same contact on two pages compares equal; `raw` is what the page wrote."""

    channel: str
    value: str
    raw: str
    source: str  # tel-link, mailto, text, cfemail, json-ld, microdata, microformat, link
    url: str  # the page it was found on
    place: Place | None = None  # None for structured data, which a visitor does not see
    actionable: bool = False  # a tel: / mailto: / messenger link a tap can use

    @property
    def seen(self) -> bool:
        return self.place is not None and self.place.visible
