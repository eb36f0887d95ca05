"""The speed probe inside real audits: Lighthouse runs never overlap, even with several pytest
workers, and a missing Lighthouse is a finding, not a crash. A stand-in `lighthouse` command
(tests/fake_lighthouse.py) keeps these fast; real Lighthouse runs in test_audit_e2e.py."""

from __future__ import annotations

import itertools
import json

import pytest

from tests import fake_lighthouse
from tests.conftest import DATA, ROOT

PROFILE = """
name = "Locked shop"
[demo]
serve = true
[[pages]]
name = "home"
path = "/"
[[pages]]
name = "prices"
path = "/prices"
[[pages]]
name = "contacts"
path = "/contacts"
[audit]
runs = 2
"""


def test_runs_never_overlap_across_xdist_workers(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    log = pytester.path / "runs.log"
    monkeypatch.setenv("FAKE_LHR", str(DATA / "lhr" / "demo-home-mobile.json.gz"))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_SLEEP", "0.3")
    monkeypatch.setenv("TOUCHPOINT_LIGHTHOUSE_LOCK", str(pytester.path / "machine.lock"))
    fake = fake_lighthouse.make(pytester.path)
    pytester.makefile(".toml", shop=PROFILE)
    result = pytester.runpytest_subprocess(
        str(ROOT / "probes" / "test_speed.py"),
        "--site",
        "shop.toml",
        "--audit-lighthouse",
        str(fake),
        "-n",
        "2",
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=3 * 2 * 10)
    spans = sorted(tuple(map(float, line.split()[:2])) for line in log.read_text().splitlines())
    assert len(spans) == 3 * 2 * 2  # pages x devices x runs, each once
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, f"two Lighthouse runs overlapped: {spans}"


def test_a_missing_lighthouse_stops_an_audit_with_speed_budgets_and_not_one_without(pytester: pytest.Pytester) -> None:
    from touchpoint.speed.metrics import LIGHTHOUSE_METRICS

    profile = PROFILE.replace('[[pages]]\nname = "prices"', '[[pages]]\nname = "x"', 1)
    args = ["--audit-lighthouse", str(pytester.path / "no-lighthouse"), "--rootdir", str(pytester.path)]
    pytester.makefile(".toml", shop=profile)
    gated = pytester.runpytest_subprocess(str(ROOT / "probes"), "--site", "shop.toml", *args, "-p", "no:cacheprovider")
    assert gated.ret == 4  # green would mean measured: speed checks with budgets cannot run without Lighthouse
    assert "does not exist" in gated.stderr.str() and "speed checks with budgets need it" in gated.stderr.str()
    # With every speed budget off, the audit goes on and says speed was not measured.
    off = "\n".join(f'"{m.id}" = "off"' for m in LIGHTHOUSE_METRICS)
    pytester.makefile(".toml", shop=profile + "[budgets.speed]\n" + off + "\n")
    result = pytester.runpytest_subprocess(str(ROOT / "probes"), "--site", "shop.toml", *args, "-p", "no:cacheprovider")
    data = json.loads((pytester.path / "reports" / "shop" / "results.json").read_text())
    speed = [r for r in data["results"] if r["category"] == "speed"]
    assert speed and all(r["actual"] is None and "does not exist" in r["message"] for r in speed)
    opens = [r for r in data["results"] if r["name"] == "page-opens"]
    assert opens and all(r["verdict"] == "pass" for r in opens)  # the rest of the audit ran
    assert result.ret == 0
    assert "Traceback" not in result.stdout.str()
