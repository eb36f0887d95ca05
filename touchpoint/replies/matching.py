"""Which attempt a reply answers. In order of certainty: the per-attempt reply address, the
In-Reply-To/References chain, the reference token quoted back, then the sender's domain when
only one attempt to that site is open."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from touchpoint.ledger import Attempt
from touchpoint.replies.message import Mail

__all__ = ["match"]

# A per-attempt reply address (see touchpoint.attempts.shopper.reply_address): name+tpXXXXXX@ or tpXXXXXX@.
_TAGGED = re.compile(r"^([^@+]+\+)?tp[a-z0-9]{6}@", re.IGNORECASE)


def _domain(address_or_url: str) -> str:
    if "@" in address_or_url and "://" not in address_or_url:
        host = address_or_url.rsplit("@", 1)[1]
    else:
        host = urlsplit(address_or_url).hostname or ""
    return host.lower().removeprefix("www.")


def match(
    mail: Mail, attempts: Sequence[Attempt], site_domains: dict[str, str] | None = None
) -> tuple[Attempt, str] | None:
    """The attempt and how it was matched, or None. `site_domains`: site key -> its domain."""
    recipients = set(mail.recipients)
    for attempt in attempts:
        if attempt.reply_to.lower() in recipients:
            return attempt, "reply address"
    for attempt in attempts:
        if attempt.message_id and attempt.message_id in mail.in_reply_to:
            return attempt, "In-Reply-To"
    haystack = f"{mail.subject}\n{mail.text}".upper()
    for attempt in attempts:
        if attempt.token.upper() in haystack:
            return attempt, "reference token"
    if any(_TAGGED.match(r) for r in recipients):
        return None  # written to another attempt's reply address: not a guess to make
    sender = _domain(mail.sender)
    by_domain = [
        a
        for a in attempts
        if sender and (_domain(a.target) == sender or (site_domains or {}).get(a.site, "") == sender)
    ]
    if len(by_domain) == 1:
        return by_domain[0], "sender's domain"
    return None
