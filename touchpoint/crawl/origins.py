"""Which addresses belong to the site being crawled, and which pages on it a visitor would open.

A small business's site answers on several origins: `https://acme.lt` and `https://www.acme.lt`,
`http://` and `https://`, and sometimes a canonical origin its pages name in
`<link rel="canonical">` (a CDN-served copy, the old domain). Links to any of them are links
within the site; the crawl fetches each page once, on the site's own origin.

    origins = SiteOrigins.of("https://acme.lt/")
    origins.internal("http://www.acme.lt/kontaktai#forma")  # "https://acme.lt/kontaktai"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from touchpoint.contacts.extract import canonical_url
from touchpoint.contacts.snapshot import Snapshot

__all__ = ["SiteOrigins", "canonical_link", "page_links"]

_SKIP = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z|gz|tar|jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|mp[34]|"
    r"m4a|wav|ogg|webm|mov|avi|mkv|exe|dmg|apk|msi|iso|csv|xml|json|txt|ics|vcf|woff2?|ttf|eot|css|js)$",
    re.IGNORECASE,
)
_SKIP_PATHS = re.compile(
    r"/(wp-admin|wp-login|wp-json|xmlrpc|logout|log-out|signout|cart|checkout|basket|korzina|cdn-cgi|feed)"
    r"(/|$|\.)",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _host(netloc_host: str | None) -> str:
    return (netloc_host or "").lower().removeprefix("www.")


@dataclass
class SiteOrigins:
    """The site's own origin (where the crawl fetches) and the others that are the same site."""

    primary: str  # scheme://host[:port] pages are fetched from
    hosts: set[str] = field(default_factory=set)  # hosts (without www.) of the same site
    named: list[str] = field(default_factory=list)  # origins the site's pages named, as found

    @classmethod
    def of(cls, start: str) -> SiteOrigins:
        parts = urlsplit(start)
        return cls(primary=f"{parts.scheme.lower()}://{parts.netloc.lower()}", hosts={_host(parts.hostname)})

    def _port_ok(self, scheme: str, port: int | None) -> bool:
        """Another port is another site, unless it is the scheme's default or the primary's own."""
        own = urlsplit(self.primary)
        return port is None or port == own.port or port == _DEFAULT_PORTS.get(scheme)

    def same_site(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return False
        try:
            port = parts.port
        except ValueError:
            return False
        return _host(parts.hostname) in self.hosts and self._port_ok(parts.scheme.lower(), port)

    def internal(self, url: str) -> str | None:
        """The address on the site's own origin of a page of the site, or None for elsewhere."""
        if not self.same_site(url):
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin != self.primary and origin not in self.named:
            self.named.append(origin)
        return canonical_url(urlunsplit((*urlsplit(self.primary)[:2], parts.path, parts.query, "")))

    def adopt(self, url: str, why: str) -> bool:
        """Count `url`'s host as the same site (a canonical link, a redirect of the start page
        within the business's own names). Returns whether it was new."""
        host = _host(urlsplit(url).hostname)
        if not host or host in self.hosts:
            return False
        self.hosts.add(host)
        origin = f"{urlsplit(url).scheme.lower()}://{urlsplit(url).netloc.lower()}"
        if origin not in self.named:
            self.named.append(f"{origin} ({why})")
        return True

    def move_to(self, url: str) -> None:
        """The start page moved within the site (http to https, bare to www.): fetch from there."""
        parts = urlsplit(url)
        self.primary = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        self.hosts.add(_host(parts.hostname))


def page_links(snapshot: Snapshot, origins: SiteOrigins) -> list[tuple[str, str, int]]:
    """The site's web pages a page links to, in document order: (address on the site's origin,
    the link's words, index of the anchor in the snapshot)."""
    out: list[tuple[str, str, int]] = []
    for index, anchor in enumerate(snapshot.anchors):
        href = anchor.href
        if not href.lower().startswith(("http://", "https://")):
            continue
        target = origins.internal(href)
        if target is None:
            continue
        path = urlsplit(target).path
        if _SKIP.search(path) or _SKIP_PATHS.search(path):
            continue
        out.append((target, anchor.label, index))
    return out


def canonical_link(snapshot: Snapshot) -> str | None:
    """The address the page names as its canonical one (<link rel=canonical href>), if absolute."""
    for match in re.finditer(r"<link\b[^>]*>", snapshot.html[:300_000], re.IGNORECASE):
        tag = match.group(0)
        if not re.search(r"\brel\s*=\s*[\"']?canonical\b", tag, re.IGNORECASE):
            continue
        href = re.search(r"\bhref\s*=\s*[\"']?([^\"'\s>]+)", tag, re.IGNORECASE)
        if href and href.group(1).lower().startswith(("http://", "https://")):
            return href.group(1)
    return None
