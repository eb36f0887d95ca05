"""Serve a site of the real-sites corpus (tests/corpus/realsites) on 127.0.0.1, and keep the
browser that audits it, and this process, on loopback.

Every site folder holds static pages copied from a real business's public repository, with its
answer key (key.json, see realsites/key_schema.md). The pages link to the real sites' absolute
origins (https://autojura.lt/...) and load scripts, styles, fonts and maps from them and from
CDNs: served as they are, a browser would fetch those from the internet. So:

* `serve_realsite(name)` serves the folder on 127.0.0.1, port 0, where the site lived: at `/`,
  under its GitHub Pages project path, or from its docs/ build folder (`MOUNTS`). A folder
  answers with its index.html (a path without the slash is redirected to it), `/x` also finds
  `x.html` (as GitHub Pages does), a missing page answers 404 (with the site's own 404.html).
  Every request is logged (`ServedSite.log`).
* `ConfinedChromium` starts the browser the audit drives (over CDP) behind `SiteProxy`: requests
  to the site's own other origins (the key's `origins`, the pages' canonical and og:url hosts, with
  and without www.) are answered by the site's loopback server, as the real site would answer
  them (so a crawl that takes https://autojura.lt/kontaktai/ for the same site can follow it);
  every other request is refused and recorded. No name but loopback ones is resolved.
* `guard_process()` refuses, in this Python process, any connection or name lookup that is not
  loopback (an HTTP client a crawl might use), recording it.

    with serve_realsite("lt-autojura") as site, ConfinedChromium(executable) as chromium:
        chromium.proxy.serve(site)
        audit_contacts(profile_with(site.base_url), cdp_endpoint=chromium.endpoint)
        site.page_of("https://autojura.lt/kontaktai/")  # "kontaktai/index.html"
        chromium.proxy.take()  # (["CONNECT fonts.googleapis.com:443", ...], ["GET https://autojura.lt/", ...])
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from aiohttp import web

from touchpoint.browser.launch import chromium_flags
from touchpoint.demo.server import LoopbackServer

CORPUS = Path(__file__).parent / "realsites"
# The blind supplement (synthetic sites modelled on real markup, for classes the real sites have
# too few of): served and scored the same way; site names are unique across both.
SUPPLEMENT = Path(__file__).parent / "supplement"
CORPORA = {"realsites": CORPUS, "supplement": SUPPLEMENT}


def _folder(name: str) -> Path:
    for root in CORPORA.values():
        if (root / name / "key.json").is_file():
            return root / name
    return CORPUS / name


# Where a site lived when its pages are not at the root of its folder (from the key's `origins`
# and SOURCE.md): URL prefix, and the folder inside the site folder that the prefix serves.
# The switches Playwright starts Chromium with (its chromiumSwitches and headless additions), so
# the browser the bench starts behaves as the one the crawl would have launched itself.
PLAYWRIGHT_SWITCHES = (
    "--disable-field-trial-config",
    "--disable-background-networking",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-component-extensions-with-background-pages",
    "--disable-component-update",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
    "AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch",
    "--enable-features=SkipListAccountsWithoutGaiaCookies",
    "--allow-pre-commit-input",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--disable-renderer-backgrounding",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--no-first-run",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--disable-search-engine-choice-screen",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4",
)

MOUNTS: dict[str, tuple[str, str]] = {
    "cz-turinsky-transport": ("/turinsky-transport-web/", "docs"),  # GitHub Pages project, docs/ build
    "ru-opaproject": ("/", "docs"),  # docs/ build served at the root (root-relative links)
    "ru-mops-pitomnik": ("/mops-pitomnik-seo/", ""),  # GitHub Pages project path
}

__all__ = [
    "CORPUS",
    "MOUNTS",
    "PLAYWRIGHT_SWITCHES",
    "ConfinedChromium",
    "RealSite",
    "ServedSite",
    "SiteProxy",
    "corpus_key",
    "corpus_names",
    "guard_process",
    "own_hosts",
    "serve_realsite",
]


def corpus_names(corpus: str = "realsites") -> list[str]:
    root = CORPORA[corpus]
    return sorted(p.name for p in root.iterdir() if (p / "key.json").is_file())


def corpus_key(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_folder(name) / "key.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class RealSite:
    """A corpus folder and where its pages are served: URL paths <-> the key's page paths."""

    name: str
    root: Path
    prefix: str = "/"
    sub: str = ""

    @classmethod
    def of(cls, name: str) -> RealSite:
        prefix, sub = MOUNTS.get(name, ("/", ""))
        return cls(name, _folder(name).resolve(), prefix, sub)

    @property
    def served(self) -> Path:
        return (self.root / self.sub).resolve() if self.sub else self.root

    def target(self, path: str) -> Path | None:
        """The file or folder a URL path names (percent-decoded path), or None outside the mount."""
        path = unquote(path)
        if path + "/" == self.prefix:
            path = self.prefix
        if not path.startswith(self.prefix):
            return None
        target = (self.served / path[len(self.prefix) :].lstrip("/")).resolve()
        if target != self.served and self.served not in target.parents:
            return None
        return target

    def file_for(self, path: str) -> Path | None:
        """The file a URL path is answered with: a folder's index.html, `x` as `x.html`."""
        target = self.target(path)
        if target is None:
            return None
        if target.is_dir():
            target = target / "index.html"
        elif not target.exists() and target.with_name(target.name + ".html").is_file():
            target = target.with_name(target.name + ".html")
        return target if target.is_file() else None

    def page_of_path(self, path: str) -> str | None:
        """The key's page (path inside the site folder) a URL path shows, or None."""
        found = self.file_for(path)
        return found.relative_to(self.root).as_posix() if found is not None else None

    def url_path(self, page: str) -> str:
        """The URL path of a key page: "docs/kontakty/index.html" -> "/turinsky-transport-web/kontakty/"."""
        rel = page
        if self.sub:
            rel = page.removeprefix(self.sub + "/")
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.prefix + rel


