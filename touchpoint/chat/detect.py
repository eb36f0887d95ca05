"""Which live chat a site loads, read from the pages the crawl already rendered (their script
tags and widget frames), without opening or writing anything: what the quick look and a profile
without a chat channel can still tell the owner. The same vendors' in-page signatures (globals,
frames) are in touchpoint/chat/vendors/*.js, used when the chat is actually driven."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["VENDOR_NAMES", "chat_vendors_in"]

# vendor -> script or frame addresses it loads from (its documented embed snippets)
_SOURCES: Mapping[str, re.Pattern[str]] = {
    "tawk": re.compile(r"embed\.tawk\.to/"),
    "jivo": re.compile(r"code\.jivo(site)?\.(ru|com)/widget|code\.jivochat\.com/"),
    "livechat": re.compile(r"cdn\.livechatinc\.com/tracking\.js|secure\.livechatinc\.com/"),
    "intercom": re.compile(r"widget\.intercom\.io/widget/|js\.intercomcdn\.com/"),
    "crisp": re.compile(r"client\.crisp\.chat/"),
    "tidio": re.compile(r"code\.tidio\.co/"),
    "zendesk": re.compile(r"static\.zdassets\.com/ekr/snippet\.js|ekr\.zdassets\.com/"),
    "hubspot": re.compile(r"js(-[a-z0-9]+)?\.hs-scripts\.com/|js\.usemessages\.com/"),
    "freshchat": re.compile(r"wchat(\.[a-z]+)?\.freshchat\.com/|fw-cdn\.com/"),
    "bitrix24": re.compile(r"/crm/site_button/loader_"),
    "smartsupp": re.compile(r"smartsuppchat\.com/loader\.js|smartsuppcdn\.com/"),
    "talkme": re.compile(r"lcab\.talk-me\.ru/support|site-chat\.me/support"),
    "carrotquest": re.compile(r"cdn\.carrotquest\.(io|app)/"),
    "livetex": re.compile(r"(cs15|cs\d+)\.livetex\.ru/|livetex\.ru/js/"),
    "drift": re.compile(r"js\.driftt\.com/|js\.drift\.com/"),
}
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
_SRC = re.compile(r"""<(?:script|iframe)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def chat_vendors_in(pages: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """vendor -> the pages (url, in the order given) whose rendered HTML loads its chat."""
    found: dict[str, list[str]] = {}
    for url, html in pages:
        sources = _SRC.findall(html)
        for vendor, pattern in _SOURCES.items():
            if any(pattern.search(src) for src in sources):
                found.setdefault(vendor, []).append(url)
    return found
