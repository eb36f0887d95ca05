"""Bot protection that turns the audit's browser away: a refusal from the site's firewall or
CDN is not the same finding as a broken page, and the owner can fix it (allow-list the audit).

    bot_wall(403, {"server": "cloudflare", "cf-mitigated": "challenge"}, "Just a moment...")
    -> "Cloudflare"
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["REFUSALS", "bot_wall", "refusal_message"]

# Statuses a firewall refuses with; only these are worth reading the page title for.
REFUSALS = frozenset({401, 403, 405, 406, 429, 503})

_TITLES = re.compile(
    r"just a moment|attention required|checking your browser|access denied|ddos-guard|"
    r"sucuri website firewall|incapsula incident|request unsuccessful|pardon our interruption|"
    r"are you a robot|вы не робот|проверка браузера|доступ запрещ",
    re.IGNORECASE,
)


def bot_wall(status: int, headers: Mapping[str, str], title: str = "") -> str | None:
    """The bot protection behind a refusal (403, 429, 503, ...), or None when it looks like none."""
    if status not in REFUSALS:
        return None
    h = {k.lower(): v.lower() for k, v in headers.items()}
    server = h.get("server", "")
    if "cf-mitigated" in h or (server == "cloudflare" and (status in (403, 429, 503) or _TITLES.search(title))):
        return "Cloudflare"
    if "ddos-guard" in server:
        return "DDoS-Guard"
    if "x-iinfo" in h or "incap_ses" in h.get("set-cookie", "") or "incapsula" in title.lower():
        return "Imperva (Incapsula)"
    if "x-sucuri-id" in h or "sucuri" in server:
        return "Sucuri"
    if "qrator" in server:
        return "Qrator"
    if server.startswith("akamaighost") or "akamai" in h.get("server-timing", ""):
        return "Akamai"
    if "x-amzn-waf-action" in h or ("awselb" in server and status == 403):
        return "AWS WAF"
    if _TITLES.search(title):
        return "a bot check"
    return None


# What an error status means to an owner (RFC 9110 section 15 reason phrases, then plain words).
_STATUS_WORDS: Mapping[int, str] = {
    400: "Bad Request: the server refused the browser's request",
    401: "Unauthorized: the page needs a password, so visitors cannot see it",
    403: "Forbidden: the server refuses to show the page",
    404: "Not Found: there is no page at this address",
    405: "Method Not Allowed: the server refuses the browser's request",
    410: "Gone: the page was removed",
    429: "Too Many Requests: the server turns visitors away",
    500: "Internal Server Error: the site's server failed while making the page",
    502: "Bad Gateway: the server in front of the site got no good answer from it",
    503: "Service Unavailable: the site is down (overloaded or in maintenance)",
    504: "Gateway Timeout: the site's server answered too late",
}


def _retry_words(value: str) -> str:
    if value.strip().isdigit():
        seconds = int(value.strip())
        if seconds >= 120:
            return f"; it asks visitors to come back in {round(seconds / 60)} minutes"
        return f"; it asks visitors to come back in {seconds} s"
    return ""


def refusal_message(url: str, status: int, wall: str | None, headers: Mapping[str, str] | None = None) -> str:
    """The owner's words for an error status (with a bot wall: who turned the audit away)."""
    if wall is None:
        h = {k.lower(): v for k, v in (headers or {}).items()}
        words = _STATUS_WORDS.get(status, "a client error" if status < 500 else "a server error")
        extra = ""
        if status == 401 and (realm := re.search(r'realm="?([^",]*)', h.get("www-authenticate", ""))):
            extra = f" (realm '{realm.group(1)}')"
        if status in (429, 503) and h.get("retry-after"):
            extra = _retry_words(h["retry-after"])
        return f"{url} answers HTTP {status} {words}{extra}"
    who = wall if wall == "a bot check" else f"{wall}'s bot protection"
    return (
        f"{url} answered HTTP {status}: {who} turned the audit's browser away with a bot check (a CAPTCHA or "
        "challenge that needs a person), so nothing on the page "
        "could be checked; allow-list the audit on the firewall or audit a staging address"
    )