@dataclass
class ServedSite:
    site: RealSite
    server: LoopbackServer
    home: str  # the key's home page
    own_hosts: frozenset[str] = frozenset()  # the real site's origins, answered by this server through the proxy
    log: list[tuple[str, str, int]] = field(default_factory=list)  # (method, path?query, status)
    real_origin: str | None = None  # where the site lived (the key's first absolute origin), if known

    @property
    def real_base_url(self) -> str | None:
        """The home page at the real site's own address (answered through the proxy), as an
        owner's profile would name it; None when the key knows no absolute origin."""
        if not self.real_origin or self.site.prefix != "/" or self.site.sub:
            return None  # a project path or a build folder: where it lived is not the origin's root
        path = self.site.url_path(self.home).removeprefix(self.site.prefix.rstrip("/"))
        return self.real_origin + ("/" + path.lstrip("/"))

    @property
    def origin(self) -> str:
        return self.server.base_url.rstrip("/")

    @property
    def base_url(self) -> str:
        return self.origin + self.site.url_path(self.home)

    def local_path(self, url: str) -> str | None:
        """The path this server answers a URL of the site with (its loopback origin or one of the
        real site's origins), or None for another site."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            return parts.path or "/"
        if (parts.hostname or "").lower() in self.own_hosts:
            return self.site.prefix + unquote(parts.path or "/").lstrip("/")
        return None

    def page_of(self, url: str) -> str | None:
        """The key's page a URL shows, or None (another site, a missing page)."""
        path = self.local_path(url)
        return self.site.page_of_path(path) if path is not None else None

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> ServedSite:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _app(site: RealSite, log: list[tuple[str, str, int]]) -> web.Application:
    @web.middleware
    async def logged(request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        except web.HTTPException as exc:
            log.append((request.method, request.path_qs, exc.status))
            raise
        log.append((request.method, request.path_qs, response.status))
        return response

    async def handle(request: web.Request) -> web.StreamResponse:
        target = site.target(request.path)
        if target is not None and target.is_dir() and not request.path.endswith("/"):
            raise web.HTTPMovedPermanently(
                request.path + "/" + (f"?{request.query_string}" if request.query_string else "")
            )
        found = site.file_for(request.path)
        if found is None:
            missing = site.root / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<h1>Not found</h1>"
            return web.Response(status=404, body=body, content_type="text/html", charset="utf-8")
        return web.FileResponse(found)

    app = web.Application(middlewares=[logged])
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


_CANONICAL = re.compile(
    r"""<(?:link[^>]*rel=["']?canonical["']?[^>]*href|meta[^>]*property=["']?og:url["']?[^>]*content)"""
    r"""=["']?(https?://[^/"'\s>]+)""",
    re.IGNORECASE,
)


def own_hosts(name: str) -> frozenset[str]:
    """The real site's hosts: the key's absolute `origins` and the pages' canonical and og:url
    hosts, each with and without www."""
    key = corpus_key(name)
    urls = [str(o) for o in key.get("origins", []) if str(o).startswith(("http://", "https://"))]
    for page in _folder(name).rglob("*.html"):
        urls += _CANONICAL.findall(page.read_text(encoding="utf-8", errors="replace"))
    hosts: set[str] = set()
    for url in urls:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host and not _is_loopback(host):
            hosts |= {host, "www." + host}
    return frozenset(hosts)


def serve_realsite(name: str) -> ServedSite:
    """A started server for the corpus site `name`; stop() it when done."""
    site = RealSite.of(name)
    key = corpus_key(name)
    log: list[tuple[str, str, int]] = []
    server = LoopbackServer(_app(site, log)).start()
    origins = [str(o).rstrip("/") for o in key.get("origins", []) if re.match(r"https?://[^\s/]+/?$", str(o))]
    return ServedSite(
        site=site,
        server=server,
        home=next(iter(key["pages"])),
        own_hosts=own_hosts(name),
        log=log,
        real_origin=origins[0] if origins else None,
    )


class SiteProxy:
    """The HTTP proxy the browser sends everything that is not loopback to. Requests to the site's
    own other origins (`serve(site)`: https://autojura.lt/... for lt-autojura) are answered by the
    site's loopback server, https through a certificate made here (the browser ignores certificate
    errors) and recorded in `served`; everything else is refused (403) and recorded in `refused`."""

    def __init__(self, workdir: Path) -> None:
        self.port = 0
        self.refused: list[str] = []
        self.served: list[str] = []
        self._hosts: frozenset[str] = frozenset()
        self._upstream = 0
        self._prefix = "/"
        self._tls = _self_signed(workdir)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="site-proxy", daemon=True)
        self._server: asyncio.Server | None = None

    def start(self) -> SiteProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    def serve(self, site: ServedSite | None) -> None:
        """Answer `site`'s own other origins from its loopback server (None: refuse everything)."""
        with self._lock:
            self._hosts = frozenset(site.own_hosts) if site else frozenset()
            self._upstream = site.server.port if site else 0
            self._prefix = site.site.prefix if site else "/"

    def take(self) -> tuple[list[str], list[str]]:
        """(refused, served) since the last take()."""
        with self._lock:
            refused, served, self.refused, self.served = self.refused, self.served, [], []
        return refused, served

    def _note(self, into: list[str], what: str) -> None:
        with self._lock:
            into.append(what)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            method, target, _ = ([*head.split(b"\r\n", 1)[0].decode("latin-1").split(" "), "", ""])[:3]
            if method == "CONNECT":
                host = target.rpartition(":")[0].strip("[]").lower()
                if host in self._hosts:
                    writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                    await writer.drain()
                    await writer.start_tls(self._tls)
                    inner = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
                    await self._forward(inner, reader, writer, f"https://{host}")
                    return
            elif urlsplit(target).scheme == "http" and (urlsplit(target).hostname or "").lower() in self._hosts:
                await self._forward(head, reader, writer, f"http://{urlsplit(target).hostname}")
                return
            self._note(self.refused, f"{method} {target}")
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    async def _forward(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, origin: str
    ) -> None:
        """One request to the site's loopback server (Connection: close), its answer relayed."""
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = ([*lines[0].split(" "), "", ""])[:3]
        parts = urlsplit(target)
        local = self._prefix + (parts.path or "/").lstrip("/") + (f"?{parts.query}" if parts.query else "")
        self._note(self.served, f"{method} {origin}{parts.path or '/'}")
        skip = ("host:", "connection:", "proxy-connection:", "keep-alive:")
        headers = [h for h in lines[1:] if h and not h.lower().startswith(skip)]
        length = next((h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("content-length:")), "0")
        body = await reader.readexactly(int(length)) if length.isdigit() and int(length) else b""
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self._upstream)
        request = [f"{method} {local} HTTP/1.1", f"Host: 127.0.0.1:{self._upstream}", "Connection: close", *headers]
        up_writer.write(("\r\n".join(request) + "\r\n\r\n").encode("latin-1") + body)
        await up_writer.drain()
        answer = await up_reader.readuntil(b"\r\n\r\n")
        if self._prefix != "/":  # a redirect names the path under the prefix: the real origin has none
            answer = re.sub(
                rb"(?im)^(location:\s*)" + re.escape(self._prefix.encode()),
                lambda m: m.group(1) + b"/",
                answer,
            )
        writer.write(answer)
        while chunk := await up_reader.read(65536):
            writer.write(chunk)
            await writer.drain()
        up_writer.close()

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        if self._server is not None:
            self._server.close()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def _self_signed(workdir: Path) -> ssl.SSLContext:
    """A TLS server context with a throwaway self-signed certificate (any name: the browser is
    told to ignore certificate errors)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "touchpoint corpus")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = workdir / "proxy-cert.pem", workdir / "proxy-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    context.set_alpn_protocols(["http/1.1"])
    return context


class ConfinedChromium:
    """A headless Chromium for the audit to connect to over CDP (`endpoint`) that reaches nothing
    but loopback: every other request goes to `proxy` (the site's own origins answered from its
    loopback server, the rest refused), and no name but loopback ones is resolved."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self._workdir = Path(tempfile.mkdtemp(prefix="tp-confined-"))
        self._profile = self._workdir / "profile"
        self.proxy = SiteProxy(self._workdir)
        self.endpoint = ""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> ConfinedChromium:
        self.proxy.start()
        args = [
            self.executable,
            *dict.fromkeys([*chromium_flags(headless_flag=True), *PLAYWRIGHT_SWITCHES]),
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={self._profile}",
            f"--proxy-server=http://127.0.0.1:{self.proxy.port}",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
            "--ignore-certificate-errors",  # the proxy's own certificate for the site's https origins
            "about:blank",
        ]
        self._process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self._profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"{self.executable} exited ({self._process.returncode}) before it listened")
            lines = port_file.read_text().splitlines() if port_file.is_file() else []
            if lines and lines[0].strip().isdigit():
                self.endpoint = f"http://127.0.0.1:{lines[0].strip()}"
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the confined Chromium did not open its debugging port within 60 s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=15)
        self.proxy.stop()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> ConfinedChromium:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str) or not host:
        return host is None  # getaddrinfo(None, port): the local wildcard
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


_refused: list[str] = []
_guarded = False


def guard_process() -> list[str]:
    """From now on, refuse any connection or name lookup of this process that is not loopback
    (PermissionError). Returns the list the refusals are appended to ("connect 1.2.3.4:443")."""
    global _guarded
    if _guarded:
        return _refused

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.connect":
            sock, address = args
            if isinstance(sock, socket.socket) and sock.family in (socket.AF_INET, socket.AF_INET6):
                host = address[0] if isinstance(address, tuple) else address
                if not _is_loopback(host):
                    _refused.append(f"connect {host}:{address[1] if isinstance(address, tuple) else ''}")
                    raise PermissionError(f"the bench keeps this process on loopback: no connection to {host}")
        elif event == "socket.getaddrinfo":
            host = args[0]
            if not _is_loopback(host):
                _refused.append(f"resolve {host!r}")
                raise PermissionError(f"the bench keeps this process on loopback: no lookup of {host!r}")

    sys.addaudithook(hook)
    _guarded = True
    return _refused
