"""Which live chat a site loads, read from the pages the crawl already rendered, without opening
or writing anything: what the quick look and a profile without a chat channel can still tell
the owner.

A vendor is known by what its adapter (touchpoint/chat/vendors/*.js) lists in its `signature`,
read from the adapter files so the chat journey and this detection never disagree: its script's
address (`scripts`), the global its embed snippet sets in an inline script (`globals`: sites
self-host or proxy the loader and load it through tag managers, so the address alone misses
them), and the widget's own frames and elements in the rendered page (`frames`, simple `markers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["VENDOR_NAMES", "chat_vendors_in", "script_patterns", "signatures"]

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
_FRAMES = re.compile(r"\bframes:\s*\[")
_GLOBALS = re.compile(r"\bglobals:\s*\[([^\]]*)\]")
_MARKERS = re.compile(r"\bmarkers:\s*\[([^\]]*)\]")
# Inline scripts that run (not JSON-LD data or a template): where an embed snippet sets its global.
_INLINE = re.compile(
    r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*[\"']?(application/(ld\+)?json|text/(template|html|x-)))[^>]*>"
    r"(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
_FRAME = re.compile(r"<iframe\b([^>]*)>", re.IGNORECASE)
# A JavaScript regex literal: /body/flags (the adapters' are plain, with no "/" in a class).
_LITERAL = re.compile(r"\s*/((?:\\.|[^/\\\n])+)/([a-z]*)\s*,?")
_SRC = re.compile(r"""<(?:script|iframe)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _literals(text: str, start: re.Match[str] | None) -> tuple[re.Pattern[str], ...]:
    patterns, at = [], start.end() if start else len(text)
    while start is not None and (literal := _LITERAL.match(text, at)) is not None:
        flags = re.IGNORECASE if "i" in literal.group(2) else 0
        patterns.append(re.compile(literal.group(1), flags))
        at = literal.end()
    return tuple(patterns)


def _strings(found: re.Match[str] | None) -> tuple[str, ...]:
    return tuple(re.findall(r"'([^']+)'", found.group(1))) if found else ()


@cache
def signatures() -> dict[str, dict[str, tuple[Any, ...]]]:
    """vendor -> {"scripts": patterns, "frames": patterns, "globals": names, "markers": selectors}."""
    found: dict[str, dict[str, tuple[Any, ...]]] = {}
    for path in sorted(VENDORS.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        name = _REGISTER.search(text)
        if name is None:
            continue
        found[name.group(1)] = {
            "scripts": _literals(text, _SCRIPTS.search(text)),
            "frames": _literals(text, _FRAMES.search(text)),
            "globals": _strings(_GLOBALS.search(text)),
            "markers": _strings(_MARKERS.search(text)),
        }
    return found


def script_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """vendor -> the script addresses its adapter recognises it by."""
    return {vendor: sig["scripts"] for vendor, sig in signatures().items() if sig["scripts"]}


def _global(name: str) -> re.Pattern[str]:
    """A global as an embed snippet sets or calls it; a short name ("zE", "__lc") only as window.X."""
    escaped = re.escape(name.split(".")[0] if "." not in name else name)
    if len(name) <= 4:
        return re.compile(rf"\bwindow\s*(\.\s*{escaped}\b|\[\s*['\"]{escaped}['\"]\s*\])")
    return re.compile(rf"(?<![\w$.]){escaped}(?![\w$])")


def _marker(selector: str) -> re.Pattern[str] | None:
    """A simple marker (#id, .class, a tag name) as it shows in rendered HTML; others are skipped."""
    if re.fullmatch(r"#[\w-]+", selector):
        return re.compile(rf"""\bid\s*=\s*["']?{re.escape(selector[1:])}["'\s>]""", re.IGNORECASE)
    if re.fullmatch(r"\.[\w-]+", selector):
        return re.compile(rf"""\bclass\s*=\s*["'][^"']*(?<![\w-]){re.escape(selector[1:])}(?![\w-])""")
    if re.fullmatch(r"[a-z][a-z0-9]*", selector) and selector not in ("div", "iframe", "span", "a", "button"):
        return re.compile(rf"<{selector}\b", re.IGNORECASE)
    return None


def _how(html: str, sources: list[str], sig: dict[str, tuple[Any, ...]]) -> str:
    if any(p.search(src) for p in sig["scripts"] for src in sources):
        return "script"
    inline = "\n".join(m.group(4) for m in _INLINE.finditer(html))
    if any(_global(g).search(inline) for g in sig["globals"]):
        return "snippet"
    frames = _FRAME.findall(html)
    if any(p.search(f) for p in sig["frames"] for f in frames):
        return "frame"
    markers = [m for m in (_marker(x) for x in sig["markers"]) if m is not None]
    return "markers" if any(m.search(html) for m in markers) else ""


def chat_vendors_in(pages: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """vendor -> the pages (url, in the order given) whose rendered HTML loads its chat."""
    vendors = signatures()
    found: dict[str, list[str]] = {}
    for url, html in pages:
        sources = _SRC.findall(html)
        for vendor in VENDOR_NAMES:  # the names' order: the most used vendors first
            if vendor in vendors and _how(html, sources, vendors[vendor]):
                found.setdefault(vendor, []).append(url)
    return found
