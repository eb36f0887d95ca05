"""Where alerts go: Apprise URLs from the profile, and from environment variables for URLs that
hold a secret. Nothing here ever repeats a secret: a URL from the environment is named by its
variable, a URL from the profile by Apprise's privacy form (passwords masked).

    receivers = receivers_of(profile.alerts, os.environ)   # [Receiver("json://127.0.0.1:8080/hook", ...)]
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

if TYPE_CHECKING:
    from apprise import AppriseAsset
    from apprise.plugins import NotifyBase

__all__ = [
    "Receiver",
    "asset",
    "env_problems",
    "plugin_for",
    "quiet_apprise",
    "receivers_of",
    "split_urls",
    "url_problem",
]

WIKI = "https://github.com/caronc/apprise/wiki"
# Query parameters that carry a secret in Apprise URLs.
_SECRET_PARAMS = re.compile(r"^(pass|password|passwd|pwd|secret|token|key|apikey|api_key|access_token|auth)$", re.I)


@dataclass(frozen=True, slots=True)
class Receiver:
    """One Apprise URL, and the words that name it in a message or a log (never the secret)."""

    label: str
    url: str
    secret: bool = False  # from the environment: any part of it may be a password or token

    def scrub(self, text: str) -> str:
        """`text` with every part of this receiver's URL that may be a secret masked."""
        if not self.secret:
            return text
        for secret in sorted(_secret_parts(self.url), key=len, reverse=True):
            text = text.replace(secret, "****")
        return text


@contextlib.contextmanager
def quiet_apprise() -> Iterator[None]:
    """Apprise logs an unreadable URL as it was written: keep its log to itself meanwhile (a
    `log_callback` still gets every entry), and its own deprecation warnings (it imports the
    standard library's imghdr) with it."""
    logger = logging.getLogger("apprise")
    before = logger.propagate
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            yield
    finally:
        logger.propagate = before


def asset() -> AppriseAsset:
    """Apprise's settings for the audit: nothing written to disk, no images linked from the web."""
    from apprise import AppriseAsset

    return AppriseAsset(storage_mode="memory", image_url_mask="", image_url_logo="")


def plugin_for(url: str) -> NotifyBase | None:
    """Apprise's notifier for a URL, or None when Apprise cannot read it (nothing is logged)."""
    from apprise import Apprise

    with quiet_apprise():
        try:
            return Apprise.instantiate(url, asset=asset())
        except Exception:  # a plugin's own parser failed: the URL is not readable
            return None


def url_problem(url: str) -> str:
    """What is wrong with an Apprise URL written in the profile ("" when nothing), without repeating it."""
    parts = urlsplit(url.strip())
    scheme = f"{parts.scheme}://" if parts.scheme else "a URL without a scheme"
    if parts.password or any(_SECRET_PARAMS.match(name) for name, _ in parse_qsl(parts.query)):
        return (
            f"the {scheme} URL holds a password or token (not shown here), and secrets never go in a profile: "
            'put the whole URL in an environment variable and name it in urls_env = ["TOUCHPOINT_ALERT_URL"]'
        )
    if plugin_for(url.strip()) is None:
        return f"Apprise cannot read this {scheme} URL: write it as your service's page at {WIKI} shows"
    return ""


def env_problems(names: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """Each variable in urls_env that is not set, or holds a URL Apprise cannot read (never shown)."""
    problems = []
    for name in names:
        urls = split_urls(environ.get(name, ""))
        if not urls:
            problems.append(
                f"alerts.urls_env: {name} is not set: set it to the whole Apprise URL, secrets included "
                f"(e.g. mailtos://user:app-password@example.com), where the audit runs; or take {name} out of urls_env"
            )
        for i, url in enumerate(urls, 1):
            if plugin_for(url) is None:
                which = f"URL {i} in {name}" if len(urls) > 1 else f"the URL in {name}"
                problems.append(
                    f"alerts.urls_env: {which} is not one Apprise can read (its value is not shown): "
                    f"write it as your service's page at {WIKI} shows"
                )
    return problems


def split_urls(value: str) -> list[str]:
    """One variable may hold several URLs, apart by spaces or commas (as Apprise's APPRISE_URLS)."""
    from apprise.utils.parse import parse_urls

    with quiet_apprise():
        found = parse_urls(value.strip()) if value.strip() else []  # type: ignore[no-untyped-call]
        return [str(url) for url in found]


def receivers_of(urls: Sequence[str], names: Sequence[str], environ: Mapping[str, str]) -> list[Receiver]:
    """The receivers of the profile's [alerts]: its URLs, then those of its variables that are set."""
    found = []
    for url in urls:
        plugin = plugin_for(url)
        label = url.split("://", 1)[0] + "://"
        if plugin is not None:
            label = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]
        found.append(Receiver(label.split("?", 1)[0], url))
    for name in names:
        urls = split_urls(environ.get(name, ""))
        for i, url in enumerate(urls, 1):
            label = f"URL {i} in ${name}" if len(urls) > 1 else f"the URL in ${name}"
            found.append(Receiver(label, url, secret=True))
    return found


def _secret_parts(url: str) -> set[str]:
    """Pieces of a URL that may be secret: user, password and host (some services put a token
    there), path segments, query values."""
    if not url:
        return set()
    parts = urlsplit(url)
    pieces = {url, parts.netloc, *parts.netloc.replace("@", ":").split(":")}
    pieces.update(unquote(p) for p in parts.path.split("/"))
    pieces.update(v for _, v in parse_qsl(parts.query))
    return {p for p in pieces if len(p) >= 6}  # not a port, "" or a short word that would mask words
