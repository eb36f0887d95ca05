"""Hostile sites on loopback: every case its own site (its own port on 127.0.0.1), 127.0.0.2 as another host.

Written from how HTTP, TLS and browsers behave (README.md, ``key.json``), without reading the audit's code.
aiohttp serves the cases that a well-formed HTTP server can serve; raw asyncio sockets serve the ones an
HTTP library would refuse to produce (no answer, a connection closed mid-header, a body shorter than its
Content-Length, an endless chunked body, oversized headers, a non-HTTP banner, a slow first byte)::

    with HostileSites.started() as beds:
        beds.url("redirect-loop")          # "http://127.0.0.1:PORT/"
        beds.count("popup-flood", "elsewhere")  # requests 127.0.0.2 received for that case
        beds.requests("links-5000")        # every Hit of that case, in order

Everything is bounded: waits end when the client goes away, when their time is up, or when the bed stops;
the gzip bomb inflates to about 1 GB (``bomb_mib``) and is made block by block as the client reads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import signal
import socket
import ssl
import struct
import tempfile
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from aiohttp import web
from aiohttp.typedefs import Middleware

from tests.beds.hostile_sites import pages
from tests.beds.hostile_sites.certs import BedCA, LeafKind
from tests.beds.hostile_sites.pages import Business, e

HERE = Path(__file__).resolve().parent
SITE_HOST = "127.0.0.1"
ELSEWHERE_HOST = "127.0.0.2"

Server = Literal["site", "elsewhere"]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
RawHandler = Callable[["RawRequest", asyncio.StreamReader, asyncio.StreamWriter, "Hit"], Awaitable[None]]

KEY: dict[str, Any] = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = KEY["cases"]
CASES_BY_ID: dict[str, dict[str, Any]] = {case["id"]: case for case in CASES}
CASE_IDS: list[str] = [case["id"] for case in CASES]

NO_STORE = {"Cache-Control": "no-store"}
MIB = 1 << 20


def business(case: str) -> Business:
    return Business.from_key(CASES_BY_ID[case]["business"])


@dataclass
class Hit:
    """One request a server received for a case (``sent`` grows while a long answer is being written)."""

    case: str
    server: Server
    method: str
    target: str  # path and query, as sent
    time: float  # time.time() when the request had been read
    user_agent: str | None
    sent: int = 0  # bytes of the answer written so far (after headers, for raw cases: everything)
    finished: float | None = None  # time.time() when the answer ended (or the connection went)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


HIT = web.RequestKey("hit", Hit)


@dataclass(frozen=True)
class RawRequest:
    method: str
    target: str
    headers: dict[str, str]


async def _read_request(reader: asyncio.StreamReader, *, timeout: float = 30.0) -> RawRequest | None:
    """The request line and headers (at most 64 KiB); None when the client sent no request."""
    try:
        data = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
        return None
    lines = data.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    length = headers.get("content-length", "0")
    if length.isdigit() and 0 < int(length) <= MIB:
        with contextlib.suppress(asyncio.IncompleteReadError, TimeoutError, ConnectionError):
            await asyncio.wait_for(reader.readexactly(int(length)), timeout)
    return RawRequest(parts[0], parts[1], headers)


def _http_head(status: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _raw_page(status: str, content_type: str, body: bytes, extra: list[tuple[str, str]] | None = None) -> bytes:
    headers = [
        ("Date", time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())),
        ("Server", "Apache/2.4.58 (Ubuntu)"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("Connection", "close"),
        *(extra or []),
    ]
    return _http_head(status, headers) + body


def _quiet(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Clients that give up (a failed TLS handshake, a reset) are what the bed is for: not worth a log line."""
    if isinstance(context.get("exception"), ssl.SSLError | ConnectionError | TimeoutError):
        return
    loop.default_exception_handler(context)


