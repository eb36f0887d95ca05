"""A page as a visitor could find things on it: links, text with phones or emails, protected
emails and forms, each with where it sits and whether it is visible. Pure data (JSON in and out),
so extraction is tested on saved snapshots without a browser.

    snapshot = Snapshot.from_json(page.evaluate(SNAPSHOT_JS, LIMITS))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "COMPONENT_FOOTER",
    "LIMITS",
    "REGION_WORDS",
    "SNAPSHOT_ARGS",
    "SNAPSHOT_JS",
    "TEXT_HINT",
    "Anchor",
    "Form",
    "Place",
    "Snapshot",
    "TextBlock",
]

SNAPSHOT_JS = (Path(__file__).with_name("snapshot.js")).read_text(encoding="utf-8")
LIMITS: Mapping[str, int] = {"maxHtml": 2_000_000, "maxText": 300_000, "maxItems": 3000}
# Text that may hold a phone, an email or an address: a digit, an @, or an @ or a dot spelled
# out in one of the languages the audit reads. One pattern for snapshot.js (as a JavaScript
# RegExp, flag i) and the crawl's reader of static HTML, so both pick the same blocks.
TEXT_HINT = re.compile(
    r"\d|@|[\[({<]\s*(?:at|dot|eta|эт|собака|сабака|taškas|точка|кропка|крапка|tečka|kropka)\s*[\])}>]"
    r"|\s(?:at|eta|эт)\s|собак|сабак|taškas|точк|кропк|крапк|zavin[aá][cč]|tečk|ma[lł]pa|kropk",
    re.IGNORECASE,
)
# Class names of a part's own footer (a quote's, a card's), not the page's: left out before the
# class words say which region an element is in.
COMPONENT_FOOTER = re.compile(
    r"\b(?:blockquote|card|modal|panel|entry|post|article|comment|widget|product|review|testimonial)[-_]footer\b",
    re.IGNORECASE,
)
# Class and id words that say which region of the page an element is in, first match wins.
REGION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(^|[-_\s])(site-?)?footer|(^|[-_\s])bottom|подвал|futer", re.IGNORECASE), "footer"),
    (re.compile(r"(^|[-_\s])(site-?)?header|masthead|topbar|top-bar|(^|[-_\s])шапка", re.IGNORECASE), "header"),
    (re.compile(r"(^|[-_\s])(main-?)?(nav|navbar|menu)([-_\s]|$)", re.IGNORECASE), "nav"),
)
SNAPSHOT_ARGS: Mapping[str, object] = {
    **LIMITS,
    "textHint": TEXT_HINT.pattern,
    "componentFooter": COMPONENT_FOOTER.pattern,
    "regionWords": [[pattern.pattern, region] for pattern, region in REGION_WORDS],
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an element is: its landmark region, its box in page pixels, and what a visitor sees.

    `visible` is False when the page hides the element (display:none, visibility:hidden,
    opacity:0, a hidden ancestor); for text also when it has no box. A link is visible, so
    offered, even without a box: `drawn` is False when its icon (a font, an image, an SVG) did
    not draw. Only `above_fold` asks for a box; a page read without a browser has none (all
    zero, `drawn` True: unknown)."""

    region: str = "content"  # header, nav, footer, aside, main or content
    x: int = 0
    y: int = 0
    w: int = 0
    h: int = 0
    visible: bool = True
    covered: bool | None = None  # None: outside the viewport, not measurable
    drawn: bool = True

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Place:
        rect = data.get("rect") or {}
        return cls(
            region=str(data.get("region") or "content"),
            x=int(rect.get("x", 0)),
            y=int(rect.get("y", 0)),
            w=int(rect.get("w", 0)),
            h=int(rect.get("h", 0)),
            visible=bool(data.get("visible", True)),
            covered=data.get("covered"),
            drawn=bool(data.get("drawn", True)),
        )

    def above_fold(self, viewport_height: int) -> bool:
        """Seen without scrolling: visible and drawn, starting inside the first screen, not covered."""
        return (
            self.visible
            and self.drawn
            and self.y < viewport_height
            and self.y + self.h > 0
            and self.covered is not True
        )


@dataclass(frozen=True, slots=True)
class Anchor:
    href: str
    raw: str = ""
    text: str = ""
    aria: str = ""
    title: str = ""
    rel: str = ""
    img_alt: str = ""
    cls: str = ""
    place: Place = field(default_factory=Place)
    tag: str = "a"  # a, area, or the element a click on which navigates (button, div, ...)

    @property
    def label(self) -> str:
        """What the link says to a person: its words, else its aria-label, title or image alt
        (an icon such as ✉ says nothing in words)."""
        words = self.text if re.search(r"\w", self.text) else ""
        return words or self.aria or self.title or self.img_alt or self.text


@dataclass(frozen=True, slots=True)
class TextBlock:
    text: str
    tag: str = ""
    place: Place = field(default_factory=Place)


@dataclass(frozen=True, slots=True)
class Form:
    action: str
    method: str
    fields: tuple[Mapping[str, str], ...]
    submit: bool
    place: Place = field(default_factory=Place)


@dataclass(frozen=True, slots=True)
class Snapshot:
    url: str
    title: str = ""
    lang: str = ""
    viewport: tuple[int, int] = (1366, 768)
    html: str = ""
    text: str = ""
    headings: tuple[str, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    texts: tuple[TextBlock, ...] = ()
    addresses: tuple[TextBlock, ...] = ()  # <address> and marked-up address blocks
    cfemails: tuple[tuple[str, Place], ...] = ()
    forms: tuple[Form, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        viewport = data.get("viewport") or {}
        return cls(
            url=str(data.get("url", "")),
            title=str(data.get("title", "")),
            lang=str(data.get("lang", "")),
            viewport=(int(viewport.get("w", 1366)), int(viewport.get("h", 768))),
            html=str(data.get("html", "")),
            text=str(data.get("text", "")),
            headings=tuple(str(h) for h in data.get("headings", [])),
            anchors=tuple(
                Anchor(
                    href=str(a.get("href", "")),
                    raw=str(a.get("raw", "")),
                    text=str(a.get("text", "")),
                    aria=str(a.get("aria", "")),
                    title=str(a.get("title", "")),
                    rel=str(a.get("rel", "")),
                    img_alt=str(a.get("img_alt", "")),
                    cls=str(a.get("cls", "")),
                    place=Place.from_json(a),
                    tag=str(a.get("tag") or "a"),
                )
                for a in data.get("anchors", [])
            ),
            texts=tuple(
                TextBlock(text=str(t.get("text", "")), tag=str(t.get("tag", "")), place=Place.from_json(t))
                for t in data.get("texts", [])
            ),
            addresses=tuple(
                TextBlock(text=str(t.get("text", "")), tag="address", place=Place.from_json(t))
                for t in data.get("addresses", [])
            ),
            cfemails=tuple((str(c.get("hex", "")), Place.from_json(c)) for c in data.get("cfemails", [])),
            forms=tuple(
                Form(
                    action=str(f.get("action", "")),
                    method=str(f.get("method", "get")),
                    fields=tuple(dict(x) for x in f.get("fields", [])),
                    submit=bool(f.get("submit")),
                    place=Place.from_json(f),
                )
                for f in data.get("forms", [])
            ),
        )
