"""robots.txt for the crawl: who we say we are, what a site lets us fetch, and how slowly.

    policy = await fetch_robots(client, "https://acme.example")
    policy.allowed("https://acme.example/contacts")   # True / False for our product token
    policy.crawl_delay                                # seconds between requests, or None
    policy.note                                       # the owner's report line

Parsing is protego's (the robots.txt parser Scrapy uses: RFC 9309 groups, longest match,
`*` and `$` patterns, Crawl-delay, Request-rate, Sitemap). This module adds what RFC 9309 asks
of the crawler around the parser, decided in one place before any page request:

- 2xx: the file's rules; only its first 500 KiB are parsed (§2.5), a byte-order mark is dropped.
- 4xx ("unavailable", §2.3.1.3), including 404: no restrictions. 429 is the exception: it says
  "too many requests", so it is read like a 5xx, as Google does.
- 5xx, a network error or a timeout ("unreachable", §2.3.1.4): the whole site is disallowed.
- redirects: up to 5 are followed (§2.3.1.2); after that the file counts as unavailable.

Crawl-delay and Request-rate are not in RFC 9309 but are honoured: the slower of the two, capped at
`MAX_CRAWL_DELAY` (30 s) so that one line cannot stall an audit; the report says when the cap
applied. `retry_after_seconds` reads a Retry-After header for the same pacing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from touchpoint.crawl.http_errors import plain_reason
from touchpoint.crawl.sitemaps import read_bounded

__all__ = [
    "AGENT_TOKEN",
    "MAX_CRAWL_DELAY",
    "MAX_REDIRECTS",
    "MAX_RETRY_AFTER",
    "ROBOTS_MAX_BYTES",
    "RobotsPolicy",
    "fetch_robots",
    "origin_of",
    "retry_after_seconds",
    "robots_policy",
    "user_agent_header",
]

AGENT_TOKEN = "touchpoint-audit"
"""The product token that robots.txt groups are matched against (`User-agent: touchpoint-audit`)."""

ROBOTS_MAX_BYTES = 500 * 1024
"""RFC 9309 §2.5: a crawler must parse at least 500 KiB; we parse exactly that much."""

MAX_REDIRECTS = 5
"""RFC 9309 §2.3.1.2: follow at least five consecutive redirects."""

MAX_CRAWL_DELAY = 30.0
"""A Crawl-delay (or Request-rate) longer than this is cut to it, and the report says so."""

MAX_RETRY_AFTER = 120.0
"""A Retry-After longer than this is cut to it: an audit waits two minutes at most for one page."""

_OVERRIDE_NOTE = "the profile's own switch (crawl.ignore_robots) let the audit crawl pages robots.txt disallows"


def user_agent_header(version: str) -> str:
    """The User-Agent header of the crawl: a browser-like prefix, our product token and why we came."""
    return f"Mozilla/5.0 (compatible; {AGENT_TOKEN}/{version}; site audit)"


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, lower-cased, without a default port: what a robots.txt speaks for."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not scheme or not host:
        raise ValueError(f"{url!r} is not an absolute URL")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in {("http", 80), ("https", 443)}:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


@dataclass(frozen=True)
class RobotsPolicy:
    """What one origin's robots.txt lets the crawl do, and the sentence the report shows about it.

    `allowed` answers for URLs on `origin` only; a URL of another origin raises ValueError
    (fetch that origin's robots.txt: RFC 9309 rules are per scheme, host and port).
    """

    origin: str
    status: int | None
    """The HTTP status of the final answer, None when robots.txt could not be reached."""
    found: bool
    """True when the site served a robots.txt and its rules were read."""
    crawl_delay: float | None
    """Seconds to leave between requests: Crawl-delay or Request-rate, the slower, capped at 30 s."""
    request_rate: tuple[int, int] | None
    """Request-rate as written, (requests, seconds), for the report; already folded into crawl_delay."""
    sitemaps: tuple[str, ...]
    """Absolute http(s) URLs of the file's `Sitemap:` lines, in file order."""
    note: str
    overridden_by_profile: bool = False
    _rules: Protego | None = field(default=None, repr=False, compare=False)
    _allow_all: bool = field(default=True, repr=False, compare=False)
    _token: str = field(default=AGENT_TOKEN, repr=False, compare=False)

    def allowed(self, url: str) -> bool:
        if origin_of(url) != self.origin:
            raise ValueError(f"{url} is not on {self.origin}; its own robots.txt decides")
        if self._rules is None:
            return self._allow_all
        return bool(self._rules.can_fetch(url, self._token))

    def overridden(self) -> RobotsPolicy:
        """This policy with every URL allowed, for an owner auditing their own site behind a robots block.

        The pacing (crawl_delay) and sitemaps stay; the note keeps what robots.txt said and adds the switch.
        """
        note = f"{self.note}; {_OVERRIDE_NOTE}" if self.note else _OVERRIDE_NOTE
        return replace(self, note=note, overridden_by_profile=True, _rules=None, _allow_all=True)


def robots_policy(text: str | None, origin: str, *, status: int | None, token: str = AGENT_TOKEN) -> RobotsPolicy:
    """The policy for `origin` from what its /robots.txt answered: the text (None when nothing was read)
    and the final HTTP status (None when robots.txt could not be reached at all)."""
    origin = origin_of(origin)
    robots_url = f"{origin}/robots.txt"
    if status is None:
        return _blocked(origin, None, "robots.txt could not be reached: the crawl treated the whole site as disallowed")
    if 500 <= status <= 599 or status == 429:
        return _blocked(
            origin, status, f"robots.txt answered {status}: the crawl treated the whole site as disallowed for now"
        )
    if 400 <= status <= 499:
        return _open(origin, status, f"the site has no robots.txt ({robots_url} answered {status}): no restrictions")
    if not 200 <= status <= 299:
        return _blocked(
            origin, status, f"robots.txt answered {status}: the crawl treated the whole site as disallowed for now"
        )

    notes: list[str] = []
    body = (text or "").removeprefix("\ufeff")
    encoded = body.encode("utf-8", errors="replace")
    if len(encoded) > ROBOTS_MAX_BYTES:
        cut = encoded[:ROBOTS_MAX_BYTES]
        cut = cut[: cut.rfind(b"\n") + 1] if b"\n" in cut else b""
        body = cut.decode("utf-8", errors="ignore")
        notes.append(f"robots.txt is larger than {ROBOTS_MAX_BYTES // 1024} KiB: only its first 500 KiB were read")
    rules = Protego.parse(body)
    sitemaps = tuple(_absolute_sitemaps(rules.sitemaps, robots_url))

    delay, rate, delay_note = _delay(rules, token)
    if delay_note:
        notes.append(delay_note)
    blocked_home = not rules.can_fetch(f"{origin}/", token)
    if blocked_home:
        notes.insert(0, "robots.txt asks crawlers like ours to stay away from the home page")
    else:
        notes.insert(0, "robots.txt was read and followed")
    return RobotsPolicy(
        origin=origin,
        status=status,
        found=True,
        crawl_delay=delay,
        request_rate=rate,
        sitemaps=sitemaps,
        note="; ".join(notes),
        _rules=rules,
        _allow_all=True,
        _token=token,
    )


def _blocked(origin: str, status: int | None, note: str) -> RobotsPolicy:
    return RobotsPolicy(origin, status, False, None, None, (), note, _rules=None, _allow_all=False)


def _open(origin: str, status: int | None, note: str) -> RobotsPolicy:
    return RobotsPolicy(origin, status, False, None, None, (), note, _rules=None, _allow_all=True)


def _absolute_sitemaps(lines: Iterable[str], robots_url: str) -> list[str]:
    found: list[str] = []
    for line in lines:
        url = urljoin(robots_url, str(line).strip())
        if urlsplit(url).scheme in {"http", "https"} and url not in found:
            found.append(url)
    return found


def _delay(rules: Protego, token: str) -> tuple[float | None, tuple[int, int] | None, str]:
    declared: float | None = rules.crawl_delay(token)
    rate_value = rules.request_rate(token)
    rate = (rate_value.requests, rate_value.seconds) if rate_value is not None else None
    if rate is not None:
        per_request = rate[1] / rate[0]
        declared = per_request if declared is None else max(declared, per_request)
    if declared is None:
        return None, rate, ""
    if declared > MAX_CRAWL_DELAY:
        return (
            MAX_CRAWL_DELAY,
            rate,
            f"robots.txt asks for {declared:g} s between requests; the audit waited {MAX_CRAWL_DELAY:g} s,"
            " its longest wait",
        )
    return declared, rate, f"the crawl waited {declared:g} s between requests, as robots.txt asks"


async def fetch_robots(
    client: httpx.AsyncClient, origin: str, *, token: str = AGENT_TOKEN, timeout: float = 10
) -> RobotsPolicy:
    """Fetch `origin`/robots.txt (redirects followed by hand, at most 5; at most 500 KiB read) and decide.

    Never raises for what the network does: an error or a timeout gives the unreachable
    (disallow-all) policy, with the error's name in its note.
    """
    origin = origin_of(origin)
    url = f"{origin}/robots.txt"
    try:
        async with asyncio.timeout(timeout):
            for _ in range(MAX_REDIRECTS + 1):
                headers = {"Accept-Encoding": "gzip"}
                async with client.stream("GET", url, headers=headers, follow_redirects=False) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if not 200 <= response.status_code <= 299:
                        return robots_policy(None, origin, status=response.status_code, token=token)
                    body, _ = await read_bounded(response, ROBOTS_MAX_BYTES + 1)  # over 500 KiB: the core says so
                    encoding = response.charset_encoding or "utf-8"
                    try:
                        text = body.decode(encoding, errors="replace")
                    except LookupError:
                        text = body.decode("utf-8", errors="replace")
                    return robots_policy(text, origin, status=response.status_code, token=token)
    except (httpx.HTTPError, httpx.InvalidURL, TimeoutError, OSError) as error:
        policy = robots_policy(None, origin, status=None, token=token)
        reason = "it took too long" if isinstance(error, TimeoutError) else plain_reason(error, timeout)
        return replace(
            policy,
            note=f"robots.txt could not be read ({reason}), so the crawl stayed out of the site (RFC 9309)",
        )
    return _open(
        origin,
        None,
        f"robots.txt redirected more than {MAX_REDIRECTS} times: it counts as missing, so no restrictions",
    )


def retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    """Seconds a Retry-After header asks us to wait (RFC 9110 §10.2.3), capped at `MAX_RETRY_AFTER` (120 s).

    `value` is delta-seconds ("120") or an HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT", the obsolete
    RFC 850 and asctime forms too). A date already past gives 0.0. Garbage, a negative or fractional
    number, or nothing gives None: the caller keeps its own back-off. `now` must be timezone-aware.
    The cap means an audit never sleeps long for one page; a caller that sees 120.0 may prefer to
    skip the page and say so.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return min(float(int(value)), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
