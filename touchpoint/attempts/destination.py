"""Where a form's data goes, and whether the shopper may send it there (pure).

The rule is "forms only on the profile's own site", checked against where the data actually
goes (the form's action, the address a script posts to, a redirect), not against the page's
address: the site's registrable domain (www.acme.co.uk and forms.acme.co.uk are one site, by the
Public Suffix List that `publicsuffixlist` ships), or a host the profile lists for the channel
(`hosts = ["api.hsforms.com"]`, a form provider the owner uses). An address by IP, or a name the
list does not know (localhost), must match exactly.

    allowed("https://forms.acme.co.uk/send", "https://www.acme.co.uk/", ())   # True
    carries("email=alex.morgan%2Btp7k3q9m%40shopper.example", ["alex.morgan+tp7k3q9m@shopper.example"])
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from functools import cache
from urllib.parse import unquote, unquote_plus, urlsplit

from publicsuffixlist import PublicSuffixList

__all__ = ["allowed", "carries", "host_of", "registrable"]


@cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # the list the package ships: nothing is fetched


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def registrable(host: str) -> str:
    """The site a host belongs to: acme.co.uk for forms.acme.co.uk; an IP or an unknown name as it is."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    return str(_psl().privatesuffix(host) or host)


def allowed(url: str, base_url: str, hosts: Iterable[str] = ()) -> bool:
    """May the shopper send a visitor's data to `url`, for the site at `base_url`?"""
    host = host_of(url)
    if not host:
        return True  # about:blank, data: and the like carry nothing anywhere
    if registrable(host) == registrable(host_of(base_url)):
        return True
    return any(host == h.lower() or host.endswith("." + h.lower().lstrip(".")) for h in hosts)


def _variants(value: str) -> set[str]:
    value = value.strip()
    if len(value) < 5:
        return set()
    digits = re.sub(r"\D", "", value)
    found = {value.lower()}
    if len(digits) >= 7:  # a phone, however it is written
        found.add(digits)
    return found


def carries(payload: str, values: Sequence[str]) -> bool:
    """Does a request (its URL and body, as text) carry any of what the shopper typed?"""
    if not payload:
        return False
    decoded = unquote_plus(payload).lower()
    plain = unquote(payload).lower()
    digits = re.sub(r"\D", "", decoded)
    for value in values:
        for v in _variants(value):
            if v.isdigit() and v in digits:
                return True
            if not v.isdigit() and (v in decoded or v in plain or v in payload.lower()):
                return True
    return False
