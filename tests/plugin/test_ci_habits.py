"""The audit in GitHub Actions: its summary appended to the job's page (once, by the controller,
also with pytest-xdist workers), and --audit-base-url, the profile at a deployed address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROFILE = """
name = "Acme Test"
base_url = "http://127.0.0.1:9/"
"""

# Checks that record synthetic results: no browser, no network.
CHECKS = """
from touchpoint.budgets import Budget, assess
from touchpoint.result import Level

def make(level, actual, url):
    return assess(name="largest-contentful-paint", category="speed", title="LCP",
                  subject="home · mobile", actual=actual, unit="ms", url=url,
                  budget=Budget(Level(level), "maxNumericValue", 2500))

def test_fast(audit, site):
    audit.check(make("error", 1200, site.page_url(site.page("home"))))

def test_slow(audit, site):
    audit.check(make("error", 3300, site.page_url(site.page("home"))))
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*args, "-p", "no:cacheprovider")


@pytest.fixture
def step_summary(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytester.makefile(".toml", acme=PROFILE)
    pytester.makepyfile(test_checks=CHECKS)
    target = pytester.path / "step_summary.md"
    target.write_text("Ledger: new\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"):
        monkeypatch.delenv(name, raising=False)
    return target


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one process", "xdist"])
def test_the_audit_appends_its_summary_to_the_jobs_page(
    pytester: pytest.Pytester, step_summary: Path, workers: list[str]
) -> None:
    result = run(pytester, "--site", "acme.toml", *workers)
    assert result.ret == 1
    text = step_summary.read_text(encoding="utf-8")
    assert text.startswith("Ledger: new\n### Touchpoint audit: Acme Test — ❌ fails the run")
    assert text.count("### Touchpoint audit:") == 1  # the controller's, not each worker's
    assert "#### Failed at level error (1)" in text and "| speed | LCP | home · mobile | 3,300 ms |" in text
    report = next(line for line in text.splitlines() if line.startswith("Report: "))
    assert report.startswith("Report: reports/acme/runs/") and report.endswith("/audit.html")


def test_the_deployed_address_replaces_the_profiles(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", acme=PROFILE)
    pytester.makepyfile(test_checks=CHECKS)
    result = run(pytester, "--site", "acme.toml", "--audit-base-url", "http://127.0.0.1:8/preview/")
    assert result.ret == 1
    data = json.loads((pytester.path / "reports" / "acme" / "results.json").read_text())
    assert data["url"] == "http://127.0.0.1:8/preview/"
    assert {r["url"] for r in data["results"]} == {"http://127.0.0.1:8/preview/"}  # home "/" is the address itself


@pytest.mark.parametrize(
    ("profile", "address", "said"),
    [
        (PROFILE, "ftp://staging.example/", "--audit-base-url: 'ftp://staging.example/' is not an http(s) address"),
        (PROFILE, "staging.example", 'is not an http(s) address: write e.g. "https://www.example.com/"'),
        ('name = "Demo"\n[demo]\nserve = true\n', "https://staging.example/", "serves the embedded demo"),
    ],
)
def test_a_bad_deployed_address_is_a_usage_error(
    pytester: pytest.Pytester, profile: str, address: str, said: str
) -> None:
    pytester.makefile(".toml", acme=profile)
    pytester.makepyfile(test_checks=CHECKS)
    result = run(pytester, "--site", "acme.toml", "--audit-base-url", address)
    assert result.ret == 4
    assert said in result.stderr.str()
    assert not (pytester.path / "reports" / "acme").exists()