class HostileSites:
    """A site per case on 127.0.0.1 (one port each) and another host on 127.0.0.2, served from one thread.

    ``slow_seconds``: the first-byte delay of ``slow-first-byte``; ``hang_seconds``: how long ``no-answer``
    and ``short-body`` keep silent before closing; ``stream_seconds``: how long ``endless-chunked`` goes on
    for one client at most; ``bomb_mib``: MiB the gzip bomb inflates to. Every wait also ends when the
    client disconnects or the bed stops.
    """

    def __init__(
        self,
        *,
        slow_seconds: float = 8.0,
        hang_seconds: float = 300.0,
        stream_seconds: float = 300.0,
        bomb_mib: int = 1000,
        huge_bytes: int = 10_000_000,
        link_count: int = 5000,
        popup_count: int = 50,
    ) -> None:
        self.slow_seconds = slow_seconds
        self.hang_seconds = hang_seconds
        self.stream_seconds = stream_seconds
        self.bomb_mib = bomb_mib
        self.huge_bytes = huge_bytes
        self.link_count = link_count
        self.popup_count = popup_count
        self.ports: dict[str, int] = {}
        self.elsewhere_port = 0
        self.ca_pem = b""
        self._tmp: Path | None = None
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="hostile-sites", daemon=True)
        self._stopping: asyncio.Event | None = None
        self._runners: list[web.AppRunner] = []
        self._raw_servers: list[asyncio.Server] = []
        self._raw_tasks: set[asyncio.Task[None]] = set()
        self._reserved: list[socket.socket] = []
        self._huge: bytes | None = None
        self._tls_not_after: dict[str, float] = {}

    # ------------------------------------------------------------------ public

    @classmethod
    @contextlib.contextmanager
    def started(cls, **options: Any) -> Iterator[HostileSites]:
        """``with HostileSites.started() as beds: ...``: every server up on entry, all stopped on exit."""
        beds = cls(**options).start()
        try:
            yield beds
        finally:
            beds.stop()

    @property
    def cases(self) -> list[str]:
        return list(CASE_IDS)

    def origin(self, case: str) -> str:
        if case not in CASES_BY_ID:
            raise KeyError(f"no case {case!r}; cases: {', '.join(CASE_IDS)}")
        if case not in self.ports:
            raise RuntimeError("the bed is not running; use HostileSites.started() or call start()")
        scheme = CASES_BY_ID[case]["scheme"]
        return f"{scheme}://{SITE_HOST}:{self.ports[case]}"

    def url(self, case: str) -> str:
        """The case's home page, the address an audit is given."""
        return self.origin(case) + str(CASES_BY_ID[case]["path"])

    def port(self, case: str) -> int:
        self.origin(case)
        return self.ports[case]

    @property
    def elsewhere(self) -> str:
        """The other host's origin, ``http://127.0.0.2:PORT``."""
        if not self.elsewhere_port:
            raise RuntimeError("the bed is not running")
        return f"http://{ELSEWHERE_HOST}:{self.elsewhere_port}"

    @property
    def ca_file(self) -> Path:
        """PEM of the bed's CA: trust it and the TLS cases show one problem each (see certs.py)."""
        if self._tmp is None:
            raise RuntimeError("the bed is not running")
        return self._tmp / "hostile-sites-ca.pem"

    def requests(self, case: str | None = None, server: Server | None = None) -> list[Hit]:
        """Every request received so far (for a case, on one server, when given), in arrival order."""
        with self._lock:
            hits = list(self._hits)
        return [hit for hit in hits if (case is None or hit.case == case) and (server is None or hit.server == server)]

    def count(self, case: str, server: Server | None = None, *, method: str | None = None) -> int:
        """How many requests a case's site (``"site"``), the other host for that case (``"elsewhere"``),
        or both received; only those of one method when given (``method="POST"``)."""
        if case not in CASES_BY_ID:
            raise KeyError(f"no case {case!r}")
        return sum(1 for hit in self.requests(case, server) if method is None or hit.method == method)

    def counts(self) -> dict[str, dict[str, int]]:
        """{case: {"site": n, "elsewhere": n}} for every case."""
        out = {case: {"site": 0, "elsewhere": 0} for case in CASE_IDS}
        for hit in self.requests():
            if hit.case in out:
                out[hit.case][hit.server] += 1
        return out

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def start(self) -> HostileSites:
        self._tmp = Path(tempfile.mkdtemp(prefix="hostile-sites-"))
        self._loop.set_exception_handler(_quiet)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=60)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=30)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
            self._loop.close()
        for sock in self._reserved:
            sock.close()
        self._reserved.clear()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        self.ports.clear()
        self.elsewhere_port = 0

    def __enter__(self) -> HostileSites:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------- machinery

    def _record(self, case: str, server: Server, method: str, target: str, user_agent: str | None) -> Hit:
        hit = Hit(case, server, method, target, time.time(), user_agent)
        with self._lock:
            self._hits.append(hit)
        return hit

    async def _start(self) -> None:
        self._stopping = asyncio.Event()
        assert self._tmp is not None
        ca = BedCA()
        self.ca_pem = ca.cert_pem
        self.ca_file.write_bytes(ca.cert_pem)
        self.elsewhere_port = await self._serve_app(self._elsewhere_app(), ELSEWHERE_HOST, None)
        raw: dict[str, RawHandler] = {
            "slow-first-byte": self._raw_slow_first_byte,
            "no-answer": self._raw_no_answer,
            "close-mid-header": self._raw_close_mid_header,
            "not-http": self._raw_not_http,
            "headers-too-big": self._raw_headers_too_big,
            "short-body": self._raw_short_body,
            "endless-chunked": self._raw_endless_chunked,
        }
        tls: dict[str, LeafKind] = {
            "tls-self-signed": "self-signed",
            "tls-expired": "expired",
            "tls-wrong-host": "wrong-host",
            "tls-control": "valid",
        }
        for case in CASE_IDS:
            if case == "refused":
                # Bound but not listening: the port is ours, and a SYN to it gets a RST (RFC 9293 §3.10.7.1).
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.bind((SITE_HOST, 0))
                self._reserved.append(sock)
                self.ports[case] = int(sock.getsockname()[1])
            elif case in raw:
                self.ports[case] = await self._serve_raw(case, raw[case])
            elif case in tls:
                leaf = ca.leaf(tls[case])
                self._tls_not_after[case] = leaf.not_after.timestamp()
                context = leaf.server_context(self._tmp)
                self.ports[case] = await self._serve_app(self._case_app(case), SITE_HOST, context)
            else:
                self.ports[case] = await self._serve_app(self._case_app(case), SITE_HOST, None)

    async def _serve_app(self, app: web.Application, host: str, context: ssl.SSLContext | None) -> int:
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0, handle_signals=False)
        await runner.setup()
        self._runners.append(runner)
        await web.TCPSite(runner, host, 0, ssl_context=context).start()
        addresses = runner.addresses
        if not addresses:
            raise RuntimeError(f"a server on {host} did not bind")
        return int(addresses[0][1])

    async def _serve_raw(self, case: str, handler: RawHandler) -> int:
        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._raw_tasks.add(task)
            hit: Hit | None = None
            try:
                if case == "not-http":
                    # An SSH server speaks first (RFC 4253 §4.2), before any request.
                    writer.write(b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n")
                    await writer.drain()
                request = await _read_request(reader)
                if request is None:
                    return
                hit = self._record(case, "site", request.method, request.target, request.headers.get("user-agent"))
                await handler(request, reader, writer, hit)
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                if hit is not None:
                    hit.finished = time.time()
                writer.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(writer.wait_closed(), 1.0)
                self._raw_tasks.discard(task)

        server = await asyncio.start_server(connection, SITE_HOST, 0, limit=64 * 1024)
        self._raw_servers.append(server)
        return int(server.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()
        for server in self._raw_servers:
            server.close()
        for task in list(self._raw_tasks):
            task.cancel()
        if self._raw_tasks:
            await asyncio.wait(list(self._raw_tasks), timeout=5)
        for server in self._raw_servers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 2)
        for runner in self._runners:
            with contextlib.suppress(Exception):
                await runner.cleanup()

    async def _wait(self, seconds: float) -> bool:
        """Sleep, or stop early when the bed stops; True when the full time passed."""
        assert self._stopping is not None
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            return True
        return False

    async def _hold(self, reader: asyncio.StreamReader, seconds: float) -> None:
        """Keep a connection open and silent until the client closes it, the time is up or the bed stops."""
        assert self._stopping is not None
        deadline = time.monotonic() + seconds

        async def client_gone() -> None:
            while await reader.read(4096):
                pass

        gone = asyncio.ensure_future(client_gone())
        stop = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait(
                [gone, stop], timeout=max(0.0, deadline - time.monotonic()), return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for task in (gone, stop):
                task.cancel()
            await asyncio.gather(gone, stop, return_exceptions=True)

    async def _write(self, writer: asyncio.StreamWriter, data: bytes, hit: Hit) -> None:
        writer.write(data)
        await writer.drain()
        hit.sent += len(data)

    # ------------------------------------------------------------------ raw

    async def _raw_normal(self, case: str, request: RawRequest, writer: asyncio.StreamWriter, hit: Hit) -> None:
        """A normal answer from a raw case's site (its other pages)."""
        status, content_type, body = self._normal(case, request.target.split("?", 1)[0])
        await self._write(writer, _raw_page(status, content_type, body), hit)

    def _normal(self, case: str, path: str) -> tuple[str, str, bytes]:
        b = business(case)
        html = "text/html; charset=utf-8"
        if path == "/":
            return "200 OK", html, pages.home(b).encode()
        if path == "/contact/":
            return "200 OK", html, pages.contact_page(b).encode()
        if path == "/services/":
            return "200 OK", html, pages.services_page(b).encode()
        if path == "/robots.txt":
            return "200 OK", "text/plain; charset=utf-8", pages.ROBOTS.encode()
        body = pages.plain_page("Page not found", f'<h1>Page not found</h1><p><a href="/">{e(b.name)}</a></p>')
        return "404 Not Found", html, body.encode()

    async def _raw_slow_first_byte(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # An overloaded PHP site without a page cache: every page, nothing for slow_seconds, then the page.
        if await self._wait(self.slow_seconds):
            await self._raw_normal("slow-first-byte", request, writer, hit)

    async def _raw_no_answer(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # Accepted by the kernel, never answered by the stuck application; closed without a byte at the end.
        await self._hold(reader, self.hang_seconds)

    async def _raw_close_mid_header(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # The back end dies while the status line and part of the headers are on the wire.
        await self._write(writer, b"HTTP/1.1 200 OK\r\nServer: Apache/2.4.58 (Ubuntu)\r\nContent-Type: text/ht", hit)
        await asyncio.sleep(0.05)

    async def _raw_not_http(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # OpenSSH answers a client whose first line is not "SSH-2.0-..." like this, then hangs up.
        await self._write(writer, b"Invalid SSH identification string.\r\n", hit)

    async def _raw_headers_too_big(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # Cookie bloat: 300 Set-Cookie lines of about 1 KiB each (over 300 KiB of headers; Chromium's cap
        # is 256 KiB), then a normal page.
        status, content_type, body = self._normal("headers-too-big", request.target.split("?", 1)[0])
        cookies = [("Set-Cookie", f"_tracker_{n}={'7f3a9c' * 170}; Path=/; Max-Age=31536000") for n in range(300)]
        head = _http_head(
            status,
            [
                ("Server", "nginx"),
                ("Content-Type", content_type),
                ("Content-Length", str(len(body))),
                ("Connection", "close"),
                *cookies,
            ],
        )
        await self._write(writer, head + body, hit)

    async def _raw_short_body(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # Content-Length says 48,213 bytes; the first 5 KiB or so arrive, then nothing (a stuck upstream
        # behind a proxy that had already sent the headers), and after hang_seconds the connection closes.
        if request.target.split("?", 1)[0] != "/":
            await self._raw_normal("short-body", request, writer, hit)
            return
        b = business("short-body")
        start, _ = pages.home_parts(b)
        full = start + "<section class=card><h2>Recent jobs</h2>" + "<p>Rewired a Victorian terrace.</p>" * 1200
        declared = 48_213
        body = (full.encode() + b" " * declared)[:declared]
        first = body[: len(start.encode()) + 300]
        await self._write(
            writer,
            _http_head(
                "200 OK",
                [
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(declared)),
                    ("Connection", "keep-alive"),
                ],
            )
            + first,
            hit,
        )
        await self._hold(reader, self.hang_seconds)

    async def _raw_endless_chunked(
        self, request: RawRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit
    ) -> None:
        # A PHP loop that never ends, printing the same warning, chunked (RFC 9112 §7.1) with no last chunk:
        # about 640 KB/s until the client disconnects, stream_seconds pass or the bed stops; then the
        # connection is dropped without the terminating "0" chunk.
        if request.target.split("?", 1)[0] != "/":
            await self._raw_normal("endless-chunked", request, writer, hit)
            return
        assert self._stopping is not None
        b = business("endless-chunked")
        start, _ = pages.home_parts(b)
        head = _http_head(
            "200 OK",
            [
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=UTF-8"),
                ("Transfer-Encoding", "chunked"),
                ("X-Powered-By", "PHP/8.2.12"),
            ],
        )
        first = start.encode()
        await self._write(writer, head + f"{len(first):x}\r\n".encode() + first + b"\r\n", hit)
        warning = (
            b"<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started "
            b"at /var/www/html/wp-content/themes/garage/front-page.php:42) in <b>/var/www/html/wp-includes/"
            b"pluggable.php</b> on line <b>1435</b><br />\n"
        )
        chunk = warning * (64 * 1024 // len(warning))
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        deadline = time.monotonic() + self.stream_seconds
        with contextlib.suppress(TimeoutError):
            while time.monotonic() < deadline and not self._stopping.is_set():
                # A client that stops reading holds the write; the deadline still holds.
                await asyncio.wait_for(self._write(writer, framed, hit), max(0.1, deadline - time.monotonic()))
                await asyncio.sleep(0.1)
        transport = writer.transport
        if isinstance(transport, asyncio.Transport):
            transport.abort()

    # ------------------------------------------------------------------ web

    def _recorder(self, case: str | None, server: Server) -> Middleware:
        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            owner = case
            if owner is None:  # the other host: /<case>/...
                first = request.path.lstrip("/").split("/", 1)[0]
                owner = first if first in CASES_BY_ID else "(none)"
            hit = self._record(owner, server, request.method, request.path_qs, request.headers.get("User-Agent"))
            request[HIT] = hit
            with contextlib.suppress(ConnectionError):
                await request.read()
            try:
                response = await handler(request)
            finally:
                hit.finished = time.time()
            if isinstance(response, web.Response) and response.body is not None and not hit.sent:
                body = response.body
                hit.sent = len(body) if isinstance(body, bytes | bytearray) else 0
            return response

        return record

    def _html(
        self, text: str, *, status: int = 200, charset: str = "utf-8", headers: dict[str, str] | None = None
    ) -> web.Response:
        return web.Response(
            status=status,
            body=text.encode(charset),
            headers={"Content-Type": f"text/html; charset={charset}", **NO_STORE, **(headers or {})},
        )

    def _web_normal(self, case: str, request: web.Request) -> web.Response:
        status, content_type, body = self._normal(case, request.path)
        return web.Response(
            status=int(status.split()[0]), body=body, headers={"Content-Type": content_type, **NO_STORE}
        )

    def _case_app(self, case: str) -> web.Application:
        app = web.Application(middlewares=[self._recorder(case, "site")], client_max_size=MIB)
        handler: Handler = getattr(self, "_case_" + case.replace("-", "_"), None) or self._default_handler(case)
        app.router.add_route("*", "/{tail:.*}", handler)
        return app

    def _default_handler(self, case: str) -> Handler:
        async def serve(request: web.Request) -> web.StreamResponse:
            return self._web_normal(case, request)

        return serve

    # --- HTTP status

    async def _case_not_found_404(self, request: web.Request) -> web.StreamResponse:
        # The hosting company's default page for an account with no site (every path).
        body = (
            "<h1>404 Not Found</h1><p>The site you were looking for could not be found on this server.</p>"
            "<p>This domain is hosted by <strong>StackHost</strong>. Are you the owner? "
            'Call StackHost support on <a href="tel:+442079460999">020 7946 0999</a> or e-mail '
            '<a href="mailto:support@stackhost.example">support@stackhost.example</a>.</p>'
        )
        return self._html(pages.plain_page("404 Not Found", body), status=404)

    async def _case_server_error_500(self, request: web.Request) -> web.StreamResponse:
        # WordPress's fatal-error handler (wp-includes/class-wp-fatal-error-handler.php), every path.
        body = (
            "<p>There has been a critical error on this website.</p>"
            '<p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">'
            "Learn more about troubleshooting WordPress.</a></p>"
        )
        return self._html(pages.plain_page("WordPress › Error", body), status=500)

    async def _case_maintenance_503(self, request: web.Request) -> web.StreamResponse:
        # WordPress's wp_maintenance(): 503 with Retry-After: 600 while an update runs (and forever when
        # the update died and left .maintenance behind).
        body = "<h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1>"
        return self._html(pages.plain_page("Maintenance", body), status=503, headers={"Retry-After": "600"})

    async def _case_auth_required_401(self, request: web.Request) -> web.StreamResponse:
        # A staging password left on the live site (RFC 9110 §11.6.1, RFC 7617 Basic), every path.
        body = (
            "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n"
            "<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n"
        )
        return web.Response(
            status=401,
            body=body.encode(),
            headers={"Content-Type": "text/html", "WWW-Authenticate": 'Basic realm="Staging area"', **NO_STORE},
        )

    # --- redirects and navigation

    async def _case_redirect_loop(self, request: web.Request) -> web.StreamResponse:
        # A WordPress home/siteurl mismatch fighting a cache plugin: / -> /home/ -> /index.php -> / ...
        if request.path == "/robots.txt":
            return self._web_normal("redirect-loop", request)
        nxt = {"/": ("/home/", 302), "/home/": ("/index.php", 301), "/index.php": ("/", 302)}
        location, status = nxt.get(request.path, ("/", 302))
        return web.Response(status=status, headers={"Location": location, **NO_STORE})

    async def _case_redirect_other_host(self, request: web.Request) -> web.StreamResponse:
        # The domain lapsed; the registrar forwards every path to its parking page on another host.
        return web.Response(
            status=301, headers={"Location": f"{self.elsewhere}/redirect-other-host{request.path_qs}", **NO_STORE}
        )

    async def _case_redirect_chain_other_host(self, request: web.Request) -> web.StreamResponse:
        # The salon gave up its site for a booking platform: every page -> /en/ -> (other host) a tracking
        # hop -> the platform's go-link -> the salon's page on the platform.
        if request.path == "/robots.txt":
            return self._web_normal("redirect-chain-other-host", request)
        if request.path == "/en/":
            target = f"{self.elsewhere}/redirect-chain-other-host/track?c=riverside-beauty&src=site"
            return web.Response(status=302, headers={"Location": target, **NO_STORE})
        return web.Response(status=301, headers={"Location": "/en/", **NO_STORE})

    async def _case_cookie_redirect(self, request: web.Request) -> web.StreamResponse:
        # A "cookie check": without the session cookie, redirect to the same address and set it (RFC 6265
        # §5.3-5.4: a browser stores it and sends it back, so the second request gets the page).
        if request.path != "/robots.txt" and request.cookies.get("hb_session") != "1":
            response = web.Response(status=302, headers={"Location": request.path_qs, **NO_STORE})
            response.set_cookie("hb_session", "1", path="/", httponly=True, samesite="Lax")
            return response
        return self._web_normal("cookie-redirect", request)

    async def _case_meta_refresh_other_host(self, request: web.Request) -> web.StreamResponse:
        # The practice joined a group; every page is a "we have moved" page that refreshes to the group's
        # site at once (WHATWG HTML, http-equiv="refresh": the shared declarative refresh steps).
        target = f"{self.elsewhere}/meta-refresh-other-host/"
        if request.path == "/robots.txt":
            return self._web_normal("meta-refresh-other-host", request)
        b = business("meta-refresh-other-host")
        text = pages.plain_page(
            f"{b.name} has moved",
            f"<h1>{e(b.name)} has moved</h1><p>We are now part of Crescent Vision Group. "
            f'If you are not taken there, <a href="{e(target)}">continue to our new website</a>.</p>',
        ).replace("</title>", f'</title>\n<meta http-equiv="refresh" content="0; url={e(target)}">', 1)
        return self._html(text)

    async def _case_js_redirect_other_host(self, request: web.Request) -> web.StreamResponse:
        # A hacked site: an injected script sends every visitor to a prize scam 2 s after the page loads.
        if request.path != "/":
            return self._web_normal("js-redirect-other-host", request)
        target = f"{self.elsewhere}/js-redirect-other-host/win?ref=home"
        script = (
            "<script>/* wp-cache-helper */window.addEventListener('load',function(){setTimeout(function(){"
            f"window.location.replace({json.dumps(target)});}},2000);}});</script>\n"
        )
        start, end = pages.home_parts(business("js-redirect-other-host"))
        return self._html(start + end.replace("</body>", script + "</body>"))

    async def _case_refresh_loop(self, request: web.Request) -> web.StreamResponse:
        # <meta http-equiv="refresh" content="0"> with no URL: reload this page, at once, for ever.
        if request.path != "/":
            return self._web_normal("refresh-loop", request)
        return self._html(pages.home(business("refresh-loop"), head_extra='<meta http-equiv="refresh" content="0">\n'))

    # --- not HTML, empty, broken encodings

    async def _case_pdf_home(self, request: web.Request) -> web.StreamResponse:
        # The restaurant pointed its domain at its menu (a PDF); no other pages.
        if request.path == "/":
            return web.Response(
                body=pages.pdf_menu(business("pdf-home")),
                headers={"Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="menu.pdf"'},
            )
        if request.path == "/robots.txt":
            return self._web_normal("pdf-home", request)
        return web.Response(status=404, text="Not Found", content_type="text/plain")

    async def _case_json_home(self, request: web.Request) -> web.StreamResponse:
        # The reverse proxy sends the site's address to the API container.
        if request.path == "/":
            return web.json_response({"status": "ok", "service": "brightspark-api", "version": "2.3.1"})
        return web.json_response({"error": "not found", "path": request.path}, status=404)

    async def _case_empty_200(self, request: web.Request) -> web.StreamResponse:
        # PHP's "white screen of death": a fatal error with display_errors off, 200 and nothing (every page).
        if request.path == "/robots.txt":
            return self._web_normal("empty-200", request)
        return web.Response(status=200, body=b"", headers={"Content-Type": "text/html; charset=UTF-8"})

    async def _case_bad_gzip(self, request: web.Request) -> web.StreamResponse:
        # "Content-Encoding: gzip" on a body that is not gzip (a proxy adds the header, PHP's ob_gzhandler
        # was switched off): RFC 9110 §8.4 says the coding was applied; it was not.
        status, content_type, body = self._normal("bad-gzip", request.path)
        return web.Response(
            status=int(status.split()[0]),
            body=body,
            headers={"Content-Type": content_type, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )

    async def _case_charset_mismatch(self, request: web.Request) -> web.StreamResponse:
        # Pages saved in windows-1252 (their <meta> says so), served with "charset=utf-8": the HTTP header
        # wins (WHATWG HTML §13.2.3 encoding sniffing: transport layer before the <meta> prescan).
        return self._charset_case("charset-mismatch", request, body_charset="windows-1252", header="utf-8")

    async def _case_charset_latin1_header(self, request: web.Request) -> web.StreamResponse:
        # Pages in UTF-8 (their <meta> says so), served with Apache's "AddDefaultCharset ISO-8859-1"
        # (which WHATWG Encoding maps to windows-1252): every accented letter becomes two.
        return self._charset_case("charset-latin1-header", request, body_charset="utf-8", header="ISO-8859-1")

    def _charset_case(self, case: str, request: web.Request, *, body_charset: str, header: str) -> web.Response:
        b = business(case)
        if request.path == "/":
            text = pages.home(b, charset=body_charset)
        elif request.path == "/contact/":
            text = pages.contact_page(b, charset=body_charset)
        elif request.path == "/services/":
            text = pages.services_page(b, charset=body_charset)
        else:
            return self._web_normal(case, request)
        return web.Response(
            body=text.encode(body_charset), headers={"Content-Type": f"text/html; charset={header}", **NO_STORE}
        )

    # --- size

    async def _case_huge_10mb(self, request: web.Request) -> web.StreamResponse:
        # A catalogue page rendered in full: ~10 MB of HTML (the Web Almanac's median home page is ~2 MB
        # for everything, HTML ~30 KB). A second, out-of-hours number sits at the very end.
        if request.path != "/":
            return self._web_normal("huge-10mb", request)
        if self._huge is None:
            self._huge = self._build_huge()
        return web.Response(body=self._huge, headers={"Content-Type": "text/html; charset=utf-8", **NO_STORE})

    def _build_huge(self) -> bytes:
        b = business("huge-10mb")
        start, end = pages.home_parts(b, main_extra='<section class="card"><h2>Full catalogue</h2><table>\n')
        tail = (
            "</table></section>\n"
            '<section class="card"><h2>Out of hours</h2><p>Emergency line, evenings and weekends: '
            '<a href="tel:+442079460923">020 7946 0923</a></p></section>\n' + end
        )
        rows: list[str] = []
        size = len(start.encode()) + len(tail.encode())
        number = 0
        while size < self.huge_bytes:
            number += 1
            row = (
                f"<tr><td>IB-{number:06d}</td><td>Galvanised wood screws, {10 + number % 90} mm, "
                f"box of {100 * (1 + number % 5)}</td><td>£{1 + number % 40}.{number % 100:02d}</td></tr>\n"
            )
            rows.append(row)
            size += len(row.encode())
        return (start + "".join(rows) + tail).encode()

    async def _case_links_5000(self, request: web.Request) -> web.StreamResponse:
        # A parts shop whose home page lists every part: 5,000 links to 5,000 real pages.
        b = business("links-5000")
        if request.path == "/":
            items = "".join(f'<li><a href="/p/{n}/">Part #{n}</a></li>\n' for n in range(1, self.link_count + 1))
            return self._html(
                pages.home(b, main_extra=f'<section class="card"><h2>All parts</h2><ul>\n{items}</ul></section>\n')
            )
        parts = request.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "p" and parts[1].isdigit() and 1 <= int(parts[1]) <= self.link_count:
            return self._html(pages.product_page(b, int(parts[1])))
        return self._web_normal("links-5000", request)

    async def _case_gzip_bomb(self, request: web.Request) -> web.StreamResponse:
        # A home page of about 1 MB on the wire that inflates to bomb_mib MiB: a normal start, then
        # whitespace, then the footer. gzip (RFC 1952) whatever the client accepts; one deflate block of
        # 1 MiB of spaces, made once per request and repeated (a full flush makes each block stand alone).
        if request.path != "/":
            return self._web_normal("gzip-bomb", request)
        assert self._stopping is not None
        hit = request[HIT]
        b = business("gzip-bomb")
        start, end = pages.home_parts(b)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Content-Encoding": "gzip",
                "Vary": "Accept-Encoding",
                **NO_STORE,
            }
        )
        response.enable_chunked_encoding()
        await response.prepare(request)
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        head, tail, spaces = start.encode(), end.encode(), b" " * MIB
        gzip_header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x00\x03"
        first = gzip_header + deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
        block = deflate.compress(spaces) + deflate.flush(zlib.Z_FULL_FLUSH)
        crc = zlib.crc32(head)
        size = len(head)
        try:
            await response.write(first)
            hit.sent += len(first)
            for _ in range(self.bomb_mib):
                if self._stopping.is_set():
                    return response
                await response.write(block)
                hit.sent += len(block)
                crc = zlib.crc32(spaces, crc)
                size += len(spaces)
            last = deflate.compress(tail) + deflate.flush(zlib.Z_FINISH)
            crc = zlib.crc32(tail, crc)
            size += len(tail)
            trailer = last + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
            await response.write(trailer)
            hit.sent += len(trailer)
            await response.write_eof()
        except (ConnectionError, RuntimeError):
            pass
        return response

    # --- scripts and the page itself

    async def _case_endless_js_loop(self, request: web.Request) -> web.StreamResponse:
        # A script that never returns, parsed before the page is ever painted: the tab freezes blank.
        if request.path != "/":
            return self._web_normal("endless-js-loop", request)
        start, end = pages.home_parts(business("endless-js-loop"))
        script = "<script>/* slider init */ var i = 0; while (true) { i = (i + 1) % 1000; }</script>\n"
        return self._html(start + script + end)

    async def _case_js_freeze_after_load(self, request: web.Request) -> web.StreamResponse:
        # The page shows, then 1.5 s after load a script spins for ever (a broken carousel).
        if request.path != "/":
            return self._web_normal("js-freeze-after-load", request)
        start, end = pages.home_parts(business("js-freeze-after-load"))
        script = (
            "<script>window.addEventListener('load', function () { setTimeout(function () {"
            " var n = 0; for (;;) { n = (n + 1) % 7; } }, 1500); });</script>\n"
        )
        return self._html(start + end.replace("</body>", script + "</body>"))

    async def _case_dialogs(self, request: web.Request) -> web.StreamResponse:
        # alert on load, then confirm until someone says OK (20 at most), a prompt, and a beforeunload.
        if request.path != "/":
            return self._web_normal("dialogs", request)
        start, end = pages.home_parts(business("dialogs"))
        script = (
            "<script>window.addEventListener('load', function () {\n"
            "  alert('Welcome to Sunny Days Travel! Summer deals end Friday.');\n"
            "  for (var n = 1; n <= 20; n++) {\n"
            "    if (confirm('We use cookies. Click OK to accept and see our offers (' + n + '/20).')) break;\n"
            "  }\n"
            "  prompt('Where would you like to go? Type a destination:', '');\n"
            "  window.addEventListener('beforeunload', function (event) {\n"
            "    event.preventDefault(); event.returnValue = 'Leave without booking?'; return event.returnValue;\n"
            "  });\n"
            "});</script>\n"
        )
        return self._html(start + end.replace("</body>", script + "</body>"))

    async def _case_popup_flood(self, request: web.Request) -> web.StreamResponse:
        # A pop-under ad script: popup_count window.open() calls on load, without a user gesture.
        if request.path != "/":
            return self._web_normal("popup-flood", request)
        start, end = pages.home_parts(business("popup-flood"))
        target = json.dumps(f"{self.elsewhere}/popup-flood/ad/")
        script = (
            "<script>window.addEventListener('load', function () {\n"
            f"  for (var n = 1; n <= {self.popup_count}; n++) {{\n"
            f"    window.open({target} + n, 'ad' + n, 'width=420,height=320,left=' + 9 * n + ',top=' + 7 * n);\n"
            "  }\n"
            "  window.focus();\n"
            "});</script>\n"
        )
        return self._html(start + end.replace("</body>", script + "</body>"))

    async def _case_overlay_never_closes(self, request: web.Request) -> web.StreamResponse:
        # A newsletter interstitial over the whole page: its close button brings it back, Escape does
        # nothing, removing it from the DOM puts it back, and the page underneath cannot scroll.
        if request.path != "/":
            return self._web_normal("overlay-never-closes", request)
        start, end = pages.home_parts(business("overlay-never-closes"))
        overlay = (
            '<div id="vh-offer" role="dialog" aria-modal="true" aria-labelledby="vh-offer-title" '
            'style="position:fixed;inset:0;z-index:2147483647;background:rgba(24,16,32,.97);color:#fff;'
            'display:flex;align-items:center;justify-content:center;text-align:center">'
            '<div style="max-width:26rem;padding:2rem">'
            '<h2 id="vh-offer-title">Wait! 20% off your first visit</h2>'
            "<p>Join the Velvet Club to see our prices and how to book.</p>"
            '<input type="email" placeholder="Your email" aria-label="Your email">'
            '<button type="button" id="vh-join">Join the club</button> '
            '<button type="button" id="vh-close" aria-label="Close" style="background:none;font-size:1.4rem">'
            "×</button></div></div>\n"
            "<script>(function () {\n"
            "  var overlay = document.getElementById('vh-offer');\n"
            "  document.documentElement.style.overflow = 'hidden';\n"
            "  document.getElementById('vh-close').addEventListener('click', function () {\n"
            "    overlay.style.display = 'none'; setTimeout(function () { overlay.style.display = 'flex'; }, 300);\n"
            "  });\n"
            "  new MutationObserver(function () {\n"
            "    if (!overlay.isConnected) document.body.appendChild(overlay);\n"
            "    if (overlay.style.display === 'none')\n"
            "      setTimeout(function () { overlay.style.display = 'flex'; }, 300);\n"
            "  }).observe(document.body, {childList: true, subtree: true, attributes: true});\n"
            "  document.addEventListener('keydown', function (ev) {\n"
            "    if (ev.key === 'Escape') ev.stopPropagation();\n"
            "  }, true);\n"
            "})();</script>\n"
        )
        return self._html(start + end.replace("</body>", overlay + "</body>"))

    async def _case_captcha_wall(self, request: web.Request) -> web.StreamResponse:
        # A bot-protection challenge in front of every page: 403, "cf-mitigated: challenge", a Turnstile
        # widget that a script cannot pass (Cloudflare's documented challenge-page response).
        if request.path == "/robots.txt":
            return self._web_normal("captcha-wall", request)
        script = f"{self.elsewhere}/captcha-wall/turnstile/v0/api.js"
        body = (
            "<h1>lakeside-storage.example</h1>"
            "<h2>Verify you are human by completing the action below.</h2>"
            '<div class="cf-turnstile" data-sitekey="0x4AAAAAAAB3cDeFgHiJkLmN" data-callback="onPass"></div>'
            f'<script src="{e(script)}" async defer></script>'
            "<p>lakeside-storage.example needs to review the security of your connection before proceeding.</p>"
            "<p><small>Ray ID: 8f1c2e0b7d4a8c3e · Performance &amp; security by a bot-protection service</small></p>"
        )
        return self._html(pages.plain_page("Just a moment...", body), status=403, headers={"cf-mitigated": "challenge"})

    async def _case_captcha_contact_form(self, request: web.Request) -> web.StreamResponse:
        # The contact form is guarded by a reCAPTCHA v2 checkbox; the handler refuses a post without a token.
        b = business("captcha-contact-form")
        if request.path == "/contact/":
            script = f"{self.elsewhere}/captcha-contact-form/recaptcha/api.js"
            form = (
                '<form class="card" id="quote" action="/contact/send" method="post">\n'
                "  <h2>Ask for a removals quote</h2>\n"
                '  <label for="q-name">Your name</label><input id="q-name" name="name" autocomplete="name" required>\n'
                '  <label for="q-email">Email</label>'
                '<input id="q-email" name="email" type="email" autocomplete="email" required>\n'
                '  <label for="q-phone">Phone</label><input id="q-phone" name="phone" type="tel" autocomplete="tel">\n'
                '  <label for="q-msg">Moving from / to, and when</label>'
                '<textarea id="q-msg" name="message"></textarea>\n'
                '  <div class="g-recaptcha" data-sitekey="6LcBeaconRemovalsAAAAAAAAAAAAAAAAAAAAAAA"></div>\n'
                '  <button type="submit">Send my request</button>\n'
                "</form>\n"
            )
            return self._html(
                pages.contact_page(b, form=form, head_extra=f'<script src="{e(script)}" async defer></script>\n')
            )
        if request.path == "/contact/send" and request.method == "POST":
            data = await request.post()
            if not data.get("g-recaptcha-response"):
                body = "<h1>Please tick “I'm not a robot”</h1><p>Your request was not sent.</p>"
                return self._html(pages.plain_page("Not sent", body), status=400)
            return self._html(pages.plain_page("Thank you", "<h1>Thank you, we will call you back</h1>"))
        return self._web_normal("captcha-contact-form", request)

    async def _case_form_posts_elsewhere(self, request: web.Request) -> web.StreamResponse:
        # The contact page's callback form posts straight to a form provider on another host.
        b = business("form-posts-elsewhere")
        if request.path == "/contact/":
            action = f"{self.elsewhere}/form-posts-elsewhere/f/xayzbqpw"
            form = (
                f'<form class="card" id="callback" action="{e(action)}" method="POST">\n'
                "  <h2>Request a call back</h2>\n"
                '  <label for="c-name">Name</label><input id="c-name" name="name" autocomplete="name" required>\n'
                '  <label for="c-email">Email</label>'
                '<input id="c-email" name="email" type="email" autocomplete="email" required>\n'
                '  <label for="c-phone">Phone</label><input id="c-phone" name="phone" type="tel" autocomplete="tel">\n'
                '  <input type="hidden" name="_next" value="/thanks/">\n'
                '  <button type="submit">Call me back</button>\n'
                "</form>\n"
            )
            return self._html(pages.contact_page(b, form=form))
        return self._web_normal("form-posts-elsewhere", request)

    # ------------------------------------------------------------ elsewhere

    def _elsewhere_app(self) -> web.Application:
        app = web.Application(middlewares=[self._recorder(None, "elsewhere")], client_max_size=MIB)
        app.router.add_route("*", "/{tail:.*}", self._elsewhere)
        return app

    async def _elsewhere(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/redirect-other-host/"):
            body = (
                "<h1>harbourlane-plumbing.example</h1><p>This domain name has expired and may be for sale.</p>"
                '<p>Make an offer: call DomainMart on <a href="tel:+442079460990">020 7946 0990</a> or write to '
                '<a href="mailto:offers@domainmart.example">offers@domainmart.example</a>.</p>'
                "<h2>Related searches</h2><ul><li>Emergency plumber</li><li>Boiler repair</li></ul>"
            )
            return self._html(pages.plain_page("harbourlane-plumbing.example – domain for sale", body))
        if path == "/redirect-chain-other-host/track":
            return web.Response(status=302, headers={"Location": "/redirect-chain-other-host/go?to=riverside-beauty"})
        if path == "/redirect-chain-other-host/go":
            return web.Response(status=307, headers={"Location": "/redirect-chain-other-host/book/riverside-beauty"})
        if path == "/redirect-chain-other-host/book/riverside-beauty":
            body = (
                "<h1>Book Riverside Beauty Rooms on BookLocal</h1><p>Choose a treatment and a time.</p>"
                '<p>Help with your booking: <a href="tel:+442079460980">020 7946 0980</a>, '
                '<a href="mailto:help@booklocal.example">help@booklocal.example</a></p>'
            )
            return self._html(pages.plain_page("Riverside Beauty Rooms – BookLocal", body))
        if path == "/meta-refresh-other-host/":
            body = (
                "<h1>Crescent Vision Group</h1><p>Eye care across the county: twelve practices, one team.</p>"
                '<p>Central bookings: <a href="tel:+442079460981">020 7946 0981</a>, '
                '<a href="mailto:care@crescentvision.example">care@crescentvision.example</a></p>'
            )
            return self._html(pages.plain_page("Crescent Vision Group", body))
        if path == "/js-redirect-other-host/win":
            body = (
                "<h1>Congratulations! You have been selected!</h1><p>Claim your £1000 gift card now.</p>"
                '<p>Call the prize desk on <a href="tel:+442079460970">020 7946 0970</a> or e-mail '
                '<a href="mailto:claims@prize-winner.example">claims@prize-winner.example</a></p>'
            )
            return self._html(pages.plain_page("You won!", body))
        if path.startswith("/popup-flood/ad/"):
            return self._html(pages.plain_page("Special offer", "<h1>Hot deals near you!</h1>"))
        if path.startswith("/form-posts-elsewhere/f/") and request.method == "POST":
            return self._html(pages.plain_page("Thanks!", "<h1>Thanks!</h1><p>The form was submitted.</p>"))
        if path == "/captcha-wall/turnstile/v0/api.js":
            return web.Response(text=TURNSTILE_JS, content_type="application/javascript")
        if path == "/captcha-contact-form/recaptcha/api.js":
            return web.Response(text=RECAPTCHA_JS, content_type="application/javascript")
        return web.Response(status=404, text="Not Found", content_type="text/plain")


# Stand-ins for the challenge widgets: they draw the familiar checkbox; ticking it never yields a token.
TURNSTILE_JS = """(function () {
  function draw() {
    document.querySelectorAll('.cf-turnstile').forEach(function (box) {
      box.innerHTML = '<label style="display:inline-flex;gap:.6rem;align-items:center;border:1px solid #ccc;'
        + 'padding:.8rem 1rem;border-radius:4px"><input type="checkbox"> Verify you are human</label>';
      box.querySelector('input').addEventListener('change', function (ev) {
        ev.target.checked = false;
        box.insertAdjacentHTML('beforeend', '<p role="alert">Verification failed. Please try again.</p>');
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
"""

RECAPTCHA_JS = """(function () {
  function draw() {
    document.querySelectorAll('.g-recaptcha').forEach(function (box) {
      box.innerHTML = '<div style="display:inline-flex;gap:.6rem;align-items:center;border:1px solid #d3d3d3;'
        + 'background:#f9f9f9;padding:.9rem 1rem;border-radius:3px"><input type="checkbox" '
        + 'aria-label="I\\'m not a robot"> I\\'m not a robot <small style="color:#777">reCAPTCHA</small></div>'
        + '<textarea name="g-recaptcha-response" style="display:none"></textarea>';
      box.querySelector('input').addEventListener('change', function (ev) {
        ev.target.checked = false;
        box.insertAdjacentHTML('beforeend', '<p role="alert">Select all images with traffic lights.</p>');
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
"""


def main() -> None:
    """Serve every case by hand: ``python -m tests.beds.hostile_sites.server``; Ctrl-C stops it."""
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    with HostileSites.started() as beds:
        print(f"other host  {beds.elsewhere}/")
        print(f"CA to trust {beds.ca_file}")
        for case in beds.cases:
            print(f"  {case:<24} {beds.url(case)}")
        print("Ctrl-C to stop.", flush=True)
        while not done.wait(0.5):
            pass


if __name__ == "__main__":
    main()
