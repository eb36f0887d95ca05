"""A visitor opening a page: the navigation, its failure modes, and the browser's own timings.

`visit()` is the one way the audit loads a page in Playwright, so every page it visits gets
Navigation Timing and paint timings, and every hostile thing a page does to a visitor is said in
an owner's words: it redirects or refreshes to another host, reloads itself, freezes, is not a web
page (a PDF, JSON, nothing), never finishes, is too large, shows dialogs or pop-ups, garbles its
text. Every browser step is bounded: page scripts are read through DevTools with a timeout, and a
script that never stops is terminated (`Runtime.terminateExecution`), so a frozen tab costs
seconds, not the audit.

The pure parts (`navigation_error`, `timings_from_entries`, `plain_network_error`, `same_site`,
`page_issues`) work on strings and dicts.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from touchpoint.browser.bot_wall import REFUSALS, bot_wall, refusal_message
from touchpoint.errors import (
    DnsError,
    HttpErrorStatus,
    NetworkError,
    NotAWebPage,
    OtherHost,
    PageFrozen,
    PageTimeout,
    RedirectLoop,
    SiteError,
    TlsError,
)

if TYPE_CHECKING:
    from playwright.sync_api import CDPSession, Page, Response

__all__ = [
    "HTML_TOO_LARGE",
    "READ_CAP",
    "TIMING_SCRIPT",
    "Issue",
    "Visit",
    "evaluate",
    "navigation_error",
    "page_issues",
    "plain_network_error",
    "responsive",
    "same_site",
    "timings_from_entries",
    "visit",
]

# Runs in the page after `load`: the navigation entry, paints, and the last LCP candidate.
# LCP candidates arrive after the frames that paint them, which for a big image still decoding
# can be well after `load`: take the last candidate once none has come for 300 ms (at most 3 s).
TIMING_SCRIPT = """
async () => {
  const lcp = await new Promise((resolve) => {
    let last = null;
    let quiet = null;
    const done = () => { po.disconnect(); clearTimeout(cap); resolve(last); };
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) last = e.startTime;
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    const cap = setTimeout(done, 3000);
    try { po.observe({type: 'largest-contentful-paint', buffered: true}); } catch (e) { done(); }
  });
  const nav = performance.getEntriesByType('navigation')[0];
  const paints = {};
  for (const p of performance.getEntriesByType('paint')) paints[p.name] = p.startTime;
  return {navigation: nav ? nav.toJSON() : null, paints, lcp};
}
"""

# What the page shows that an owner should know: its text's character set, its forms, a CAPTCHA,
# whether it shows anything at all. Runs once after the page settled.
PAGE_SCRIPT = """
() => {
  const body = document.body;
  const text = body ? (body.innerText || '').slice(0, 300000) : '';
  const bad = /\\S*(\\uFFFD|[\\u00C2\\u00C3][\\u0080-\\u00BF]|\\u00E2\\u20AC)\\S*/;
  const sample = (text.match(bad) || [''])[0].slice(0, 40);
  const count = (re) => (text.match(re) || []).length;
  const elements = body ? body.childElementCount : 0;
  const forms = Array.from(document.forms).map((f) => f.action || '').filter(Boolean);
  const captcha = !!document.querySelector(
    '.g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], ' +
    'iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="turnstile"]');
  return {
    charset: document.characterSet || '',
    replacement: count(/\\uFFFD/g),
    mojibake: count(/[\\u00C2\\u00C3][\\u0080-\\u00BF]|\\u00E2\\u20AC/g),
    sample,
    text: text.trim().length,
    elements,
    forms,
    captcha,
  };
}
"""

# Pop-ups without a click are blocked by every visitor's browser; Playwright's Chromium lets them
# open. The page's window.open is replaced by one that counts and opens nothing.
POPUP_BLOCKER = """
(() => {
  const told = (name) => { try { window.__touchpointPopup(String(name || '')); } catch (e) {} };
  try {
    Object.defineProperty(window, 'open', {
      value: function (url) { told(url); return null; }, configurable: false, writable: false });
  } catch (e) {}
})();
"""

SETTLE_MS = 3_000  # after load: how long the visit watches for a page leaving, reloading or freezing
RESPONSIVE_MS = 2_000  # a tab that does not answer "1 + 1" within this is frozen
AT_ONCE_MS = 1_200  # a page that leaves for another host within this after load never showed itself
READ_CAP = 32_000_000  # the HTML read at most (bytes after decompression); a page is stopped there
HTML_TOO_LARGE = 2_000_000  # HTML above this is a finding (a typical page's HTML is well under 100 KB)

_NET = re.compile(r"net::(ERR_[A-Z0-9_]+)")

# The browser's network error codes, in an owner's words (the code itself is never shown).
_PLAIN: Mapping[str, str] = {
    "ERR_CONNECTION_REFUSED": "the site refuses connections (nothing is listening at this address)",
    "ERR_CONNECTION_RESET": "the server cut the connection off before it answered",
    "ERR_CONNECTION_CLOSED": "the server closed the connection without answering",
    "ERR_CONNECTION_ABORTED": "the connection to the server broke off",
    "ERR_CONNECTION_FAILED": "the browser could not connect to the server",
    "ERR_EMPTY_RESPONSE": "the server closed the connection without sending an answer",
    "ERR_INVALID_AUTH_CREDENTIALS": "the page needs a password (HTTP 401), so visitors cannot see it",
    "ERR_INVALID_HTTP_RESPONSE": (
        "there is no web server at this address: what answers does not speak HTTP, so browsers show an error"
    ),
    "ERR_RESPONSE_HEADERS_TOO_BIG": (
        "the server's answer headers are too large (usually too many or too big cookies), so browsers refuse the page"
    ),
    "ERR_RESPONSE_HEADERS_TRUNCATED": "the server broke off its answer in the middle of the headers",
    "ERR_TOO_MANY_REDIRECTS": "the page redirects in a loop: browsers give up after 20 redirects",
    "ERR_CONTENT_LENGTH_MISMATCH": "the server stopped sending the page before its end (less than it announced)",
    "ERR_INCOMPLETE_CHUNKED_ENCODING": "the server stopped sending the page before its end",
    "ERR_CONTENT_DECODING_FAILED": (
        "the page cannot be decoded: the server says it is compressed (gzip) but it is not, so browsers show "
        "a blank page"
    ),
    "ERR_TIMED_OUT": "the site did not answer in time",
    "ERR_CONNECTION_TIMED_OUT": "the site did not answer in time (the connection could not be opened)",
    "ERR_ADDRESS_UNREACHABLE": "the site's address cannot be reached from here",
    "ERR_ADDRESS_INVALID": "the site's address is not valid",
    "ERR_UNSAFE_PORT": "browsers refuse to open pages on this port",
    "ERR_UNSAFE_REDIRECT": "the page redirects to an address browsers refuse to follow",
    "ERR_INVALID_REDIRECT": "the page redirects to an address that is not valid",
    "ERR_BLOCKED_BY_RESPONSE": "the server's answer tells browsers not to show the page",
    "ERR_INTERNET_DISCONNECTED": "the audit machine has no network connection",
    "ERR_NETWORK_CHANGED": "the network changed while the page loaded",
    "ERR_ABORTED": "the browser stopped loading the page (it was replaced by a download or another page)",
    "ERR_NAME_NOT_RESOLVED": "the site's address does not exist (its domain has no DNS record)",
    "ERR_NAME_RESOLUTION_FAILED": "the site's address could not be looked up (DNS failed)",
    "ERR_CERT_AUTHORITY_INVALID": (
        "the site's TLS certificate is not trusted (self-signed or from an unknown authority): browsers show "
        "a security warning instead of the page"
    ),
    "ERR_CERT_DATE_INVALID": (
        "the site's TLS certificate has expired (or is not valid yet): browsers show a security warning "
        "instead of the page"
    ),
    "ERR_CERT_COMMON_NAME_INVALID": (
        "the site's TLS certificate is for another name: browsers show a security warning instead of the page"
    ),
    "ERR_CERT_REVOKED": "the site's TLS certificate was revoked: browsers show a security warning",
    "ERR_CERT_WEAK_SIGNATURE_ALGORITHM": (
        "the site's TLS certificate uses a weak signature browsers no longer accept: they show a security warning"
    ),
    "ERR_SSL_PROTOCOL_ERROR": "the secure connection (TLS) to the site failed: browsers show an error",
    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH": (
        "the site's secure connection (TLS) is outdated: browsers refuse its TLS version or ciphers"
    ),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """Something hostile a page did to a visitor although it opened (pure data)."""

    kind: str  # other-host, reloads, frozen, too-large, dialogs, popups, charset, form-elsewhere, captcha
    message: str
    severe: bool = False  # a visitor cannot use the page (it freezes, it leaves for another host)


@dataclass(frozen=True, slots=True)
class Visit:
    """What one page load looked like to the browser. Times in ms from navigation start."""

    url: str
    final_url: str
    status: int
    timings: Mapping[str, float] = field(default_factory=dict)
    transfer_bytes: int | None = None
    wall_ms: float = 0.0
    issues: tuple[Issue, ...] = ()
    html_bytes: int | None = None  # the HTML's size after decompression, as the browser read it
    frozen: bool = False  # a script froze the tab after load (it was stopped)
    left_for: str = ""  # the other host's page the visitor was sent to after load

    @property
    def lookable(self) -> bool:
        """Whether the tab still shows this site's page, alive (worth reading its contacts)."""
        return not self.frozen and not self.left_for


