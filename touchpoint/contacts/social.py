"""Social profiles and messenger links: which network a link goes to, and whether it is the
business's own profile, a share button, a post, or just the network's home page.

    classify("https://www.facebook.com/sharer/sharer.php?u=...")  -> Link("facebook", "share", ...)
    classify("https://www.instagram.com/harbourlane.plumbing/")   -> Link("instagram", "profile", ...)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = ["MESSENGERS", "NETWORKS", "Link", "classify"]

# network -> hosts (without www./m./mobile.)
NETWORKS: Mapping[str, tuple[str, ...]] = {
    "facebook": ("facebook.com", "fb.com", "fb.me", "business.facebook.com"),
    "instagram": ("instagram.com", "instagr.am"),
    "vk": ("vk.com", "vk.ru", "vkontakte.ru"),
    "ok": ("ok.ru", "odnoklassniki.ru"),
    "telegram": ("t.me", "telegram.me", "telegram.dog"),
    "youtube": ("youtube.com", "youtu.be"),
    "linkedin": ("linkedin.com", "lnkd.in"),
    "x": ("x.com", "twitter.com"),
    "tiktok": ("tiktok.com",),
    "pinterest": ("pinterest.com", "pinterest.co.uk", "pinterest.de", "pinterest.ru", "pin.it"),
    "threads": ("threads.net", "threads.com"),
    "dzen": ("dzen.ru", "zen.yandex.ru"),
    "rutube": ("rutube.ru",),
    "nextdoor": ("nextdoor.com", "nextdoor.co.uk", "nextdoor.ca", "nextdoor.com.au"),
}
MESSENGERS = ("whatsapp", "viber", "telegram", "max")

_HOSTS = {host: network for network, hosts in NETWORKS.items() for host in hosts}
_HANDLE = re.compile(r"^[\w.\-@%]+$")

# First path segments that are the network's own pages, never a business's profile.
_NOT_PROFILES: Mapping[str, set[str]] = {
    "facebook": {
        "sharer",
        "sharer.php",
        "share.php",
        "share",
        "dialog",
        "plugins",
        "login",
        "login.php",
        "home.php",
        "help",
        "policies",
        "privacy",
        "watch",
        "events",
        "hashtag",
        "photo",
        "photo.php",
        "story.php",
        "permalink.php",
        "search",
        "marketplace",
        "gaming",
        "ads",
        "legal",
        "terms",
        "settings",
        "reg",
        "r.php",
        "recover",
        "l.php",
        "tr",
    },
    "instagram": {
        "p",
        "reel",
        "reels",
        "explore",
        "accounts",
        "stories",
        "tv",
        "direct",
        "about",
        "legal",
        "developer",
        "web",
    },
    "vk": {
        "share.php",
        "away.php",
        "login",
        "feed",
        "im",
        "search",
        "video",
        "music",
        "apps",
        "support",
        "wall",
        "doc",
        "photo",
        "terms",
        "privacy",
        "dev",
    },
    "ok": {"dk", "share", "offer", "search", "video", "music", "feed", "messages", "app", "games"},
    "telegram": {"share", "iv", "addstickers", "addtheme", "proxy", "socks", "joinchat"},
    "youtube": {
        "watch",
        "embed",
        "shorts",
        "results",
        "feed",
        "playlist",
        "live",
        "premium",
        "kids",
        "about",
        "t",
        "howyoutubeworks",
        "redirect",
        "signin",
        "account",
        "v",
        "hashtag",
    },
    "linkedin": {
        "shareArticle",
        "sharing",
        "feed",
        "login",
        "signup",
        "jobs",
        "posts",
        "pulse",
        "learning",
        "help",
        "legal",
        "uas",
        "authwall",
        "checkpoint",
        "search",
    },
    "x": {
        "intent",
        "share",
        "home",
        "search",
        "hashtag",
        "i",
        "login",
        "signup",
        "explore",
        "settings",
        "tos",
        "privacy",
        "messages",
        "notifications",
    },
    "tiktok": {"share", "discover", "tag", "music", "foryou", "following", "explore", "login", "legal"},
    "pinterest": {"pin", "search", "ideas", "today", "login", "_"},
    "threads": {"intent", "search", "login"},
    "dzen": {"a", "video", "shorts", "news", "articles", "search", "media"},
    "rutube": {"video", "search", "feeds", "shorts", "plst", "play", "tags"},
}
_SHARE_PATHS = re.compile(
    r"/(sharer|share(\.php|Article|/url)?|intent/(tweet|post)|dialog/(share|feed)|pin/create|"
    r"sharing/share-offsite|dk|offer)(/|$|\?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Link:
    network: str  # a NETWORKS key, or a MESSENGERS one for messengers
    kind: str  # profile, messenger, share, home, content (a post or video), person, other
    value: str  # canonical: https://network/handle for profiles, the phone or handle for messengers


def _host(netloc: str) -> str:
    host = netloc.lower().split("@")[-1].split(":")[0]
    for prefix in ("www.", "m.", "mobile.", "web.", "api.", "business."):
        if host.startswith(prefix) and host[len(prefix) :] in _HOSTS | {"whatsapp.com": "", "viber.com": ""}:
            return host[len(prefix) :]
    return host


def _messenger(url: str, scheme: str, host: str, path: str, query: Mapping[str, list[str]]) -> Link | None:
    digits = re.sub(r"\D", "", path)
    if scheme == "whatsapp" or host in ("wa.me", "whatsapp.com", "api.whatsapp.com", "chat.whatsapp.com"):
        phone = re.sub(r"\D", "", (query.get("phone") or [""])[0]) or (digits if host == "wa.me" else "")
        if host == "chat.whatsapp.com" and path.strip("/"):
            return Link("whatsapp", "messenger", f"whatsapp:group:{path.strip('/')}")
        if phone:
            return Link("whatsapp", "messenger", f"whatsapp:+{phone}")
        return Link("whatsapp", "share" if "text" in query else "home", "whatsapp")
    if scheme == "viber" or host in ("viber.com", "invite.viber.com", "viber.click"):
        number = re.sub(r"\D", "", (query.get("number") or [""])[0])
        uri = (query.get("chatURI") or query.get("g2") or [""])[0]
        if number:
            return Link("viber", "messenger", f"viber:+{number}")
        if uri or host in ("invite.viber.com", "viber.click"):
            return Link("viber", "messenger", f"viber:{uri or path.strip('/')}")
        return Link("viber", "share" if "text" in query else "home", "viber")
    if host in ("max.ru", "web.max.ru") and path.startswith("/u/") and len(path) > 4:
        # VK's MAX messenger: a user's (or business's) chat link, https://max.ru/u/<token>.
        return Link("max", "messenger", f"max:https://max.ru/u/{path[3:].strip('/')}")
    if scheme == "tg":
        domain = (query.get("domain") or [""])[0]
        phone = (query.get("phone") or [""])[0]
        if domain or phone:
            return Link("telegram", "messenger", f"telegram:{(domain or '+' + phone).lower()}")
        return Link("telegram", "share" if "url" in query else "other", "telegram")
    return None


def classify(url: str) -> Link | None:
    """The network and kind of a link, or None when it goes to no known network or messenger."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = _host(parts.netloc)
    path = unquote(parts.path or "/")
    query = parse_qs(parts.query)
    messenger = _messenger(url, scheme, host, path, query)
    if messenger is not None:
        return messenger
    if scheme not in ("http", "https"):
        return None
    network = _HOSTS.get(host) or next((n for h, n in _HOSTS.items() if host.endswith("." + h)), None)
    if network is None:
        return None
    segments = [s for s in path.split("/") if s]
    if host.split(".", 1)[0] in ("connect", "share", "sharer", "widget", "widgets", "platform", "plugins"):
        return Link(network, "share", network)  # the networks' widget and share subdomains
    if _SHARE_PATHS.search(path) or (network == "telegram" and segments[:1] == ["share"]):
        return Link(network, "share", network)
    if not segments:
        if network == "facebook" and "id" in query:
            return Link(network, "profile", f"https://www.facebook.com/profile.php?id={query['id'][0]}")
        return Link(network, "home", network)
    first = segments[0]
    if first.lower() in {s.lower() for s in _NOT_PROFILES.get(network, set())}:
        if network == "facebook" and first == "profile.php" and "id" in query:
            return Link(network, "profile", f"https://www.facebook.com/profile.php?id={query['id'][0]}")
        return Link(network, "content" if first.lower() in _CONTENT.get(network, ()) else "other", network)
    return _profile(network, host, segments, query)


