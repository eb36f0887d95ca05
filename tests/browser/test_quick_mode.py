"""`touchpoint audit <address>` starts at the address given, path and all: a site on 127.0.0.1
whose root answers 404 and whose home is /en/ is audited at /en/ and what it links to.

Real Chromium; Lighthouse is a stand-in (tests/fake_lighthouse.py) that notes the address it was
given, because quick mode runs the speed checks with the rest and real Lighthouse would add a
minute without telling more about where the audit went."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import fake_lighthouse
from tests.conftest import DATA

HOME = b"""<!doctype html><html lang="en"><head><title>Acme Bakery</title></head><body>
<h1>Acme Bakery</h1><nav><a href="/en/contact/">Contact us</a></nav><p>Fresh bread every morning.</p>
</body></html>"""
CONTACT = b"""<!doctype html><html lang="en"><head><title>Contact - Acme Bakery</title></head><body>
<h1>Contact us</h1><p>Call <a href="tel:+442079460321">+44 20 7946 0321</a> or write to
<a href="mailto:hello@acme-bakery.example">hello@acme-bakery.example</a>.</p>
<form method="post" action="/en/contact/"><input name="name"><textarea name="message"></textarea>
<button>Send</button></form></body></html>"""
PAGES = {"/en/": HOME, "/en/contact/": CONTACT}


class _Site(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]]

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path))
        body = PAGES.get(urlsplit(self.path).path)
        self.send_response(200 if body else 404)
        body = body or b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.requests.append(("POST", self.path))
        self.send_response(405)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The site's /en/ address on 127.0.0.1, and every request it receives."""
    seen: list[tuple[str, str]] = []
    handler = type("Site", (_Site,), {"requests": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/en/", seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_quick_look_at_an_address_with_a_path_audits_that_page_and_its_links(
    tmp_path: Path, site: tuple[str, list[tuple[str, str]]]
) -> None:
    url, requests = site
    fake = fake_lighthouse.make(tmp_path)
    noted = tmp_path / "lighthouse-targets.txt"
    lighthouse = tmp_path / "noting-lighthouse"
    lighthouse.write_text(
        f"#!{sys.executable}\nimport runpy, sys\n"
        f"open({str(noted)!r}, 'a').write(sys.argv[1] + '\\n')\n"
        f"runpy.run_path({str(fake)!r}, run_name='__main__')\n"
    )
    lighthouse.chmod(0o755)
    env = {
        **os.environ,
        "FAKE_LHR": str(DATA / "lhr" / "demo-home-mobile.json.gz"),
        "TOUCHPOINT_LIGHTHOUSE_LOCK": str(tmp_path / "machine.lock"),
    }
    reports = tmp_path / "reports"
    pytest_args = ["--audit-lighthouse", str(lighthouse), "-p", "no:cacheprovider"]
    done = subprocess.run(
        [sys.executable, "-m", "touchpoint.cli", "audit", url, "--reports", str(reports), "--", *pytest_args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    out = done.stdout[-3000:] + done.stderr[-3000:]
    results_file = reports / "127.0.0.1" / "results.json"
    assert results_file.is_file(), out
    data = json.loads(results_file.read_text())
    results = data["results"]
    assert data["url"] == url

    # The home page is the address given, and it opened.
    opens = [r for r in results if r["name"] == "page-opens"]
    assert {r["subject"] for r in opens} == {"home · mobile", "home · desktop"}, out
    assert all(r["url"] == url and r["verdict"] == "pass" and "HTTP 200" in r["actual"] for r in opens), opens

    # The crawl started there and found the contact page one click away.
    contact_page = next(r for r in results if r["name"] == "contact-page:clicks")
    assert contact_page["url"] == url + "contact/" and contact_page["actual"] == 1, contact_page
    assert "“Contact us”" in contact_page["message"]

    # Lighthouse measured /en/, never the root.
    targets = noted.read_text().split()
    assert targets and set(targets) == {url}, targets

    # No page visit went to "/": the site's root was never asked for, by the browser or anyone.
    paths = [urlsplit(path).path for _, path in requests]
    assert "/" not in paths, requests
    assert "/en/contact/" in paths
    assert not any(r["url"] and urlsplit(r["url"]).path == "/" for r in results), "a check looked at the root"

    # Quick mode makes no contact attempt: nothing posted, no attempt in the ledger, journeys skipped.
    assert all(method == "GET" for method, _ in requests), requests
    with sqlite3.connect(reports / "ledger.sqlite") as ledger:
        assert ledger.execute("SELECT COUNT(*) FROM attempts").fetchone() == (0,)
    assert "the profile names no callback form or email channel" in done.stdout, out
