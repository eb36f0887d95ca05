"""The pytest plugin seen from outside: options, profile errors, levels, exit codes, files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROBES = ROOT / "probes"

PROFILE = """
name = "Acme Test"
base_url = "http://127.0.0.1:9/"
[[pages]]
name = "home"
path = "/"
[[pages]]
name = "prices"
path = "/prices"
lighthouse = false
"""

# Checks that record synthetic results: no browser, no network.
CHECKS = """
from touchpoint.budgets import Budget, assess
from touchpoint.result import Level

def make(level, actual):
    return assess(name="largest-contentful-paint", category="speed", title="LCP",
                  subject="home · mobile", actual=actual, unit="ms", url="http://127.0.0.1:9/",
                  budget=Budget(Level(level), "maxNumericValue", 2500))

def test_fast(audit, site):
    audit.check(make("error", 1200))

def test_slow_warn(audit, site):
    audit.check(make("warn", 3200))

def test_slow_error(audit, site):
    audit.check(make(LEVEL, 3300))
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*args, "-p", "no:cacheprovider")


def write_checks(pytester: pytest.Pytester, level: str) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    pytester.makepyfile(test_checks=CHECKS.replace("LEVEL", repr(level)))


def test_an_error_level_failure_fails_the_run(pytester: pytest.Pytester) -> None:
    write_checks(pytester, "error")
    result = run(pytester, "--site", "acme.toml")
    assert result.ret == 1
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*LCP: 3,300 ms, misses the budget (<= 2,500 ms)*"])
    assert "Traceback" not in result.stdout.str()


def test_a_warn_level_failure_is_reported_and_the_run_passes(pytester: pytest.Pytester) -> None:
    write_checks(pytester, "warn")
    result = run(pytester, "--site", "acme.toml")
    assert result.ret == 0
    folder = pytester.path / "reports" / "acme"
    data = json.loads((folder / "results.json").read_text())
    assert [r["verdict"] for r in data["results"]] == ["pass", "warn", "warn"]
    assert data["exit_fails"] is False
    html = (folder / "audit.html").read_text()
    assert "Touchpoint audit: Acme Test" in html
    assert "<b>1</b> passed" in html and "<b>2</b> warnings" in html and "<b>0</b> failed" in html
    junit = (folder / "junit.xml").read_text()
    assert "touchpoint.check" in junit


def test_reports_folder_is_an_option(pytester: pytest.Pytester) -> None:
    write_checks(pytester, "warn")
    result = run(pytester, "--site", "acme.toml", "--audit-reports", "out")
    assert result.ret == 0
    assert (pytester.path / "out" / "acme" / "audit.html").is_file()


def test_a_profile_with_three_mistakes_stops_before_any_browser(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".toml",
        broken="""
name = "Broken"
base_url = "htp://broken"
timezone = "Mars/Olympus"
[audit]
runs = 0
""",
    )
    marker = pytester.path / "browser-started"
    fake_browser = pytester.path / "chromium"
    fake_browser.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    fake_browser.chmod(0o755)
    os.environ["TOUCHPOINT_BROWSER"] = str(fake_browser)
    try:
        result = run(pytester, str(PROBES), "--site", "broken.toml", "--rootdir", str(pytester.path))
    finally:
        del os.environ["TOUCHPOINT_BROWSER"]
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*site profile broken.toml has 3 problems:*",
            "*base_url: 'htp://broken' is not an http(s) address*",
            "*timezone: 'Mars/Olympus' is not an IANA time zone*",
            "*audit.runs: Input should be greater than or equal to 1*",
        ]
    )
    assert "Traceback" not in result.stderr.str()
    assert not marker.exists(), "a browser was started for a broken profile"


def test_checks_without_a_profile_say_how_to_give_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_x="def test_a(site):\n    pass\n")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*pytest --site sites/<name>.toml*"])