def plain_network_error(code: str) -> str:
    """A browser network error code in an owner's words (the code is not repeated)."""
    if code in _PLAIN:
        return _PLAIN[code]
    if code.startswith("ERR_CERT_"):
        return "the site's TLS certificate is not valid: browsers show a security warning instead of the page"
    if code.startswith("ERR_SSL_"):
        return "the secure connection (TLS) to the site failed: browsers show an error"
    if code.startswith(("ERR_PROXY_", "ERR_TUNNEL_")):
        return "the proxy the audit goes through could not reach the site"
    return "the browser could not load the page (a network error)"


def navigation_error(url: str, message: str, *, timeout_ms: float) -> SiteError:
    """Turn a Playwright navigation failure into the site finding it means, in plain words."""
    if "Timeout" in message and "exceeded" in message:
        return PageTimeout(url, f"{url} did not finish loading within {timeout_ms / 1000:g} s")
    match = _NET.search(message)
    code = match.group(1) if match else ""
    if code:
        said = f"{url}: {plain_network_error(code)}"
        if code in {"ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED"}:
            return DnsError(url, said, code=code)
        if code.startswith("ERR_CERT_") or code.startswith("ERR_SSL_"):
            return TlsError(url, said, code=code)
        if code in {"ERR_TOO_MANY_REDIRECTS", "ERR_UNSAFE_REDIRECT", "ERR_INVALID_REDIRECT"}:
            return RedirectLoop(url, said, code=code)
        if code in {"ERR_TIMED_OUT", "ERR_CONNECTION_TIMED_OUT"}:
            return PageTimeout(url, said, code=code)
        return NetworkError(url, said, code=code)
    if "Download is starting" in message:
        return NotAWebPage(url, f"{url} is not a web page: it is a file the browser downloads")
    if re.search(r"closed|crash|detached|destroyed", message, re.IGNORECASE):
        return NetworkError(url, f"{url}: the browser tab stopped while the page loaded (the page crashed it)")
    return NetworkError(url, f"{url} could not be loaded (the browser gave no reason)")


