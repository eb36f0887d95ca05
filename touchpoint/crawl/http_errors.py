"""Why a request failed, in an owner's words: "refuses connections", "did not answer", "is not a
web server", "has a security certificate browsers do not accept". The HTTP library's names
(ConnectError, ReadTimeout) never reach the report. Shared by the crawl's fetcher, robots.txt and
sitemap.xml.

    network_error(url, exc, timeout_s)   # a SiteError with the sentence
    plain_reason(exc)                    # the sentence alone, for a note
"""

from __future__ import annotations

import ssl
import zlib

import httpx

from touchpoint.errors import NetworkError, PageTimeout, RedirectLoop, SiteError, TlsError

__all__ = ["UnreadableEncoding", "network_error", "plain_reason"]


class UnreadableEncoding(Exception):
    """A Content-Encoding the crawl (and a browser) cannot read."""


def plain_reason(exc: BaseException, timeout_s: float = 10.0) -> str:
    """Why a request failed, in an owner's words (no library's names): "the connection was refused"."""
    message = str(network_error("", exc, timeout_s)).strip()
    return f"the server {message}" if message else "the request failed"


def network_error(url: str, exc: BaseException, timeout_s: float) -> SiteError:
    """What a failed request means to a visitor, in plain words."""
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(chain) < 8:
        chain.append(link)
        link = link.__cause__ or link.__context__
    text = " | ".join(f"{type(e).__name__}: {e}" for e in chain)
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, httpx.TooManyRedirects):
        return RedirectLoop(url, f"{url} redirects too many times (a loop)")
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "Errno 111" in text:
        return NetworkError(url, f"{url} refuses connections: nothing answers at that address")
    if isinstance(exc, zlib.error):
        return SiteError(url, f"{url} sent a compressed page that cannot be read")
    if isinstance(exc, UnreadableEncoding):
        return SiteError(url, f"{url} is sent in an encoding browsers do not read ({exc})")
    if isinstance(exc, httpx.ConnectTimeout):
        return PageTimeout(url, f"{url} did not answer: no connection within {min(10.0, timeout_s):g} s")
    if isinstance(exc, httpx.ReadTimeout):
        return PageTimeout(url, f"{url} did not answer: nothing came for {timeout_s:g} s")
    if isinstance(exc, httpx.TimeoutException):
        return PageTimeout(url, f"{url} did not finish loading within {timeout_s:g} s")
    if isinstance(exc, httpx.ConnectError):
        if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in text:
            reason = getattr(cause, "verify_message", "") or "not trusted"
            return TlsError(url, f"{url} has a security certificate browsers do not accept ({reason})")
        if isinstance(cause, ssl.SSLError) or "SSL" in text:
            return TlsError(url, f"{url} failed the secure (TLS) handshake a browser needs")
        if "Name or service not known" in text or "getaddrinfo" in text or "nodename nor servname" in text:
            return NetworkError(url, f"the host of {url} does not exist (its name does not resolve)")
        if "refused" in text.lower():
            return NetworkError(url, f"{url} refuses connections: nothing answers at that address")
        return NetworkError(url, f"{url} could not be reached (the connection failed)")
    if "Receive buffer too long" in text:
        return NetworkError(url, f"{url} sends answer headers too large to read (over 16 KB; mostly cookies?)")
    if "illegal status line" in text or "Invalid HTTP" in text:
        return NetworkError(url, f"{url} is not a web server: its reply is not HTTP")
    if isinstance(exc, httpx.RemoteProtocolError):
        if "without sending" in text or "Server disconnected" in text:
            return NetworkError(url, f"{url} closed the connection without an answer")
        if "peer closed" in text or "incomplete" in text.lower():
            return NetworkError(url, f"{url} broke off its answer before the end")
        return NetworkError(url, f"{url} does not answer like a web server (its reply is not valid HTTP)")
    if isinstance(exc, httpx.DecodingError):
        return SiteError(url, f"{url} sent a compressed page that cannot be read")
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.NetworkError):
        return NetworkError(url, f"{url} broke off the connection")
    return NetworkError(url, f"{url} could not be loaded ({type(exc).__name__})")
