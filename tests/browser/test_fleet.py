"""`touchpoint audit <folder>`: a fleet of small demo businesses on 127.0.0.1 audited two at a
time in one shared Chromium (Lighthouse off to keep it short), as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

QUICK = """
name = "{name}"
[demo]
serve = true
{knobs}
[[pages]]
name = "home"
path = "/"
lighthouse = false
[audit]
runs = 1
devices = ["mobile"]
timeout = "{timeout}"
"""


def profile(folder: Path, key: str, name: str, knobs: str = "", timeout: str = "30s") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.toml").write_text(QUICK.format(name=name, knobs=knobs, timeout=timeout), encoding="utf-8")


def logging_browser(tmp_path: Path, chromium: str) -> tuple[Path, Path]:
    """A browser that writes down each start: the fleet's and any an audit would start itself."""
    log = tmp_path / "starts.log"
    wrapper = tmp_path / "chromium-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{chromium}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper, log


def fleet(tmp_path: Path, browser: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "touchpoint.cli", "audit", "--reports", str(tmp_path / "reports"), *args],
        env={**os.environ, "TOUCHPOINT_BROWSER": str(browser)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )


def test_a_folder_is_audited_site_by_site_in_one_shared_browser(tmp_path: Path, chromium: str) -> None:
    sites = tmp_path / "sites"
    profile(sites, "bakery", "Bakery")
    profile(sites, "plumber", "Plumber", knobs='broken = { "/" = 500 }')  # "page opens" at level error fails
    (sites / "typo.toml").write_text('name = "Typo"\n[audit]\nruns = "three"\n', encoding="utf-8")
    profile(sites, "example", "A template")
    browser, starts = logging_browser(tmp_path, chromium)
    proc = fleet(tmp_path, browser, str(sites), "--jobs", "2", "--", "-q")
    out, _ = proc.communicate(timeout=300)
    lines = out.splitlines()

    assert proc.returncode == 4, out  # the worst site's: the profile that does not load
    assert any("example.toml: left out, the template" in line for line in lines), out
    per_site = {line.split("] ", 1)[1].split(" ", 1)[0].rstrip(":"): line for line in lines if line.startswith("[")}
    assert sorted(per_site) == ["bakery", "plumber", "typo"], out
    assert "usage error (exit 4): not audited, its profile has 2 problems" in per_site["typo"]
    assert "failed a budget (exit 1)" in per_site["plumber"]
    assert "within budget (exit 0), overall " in per_site["bakery"]
    for key in ("bakery", "plumber"):
        assert str(tmp_path / "reports" / key / "audit.html") in per_site[key]
        assert (tmp_path / "reports" / key / "audit.log").is_file()
    assert lines[-1].startswith("fleet: 3 sites in ") and lines[-1].endswith(
        "2 at a time: 1 within budget, 1 failed a budget, 1 usage error; exit 4 (typo)"
    ), out

    # One browser was started, by the fleet, with remote debugging; both audits used it.
    started = starts.read_text().splitlines()
    assert len(started) == 1 and "--remote-debugging-port=0" in started[0], started
    assert "in one shared Chrome/" in out
    for key in ("bakery", "plumber"):
        log = (tmp_path / "reports" / key / "audit.log").read_text()
        results = json.loads((tmp_path / "reports" / key / "results.json").read_text())
        opens = next(r for r in results["results"] if r["name"] == "page-opens")
        assert opens["actual"] is not None or "HTTP 500" in opens["message"], (opens, log)
    bakery = json.loads((tmp_path / "reports" / "bakery" / "results.json").read_text())
    assert next(r for r in bakery["results"] if r["name"] == "page-opens")["passed"]
    assert (tmp_path / "reports" / "index.html").is_file()


def test_ctrl_c_stops_every_audit_and_the_shared_browser(tmp_path: Path, chromium: str) -> None:
    sites = tmp_path / "sites"
    for key in ("first", "second"):  # each page answers after 40 s: the audits are mid-visit when stopped
        profile(sites, key, key.title(), knobs="server_delay_ms = 40000", timeout="60s")
    browser, _ = logging_browser(tmp_path, chromium)
    proc = fleet(tmp_path, browser, str(sites), "--jobs", "1")
    log = tmp_path / "reports" / "first" / "audit.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "collected" not in (log.read_text() if log.is_file() else ""):
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2, out
    assert time.monotonic() - stopped < 15, out  # not the 40 s the page would take
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert "first (First): interrupted (exit 2)" in lines[0] and "stopped by the fleet's interruption" in lines[0]
    assert "second (Second): interrupted (exit 2): not started" in lines[1], out
    assert "KeyboardInterrupt" in log.read_text()  # the audit was told, as by Ctrl-C, and wrote its report
    assert (tmp_path / "reports" / "first" / "audit.html").exists()
    # The shared browser is gone: nothing answers on the port the fleet printed.
    endpoint = out.split(" at ", 1)[1].split()[0]
    import httpx

    try:
        httpx.get(f"{endpoint}/json/version", timeout=2)
        raise AssertionError(f"the shared browser at {endpoint} still answers")
    except httpx.HTTPError:
        pass
