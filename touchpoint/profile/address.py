"""Where a profile's pages are: its paths read under base_url, as a visitor would read them.

base_url is where the audit starts, path and query included: `https://acme.example/en/` is a
site whose home is /en/. A page's path "/" is that address itself (its fragment dropped), and
any other path sits under its folder:

    resolve("https://acme.example/en/?ref=x", "/")          # https://acme.example/en/?ref=x
    resolve("https://acme.example/en/", "/contact/")        # https://acme.example/en/contact/
    resolve("https://acme.example/en/", "/en/contact/")     # the same: already under /en/
    resolve("https://acme.example/", "/contact/")           # https://acme.example/contact/
    resolve("https://acme.example/en/", "https://x.example/")  # a full address stays as written
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["folder_of", "resolve", "start_of"]


def start_of(base_url: str) -> str:
    """The address the audit starts at, its home page: base_url as given, but its fragment."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def folder_of(base_url: str) -> str:
    """The path the profile's page paths sit under, without its last slash ("" for the root).

    /en/ and /en are the folder /en (a visitor reads both as the English site); /en/index.html
    is the page index.html in /en."""
    path = urlsplit(base_url).path
    if path.endswith("/"):
        return path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    return posixpath.dirname(path).rstrip("/") if "." in last else path


def resolve(base_url: str, path: str) -> str:
    """The address of a page whose profile path is `path` (see the module's examples)."""
    if re.match(r"https?://", path, re.IGNORECASE):
        return path
    if path == "/":
        return start_of(base_url)
    folder = folder_of(base_url)
    parts = urlsplit(base_url)
    origin = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    if not folder or path == folder or path.startswith((f"{folder}/", f"{folder}?")):
        return urljoin(origin, path)
    return urljoin(origin, folder + path)
