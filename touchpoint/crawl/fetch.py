"""Pages fetched over plain HTTP, as a careful client: keep-alive and HTTP/2 where offered, a
few requests at a time per host, the host's Crawl-delay and Retry-After honoured, redirects
followed only within the site, and every answer bounded in size and time.

A page larger than the cap is read up to the cap (and says so); a body that never ends, a
gzip bomb, a server that stops answering: each ends in bounded time with a finding in plain
words, never an exception from the HTTP library.

    async with Fetcher(origins, max_bytes=5_000_000, timeout_s=15) as fetcher:
        page = await fetcher.get("https://acme.lt/kontaktai")
"""

from __future__ import annotations

import asyncio
import codecs
import re
import ssl
import time
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import version
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from touchpoint.browser.bot_wall import bot_wall, refusal_message
from touchpoint.contacts.extract import canonical_url
from touchpoint.crawl.http_errors import UnreadableEncoding, network_error
from touchpoint.crawl.origins import SiteOrigins
from touchpoint.crawl.robots import retry_after_seconds, user_agent_header
from touchpoint.errors import HttpErrorStatus, NetworkError, PageTimeout, RedirectLoop, SiteError

__all__ = ["Fetched", "Fetcher", "HostGate", "decode_html"]

USER_AGENT = user_agent_header(version("touchpoint-audit"))
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 10
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
RETRY_AFTER_CAP_S = 30.0  # longer asks are findings, not waits
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked
    final: str  # after redirects within the site
    status: int | None = None
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    truncated: bool = False  # larger than the cap: read up to it
    error: SiteError | None = None
    off_site: str | None = None  # where a redirect led away from the site
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    browser_may: bool = False  # failed in a way a browser may not (headers larger than the client reads)


def decode_html(body: bytes, declared: str | None) -> tuple[str, str | None]:
    """The page's text and, when the bytes do not match what the page declares, a note saying so.
    Order: BOM, the Content-Type charset, <meta charset>, then UTF-8 (and a guess if that fails)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), None
    meta = _META_CHARSET.search(body[:4096])
    candidates = [c for c in (declared, meta.group(1).decode("ascii", "replace") if meta else None) if c]
    for name in candidates:
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        try:
            return body.decode(name), None
        except UnicodeDecodeError:
            guess = _guess(body)
            text = body.decode(guess or name, errors="replace")
            return text, (
                f"the page says its text is {name} but its bytes are not"
                + (f" (read as {guess})" if guess else "")
                + ": some letters show as garbage"
            )
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        guess = _guess(body) or "windows-1252"
        return body.decode(guess, errors="replace"), None


_SCRIPTS = ((0x0400, 0x04FF), (0x00C0, 0x017F))  # Cyrillic; Latin letters with accents (Latin-1, Extended-A)


def _guess(body: bytes) -> str | None:
    """The encoding the bytes are most likely in: charset_normalizer's guess, checked against the
    region's usual single-byte encodings by how many of the non-ASCII letters fall in one script
    (a short page fools a statistical guess; garbage letters scatter over many scripts)."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    candidates = [best.encoding] if best is not None else []
    candidates += ["windows-1251", "windows-1257", "windows-1250", "windows-1252", "koi8-r"]

    def score(name: str) -> float:
        try:
            text = body[:200_000].decode(name, errors="replace")
        except LookupError:
            return -1.0
        wide = [ord(c) for c in text if ord(c) > 127]
        if not wide:
            return 0.0
        return max(sum(lo <= c <= hi for c in wide) for lo, hi in _SCRIPTS) / len(wide)

    return max(dict.fromkeys(candidates), key=score) if candidates else None


class HostGate:
    """At most `concurrency` requests at once to a host, and at least `delay_s` between starts."""

    def __init__(self, concurrency: int, delay_s: float = 0.0) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.delay_s = delay_s
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> None:
        await self.slots.acquire()
        await self.wait_turn()

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()

    async def wait_turn(self) -> None:
        """Wait for the host's next turn without holding a slot (a browser's navigation)."""
        if self.delay_s > 0:
            async with self._lock:
                wait = self._next - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next = time.monotonic() + self.delay_s

    def slow_down(self, delay_s: float) -> None:
        self.delay_s = max(self.delay_s, delay_s)


