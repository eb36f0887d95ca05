"""--audit-cdp: the audit drives a browser that is already running (as browserless, a Selenium
Grid node or a Chrome with remote debugging would be), Lighthouse included."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from touchpoint.browser.launch import chromium_flags

pytestmark = pytest.mark.lighthouse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def remote_chromium(chromium: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            chromium,
            "--headless=new",
            f"--remote-debugging-port={port}",
            "--remote-debugging-address=127.0.0.1",
            f"--user-data-dir={tmp_path / 'profile'}",
            *chromium_flags(),
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{endpoint}/json/version", timeout=1) as answer:
                json.load(answer)
            break
        except OSError:
            time.sleep(0.2)
    yield endpoint
    proc.terminate()
    proc.wait(10)


def test_an_audit_through_a_remote_browser(pytester: pytest.Pytester, remote_chromium: str) -> None:
    pytester.makefile(
        ".toml",
        shop="""
name = "Remote shop"
[demo]
serve = true
[[pages]]
name = "home"
path = "/"
[audit]
runs = 1
devices = ["mobile"]
""",
    )
    result = pytester.runpytest_subprocess(
        str(ROOT / "probes"),
        "--site",
        "shop.toml",
        "--audit-cdp",
        remote_chromium,
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
    )
    data = json.loads((pytester.path / "reports" / "shop" / "results.json").read_text())
    opens = next(r for r in data["results"] if r["name"] == "page-opens")
    assert opens["passed"], opens["message"]
    lcp = next(r for r in data["results"] if r["name"] == "largest-contentful-paint")
    assert lcp["actual"] is not None, lcp["message"]
    assert result.ret == 0