def timings_from_entries(data: Mapping[str, Any]) -> tuple[dict[str, float], int | None]:
    """Browser metrics from the timing script's result: (metric id -> ms, transfer bytes)."""
    nav = data.get("navigation") or {}
    paints = data.get("paints") or {}
    out: dict[str, float] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, int | float) and value > 0:
            out[key] = float(value)

    put("browser:ttfb", nav.get("responseStart"))
    if isinstance(nav.get("responseStart"), int | float) and isinstance(nav.get("requestStart"), int | float):
        put("browser:server-time", nav["responseStart"] - nav["requestStart"])
    put("browser:dom-content-loaded", nav.get("domContentLoadedEventEnd"))
    put("browser:load", nav.get("loadEventEnd"))
    put("browser:first-contentful-paint", paints.get("first-contentful-paint"))
    put("browser:largest-contentful-paint", data.get("lcp"))
    size = nav.get("transferSize")
    return out, int(size) if isinstance(size, int | float) else None


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """Whether two addresses are the same site for an owner: the same host, give or take `www.`
    and subdomains (shop.acme.example belongs to acme.example); ports and schemes do not count."""
    ha, hb = _host(a), _host(b)
    if not ha or not hb:
        return True  # about:blank, data: - not another host
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def size_words(n: float) -> str:
    """Bytes as an owner reads them: 5 KB, 48 KB, 10 MB, 1.1 GB."""
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.0f} MB" if n >= 1e7 else f"{n / 1e6:.1f} MB"
    if n >= 1e3:
        return f"{n / 1e3:.0f} KB"
    return f"{n:.0f} bytes"


