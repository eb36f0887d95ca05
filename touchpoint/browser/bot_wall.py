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


def refusal_message(url: str, status: int, wall: str | None) -> str:
    if wall is None:
        return f"{url} answered HTTP {status} to a visitor"
    who = wall if wall == "a bot check" else f"{wall}'s bot protection"
    return (
        f"{url} answered HTTP {status}: {who} turned the audit's browser away, so nothing on the page "
        "could be checked; allow-list the audit on the firewall or audit a staging address"
    )