class Fetcher:
    def __init__(
        self,
        origins: SiteOrigins,
        *,
        max_bytes: int = 5_000_000,
        timeout_s: float = 15.0,
        concurrency: int = 4,
        proxy: str | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.origins = origins
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.gate = HostGate(concurrency)
        self.requests = 0
        self.broken_off: dict[str, str] = {}  # url -> what arrived before the answer broke off
        self.proxied = proxy is not None
        self._client = httpx.AsyncClient(
            http2=True,
            follow_redirects=False,
            verify=verify,
            proxy=proxy,
            # As browsers do, the machine's own addresses are reached directly, not through the proxy.
            mounts={f"all://{host}": httpx.AsyncHTTPTransport(http2=True, verify=verify) for host in _LOOPBACK}
            if proxy
            else None,
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            limits=httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                "Accept-Language": "en,ru;q=0.8,lt;q=0.7,*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            },
        )

    @property
    def client(self) -> httpx.AsyncClient:
        return self._client

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, retry: bool = True) -> Fetched:
        """Fetch one page; never raises for what the site does (the result carries the finding)."""
        started = time.perf_counter()
        try:
            fetched = await asyncio.wait_for(self._get(url), timeout=self.timeout_s + 5)
        except TimeoutError:
            fetched = Fetched(
                url, url, error=PageTimeout(url, f"{url} did not finish loading within {self.timeout_s:g} s")
            )
        if retry and fetched.status in (429, 503):
            wait = retry_after_seconds(fetched.headers.get("retry-after"), now=datetime.now(UTC))
            if wait is None and fetched.status == 429:
                wait = 5.0
            if wait is not None and wait <= RETRY_AFTER_CAP_S:
                self.gate.slow_down(min(wait, RETRY_AFTER_CAP_S))
                await asyncio.sleep(wait)
                again = await self.get(url, retry=False)
                note = f"the server asked the audit to wait {wait:g} s (Retry-After) and it did"
                return replace(again, notes=(*again.notes, note), seconds=time.perf_counter() - started)
        return replace(fetched, seconds=time.perf_counter() - started)

    async def _get(self, url: str) -> Fetched:
        current = url
        seen: list[str] = []
        for _ in range(_MAX_REDIRECTS + 1):
            async with self.gate:
                self.requests += 1
                stage: list[str] = []
                try:
                    answer = await self._one(current, stage)
                except (httpx.HTTPError, UnreadableEncoding, zlib.error) as exc:
                    error = network_error(current, exc, self.timeout_s)
                    if isinstance(exc, httpx.ReadTimeout):
                        error = PageTimeout(
                            current,
                            f"{current} stopped answering part way: nothing more came for {self.timeout_s:g} s"
                            if stage
                            else f"{current} did not answer: the connection opened but no reply came "
                            f"within {self.timeout_s:g} s",
                        )
                    elif "disconnected without sending" in str(exc) and not self.proxied:
                        error = await _diagnosed(current, error)
                    too_long = "Receive buffer too long" in str(exc)  # a browser reads larger headers: it may try
                    return Fetched(url, current, error=error, browser_may=too_long)
            status, headers, body, truncated, kind = answer
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                target = canonical_url(urljoin(current, headers["location"]))
                seen.append(current)
                if not self.origins.same_site(target):
                    return Fetched(url, current, status=status, headers=headers, off_site=target)
                cookie = "set-cookie" in headers  # a cookie check redirects to itself once, then opens
                if (target in seen and not cookie) or len(seen) > _MAX_REDIRECTS:
                    chain = " -> ".join(_short(u, url) for u in [*seen, target])
                    return Fetched(url, current, status, error=RedirectLoop(url, f"{url} redirects in a loop: {chain}"))
                current = target
                continue
            return self._answer(url, current, status, headers, body, truncated, kind)
        return Fetched(url, current, error=RedirectLoop(url, f"{url} redirects more than {_MAX_REDIRECTS} times"))

    async def _one(self, url: str, stage: list[str]) -> tuple[int, dict[str, str], bytes, bool, str]:
        async with self._client.stream("GET", url) as response:
            stage.append("headers")  # the reply began
            headers = {k.lower(): v for k, v in response.headers.items()}
            kind = headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code in (301, 302, 303, 307, 308) or kind not in ("", *_HTML_TYPES):
                return response.status_code, headers, b"", False, kind  # the body is not read
            encoding = headers.get("content-encoding", "").strip().lower()
            body, truncated = await self._body(response, encoding, url)
            return response.status_code, headers, body, truncated, kind

    async def _body(self, response: httpx.Response, encoding: str, url: str) -> tuple[bytes, bool]:
        """The decoded body, at most `max_bytes` of it: a gzip bomb inflates no further."""
        decoder = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder = zlib.decompressobj(zlib.MAX_WBITS if encoding == "deflate" else 47)
        elif encoding not in ("", "identity"):
            raise UnreadableEncoding(encoding)
        parts: list[bytes] = []
        total = 0
        try:
            async for chunk in response.aiter_raw():
                data = decoder.decompress(chunk, self.max_bytes + 1 - total) if decoder is not None else chunk
                parts.append(data)
                total += len(data)
                if total > self.max_bytes or (decoder is not None and decoder.unconsumed_tail):
                    return b"".join(parts)[: self.max_bytes], True
        except (httpx.RemoteProtocolError, httpx.ReadTimeout, httpx.ReadError):
            if not total:
                raise
            # The answer broke off part way: a browser shows what arrived, and so is it read.
            announced = response.headers.get("content-length", "")
            of = f" of the {int(announced) / 1000:.0f} KB it announced" if announced.isdigit() else ""
            self.broken_off[url] = f"the page stopped after {total / 1000:.0f} KB{of}: it never finishes"
        return b"".join(parts), False

    def _answer(
        self, url: str, final: str, status: int, headers: dict[str, str], body: bytes, truncated: bool, kind: str
    ) -> Fetched:
        notes: list[str] = []
        if status >= 400:
            wall = bot_wall(status, headers, _title(body))
            error = HttpErrorStatus(url, status, refusal_message(url, status, wall))
            return Fetched(url, final, status, kind, headers, error=error)
        if not kind:
            sniff = body[:1024].lstrip().lower()
            if sniff.startswith((b"<!doctype html", b"<head", b"<body", b"<meta", b"<!--")) or b"<html" in sniff:
                kind = "text/html"
        if kind not in _HTML_TYPES:
            what = kind or "no content type, and not HTML"
            return Fetched(url, final, status, kind, headers, error=SiteError(url, f"{url} is not a web page ({what})"))
        if not body.strip():
            return Fetched(url, final, status, kind, headers, error=SiteError(url, f"{url} is an empty page"))
        charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", headers.get("content-type", ""), re.IGNORECASE)
        text, mismatch = decode_html(body, charset.group(1) if charset else None)
        if mismatch:
            notes.append(mismatch)
        if cut := self.broken_off.pop(final, ""):
            notes.append(cut)
        if truncated:
            notes.append(
                f"the page is larger than {self.max_bytes / 1_000_000:g} MB: the audit read its first "
                f"{self.max_bytes / 1_000_000:g} MB and left the rest"
            )
        return Fetched(url, final, status, kind, headers, text, truncated=truncated, notes=tuple(notes))


