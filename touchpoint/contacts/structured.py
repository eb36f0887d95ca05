"""Contact data a site declares for machines: schema.org JSON-LD and microdata, and h-card
microformats (read with `extruct`), for comparing with what the page shows people."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Structured", "read_structured"]


@dataclass(frozen=True, slots=True)
class Structured:
    phones: tuple[tuple[str, str], ...] = ()  # (raw, syntax)
    emails: tuple[tuple[str, str], ...] = ()
    addresses: tuple[tuple[str, str], ...] = ()
    same_as: tuple[str, ...] = ()
    ratings: tuple[Mapping[str, Any], ...] = ()  # AggregateRating objects
    reviews: int = 0
    types: tuple[str, ...] = ()
    errors: tuple[str, ...] = field(default=())


# Items whose contact data is somebody else's.
_NOT_THE_BUSINESS = frozenset(
    {
        "Person",
        "Brand",
        "Review",
        "Rating",
        "AggregateRating",
        "Product",
        "Offer",
        "Article",
        "BlogPosting",
        "NewsArticle",
        "ImageObject",
        "VideoObject",
        "GovernmentOrganization",
        "h-review",
        "h-entry",
    }
)


def _items(node: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(node, Mapping):
        yield node
        for value in node.values():
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, Mapping):
        return _texts(value.get("value") or value.get("@value") or value.get("url") or value.get("@id"))
    return [str(value).strip()] if str(value).strip() else []


def _types(item: Mapping[str, Any]) -> list[str]:
    raw = item.get("@type") or []
    return [str(t).rsplit("/", 1)[-1] for t in (raw if isinstance(raw, list) else [raw])]


def _address(value: Any) -> str:
    if isinstance(value, Mapping):
        keys = (
            "streetAddress",
            "street-address",
            "addressLocality",
            "locality",
            "postalCode",
            "postal-code",
            "addressRegion",
            "region",
            "addressCountry",
            "country-name",
        )
        parts = [t for key in keys for t in _texts(value.get(key))]
        return ", ".join(dict.fromkeys(parts)) or " ".join(_texts(value.get("value")))
    return " ".join(_texts(value))


def read_structured(html: str, base_url: str) -> Structured:
    """Everything contact-like a page declares in structured data (pure; tolerant of bad markup)."""
    import extruct  # imported here: half a second, and only pages being extracted need it

    errors: list[str] = []
    try:
        data = extruct.extract(
            html,
            base_url=base_url,
            syntaxes=["json-ld", "microdata", "microformat"],
            uniform=True,
            errors="ignore",
        )
    except Exception as exc:  # markup broken beyond what the parsers survive
        return Structured(errors=(f"structured data unreadable: {type(exc).__name__}",))
    phones: list[tuple[str, str]] = []
    emails: list[tuple[str, str]] = []
    addresses: list[tuple[str, str]] = []
    same_as: list[str] = []
    ratings: list[Mapping[str, Any]] = []
    reviews = 0
    types: list[str] = []
    for syntax in ("json-ld", "microdata", "microformat"):
        for item in _items(data.get(syntax, [])):
            kinds = _types(item)
            types += kinds
            if _NOT_THE_BUSINESS.intersection(kinds):
                if "AggregateRating" in kinds:
                    ratings.append(item)
                reviews += 1 if "Review" in kinds or "h-review" in kinds else 0
                continue  # an article's author, a reviewer, a brand sold, a regulator: not the business
            phones += [(t, syntax) for key in ("telephone", "tel") for t in _texts(item.get(key))]
            emails += [(t.removeprefix("mailto:"), syntax) for t in _texts(item.get("email"))]
            for key in ("address", "adr"):
                if key in item:
                    values = item[key] if isinstance(item[key], list) else [item[key]]
                    addresses += [(a, syntax) for a in map(_address, values) if a]
            same_as += _texts(item.get("sameAs"))
            if "AggregateRating" in kinds:
                ratings.append(item)
            if "Review" in kinds or "h-review" in kinds:
                reviews += 1
    return Structured(
        phones=tuple(dict.fromkeys(phones)),
        emails=tuple(dict.fromkeys(emails)),
        addresses=tuple(dict.fromkeys(addresses)),
        same_as=tuple(dict.fromkeys(same_as)),
        ratings=tuple(ratings),
        reviews=reviews,
        types=tuple(dict.fromkeys(types)),
        errors=tuple(errors),
    )