def _declared_charset(content_type: str) -> str:
    match = re.search(r"charset=\"?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else ""


def page_issues(seen: Mapping[str, Any], *, url: str, content_type: str = "") -> list[Issue]:
    """What PAGE_SCRIPT saw that an owner should know (pure)."""
    issues: list[Issue] = []
    charset = str(seen.get("charset") or "")
    declared = _declared_charset(content_type) or charset
    sample = str(seen.get("sample") or "")
    shown = f", so words show like '{sample}'" if sample else ""
    if int(seen.get("replacement") or 0) >= 2:
        issues.append(
            Issue(
                "charset",
                f"the text is garbled (charset mismatch): the server says the page is in {declared} but its text "
                f"is in another character set (probably windows-1252){shown}",
            )
        )
    elif int(seen.get("mojibake") or 0) >= 2 and charset.lower() != "utf-8":
        issues.append(
            Issue(
                "charset",
                f"the text is garbled (charset mismatch): the server says the page is in {declared} but its text "
                f"is UTF-8{shown}",
            )
        )
    forms = [str(a) for a in seen.get("forms") or []]
    elsewhere = sorted({urlsplit(a).netloc for a in forms if a.startswith("http") and not same_site(a, url)})
    if elsewhere:
        issues.append(
            Issue(
                "form-elsewhere",
                f"a form on the page sends what visitors write to another host: {', '.join(elsewhere)} "
                "(the audit did not send it); make sure you receive what comes in there",
            )
        )
    if seen.get("captcha"):
        issues.append(
            Issue(
                "captcha",
                "the page has a CAPTCHA (a bot check) on its form: it needs a person, so the audit did not send the "
                "form; some visitors give up at CAPTCHAs too",
            )
        )
    return issues


def evaluate(cdp: CDPSession, expression: str, *, timeout_ms: float = RESPONSIVE_MS) -> Any:
    """Run `expression` (a JS function's source) in the page and return its JSON value; raise
    `TimeoutError` when the page does not answer within `timeout_ms` (a frozen tab), `ValueError`
    when it threw. Unlike `page.evaluate`, this never waits forever."""
    from playwright.sync_api import Error

    try:
        out = cdp.send(
            "Runtime.evaluate",
            {"expression": f"({expression})()", "returnByValue": True, "awaitPromise": True},
            timeout=timeout_ms,
        )
    except Error as exc:
        if "Timeout" in str(exc):
            raise TimeoutError("the page did not answer") from None
        raise ValueError("the page could not be read") from None
    if "exceptionDetails" in out:
        raise ValueError("the page's script failed")
    return out.get("result", {}).get("value")


def responsive(cdp: CDPSession, *, timeout_ms: float = RESPONSIVE_MS) -> bool:
    """Whether the tab answers at all; a tab that does not has its scripts stopped, so the audit
    can go on with it (screenshot, close)."""
    from playwright.sync_api import Error

    try:
        try:
            evaluate(cdp, "() => 1 + 1", timeout_ms=timeout_ms)
        except TimeoutError:  # busy (a huge page's layout) or frozen: a busy page answers a second time
            evaluate(cdp, "() => 1 + 1", timeout_ms=2 * timeout_ms)
        return True
    except ValueError:
        return True  # it answered, if only with an error
    except TimeoutError:
        with contextlib.suppress(Error):
            cdp.send("Runtime.terminateExecution", timeout=timeout_ms)
        return False


@dataclass
class _Document:
    """The main frame's document request as DevTools saw it."""

    url: str
    redirects: int = 0
    status: int | None = None
    content_type: str = ""
    content_length: int | None = None
    content_encoding: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    headers_text: str = ""
    decoded: int = 0
    encoded: int = 0
    finished: bool = False
    total: int = 0  # bytes on the wire, headers included, once finished
    last_data: float = 0.0  # when the last bytes came (monotonic)
    failed: str = ""  # the browser's error code

    @property
    def broke_off(self) -> bool:
        """The connection closed inside the headers: fewer bytes came than the headers the browser
        made of them (Chromium completes a cut-off head and shows a blank page)."""
        return self.finished and bool(self.headers_text) and 0 < self.total < len(self.headers_text.encode())


class _Watch:
    """Everything a page does while the visit watches: its main document's bytes (DevTools),
    main-frame navigations, dialogs (dismissed) and pop-ups (blocked)."""

    def __init__(self, page: Page, cdp: CDPSession) -> None:
        self.page = page
        self.cdp = cdp
        self.docs: dict[str, _Document] = {}
        self.order: list[str] = []
        self.navigations: list[tuple[float, str]] = []  # (monotonic time, url), cross-document only
        self.dialogs: Counter[str] = Counter()
        self.popups = 0
        tree = cdp.send("Page.getFrameTree", timeout=10_000)
        self.frame = str(tree["frameTree"]["frame"]["id"])
        cdp.send("Network.enable", timeout=10_000)
        cdp.send("Page.enable", timeout=10_000)
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.responseReceivedExtraInfo", self._extra)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Page.frameNavigated", self._navigated)
        page.on("dialog", self._dialog)
        page.context.on("page", self._popup)
        page.expose_function("__touchpointPopup", self._blocked)
        page.add_init_script(POPUP_BLOCKER)

    @property
    def doc(self) -> _Document | None:
        return self.docs[self.order[0]] if self.order else None

    def _request(self, p: dict[str, Any]) -> None:
        if p.get("type") != "Document" or p.get("frameId") != self.frame:
            return
        rid = str(p.get("requestId"))
        doc = self.docs.get(rid)
        if doc is None:
            self.docs[rid] = _Document(str(p.get("request", {}).get("url", "")))
            self.order.append(rid)
        else:
            doc.redirects += 1
            doc.url = str(p.get("request", {}).get("url", doc.url))

    def _response(self, p: dict[str, Any]) -> None:
        doc = self.docs.get(str(p.get("requestId")))
        if doc is None:
            return
        response = p.get("response", {})
        headers = {str(k).lower(): str(v) for k, v in (response.get("headers") or {}).items()}
        doc.status = int(response.get("status", 0))
        doc.url = str(response.get("url", doc.url))
        doc.content_type = headers.get("content-type", "")
        doc.headers = headers
        length = headers.get("content-length", "")
        doc.content_length = int(length) if length.isdigit() else None
        doc.content_encoding = headers.get("content-encoding", "").strip().lower()

    def _extra(self, p: dict[str, Any]) -> None:
        doc = self.docs.get(str(p.get("requestId")))
        if doc is not None and p.get("headersText"):
            doc.headers_text = str(p["headersText"])

    def _data(self, p: dict[str, Any]) -> None:
        doc = self.docs.get(str(p.get("requestId")))
        if doc is not None:
            doc.decoded += int(p.get("dataLength", 0))
            doc.last_data = time.monotonic()
            doc.encoded += int(p.get("encodedDataLength", 0))

    def _finished(self, p: dict[str, Any]) -> None:
        doc = self.docs.get(str(p.get("requestId")))
        if doc is not None:
            doc.finished = True
            doc.total = int(p.get("encodedDataLength", 0))

    def _failed(self, p: dict[str, Any]) -> None:
        doc = self.docs.get(str(p.get("requestId")))
        if doc is not None:
            match = _NET.search(str(p.get("errorText", "")))
            doc.failed = match.group(1) if match else "ERR_FAILED"

    def _navigated(self, p: dict[str, Any]) -> None:
        frame = p.get("frame", {})
        if frame.get("parentId") or frame.get("id") != self.frame:
            return
        self.navigations.append((time.monotonic(), str(frame.get("url", ""))))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs[str(dialog.type)] += 1
        with contextlib.suppress(Exception):
            dialog.dismiss()

    def _popup(self, popup: Page) -> None:
        self.popups += 1
        with contextlib.suppress(Exception):
            popup.close()

    def _blocked(self, _url: str = "") -> None:
        self.popups += 1

    def close(self) -> None:
        self.page.remove_listener("dialog", self._dialog)
        self.page.context.remove_listener("page", self._popup)