async def _diagnosed(url: str, error: SiteError) -> SiteError:
    """A server that closed the connection without an answer, looked at again by hand: one that
    speaks first and not HTTP (an SSH server on the port), or broke off in its headers."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return error
    try:
        async with asyncio.timeout(3):
            reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
            try:
                banner = await asyncio.wait_for(reader.read(256), 1.0)
            except TimeoutError:
                banner = b""
            if not banner:
                writer.write(f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
                await writer.drain()
                banner = await reader.read(65_536)
            writer.close()
    except (OSError, TimeoutError):
        return error
    first = banner.split(b"\r\n", 1)[0].decode("latin-1", "replace")[:60]
    if banner and not banner.startswith(b"HTTP/"):
        return NetworkError(url, f"{url} is not a web server: it answers like another service ({first!r}), not HTTP")
    if banner.startswith(b"HTTP/") and b"\r\n\r\n" not in banner:
        return NetworkError(url, f"{url} broke off its answer in the middle of the headers ({first!r})")
    return error


def _short(url: str, start: str) -> str:
    """A redirect step as the owner reads it: the path, with the origin when it changes."""
    parts, first = urlsplit(url), urlsplit(start)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if parts.netloc == first.netloc and parts.scheme == first.scheme else url


def _title(body: bytes) -> str:
    match = re.search(rb"<title[^>]*>([^<]{0,200})", body[:20_000], re.IGNORECASE)
    return match.group(1).decode("utf-8", "replace").strip() if match else ""
