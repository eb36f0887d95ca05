"""Whether a site shows what its customers think: a reviews or testimonials section, schema.org
ratings, or a link to a review platform."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["REVIEW_PLATFORMS", "ReviewSignals", "platform_of", "review_words"]

_WORDS = re.compile(
    r"\b(reviews?|testimonials?|what\s+(our\s+)?(customers|clients)\s+say|customer\s+stories|rated\s+\d|"
    r"отзывы|отзыв\s+клиента|что\s+говорят\s+(наши\s+)?клиенты|"
    r"atsiliepimai|klientų\s+atsiliepimai|ką\s+sako\s+(mūsų\s+)?klientai)\b",
    re.IGNORECASE,
)
REVIEW_PLATFORMS = {
    "google": (
        "g.page",
        "maps.app.goo.gl",
        "goo.gl/maps",
        "google.com/maps",
        "maps.google.",
        "search.google.com/local",
        "g.co/kgs",
        "business.google.com",
    ),
    "trustpilot": ("trustpilot.com",),
    "yelp": ("yelp.",),
    "tripadvisor": ("tripadvisor.",),
    "yandex": ("yandex.ru/maps/org", "yandex.ru/profile", "yandex.com/maps/org", "yandex.ru/sprav"),
    "2gis": ("2gis.",),
    "otzovik": ("otzovik.com",),
    "irecommend": ("irecommend.ru",),
    "flamp": ("flamp.ru",),
    "zoon": ("zoon.ru",),
    "feefo": ("feefo.com",),
    "reviews.io": ("reviews.io", "reviews.co.uk"),
    "checkatrade": ("checkatrade.com",),
    "trustedshops": ("trustedshops.",),
}


@dataclass(frozen=True, slots=True)
class ReviewSignals:
    section: str = ""  # the heading words that announce reviews, if any
    platforms: tuple[str, ...] = ()
    ratings: int = 0
    reviews: int = 0

    @property
    def any(self) -> bool:
        return bool(self.section or self.platforms or self.ratings or self.reviews)


def review_words(text: str) -> str:
    match = _WORDS.search(text)
    return match.group(0) if match else ""


def platform_of(url: str) -> str | None:
    parts = urlsplit(url)
    where = (parts.hostname or "").removeprefix("www.") + parts.path
    for platform, markers in REVIEW_PLATFORMS.items():
        if any(marker in where for marker in markers):
            return platform
    return None
