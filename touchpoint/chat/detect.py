"""Which live chat a site loads, read from the pages the crawl already rendered (their script and
frame addresses), without opening or writing anything: what the quick look and a profile without
a chat channel can still tell the owner.

The addresses are each adapter's own `signature.scripts` (touchpoint/chat/vendors/*.js), read
from the adapter files, so the chat journey and this detection never disagree on a vendor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

__all__ = ["VENDOR_NAMES", "chat_vendors_in", "script_patterns"]

VENDORS = Path(__file__).with_name("vendors")
VENDOR_NAMES: Mapping[str, str] = {
    "tawk": "Tawk.to",
    "jivo": "Jivo",
    "livechat": "LiveChat",
    "intercom": "Intercom",
    "crisp": "Crisp",
    "tidio": "Tidio",
    "zendesk": "Zendesk",
    "hubspot": "HubSpot chat",
    "freshchat": "Freshchat",
    "bitrix24": "Bitrix24 Open Lines",
    "smartsupp": "Smartsupp",
    "talkme": "Talk-Me",
    "carrotquest": "Carrot quest",
    "livetex": "LiveTex",
    "drift": "Drift",
}
_REGISTER = re.compile(r"__tpChat\.register\('([\w-]+)'")
_SCRIPTS = re.compile(r"\bscripts:\s*\[")
# A JavaScript regex literal: /body/flags (the adapters' are plain, with no "/" in a class).
_LITERAL = re.compile(r"\s*/((?:\\.|[^/\\\n])+)/([a-z]*)\s*,?")
_SRC = re.compile(r"""<(?:script|iframe)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


@cache
def script_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """vendor -> the script addresses its adapter recognises it by."""
    found: dict[str, tuple[re.Pattern[str], ...]] = {}
    for path in sorted(VENDORS.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        name, scripts = _REGISTER.search(text), _SCRIPTS.search(text)
        if name is None or scripts is None:
            continue
        patterns, at = [], scripts.end()
        while (literal := _LITERAL.match(text, at)) is not None:
            flags = re.IGNORECASE if "i" in literal.group(2) else 0
            patterns.append(re.compile(literal.group(1), flags))
            at = literal.end()
        if patterns:
            found[name.group(1)] = tuple(patterns)
    return found


def chat_vendors_in(pages: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """vendor -> the pages (url, in the order given) whose rendered HTML loads its chat."""
    vendors = script_patterns()
    found: dict[str, list[str]] = {}
    for url, html in pages:
        sources = _SRC.findall(html)
        for vendor in VENDOR_NAMES:  # the names' order: the most used vendors first
            patterns = vendors.get(vendor, ())
            if any(p.search(src) for p in patterns for src in sources):
                found.setdefault(vendor, []).append(url)
    return found
