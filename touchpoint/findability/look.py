"""A visitor's look at one page on one device: the consent overlay dealt with, what is on the
first screen, and a screenshot with every contact the audit found outlined.

`look(page, region)` runs while a page visit is open (see `touchpoint.pages.PageVisits`); the
rest is pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from touchpoint.contacts.extract import PageContacts, extract
from touchpoint.contacts.found import Found
from touchpoint.contacts.snapshot import SNAPSHOT_ARGS, SNAPSHOT_JS, Snapshot

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["CONSENT_JS", "Consent", "Look", "look"]

CONSENT_JS = Path(__file__).with_name("consent.js").read_text(encoding="utf-8")

# Outline colours by channel, and the script that draws them (removed after the screenshot).
COLOURS = {"phone": "#d32f2f", "email": "#1565c0", "address": "#6a1b9a", "contact-page": "#ef6c00"}
OUTLINE_JS = Path(__file__).with_name("outline.js").read_text(encoding="utf-8")
UNOUTLINE_JS = "() => document.getElementById('__touchpoint_outlines')?.remove()"


@dataclass(frozen=True, slots=True)
class Consent:
    found: bool = False
    accepted: bool = False
    vendor: str = ""
    button: str = ""

    def describe(self) -> str:
        if not self.found:
            return ""
        who = f"{self.vendor} " if self.vendor else ""
        if self.accepted:
            return f'a {who}cookie/consent banner was shown; the audit pressed "{self.button}" to close it'
        return f"a {who}cookie/consent banner was shown and had no button the audit could press"


@dataclass(frozen=True, slots=True)
class Look:
    """What one device shows of one page."""

    snapshot: Snapshot
    contacts: PageContacts
    consent: Consent = field(default_factory=Consent)
    annotated: bytes | None = None  # JPEG of the first screen with contacts outlined

    @property
    def viewport_height(self) -> int:
        return self.snapshot.viewport[1]

    def first_screen(self, channel: str) -> list[Found]:
        """Occurrences of `channel` a visitor sees without scrolling."""
        return [
            f for f in self.contacts.of(channel) if f.place is not None and f.place.above_fold(self.viewport_height)
        ]

    def anywhere(self, channel: str) -> list[Found]:
        return [f for f in self.contacts.of(channel) if f.place is not None and f.place.visible]


def _colour(channel: str) -> str:
    return COLOURS.get(channel, "#2e7d32")


def _label(found: Found) -> str:
    return {"contact-page": "contact link"}.get(found.channel, found.channel.split(":")[-1])


def look(page: Page, region: str | None, *, timeout_ms: float = 10_000) -> Look:
    """Close a consent banner if there is one, snapshot, extract, and outline what was found."""
    from playwright.sync_api import Error

    consent = Consent()
    try:
        raw: dict[str, Any] = page.evaluate(CONSENT_JS)
        consent = Consent(
            bool(raw.get("found")),
            bool(raw.get("accepted")),
            str(raw.get("vendor", "")),
            str(raw.get("button", "")),
        )
        if consent.accepted:
            page.wait_for_timeout(400)  # let the banner animate away
    except Error:
        pass
    snapshot = Snapshot.from_json(page.evaluate(SNAPSHOT_JS, dict(SNAPSHOT_ARGS)))
    contacts = extract(snapshot, region, with_structured=False)
    boxes = [
        {
            "x": f.place.x,
            "y": f.place.y,
            "w": f.place.w,
            "h": f.place.h,
            "colour": _colour(f.channel),
            "label": _label(f),
        }
        for f in contacts.found
        if f.place is not None and f.place.visible and f.place.drawn and f.place.y < snapshot.viewport[1] * 2
    ]
    annotated = None
    try:
        page.evaluate("window.scrollTo(0, 0)")
        page.evaluate(OUTLINE_JS, boxes)
        annotated = page.screenshot(type="jpeg", quality=70, timeout=timeout_ms)
        page.evaluate(UNOUTLINE_JS)
    except Error:
        pass
    return Look(snapshot=snapshot, contacts=contacts, consent=consent, annotated=annotated)