_CONTENT = {
    "instagram": ("p", "reel", "reels", "tv", "stories"),
    "youtube": ("watch", "embed", "shorts", "playlist", "live", "v"),
    "facebook": ("watch", "events", "photo", "photo.php", "story.php", "permalink.php", "hashtag"),
    "vk": ("wall", "video", "photo"),
    "dzen": ("a", "video", "shorts"),
    "rutube": ("video", "shorts", "plst"),
    "pinterest": ("pin",),
    "linkedin": ("posts", "pulse"),
}


def _profile(network: str, host: str, segments: list[str], query: Mapping[str, list[str]]) -> Link:
    first = segments[0]
    if network == "facebook":
        if first == "p" and len(segments) >= 2 and (numbered := re.search(r"(\d{6,})$", segments[1])):
            # facebook.com/p/<Name>-<id>/: the same profile as profile.php?id=<id>
            return Link(network, "profile", f"https://www.facebook.com/profile.php?id={numbered.group(1)}")
        if first == "p":
            return Link(network, "other", network)
        if first == "profile.php":
            ident = (query.get("id") or [""])[0]
            return Link(network, "profile" if ident else "other", f"https://www.facebook.com/profile.php?id={ident}")
        if first in ("pages", "groups", "people") and len(segments) >= 2:
            handle = "/".join(segments[:3] if first == "pages" and len(segments) >= 3 else segments[:2])
            return Link(network, "profile", f"https://www.facebook.com/{handle.lower()}")
        if len(segments) >= 2 and segments[1] in ("posts", "videos", "photos"):
            return Link(network, "content", f"https://www.facebook.com/{first.lower()}")
    if network == "youtube":
        if host == "youtu.be":
            return Link(network, "content", "youtube")
        if first.startswith("@"):
            return Link(network, "profile", f"https://www.youtube.com/{first.lower()}")
        if first in ("channel", "c", "user") and len(segments) >= 2:
            ident = segments[1] if first == "channel" else segments[1].lower()
            return Link(network, "profile", f"https://www.youtube.com/{first}/{ident}")
        return Link(network, "other", network)
    if network == "linkedin":
        if first in ("company", "in", "school", "showcase") and len(segments) >= 2:
            return Link(network, "profile", f"https://www.linkedin.com/{first}/{segments[1].lower()}")
        return Link(network, "other", network)
    if network == "nextdoor":  # business pages: nextdoor.com/pages/<slug>/ (older: /page/<slug>)
        if first in ("pages", "page") and len(segments) >= 2:
            return Link(network, "profile", f"https://nextdoor.com/pages/{segments[1].lower()}")
        return Link(network, "other", network)
    if network == "rutube":
        if first == "channel" and len(segments) >= 2:
            return Link(network, "profile", f"https://rutube.ru/channel/{segments[1]}")
        return Link(network, "other", network)
    if network == "tiktok":
        if first.startswith("@"):
            kind = "content" if len(segments) >= 2 and segments[1] == "video" else "profile"
            return Link(network, kind, f"https://www.tiktok.com/{first.lower()}")
        return Link(network, "other", network)
    if network == "threads":
        return Link(
            network,
            "profile" if first.startswith("@") else "other",
            f"https://www.threads.net/{first.lower()}",
        )
    if network == "x" and len(segments) >= 2 and segments[1] == "status":
        return Link(network, "content", f"https://x.com/{first.lower()}")
    if network == "vk" and re.match(r"(wall|photo|video|topic|album|clip|market|product|doc|note)-?\d", first):
        return Link(network, "content", "vk")
    if network == "vk" and re.fullmatch(r"id\d+", first):
        # A person's own page (communities are club<n>, public<n>, event<n> or a name): a member
        # of staff, a customer, the web developer; the business's only if the site declares it.
        return Link(network, "person", f"https://vk.com/{first.lower()}")
    if network == "telegram" and first.startswith("+"):
        return Link("telegram", "messenger", f"telegram:{first.lower()}")
    if network == "telegram" and first.lower().endswith("bot") and _HANDLE.match(first):
        # Telegram requires bot names to end in "bot": a bot is written to, not followed.
        return Link("telegram", "messenger", f"telegram:{first.lower()}")
    if network == "dzen" and first == "id" and len(segments) >= 2:
        return Link(network, "profile", f"https://dzen.ru/id/{segments[1]}")
    if not _HANDLE.match(first):
        return Link(network, "other", network)
    canonical_host = {
        "instagram": "www.instagram.com",
        "vk": "vk.com",
        "ok": "ok.ru",
        "telegram": "t.me",
        "x": "x.com",
        "pinterest": "www.pinterest.com",
        "dzen": "dzen.ru",
        "facebook": "www.facebook.com",
    }[network]
    handle = first.lower()
    if network == "ok" and first in ("group", "profile") and len(segments) >= 2:
        handle = f"{first}/{segments[1]}"
    return Link(network, "profile", f"https://{canonical_host}/{handle}")
