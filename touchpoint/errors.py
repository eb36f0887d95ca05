"""The one exception tree of touchpoint-audit.

Every message says what failed, on which URL or field, and what to do about it.

    TouchpointError
    ├── ProfileError            a site profile has problems (all of them, listed at once)
    ├── SetupError              the machine lacks a part the audit needs
    │   ├── BrowserNotFound
    │   └── LighthouseNotInstalled
    ├── ToolError               a part we run failed on its own account
    │   ├── BrowserCrashed
    │   └── LighthouseFailed    (carries Lighthouse's stdout and stderr)
    └── SiteError               the audited site's fault: a finding in the report, never a crash
        ├── PageTimeout
        │   └── PageFrozen      a script never stops: the tab does not react
        ├── HttpErrorStatus
        ├── NotAWebPage         a PDF, JSON or empty answer where a page should be
        ├── OtherHost           the page sends visitors to another host
        └── NetworkError
            ├── DnsError
            ├── TlsError
            └── RedirectLoop

A site error's message is in an owner's words; the browser's own code (`net::ERR_...`), when
there was one, is kept apart in `code` for logs and never shown.

Site errors and setup errors that happen while a check runs become failed checks in the
report (see `touchpoint.result.unmeasured`); the run goes on.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BrowserCrashed",
    "BrowserNotFound",
    "DnsError",
    "HttpErrorStatus",
    "LighthouseFailed",
    "LighthouseNotInstalled",
    "NetworkError",
    "NotAWebPage",
    "OtherHost",
    "PageFrozen",
    "PageTimeout",
    "ProfileError",
    "RedirectLoop",
    "SetupError",
    "SiteError",
    "TlsError",
    "ToolError",
    "TouchpointError",
]


class TouchpointError(Exception):
    """Base of every error touchpoint-audit raises on purpose."""


class ProfileError(TouchpointError):
    """A site profile could not be used; `problems` lists every one found, each with its fix."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"site profile {source} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class SetupError(TouchpointError):
    """A part of the machine the audit needs is missing; the message says how to install it."""


class BrowserNotFound(SetupError):
    """No Chromium-family browser could be found."""


class LighthouseNotInstalled(SetupError):
    """The Lighthouse command line tool could not be found."""


class ToolError(TouchpointError):
    """A tool the audit runs failed for a reason that is not the site's."""


class BrowserCrashed(ToolError):
    """The browser could not start or died during a check."""


class LighthouseFailed(ToolError):
    """Lighthouse exited without a usable result; its output is kept for the report."""

    def __init__(self, message: str, *, stdout: str = "", stderr: str = "") -> None:
        self.stdout = stdout
        self.stderr = stderr
        tail = stderr.strip().splitlines()[-12:]
        detail = ("\nLighthouse said:\n  " + "\n  ".join(tail)) if tail else ""
        super().__init__(message + detail)


class SiteError(TouchpointError):
    """The audited site failed in a way a visitor would notice."""

    def __init__(self, url: str, message: str, *, code: str = "") -> None:
        self.url = url
        self.code = code  # the browser's error code (ERR_CONNECTION_REFUSED), never in the message
        super().__init__(message)


class PageTimeout(SiteError):
    """The page did not finish loading within the profile's timeout."""


class PageFrozen(PageTimeout):
    """A script on the page never stops, so the tab stops reacting (and never finishes loading)."""


class NotAWebPage(SiteError):
    """The address answers with something that is not a web page: a PDF, JSON, an empty body."""


class OtherHost(SiteError):
    """The page sends visitors to another host (a redirect, a refresh, a script): `to` is where."""

    def __init__(self, url: str, to: str, message: str) -> None:
        self.to = to
        super().__init__(url, message)


class HttpErrorStatus(SiteError):
    """The page answered with an HTTP error status (4xx or 5xx)."""

    def __init__(self, url: str, status: int, message: str) -> None:
        self.status = status
        super().__init__(url, message)


class NetworkError(SiteError):
    """The page could not be reached at all."""


class DnsError(NetworkError):
    """The site's host name does not resolve."""


class TlsError(NetworkError):
    """The site's TLS certificate or handshake is broken."""


class RedirectLoop(NetworkError):
    """The page redirects in a loop or too many times."""
