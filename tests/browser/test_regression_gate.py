"""The regression gate inside real audits of the demo (a stand-in `lighthouse`, tests/fake_lighthouse.py,
writes a saved real result, or a slower copy of it): samples kept once a run even with two
pytest-xdist workers, earlier runs' samples compared, a slowdown failing the run; off, the gate
adds no rows. Real Lighthouse runs in bench/regression_gate.py."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests import fake_lighthouse
from tests.conftest import DATA, ROOT

PROFILE = """
name = "Gated shop"
[demo]
serve = true
[[pages]]
name = "home"
path = "/"
[audit]
runs = 3
devices = ["mobile", "desktop"]
"""


def audit(pytester: pytest.Pytester, fake: Path, *args: str) -> tuple[pytest.RunResult, list[dict[str, Any]]]:
    result = pytester.runpytest_subprocess(
        str(ROOT / "probes" / "test_speed.py"),
        "--site",
        "shop.toml",
        "--audit-lighthouse",
        str(fake),
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
        *args,
    )
    data = json.loads((pytester.path / "reports" / "shop" / "results.json").read_text())
    return result, [r for r in data["results"] if r["name"].startswith("regression:")]


def test_the_gate_keeps_samples_once_and_fails_only_a_slowdown(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LHR", str(DATA / "lhr" / "demo-home-mobile.json.gz"))
    monkeypatch.setenv("TOUCHPOINT_LIGHTHOUSE_LOCK", str(pytester.path / "machine.lock"))
    fake = fake_lighthouse.make(pytester.path)
    pytester.makefile(".toml", shop=PROFILE)

    first, rows = audit(pytester, fake, "-n", "2", "--audit-baseline", "last:1")
    assert first.ret == 0
    assert len(rows) == 2 * 6 and all(r["verdict"] == "info" for r in rows)  # nothing earlier to compare with
    assert all("no earlier samples" in r["message"] for r in rows)

    ledger = sqlite3.connect(pytester.path / "reports" / "ledger.sqlite")
    counts = ledger.execute("SELECT run_id, page, device, metric, COUNT(*) FROM speed_samples GROUP BY 1, 2, 3, 4")
    kept = counts.fetchall()
    assert {(page, device) for _, page, device, _, _ in kept} == {("home", "mobile"), ("home", "desktop")}
    assert all(count == 3 for *_, count in kept), kept  # two workers measured each page: kept once

    second, rows = audit(pytester, fake, "-n", "2", "--audit-baseline", "last:1")
    assert second.ret == 0
    assert len(rows) == 12 and all(r["verdict"] == "pass" for r in rows)
    assert all("no change that counts" in r["message"] for r in rows)

    with gzip.open(DATA / "lhr" / "demo-home-mobile.json.gz", "rt") as saved:
        lhr = json.load(saved)
    lhr["audits"]["largest-contentful-paint"]["numericValue"] *= 1.5
    slow = pytester.path / "slow.json.gz"
    with gzip.open(slow, "wt") as f:
        json.dump(lhr, f)
    monkeypatch.setenv("FAKE_LHR", str(slow))
    third, rows = audit(pytester, fake, "--audit-baseline", "last:1")
    assert third.ret == 1  # the gate
    failed = [r for r in rows if r["verdict"] == "fail"]
    assert {r["name"] for r in failed} == {"regression:largest-contentful-paint"} and len(failed) == 2
    assert "slower than the earlier runs" in failed[0]["message"]
    assert "(median 912 ms)" in str(failed[0]["evidence"]).replace("\\u00b7", "·")

    off, rows = audit(pytester, fake)
    assert rows == [] and off.ret == 0
    off.assert_outcomes(passed=2 * 10, deselected=2 * 6)