def _dialog_words(dialogs: Counter[str]) -> str:
    names = {"alert": "alert", "confirm": "confirm", "prompt": "prompt", "beforeunload": "leave-page warning"}
    parts = []
    for kind in ("alert", "confirm", "prompt", "beforeunload"):
        n = dialogs.get(kind, 0)
        if n:
            word = names[kind]
            parts.append(f"an {word}" if n == 1 and word[0] in "aeiou" else f"a {word}" if n == 1 else f"{n} {word}s")
    return ", ".join(parts)


class _Visitor:
    def __init__(self, page: Page, url: str, timeout_ms: float) -> None:
        self.page = page
        self.url = url
        self.timeout_ms = timeout_ms
        self.cdp = page.context.new_cdp_session(page)
        self.watch = _Watch(page, self.cdp)

    def run(self) -> Visit:
        from playwright.sync_api import Error

        page, url = self.page, self.url
        started = time.perf_counter()
        deadline = time.monotonic() + self.timeout_ms / 1000
        try:
            response = page.goto(url, wait_until="commit", timeout=self.timeout_ms)
        except Error as exc:
            raise self._failure(str(exc)) from None
        if response is None:
            raise NetworkError(url, f"{url} gave the browser no answer")
        self._check_answer(response)
        loaded = self._wait_for_load(deadline)
        wall_ms = (time.perf_counter() - started) * 1000
        for _ in range(10):  # the document's last bytes are counted just after load
            doc = self.watch.doc
            if doc is None or doc.finished or doc.failed:
                break
            page.wait_for_timeout(100)
        self._check_answer(response)  # the headers' details may come after the commit
        self._check_content(response)
        try:
            data = evaluate(self.cdp, TIMING_SCRIPT, timeout_ms=5_000) or {}
        except (TimeoutError, ValueError):
            data = {}
        timings, size = timings_from_entries(data if isinstance(data, dict) else {})
        remaining = loaded + SETTLE_MS / 1000 - time.monotonic()
        if remaining > 0:
            page.wait_for_timeout(remaining * 1000)
        issues, left_for = self._after_load(loaded)
        frozen = not responsive(self.cdp)
        if frozen:
            after = time.monotonic() - loaded
            issues.insert(
                0,
                Issue(
                    "frozen",
                    f"the page freezes within {after:.0f} s after it loads: a script on it never stops, so the page "
                    "stops reacting to a visitor (no scrolling, no clicks)",
                    severe=True,
                ),
            )
        elif not left_for and (self.watch.doc is None or self.watch.doc.decoded <= HTML_TOO_LARGE):
            try:
                seen = evaluate(self.cdp, PAGE_SCRIPT, timeout_ms=5_000) or {}
            except (TimeoutError, ValueError):
                seen = {}
            doc = self.watch.doc
            if isinstance(seen, dict):
                if not seen.get("elements") and not seen.get("text") and not issues:
                    raise NotAWebPage(
                        url,
                        f"{url}: the page is empty - HTTP {response.status} with no content, so visitors see a "
                        "blank page",
                    )
                issues += page_issues(seen, url=url, content_type=doc.content_type if doc else "")
        issues += self._counted_issues()
        doc = self.watch.doc
        self.watch.close()
        return Visit(
            url=url,
            final_url=page.url if not left_for else (doc.url if doc else page.url),
            status=response.status,
            timings=timings,
            transfer_bytes=size,
            wall_ms=wall_ms,
            issues=tuple(issues),
            html_bytes=doc.decoded if doc else None,
            frozen=frozen,
            left_for=left_for,
        )

    def _wait_for_load(self, deadline: float) -> float:
        """Wait for `load` in short steps, giving up early on what never ends; the time of load."""
        from playwright.sync_api import Error

        page = self.page
        while True:
            remaining = deadline - time.monotonic()
            doc = self.watch.doc
            if doc is not None and doc.failed and doc.failed != "ERR_ABORTED":
                raise self._coded(doc.failed)
            if doc is not None and doc.decoded > READ_CAP:
                self._stop()
                raise self._unfinished(doc, capped=True)
            if remaining <= 0:
                raise self._timed_out(doc)
            try:
                page.wait_for_load_state("load", timeout=max(1.0, min(250.0, remaining * 1000)))
                return time.monotonic()
            except Error:
                continue

    def _timed_out(self, doc: _Document | None) -> SiteError:
        """The page did not finish within the timeout: why (no answer, an endless or cut-off body, a
        script that never stops)."""
        url = self.url
        streaming = (
            doc is not None
            and doc.status is not None
            and not doc.finished
            and doc.content_length is None
            and doc.decoded > 0
            and time.monotonic() - doc.last_data < 2.0
        )
        if doc is not None and doc.status is not None and not streaming and not responsive(self.cdp):
            return PageFrozen(
                url,
                f"{url}: the page's script never stops, so the browser tab freezes and the page never finished "
                f"loading (waited {self.timeout_ms / 1000:g} s)",
            )
        self._stop()
        return self._unfinished(doc, capped=False)

    def _stop(self) -> None:
        from playwright.sync_api import Error

        with contextlib.suppress(Error):
            self.cdp.send("Page.stopLoading", timeout=RESPONSIVE_MS)

    def _unfinished(self, doc: _Document | None, *, capped: bool) -> SiteError:
        url, waited = self.url, f"{self.timeout_ms / 1000:g} s"
        if doc is None or doc.status is None:
            return PageTimeout(
                url,
                f"{url} did not answer within {waited}: the connection opened, but no reply came",
            )
        if capped:
            if doc.content_encoding and doc.content_encoding != "identity":
                sent = f"about {size_words(doc.content_length)} sent" if doc.content_length else "what it sends"
                return PageTimeout(
                    url,
                    f"{url} never finished loading: it is too large when unpacked - {sent} ({doc.content_encoding}"
                    f"-compressed) unpacks to more than {size_words(doc.decoded)} of HTML (the audit read up to its "
                    f"cap of {size_words(READ_CAP)} and stopped)",
                )
            return PageTimeout(
                url,
                f"{url} never finished loading: the page is too large, more than {size_words(doc.decoded)} of "
                f"HTML (the audit read up to its cap of {size_words(READ_CAP)} and stopped)",
            )
        if doc.content_length and doc.decoded < doc.content_length and doc.encoded < doc.content_length:
            got = max(doc.decoded, doc.encoded)
            return PageTimeout(
                url,
                f"{url} never finished loading: the server stopped after about {size_words(got)} of the "
                f"{size_words(doc.content_length)} it announced and then sent nothing (waited {waited})",
            )
        if doc.content_length is None and doc.decoded > 0 and not doc.finished:
            return PageTimeout(
                url,
                f"{url} never finished loading: the server keeps sending without end ({size_words(doc.decoded)} "
                f"in {waited}, the audit stopped reading there)",
            )
        return PageTimeout(url, f"{url} started to show but never finished loading within {waited}")

    def _coded(self, code: str) -> SiteError:
        return navigation_error(self.url, f"net::{code}", timeout_ms=self.timeout_ms)

    def _failure(self, message: str) -> SiteError:
        """A failed `goto`, explained with what the watch saw of the document."""
        doc = self.watch.doc
        if "Timeout" in message and "exceeded" in message:
            if doc is not None and doc.failed:
                return self._coded(doc.failed)
            return self._timed_out(doc)
        if doc is not None and doc.status is not None and doc.status >= 400:
            return HttpErrorStatus(self.url, doc.status, refusal_message(self.url, doc.status, None, doc.headers))
        if doc is not None and doc.status is not None and doc.content_type:
            kind = doc.content_type.split(";")[0].strip().lower()
            if kind and not _is_html(kind):
                return _not_a_page(self.url, kind)
        if doc is not None and doc.redirects >= 20 and "ERR_TOO_MANY_REDIRECTS" not in message:
            return RedirectLoop(self.url, f"{self.url}: {_PLAIN['ERR_TOO_MANY_REDIRECTS']}")
        return navigation_error(self.url, message, timeout_ms=self.timeout_ms)

    def _check_answer(self, response: Response) -> None:
        """Raise for an answer that is not this site's page: an error status, another host."""
        url = self.url
        doc = self.watch.doc
        if doc is not None and doc.broke_off:
            raise NetworkError(
                url,
                f"{url}: the server broke off its answer - the connection closed in the middle of the headers, "
                "so no page came",
            )
        status = response.status
        if status >= 400:
            title = ""
            if status in REFUSALS:
                try:
                    self.page.wait_for_load_state("domcontentloaded", timeout=3_000)
                    title = str(evaluate(self.cdp, "() => document.title") or "")
                except Exception:
                    title = ""
            wall = bot_wall(status, response.headers, title)
            raise HttpErrorStatus(url, status, refusal_message(url, status, wall, response.headers))
        final = response.url
        if not same_site(final, url):
            hops = doc.redirects if doc is not None else 0
            host = urlsplit(final).hostname or final
            through = f"goes through {hops} redirects and ends on" if hops > 1 else "redirects to"
            raise OtherHost(
                url,
                final,
                f"{url} {through} another host: {host} ({final}); the site itself does not open there",
            )

    def _check_content(self, response: Response) -> None:
        """Raise for an answer that is not a web page: a file, JSON, nothing."""
        kind = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
        if kind and not _is_html(kind):
            raise _not_a_page(self.url, kind)
        try:
            seen = evaluate(
                self.cdp,
                "() => ({type: document.contentType})",
            )
        except (TimeoutError, ValueError):
            return  # a frozen or busy page is judged after it settled
        if isinstance(seen, dict) and not _is_html(str(seen.get("type") or "text/html")):
            raise _not_a_page(self.url, str(seen.get("type")))

    def _after_load(self, loaded: float) -> tuple[list[Issue], str]:
        """Where the page went after `load`: another host, or itself again and again."""
        url = self.url
        later = [(t, u) for t, u in self.watch.navigations if t >= loaded - 0.05 and u != "about:blank"]
        issues: list[Issue] = []
        away = next(((t, u) for t, u in later if not same_site(u, url)), None)
        if away is not None:
            t, target = away
            host = urlsplit(target).hostname or target
            after = t - loaded
            if after * 1000 <= AT_ONCE_MS:
                raise OtherHost(
                    url,
                    target,
                    f"{url} sends visitors to another host at once, as soon as it loads (a refresh or a script): "
                    f"{host} ({target}); visitors never see the site's page",
                )
            issues.append(
                Issue(
                    "other-host",
                    f"the page sends visitors to another host {after:.0f} s after it loads: {host} ({target}); if you "
                    "did not set this up, the site may have been hacked",
                    severe=True,
                )
            )
            return issues, target
        reloads = [u for _, u in later if same_site(u, url)]
        if len(reloads) >= 2:
            every = SETTLE_MS / 1000 / len(reloads)
            issues.append(
                Issue(
                    "reloads",
                    f"the page keeps reloading itself (every {every:.1g} s or less: {len(reloads)} times in the "
                    f"{SETTLE_MS / 1000:g} s after it loaded), so visitors cannot read or use it",
                    severe=True,
                )
            )
        return issues, ""

    def _counted_issues(self) -> list[Issue]:
        issues = []
        doc = self.watch.doc
        if doc is not None and doc.decoded > HTML_TOO_LARGE:
            issues.append(
                Issue(
                    "too-large",
                    f"the page is too large: about {size_words(doc.decoded)} of HTML (a typical page's HTML is under "
                    "100 KB); phones on a slow connection wait long for it",
                )
            )
        if self.watch.dialogs:
            issues.append(
                Issue(
                    "dialogs",
                    f"the page shows dialogs ({_dialog_words(self.watch.dialogs)}): a visitor has to click each "
                    "away before using the page (the audit dismissed them)",
                )
            )
        if self.watch.popups:
            n = self.watch.popups
            issues.append(
                Issue(
                    "popups",
                    f"the page tries to open {n} pop-up window{'s' if n != 1 else ''}: blocked, as a visitor's "
                    "browser blocks them",
                )
            )
        return issues


def _is_html(kind: str) -> bool:
    return kind in {"", "text/html", "application/xhtml+xml"}


def _not_a_page(url: str, kind: str) -> NotAWebPage:
    return NotAWebPage(
        url,
        f"{url} is not a web page: it answers with a file ({kind}) instead of a page visitors can read",
    )


def visit(page: Page, url: str, *, timeout_ms: float = 30_000) -> Visit:
    """Open `url` in `page` like a visitor; raise a `SiteError` for what a visitor would hit.

    A page that opens but does something hostile after (leaves for another host, reloads itself,
    freezes, shows dialogs or pop-ups, garbles its text) comes back with its `issues`."""
    return _Visitor(page, url, timeout_ms).run()
