"""The bed checks itself: every case answers as key.json says, with httpx and raw sockets (no browser, not the
audit). About 20 s.

    .venv/bin/python -m pytest tests/beds/hostile_sites -q
"""

from __future__ import annotations

import gzip
import itertools
import re
import signal
import socket
import ssl
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.beds.hostile_sites.server import (
    CASE_IDS,
    CASES,
    CASES_BY_ID,
    ELSEWHERE_HOST,
    KEY,
    SITE_HOST,
    HostileSites,
)

ROOT = Path(__file__).resolve().parents[3]
SLOW = 1.0  # slow_seconds for the module's bed
HANG = 2.0  # hang_seconds
STREAM = 3.0  # stream_seconds
GET = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bed-selftest\r\nAccept: */*\r\n\r\n"


@pytest.fixture(scope="module")
def beds() -> Iterator[HostileSites]:
    with HostileSites.started(slow_seconds=SLOW, hang_seconds=HANG, stream_seconds=STREAM) as started:
        yield started


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5.0, follow_redirects=False) as c:
        yield c


def biz(case: str) -> dict[str, str]:
    business: dict[str, str] = CASES_BY_ID[case]["business"]
    return business


def expanded(value: str, beds: HostileSites) -> str:
    return value.replace("{ELSEWHERE}", beds.elsewhere)


def connect(beds: HostileSites, case: str, *, timeout: float = 3.0) -> socket.socket:
    return socket.create_connection((SITE_HOST, beds.port(case)), timeout=timeout)


def read_for(sock: socket.socket, seconds: float, *, cap: int = 1 << 24) -> tuple[bytes, bool]:
    """Everything the peer sends within ``seconds`` (at most ``cap`` bytes); True when the peer closed."""
    data = bytearray()
    deadline = time.monotonic() + seconds
    while len(data) < cap:
        left = deadline - time.monotonic()
        if left <= 0:
            return bytes(data), False
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            return bytes(data), False
        if not chunk:
            return bytes(data), True
        data += chunk
    return bytes(data), False


def head_and_body(raw: bytes) -> tuple[str, dict[str, list[str]], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return lines[0], headers, body


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(parser.parts)


def home_bytes(beds: HostileSites, case: str) -> bytes:
    """What a client reads of the case's home page (bounded for the endless and compressed ones)."""
    if case in ("short-body", "endless-chunked"):
        with connect(beds, case) as sock:
            sock.sendall(GET)
            raw, _ = read_for(sock, 0.8, cap=256 * 1024)
        return head_and_body(raw)[2]
    if case == "gzip-bomb":
        inflate = zlib.decompressobj(31)
        with (
            httpx.Client(trust_env=False, timeout=5.0) as c,
            c.stream("GET", beds.url(case)) as response,
        ):
            for chunk in response.iter_raw():
                return inflate.decompress(chunk, 1 << 20)
        return b""
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=beds.ca_file) if case == "tls-control" else True
    with httpx.Client(trust_env=False, timeout=5.0, follow_redirects=True, verify=verify) as c:
        return c.get(beds.url(case)).content


# ------------------------------------------------------------------ the key


def test_key_is_complete_and_every_case_is_served(beds: HostileSites) -> None:
    hostile = [case for case in CASES if case["group"] != "control"]
    assert 30 <= len(hostile) <= 40
    assert len(CASE_IDS) == len(set(CASE_IDS))
    fields = {
        "id", "group", "scheme", "path", "business", "what", "sources", "serves", "answer", "finding",
        "finding_also_acceptable", "must_not_find", "opens", "contacts", "may_score", "score_note",
        "time_bound_s", "time_bound_why", "limits", "forbidden",
    }  # fmt: skip
    for case in CASES:
        assert set(case) == fields, case["id"]
        assert case["opens"] in KEY["opens_values"], case["id"]
        assert case["may_score"] in KEY["may_score_values"], case["id"]
        assert isinstance(case["time_bound_s"], int) and 0 <= case["time_bound_s"] <= 120, case["id"]
        assert case["time_bound_why"] and case["what"] and case["sources"], case["id"]
        assert (case["finding"] is None) == (case["group"] == "control" or case["id"] == "cookie-redirect")
        assert set(case["limits"]) == {"site_requests", "elsewhere_requests", "posts"}
        if case["opens"] == "no" or case["group"] == "tls":
            assert case["may_score"] == "no", case["id"]
        url = urlsplit(beds.url(case["id"]))
        assert (url.scheme, url.hostname, url.path) == (case["scheme"], SITE_HOST, "/")
    ports = [beds.port(case) for case in CASE_IDS]
    assert len(set(ports)) == len(ports), "every case is its own site"
    assert urlsplit(beds.elsewhere).hostname == ELSEWHERE_HOST
    assert {"Execution context was destroyed", "Target closed", "net::ERR_", "Traceback", "playwright"} <= set(
        KEY["forbidden_everywhere"]
    )


@pytest.mark.parametrize(
    "case", [case["id"] for case in CASES if case["contacts"]["expected"] and case["id"] != "tls-control"]
)
def test_expected_contacts_are_on_the_page(beds: HostileSites, case: str) -> None:
    body = home_bytes(beds, case)
    for contact in CASES_BY_ID[case]["contacts"]["expected"]:
        if contact["kind"] == "phone":
            assert contact["value"].encode() in body and f'href="tel:{contact["tel"]}"'.encode() in body, case
        elif contact["kind"] == "email":
            assert f'href="mailto:{contact["value"]}"'.encode() in body, case
        else:
            assert f'href="{contact["value"]}"'.encode() in body, case


def test_served_text_has_none_of_the_forbidden_words(beds: HostileSites) -> None:
    """An audit quoting a page must not trip the key's forbidden words because of the page itself."""
    forbidden = [word.lower() for word in KEY["forbidden_everywhere"]]
    readable = [
        case["id"]
        for case in CASES
        if case["group"] != "connection"
        and case["scheme"] == "http"
        and case["id"] not in ("gzip-bomb", "bad-gzip", "pdf-home", "redirect-loop")
    ]
    with httpx.Client(trust_env=False, timeout=5.0, follow_redirects=True) as c:
        for case in readable:
            response = c.get(beds.url(case))
            text = visible_text(response.text).lower()
            assert not [word for word in forbidden if word in text], case


# --------------------------------------------------------------- connection


def test_refused(beds: HostileSites) -> None:
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((SITE_HOST, beds.port("refused")), timeout=2).close()


def test_no_answer_stays_silent_then_closes_without_a_byte(beds: HostileSites) -> None:
    started = time.monotonic()
    with connect(beds, "no-answer") as sock:
        sock.sendall(GET)
        data, closed = read_for(sock, HANG + 2.0)
    assert data == b"" and closed
    assert HANG - 0.3 <= time.monotonic() - started <= HANG + 1.5
    with pytest.raises(httpx.ReadTimeout), httpx.Client(trust_env=False, timeout=0.5) as c:
        c.get(beds.url("no-answer"))


def test_close_mid_header(beds: HostileSites, client: httpx.Client) -> None:
    with connect(beds, "close-mid-header") as sock:
        sock.sendall(GET)
        data, closed = read_for(sock, 2.0)
    assert closed and data.startswith(b"HTTP/1.1 200 OK\r\n") and b"\r\n\r\n" not in data
    assert (
        data.endswith(b"Content-Type: text/ht")
        and len(data) == CASES_BY_ID["close-mid-header"]["answer"]["bytes_before_close"]
    )
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(beds.url("close-mid-header"))


def test_not_http_speaks_ssh(beds: HostileSites, client: httpx.Client) -> None:
    with connect(beds, "not-http") as sock:
        banner, _ = read_for(sock, 0.5)
        assert banner.startswith(b"SSH-2.0-OpenSSH_")
        sock.sendall(GET)
        rest, closed = read_for(sock, 2.0)
    assert closed and rest == b"Invalid SSH identification string.\r\n"
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(beds.url("not-http"))


def test_headers_too_big(beds: HostileSites) -> None:
    with connect(beds, "headers-too-big") as sock:
        sock.sendall(GET)
        data, closed = read_for(sock, 3.0)
    status, headers, body = head_and_body(data)
    assert closed and status == "HTTP/1.1 200 OK"
    assert data.index(b"\r\n\r\n") > CASES_BY_ID["headers-too-big"]["answer"]["header_bytes_over"]
    assert len(headers["set-cookie"]) == 300
    assert len(body) == int(headers["content-length"][0]) and biz("headers-too-big")["phone"].encode() in body


def test_slow_first_byte(beds: HostileSites, client: httpx.Client) -> None:
    started = time.monotonic()
    response = client.get(beds.url("slow-first-byte"))
    took = time.monotonic() - started
    assert response.status_code == 200 and SLOW <= took <= SLOW + 1.5
    assert biz("slow-first-byte")["email"] in response.text


def test_short_body_stalls_then_closes_short(beds: HostileSites, client: httpx.Client) -> None:
    with connect(beds, "short-body") as sock:
        sock.sendall(GET)
        first, closed = read_for(sock, 0.7)
        status, headers, body = head_and_body(first)
        assert not closed and status == "HTTP/1.1 200 OK" and headers["content-length"] == ["48213"]
        assert 0 < len(body) <= CASES_BY_ID["short-body"]["answer"]["body_bytes_before_stall_max"]
        more, closed = read_for(sock, HANG + 1.5)
    assert more == b"" and closed, "nothing after the first part, then the connection closes"
    assert client.get(beds.origin("short-body") + "/contact/").status_code == 200


def test_endless_chunked_never_ends_and_stops_when_the_client_goes(beds: HostileSites) -> None:
    before = len(beds.requests("endless-chunked"))
    with connect(beds, "endless-chunked") as sock:
        sock.sendall(GET)
        data, closed = read_for(sock, 1.0, cap=64 << 20)
    status, headers, body = head_and_body(data)
    assert not closed and status == "HTTP/1.1 200 OK" and headers["transfer-encoding"] == ["chunked"]
    assert len(body) > 300_000 and b"\r\n0\r\n\r\n" not in body
    hit = beds.requests("endless-chunked")[before]
    deadline = time.monotonic() + 3.0
    while hit.finished is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hit.finished is not None, "the server stopped writing once the client had gone"
    sent = hit.sent
    time.sleep(0.3)
    assert hit.sent == sent


def test_endless_chunked_ends_at_stream_seconds_without_a_last_chunk(beds: HostileSites) -> None:
    started = time.monotonic()
    with connect(beds, "endless-chunked") as sock:
        sock.sendall(GET)
        size = 0
        tail = b""
        closed = False
        while time.monotonic() - started < STREAM + 3.0 and not closed:
            data, closed = read_for(sock, 0.5, cap=64 << 20)
            size += len(data)
            tail = (tail + data)[-16:]
    assert closed and STREAM - 0.5 <= time.monotonic() - started <= STREAM + 2.0
    assert not tail.endswith(b"0\r\n\r\n") and size > 1_000_000


# -------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("not-found-404", 404),
        ("server-error-500", 500),
        ("maintenance-503", 503),
        ("auth-required-401", 401),
        ("captcha-wall", 403),
    ],
)
def test_error_status_on_every_path(beds: HostileSites, client: httpx.Client, case: str, status: int) -> None:
    for path in ("/", "/contact/", "/services/"):
        response = client.get(beds.origin(case) + path)
        assert response.status_code == status == CASES_BY_ID[case]["answer"]["status"], (case, path)
        assert response.headers["content-type"].startswith("text/html")
    response = client.get(beds.url(case))
    if case == "maintenance-503":
        assert response.headers["retry-after"] == "600"
    if case == "auth-required-401":
        assert response.headers["www-authenticate"] == 'Basic realm="Staging area"'
    if case == "captcha-wall":
        assert response.headers["cf-mitigated"] == "challenge" and "Just a moment..." in response.text
        assert 'class="cf-turnstile"' in response.text


def test_trap_contacts_are_served_where_the_key_says(beds: HostileSites, client: httpx.Client) -> None:
    where = {
        "not-found-404": beds.url("not-found-404"),
        "redirect-other-host": beds.url("redirect-other-host"),
        "redirect-chain-other-host": beds.url("redirect-chain-other-host"),
        "meta-refresh-other-host": f"{beds.elsewhere}/meta-refresh-other-host/",
        "js-redirect-other-host": f"{beds.elsewhere}/js-redirect-other-host/win?ref=home",
    }
    assert set(where) == {case["id"] for case in CASES if case["contacts"]["must_not_report"]}
    for case, url in where.items():
        text = client.get(url, follow_redirects=True).text
        for contact in CASES_BY_ID[case]["contacts"]["must_not_report"]:
            assert contact["value"] in text, case
        assert biz(case)["phone"] not in text and biz(case)["email"] not in text, case


# ----------------------------------------------------------------- redirects


def test_redirect_loop(beds: HostileSites, client: httpx.Client) -> None:
    cycle = CASES_BY_ID["redirect-loop"]["answer"]["cycle"]
    for here, there in itertools.pairwise(cycle):
        response = client.get(beds.origin("redirect-loop") + here)
        assert response.status_code in (301, 302) and response.headers["location"] == there
    with pytest.raises(httpx.TooManyRedirects):
        client.get(beds.url("redirect-loop"), follow_redirects=True)


def test_redirect_other_host(beds: HostileSites, client: httpx.Client) -> None:
    response = client.get(beds.url("redirect-other-host"))
    assert response.status_code == 301
    assert response.headers["location"] == expanded(CASES_BY_ID["redirect-other-host"]["answer"]["location"], beds)
    landed = client.get(beds.url("redirect-other-host"), follow_redirects=True)
    assert landed.status_code == 200 and landed.url.host == ELSEWHERE_HOST


def test_redirect_chain_other_host(beds: HostileSites, client: httpx.Client) -> None:
    answer = CASES_BY_ID["redirect-chain-other-host"]["answer"]
    response = client.get(beds.url("redirect-chain-other-host"), follow_redirects=True)
    assert response.status_code == 200 and str(response.url) == expanded(answer["final"], beds)
    assert [r.status_code for r in response.history] == [301, 302, 302, 307] and len(response.history) == answer["hops"]
    assert response.history[0].headers["location"] == answer["location"]


def test_cookie_redirect_opens_with_cookies(beds: HostileSites, client: httpx.Client) -> None:
    first = client.get(beds.url("cookie-redirect"))
    assert first.status_code == 302 and first.headers["location"] == "/"
    assert first.headers["set-cookie"].startswith("hb_session=1")
    with httpx.Client(trust_env=False, timeout=5.0, follow_redirects=True) as browserish:
        page = browserish.get(beds.url("cookie-redirect"))
    assert page.status_code == 200 and len(page.history) == 1
    for _ in range(3):  # a client that drops cookies is sent round for ever
        client.cookies.clear()
        again = client.get(beds.url("cookie-redirect"))
        assert again.status_code == 302 and again.headers["location"] == "/"


def test_pages_that_navigate_themselves(beds: HostileSites, client: httpx.Client) -> None:
    moved = client.get(beds.url("meta-refresh-other-host"))
    target = expanded(CASES_BY_ID["meta-refresh-other-host"]["answer"]["refresh_to"], beds)
    assert moved.status_code == 200 and f'<meta http-equiv="refresh" content="0; url={target}">' in moved.text
    hacked = client.get(beds.url("js-redirect-other-host")).text
    assert "window.location.replace(" in hacked and f"{beds.elsewhere}/js-redirect-other-host/win" in hacked
    assert "2000" in hacked
    reloads = client.get(beds.url("refresh-loop")).text
    assert '<meta http-equiv="refresh" content="0">' in reloads
    assert "http-equiv" not in client.get(beds.origin("refresh-loop") + "/contact/").text


# ---------------------------------------------------------- content and size


def test_not_html_types(beds: HostileSites, client: httpx.Client) -> None:
    pdf = client.get(beds.url("pdf-home"))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.4") and pdf.content.rstrip().endswith(b"%%EOF")
    assert biz("pdf-home")["phone"].encode() in pdf.content
    as_json = client.get(beds.url("json-home"))
    assert as_json.headers["content-type"].startswith("application/json") and as_json.json()["status"] == "ok"
    empty = client.get(beds.url("empty-200"))
    assert empty.status_code == 200 and empty.content == b"" and empty.headers["content-length"] == "0"
    assert empty.headers["content-type"] == CASES_BY_ID["empty-200"]["answer"]["content_type"]


def test_bad_gzip(beds: HostileSites, client: httpx.Client) -> None:
    with client.stream("GET", beds.url("bad-gzip")) as response:
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip" and not raw.startswith(b"\x1f\x8b")
    assert raw.startswith(b"<!doctype html>")
    with pytest.raises(httpx.DecodingError):
        client.get(beds.url("bad-gzip"))


def test_charset_mismatches(beds: HostileSites, client: httpx.Client) -> None:
    cp = client.get(beds.url("charset-mismatch"))
    assert cp.headers["content-type"] == "text/html; charset=utf-8"
    assert "Café Müller".encode("windows-1252") in cp.content and "Café Müller".encode() not in cp.content
    assert "Caf\ufffd M\ufffdller" in cp.text  # what the header says to do
    assert '<meta charset="windows-1252">' in cp.content.decode("windows-1252")
    u8 = client.get(beds.url("charset-latin1-header"))
    assert u8.headers["content-type"] == "text/html; charset=ISO-8859-1"
    assert "Crêperie Amélie".encode() in u8.content
    assert "CrÃªperie AmÃ©lie" in u8.content.decode("windows-1252")


def test_huge_page(beds: HostileSites, client: httpx.Client) -> None:
    response = client.get(beds.url("huge-10mb"))
    body = response.content
    assert response.status_code == 200 and len(body) >= 10_000_000 and len(body) < 10_001_000
    assert biz("huge-10mb")["phone"].encode() in body[:8192] and biz("huge-10mb")["email"].encode() in body[:8192]
    assert b"020 7946 0923" in body[-2048:] and b"020 7946 0923" not in body[:-2048]


def test_five_thousand_links(beds: HostileSites, client: httpx.Client) -> None:
    text = client.get(beds.url("links-5000")).text
    assert len(re.findall(r'href="/p/\d+/"', text)) == 5000
    assert text.index('href="/contact/"') < text.index('href="/p/1/"')
    assert client.get(beds.origin("links-5000") + "/p/5000/").status_code == 200
    assert client.get(beds.origin("links-5000") + "/p/5001/").status_code == 404


def test_gzip_bomb_is_small_on_the_wire_and_about_a_gigabyte_inside(beds: HostileSites) -> None:
    with (
        httpx.Client(trust_env=False, timeout=5.0) as c,
        c.stream("GET", beds.url("gzip-bomb"), headers={"Accept-Encoding": "identity"}) as response,
    ):
        wire = b"".join(response.iter_raw())
    answer = CASES_BY_ID["gzip-bomb"]["answer"]
    assert response.headers["content-encoding"] == "gzip" and response.headers["transfer-encoding"] == "chunked"
    assert 900_000 < len(wire) <= answer["wire_bytes_max"]
    isize = struct.unpack("<I", wire[-4:])[0]
    assert answer["inflated_bytes_about"] < isize < answer["inflated_bytes_about"] + 65536
    inflate = zlib.decompressobj(31)
    start = inflate.decompress(wire, 16 << 20)
    assert len(start) == 16 << 20 and biz("gzip-bomb")["phone"].encode() in start[:8192]


def test_gzip_bomb_is_a_valid_gzip_member() -> None:
    with HostileSites.started(bomb_mib=4) as small, httpx.Client(trust_env=False, timeout=5.0) as c:
        with c.stream("GET", small.url("gzip-bomb")) as response:
            wire = b"".join(response.iter_raw())
        page = gzip.decompress(wire)  # checks the CRC-32 and ISIZE trailer
    assert 4 << 20 < len(page) < (4 << 20) + 65536 and page.rstrip().endswith(b"</html>")


# ------------------------------------------------------------------- scripts


def test_script_pages(beds: HostileSites, client: httpx.Client) -> None:
    assert "while (true)" in client.get(beds.url("endless-js-loop")).text
    assert "for (;;)" in client.get(beds.url("js-freeze-after-load")).text
    dialogs = client.get(beds.url("dialogs")).text
    assert all(word in dialogs for word in ("alert(", "confirm(", "prompt(", "beforeunload", "n <= 20"))
    popups = client.get(beds.url("popup-flood")).text
    assert f"{beds.elsewhere}/popup-flood/ad/" in popups and "n <= 50" in popups and "window.open(" in popups
    overlay = client.get(beds.url("overlay-never-closes")).text
    assert "z-index:2147483647" in overlay and 'role="dialog"' in overlay and "MutationObserver" in overlay
    for case, script in (
        ("captcha-wall", "/captcha-wall/turnstile/v0/api.js"),
        ("captcha-contact-form", "/captcha-contact-form/recaptcha/api.js"),
    ):
        response = client.get(beds.elsewhere + script)
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/javascript")
        assert beds.requests(case, "elsewhere")[-1].path == script


def test_forms(beds: HostileSites, client: httpx.Client) -> None:
    contact = client.get(beds.origin("captcha-contact-form") + "/contact/").text
    assert 'class="g-recaptcha"' in contact and 'action="/contact/send"' in contact
    posts = beds.count("captcha-contact-form", "site", method="POST")
    refused = client.post(beds.origin("captcha-contact-form") + "/contact/send", data={"email": "a@b.example"})
    assert refused.status_code == 400 and beds.count("captcha-contact-form", "site", method="POST") == posts + 1
    offsite = client.get(beds.origin("form-posts-elsewhere") + "/contact/").text
    action = f"{beds.elsewhere}/form-posts-elsewhere/f/xayzbqpw"
    assert f'action="{action}"' in offsite
    before = beds.count("form-posts-elsewhere", "elsewhere", method="POST")
    assert client.post(action, data={"email": "a@b.example"}).status_code == 200
    assert beds.count("form-posts-elsewhere", "elsewhere", method="POST") == before + 1


# ----------------------------------------------------------------------- TLS


def test_tls_without_the_bed_ca_nothing_is_trusted(beds: HostileSites) -> None:
    for case in ("tls-self-signed", "tls-expired", "tls-wrong-host", "tls-control"):
        with pytest.raises(httpx.ConnectError), httpx.Client(trust_env=False, timeout=3.0) as c:
            c.get(beds.url(case))


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("tls-self-signed", r"self[- ]signed certificate"),
        ("tls-expired", r"certificate has expired"),
        ("tls-wrong-host", r"Hostname mismatch|doesn't match|not valid for"),
    ],
)
def test_tls_with_the_bed_ca_one_problem_each(beds: HostileSites, case: str, error: str) -> None:
    context = ssl.create_default_context(cafile=beds.ca_file)
    with (
        pytest.raises(httpx.ConnectError, match=error),
        httpx.Client(trust_env=False, timeout=3.0, verify=context) as c,
    ):
        c.get(beds.url(case))


def test_tls_control_and_certificate_details(beds: HostileSites) -> None:
    context = ssl.create_default_context(cafile=beds.ca_file)
    with httpx.Client(trust_env=False, timeout=3.0, verify=context) as c:
        page = c.get(beds.url("tls-control"))
    assert page.status_code == 200 and biz("tls-control")["phone"] in page.text
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((SITE_HOST, beds.port("tls-expired")), timeout=3) as raw,
        unverified.wrap_socket(raw) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    assert re.search(rb"250131235959Z", der), "notAfter 2025-01-31 23:59:59 UTC"
    with (
        socket.create_connection((SITE_HOST, beds.port("tls-wrong-host")), timeout=3) as raw,
        unverified.wrap_socket(raw) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der is not None and b"www.brightwater-opticians.example" in der and b"\x7f\x00\x00\x01" not in der


# ------------------------------------------------------------------ counting


def test_counts_per_case_and_host(beds: HostileSites, client: httpx.Client) -> None:
    before = beds.counts()
    client.get(beds.url("control"))
    client.get(f"{beds.elsewhere}/popup-flood/ad/7")
    client.get(beds.url("redirect-other-host"), follow_redirects=True)
    after = beds.counts()
    assert after["control"] == {"site": before["control"]["site"] + 1, "elsewhere": 0}
    assert after["popup-flood"]["elsewhere"] == before["popup-flood"]["elsewhere"] + 1
    assert after["redirect-other-host"]["site"] == before["redirect-other-host"]["site"] + 1
    assert after["redirect-other-host"]["elsewhere"] == before["redirect-other-host"]["elsewhere"] + 1
    hit = beds.requests("popup-flood", "elsewhere")[-1]
    assert (hit.method, hit.target, hit.server) == ("GET", "/popup-flood/ad/7", "elsewhere")
    with pytest.raises(KeyError):
        beds.count("no-such-case")


# ------------------------------------------------------------------ lifecycle


def test_stops_promptly_with_connections_held_open() -> None:
    beds = HostileSites(slow_seconds=60, hang_seconds=60, stream_seconds=60).start()
    ports = {case: beds.port(case) for case in ("no-answer", "slow-first-byte", "endless-chunked", "control")}
    held: list[socket.socket] = []
    try:
        for case in ("no-answer", "slow-first-byte", "endless-chunked"):
            sock = socket.create_connection((SITE_HOST, ports[case]), timeout=3)
            sock.sendall(GET)
            held.append(sock)
        read_for(held[-1], 0.3)
        time.sleep(0.2)
        started = time.monotonic()
        beds.stop()
        assert time.monotonic() - started < 8.0
        for sock in held:
            _, closed = read_for(sock, 3.0, cap=64 << 20)
            assert closed, "the bed closed every connection it held"
        for port in ports.values():
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection((SITE_HOST, port), timeout=1).close()
    finally:
        for sock in held:
            sock.close()
        beds.stop()


def test_cli_prints_every_case_and_stops_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.beds.hostile_sites.server"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    printed = {line.split()[0]: line.split()[-1] for line in lines if line.startswith("  ")}
    assert set(printed) == set(CASE_IDS)
    assert all(urlsplit(url).hostname == SITE_HOST for url in printed.values())
    assert any(line.startswith("other host  http://127.0.0.2:") for line in lines)
