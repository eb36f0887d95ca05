"""Whole audits as a user runs them (`touchpoint audit`), with real Chromium and Lighthouse
against the demo business on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.lighthouse


def audit(tmp_path: Path, profile: str, *args: str) -> tuple[int, dict[str, Any], Path]:
    site = tmp_path / "shop.toml"
    site.write_text(profile)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "touchpoint.cli",
            "audit",
            str(site),
            "--reports",
            str(tmp_path / "reports"),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    folder = tmp_path / "reports" / "shop"
    assert (folder / "results.json").is_file(), done.stdout + done.stderr
    return done.returncode, json.loads((folder / "results.json").read_text()), folder


def find(results: dict[str, Any], name: str, subject: str) -> dict[str, Any]:
    return next(r for r in results["results"] if r["name"] == name and r["subject"] == subject)


SLOW = """
name = "Slow shop"
[demo]
serve = true
server_delay_ms = 1500
[[pages]]
name = "home"
path = "/"
[audit]
runs = 1
devices = ["mobile"]
throttling = "devtools"   # simulation discounts a loopback server's delay
[budgets.speed]
largest-contentful-paint = ["{level}", {{ maxNumericValue = 2000 }}]
[budgets.browser]
"browser:server-time" = ["warn", {{ maxNumericValue = 1000 }}]
"""


@pytest.mark.parametrize("level", ["error", "warn"])
def test_a_slow_server_is_measured_and_gated_by_the_budget_level(tmp_path: Path, level: str) -> None:
    # Only the speed checks: the contacts crawl and the journeys have nothing to do with it.
    code, results, _ = audit(tmp_path, SLOW.format(level=level), "-k", "test_lighthouse or test_browser_timing")
    ttfb = find(results, "server-response-time", "home · mobile")["actual"]
    assert ttfb == pytest.approx(1500, rel=0.10), f"Lighthouse TTFB {ttfb} ms for a 1.5 s server delay"
    # The browser's wait for the server holds the delay, plus the demo server's own time to answer:
    # it runs in the audit's process, whose crawl and browser compete with it for the GIL and both
    # cores (1816 ms seen on a clean-clone CI run beside another worker's Lighthouse). Checked as
    # the delay and not a whole delay more: a clock or metric mix-up gives 0 or 3000+.
    server_time = find(results, "browser:server-time", "home · mobile")["actual"]
    assert 1500 * 0.97 <= server_time < 1500 * 1.5, server_time
    assert find(results, "browser:ttfb", "home · mobile")["actual"] >= 1500
    lcp = find(results, "largest-contentful-paint", "home · mobile")
    assert lcp["actual"] > 2000 and lcp["passed"] is False
    if level == "error":
        assert (code, lcp["verdict"]) == (1, "fail")
    else:
        assert (code, lcp["verdict"]) == (0, "warn")


DEMO = """
name = "Demo shop"
[demo]
serve = true
broken = { "/about" = 500 }
[[pages]]
name = "home"
path = "/"
[[pages]]
name = "about"
path = "/about"
[audit]
runs = 1
"""


def test_the_demo_audit_report_has_metrics_screenshots_and_findings(tmp_path: Path) -> None:
    code, results, folder = audit(tmp_path, DEMO)
    assert code == 1  # /about answers 500 and "page opens" is an error-level check
    subjects = {r["subject"] for r in results["results"] if r["category"] == "speed" and r["actual"] is not None}
    assert subjects == {"home · mobile", "home · desktop"}
    broken = find(results, "page-opens", "about · mobile")
    assert broken["verdict"] == "fail" and "answers HTTP 500" in broken["message"]
    # The broken page costs no Lighthouse run: the visit already told us.
    about_lcp = find(results, "largest-contentful-paint", "about · mobile")
    assert about_lcp["actual"] is None and "HTTP 500" in about_lcp["message"]
    lighthouse = sorted(p.name for p in (folder / "lighthouse").glob("*.report.html"))
    assert lighthouse == ["home-desktop-1.report.html", "home-mobile-1.report.html"]
    html = (folder / "audit.html").read_text()
    assert "Touchpoint audit: Demo shop" in html
    assert "Pages at a glance" in html and "Scorecard" in html and "Plan" in html
    # the first screens of home and of the error page on both devices, and the annotated home page
    assert html.count("data:image/jpeg;base64,") >= 4
    assert html.count("home on mobile, contacts outlined") >= 1
    assert "lighthouse/home-mobile-1.report.html" in html
    assert (folder / "junit.xml").is_file()


def test_a_site_behind_a_bot_wall_is_reported_as_not_checked_not_as_missing(tmp_path: Path) -> None:
    # `touchpoint audit <url>`: the quick look, against a site whose CDN challenges every browser.
    from aiohttp import web

    from touchpoint.demo.server import LoopbackServer

    async def challenge(request: web.Request) -> web.Response:
        return web.Response(
            status=403,
            text="<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>",
            content_type="text/html",
            headers={"server": "cloudflare", "cf-mitigated": "challenge"},
        )

    app = web.Application()
    app.router.add_get("/{tail:.*}", challenge)
    with LoopbackServer(app) as server:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "touchpoint.cli",
                "audit",
                server.base_url,
                "--reports",
                str(tmp_path),
                "-k",
                "contacts",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
    results = json.loads((tmp_path / "127.0.0.1" / "results.json").read_text())["results"]
    contacts = [r for r in results if r["category"] == "contacts"]
    assert contacts, done.stdout + done.stderr
    for r in contacts:
        assert r["actual"] is None and r["message"].startswith("Not checked: the home page did not open"), r
        assert "Cloudflare's bot protection turned the audit's browser away" in r["message"]
    assert "not found" not in (tmp_path / "127.0.0.1" / "audit.html").read_text()
