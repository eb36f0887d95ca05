"""Is the regression gate fooled by noise? The real demo, real Chromium, real Lighthouse.

In a temporary folder with a ledger of its own, audits the demo's speed only (`-k lighthouse`:
one page, mobile, R Lighthouse runs per audit):
  baseline: B audits of the unchanged demo (they keep their samples; the gate is off);
  noise:    ten more audits of the unchanged demo with --audit-baseline last:B: every failing
            regression row is a false alarm;
  knobs:    audits with each of the demo's slow knobs ([demo] server_delay_ms, heavy_image,
            blocking_script_ms), each against the same baseline (a copy of the ledger as the noise
            phase left it): an audit with at least one failing regression row is a detection.
Prints false alarms out of the noise audits, detections out of the knob audits, and each gated
metric's change, p-value and Cliff's delta. Target: 0 false alarms, every knob detected.

    .venv/bin/python bench/regression_gate.py [--baseline 5] [--noise 10] [--runs 3] [--repeats 1]

Each audit takes a minute or two (Lighthouse runs never overlap on a machine): about 20 minutes.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from touchpoint.speed.regression import GATED

SITE = "gate-demo"  # every variant's file has this name: one site in the ledger
PROFILE = """name = "Harbour Lane Plumbing (gate bench)"
[demo]
serve = true
{knobs}
[[pages]]
name = "home"
path = "/"
[audit]
runs = {runs}
devices = ["mobile"]
throttling = "devtools"
"""
KNOBS = {
    "server_delay_ms = 500": "the server answers 0.5 s later",
    "heavy_image = true": "a heavy hero photo instead of the small SVG",
    "blocking_script_ms = 1000": "a render-blocking script that takes 1 s",
}


@dataclass(frozen=True)
class Audit:
    label: str
    exit_code: int
    seconds: float
    rows: list[dict[str, Any]]  # the regression rows

    @property
    def regressions(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["verdict"] == "fail"]


def profile(folder: Path, knobs: str, runs: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SITE}.toml"
    path.write_text(PROFILE.format(knobs=knobs, runs=runs), encoding="utf-8")
    return path


def audit(label: str, path: Path, reports: Path, ledger: Path, baseline: str | None) -> Audit:
    args = [sys.executable, "-m", "touchpoint.cli", "audit", str(path), "--reports", str(reports), "--"]
    args += ["-k", "lighthouse", "-q", "--audit-ledger", f"sqlite:///{ledger}"]
    if baseline:
        args += ["--audit-baseline", baseline]
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        raise SystemExit(f"{label}: the audit failed (exit {done.returncode})")
    results = json.loads((reports / SITE / "results.json").read_text(encoding="utf-8"))["results"]
    rows = [r for r in results if r["name"].startswith("regression:")]
    if baseline and len(rows) != len(GATED):
        raise SystemExit(f"{label}: expected {len(GATED)} regression rows, found {len(rows)}")
    return Audit(label, done.returncode, seconds, rows)


def plural(n: int) -> str:
    return f"{n} regression{'' if n == 1 else 's'}"


def copy_ledger(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def facts(row: dict[str, Any]) -> str:
    evidence = row["evidence"]
    if row["verdict"] == "info":
        return f"{row['name'][11:]}: {str(evidence.get('why not compared', row['message']))[:70]}"
    p = evidence.get("p-value, slower (one-sided Mann-Whitney U)")
    delta = str(evidence.get("Cliff's delta", "")).split(" ")[0]
    return f"{row['name'][11:]} {evidence.get('change of the median')} p={p} δ={delta}"


def closest(a: Audit) -> str:
    """The gated metric nearest to a false alarm: the smallest p-value of a slower median."""
    slower = [r for r in a.rows if str(r["evidence"].get("change of the median", "")).startswith("+")]
    if not slower:
        return "no metric slower"
    worst = min(slower, key=lambda r: float(r["evidence"]["p-value, slower (one-sided Mann-Whitney U)"]))
    return "closest: " + facts(worst)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=int, default=5, help="audits of the unchanged demo first (B)")
    parser.add_argument("--noise", type=int, default=10, help="audits of the unchanged demo with the gate on")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per audit (R)")
    parser.add_argument("--repeats", type=int, default=1, help="audits with each slow knob")
    args = parser.parse_args()
    spec = f"last:{args.baseline}"
    with tempfile.TemporaryDirectory(prefix="regression-gate-") as tmp:
        root = Path(tmp)
        ledger, reports = root / "ledger.sqlite", root / "reports"
        plain = profile(root / "plain", "", args.runs)
        print(f"baseline: {args.baseline} audits of the unchanged demo, {args.runs} Lighthouse runs each", flush=True)
        for i in range(args.baseline):
            a = audit(f"baseline {i + 1}", plain, reports, ledger, None)
            print(f"  {a.label}: {a.seconds:.0f} s", flush=True)
        print(f"noise: {args.noise} audits of the unchanged demo, gate on ({spec})", flush=True)
        noise = []
        for i in range(args.noise):
            a = audit(f"noise {i + 1}", plain, reports, ledger, spec)
            noise.append(a)
            found = "; ".join(facts(r) for r in a.regressions) or closest(a)
            print(
                f"  {a.label}: exit {a.exit_code}, {plural(len(a.regressions))} ({found}), {a.seconds:.0f} s",
                flush=True,
            )
        snapshot = root / "after-noise.sqlite"
        copy_ledger(ledger, snapshot)
        print(f"knobs: each slow knob against the same baseline ({spec} of the unchanged demo)", flush=True)
        knobs = []
        for knob, what in KNOBS.items():
            for i in range(args.repeats):
                own = root / f"knob-{len(knobs)}.sqlite"
                copy_ledger(snapshot, own)
                slow = profile(root / f"knob-{len(knobs)}", knob, args.runs)
                a = audit(f"{knob} #{i + 1}", slow, root / f"reports-{len(knobs)}", own, spec)
                knobs.append(a)
                print(f"  {a.label} ({what}): exit {a.exit_code}, {plural(len(a.regressions))}", flush=True)
                for r in a.rows:
                    mark = "REGRESSION" if r["verdict"] == "fail" else r["message"].split(": ", 2)[1]
                    print(f"      {mark:29} {facts(r)}", flush=True)
    false_alarms = sum(1 for a in noise if a.regressions)
    rows = sum(len(a.rows) for a in noise)
    detected = sum(1 for a in knobs if a.regressions)
    print(
        f"false alarms: {false_alarms} of {len(noise)} unchanged audits "
        f"({sum(len(a.regressions) for a in noise)} of {rows} metric comparisons)"
    )
    print(f"detections: {detected} of {len(knobs)} slow-knob audits")
    return 0 if false_alarms == 0 and detected == len(knobs) else 1


if __name__ == "__main__":
    sys.exit(main())