def test_probes_run_per_page_device_and_metric(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    result = run(pytester, str(PROBES), "--site", "acme.toml", "--collect-only", "-q", "--rootdir", str(pytester.path))
    ids = [line for line in result.stdout.lines if "::" in line]
    speed = [i for i in ids if "test_lighthouse" in i]
    assert len(speed) == 1 * 2 * 10  # only "home" has lighthouse = true; 2 devices; 10 metrics
    assert any(i.endswith("test_lighthouse[home-mobile-largest-contentful-paint]") for i in speed)
    opens = [i for i in ids if "test_page_opens" in i]
    assert sorted(i.split("[")[1] for i in opens) == [
        "home-desktop]",
        "home-mobile]",
        "prices-desktop]",
        "prices-mobile]",
    ]
    only_desktop = run(
        pytester,
        str(PROBES),
        "--site",
        "acme.toml",
        "--collect-only",
        "-q",
        "--audit-devices",
        "desktop",
        "--rootdir",
        str(pytester.path),
    )
    assert not any("mobile" in line for line in only_desktop.stdout.lines if "::" in line)


def test_bad_options_are_usage_errors(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    result = run(pytester, str(PROBES), "--site", "acme.toml", "--audit-devices", "tablet")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--audit-devices 'tablet': use a comma-separated list of desktop, mobile*"])
    result = run(pytester, str(PROBES), "--site", "acme.toml", "--audit-runs", "many")
    result.stderr.fnmatch_lines(["*--audit-runs 'many': write a whole number from 1 to 9*"])


def test_the_plugin_is_registered_once(pytester: pytest.Pytester) -> None:
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    pytester.makepyfile(
        test_x="def test_a(pytestconfig):\n"
        "    names = [n for n, p in pytestconfig.pluginmanager.list_name_plugin()"
        " if getattr(p, '__name__', '') == 'touchpoint.plugin']\n"
        "    assert len(names) == 1, names\n"
    )
    run(pytester).assert_outcomes(passed=1)


def test_a_site_error_in_a_journey_reads_as_a_finding(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    pytester.makepyfile(
        test_journey="""
from touchpoint.errors import PageTimeout

def test_checkout(site):
    url = "https://acme.example/cart"
    raise PageTimeout(url, f"{url} did not finish loading within 30 s")
"""
    )
    result = run(pytester, "--site", "acme.toml")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*PageTimeout: https://acme.example/cart did not finish loading within 30 s*"])
    assert "Traceback" not in result.stdout.str() and "raise PageTimeout" not in result.stdout.str()


@pytest.mark.parametrize(
    ("ledger", "said"),
    [
        ("sqlite:///{tmp}/garbage.sqlite", "cannot be read as a ledger"),
        ("sqlite:///{tmp}/a-file/below/ledger.sqlite", "cannot be made"),
        ("postgresql://audit:s3cret@127.0.0.1:1/ledger", "postgresql://audit:***@127.0.0.1:1/ledger cannot be reached"),
        ("mysql://audit@127.0.0.1/ledger", "mysql:// is not supported"),
    ],
)
def test_a_ledger_fault_is_one_usage_error_before_any_check(pytester: pytest.Pytester, ledger: str, said: str) -> None:
    write_checks(pytester, "error")
    (pytester.path / "garbage.sqlite").write_text("not a database, only words " * 20)
    (pytester.path / "a-file").write_text("a file, not a folder")
    result = run(pytester, "--site", "acme.toml", "--audit-ledger", ledger.format(tmp=pytester.path))
    assert result.ret == 4, result.stdout.str()[-2000:]
    assert said in result.stderr.str() and "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_an_unreachable_remote_browser_is_a_usage_error_at_once(pytester: pytest.Pytester) -> None:
    write_checks(pytester, "error")
    result = run(pytester, "--site", "acme.toml", "--audit-cdp", "http://127.0.0.1:9")
    assert result.ret == 4
    assert "no browser answers there" in result.stderr.str()


def test_arguments_after_a_double_dash_go_to_pytest_as_written(tmp_path: Path) -> None:
    import subprocess
    import sys

    profile = tmp_path / "acme.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "touchpoint.cli",
            "audit",
            str(profile),
            "--reports",
            str(tmp_path / "r"),
            "--",
            "--audit-cdp",
            "http://127.0.0.1:9",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 4 and "no browser answers there" in done.stderr, done.stderr[-2000:]


def test_each_run_has_its_own_report_folder_and_the_latest_is_the_sites_report(pytester: pytest.Pytester) -> None:
    write_checks(pytester, "warn")
    first = run(pytester, "--site", "acme.toml")
    second = run(pytester, "--site", "acme.toml")
    assert (first.ret, second.ret) == (0, 0)
    site = pytester.path / "reports" / "acme"
    runs = sorted(p for p in (site / "runs").iterdir() if p.is_dir())
    assert len(runs) == 2 and all((r / "audit.html").is_file() and (r / "results.json").is_file() for r in runs)
    latest = max(runs, key=lambda p: int(p.name.rsplit("run", 1)[1]))
    assert (site / "audit.html").resolve() == (latest / "audit.html").resolve()
    assert json.loads((site / "results.json").read_text()) == json.loads((latest / "results.json").read_text())


def test_speed_checks_without_lighthouse_stop_before_any_page_loads(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    speed = str(PROBES / "test_speed.py")
    result = run(pytester, speed, "--site", "acme.toml", "--audit-lighthouse", "/nowhere/lighthouse")
    assert result.ret == 4, result.stdout.str()[-2000:]
    err = result.stderr.str()
    assert "does not exist" in err and "speed checks with budgets need it" in err and "-k 'not speed'" in err
    # Speed left out: the rest of the audit runs without Lighthouse.
    others = run(pytester, speed, "--site", "acme.toml", "--audit-lighthouse", "/nowhere/lighthouse", "-k", "browser")
    assert others.ret != 4, others.stderr.str()[-2000:]


def test_pytest_with_a_site_runs_the_audit_not_the_repositorys_own_tests(tmp_path: Path) -> None:
    # This repository's pyproject.toml names tests/ as its testpaths: `pytest --site` from its root
    # (the README's way) collects the audit's probes and journeys, not the project's own tests.
    import subprocess
    import sys

    def collect(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.stdout

    audit = collect("--site", "sites/demo.toml", "--audit-reports", str(tmp_path))
    assert "probes/test_contacts.py" in audit and "tests/unit" not in audit, audit[-2000:]
    own = collect("tests/unit/test_budgets.py")
    assert "tests/unit/test_budgets.py" in own


@pytest.mark.parametrize("lang", ["en", "ru", "lt"])
def test_the_owners_part_in_the_reports_language(pytester: pytest.Pytester, lang: str) -> None:
    from touchpoint.report.i18n import language

    write_checks(pytester, "warn")
    result = run(pytester, "--site", "acme.toml", "--audit-lang", lang)
    assert result.ret == 0
    site = pytester.path / "reports" / "acme"
    html = (site / "audit.html").read_text()
    translated = language(lang)("Scorecard")
    assert translated in html and language(lang)("Plan") in html
    assert (translated == "Scorecard") == (lang == "en")
    data = json.loads((site / "results.json").read_text())
    assert data["language"] == lang and data["scorecard"]["categories"]
    assert (site / "plan.md").is_file() and (site / "plan.csv").is_file()
    assert (pytester.path / "reports" / "index.html").is_file()
