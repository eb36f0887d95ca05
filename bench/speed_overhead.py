"""How much the speed probe costs beyond Lighthouse itself.

Measures, in one run and interleaved (plain, probe, plain, probe, ...), the wall time of
  plain: the `lighthouse` CLI run directly on each page, one run each, JSON output;
  probe:  touchpoint's speed probe on the same pages: the preflight visit in Chromium (browser
          start included), the machine-wide lock, Lighthouse with JSON and HTML output, parsing,
          the representative run and the budget checks.
and prints probe / plain. Target: at most 1.15.

    .venv/bin/python bench/speed_overhead.py [--rounds 2] [--device mobile]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from touchpoint.browser.find import find_browser
from touchpoint.browser.launch import DEVICES, BrowserSession, chromium_flags
from touchpoint.demo.server import DemoServer
from touchpoint.pages import PageVisits
from touchpoint.profile.model import DemoKnobs
from touchpoint.speed.metrics import DEFAULT_SPEED_BUDGETS
from touchpoint.speed.probe import SpeedProbe
from touchpoint.speed.runner import Lighthouse, find_lighthouse

PAGES = {"home": "", "prices": "prices", "contacts": "contacts"}


def plain(command: list[str], chrome: str, base: str, device: str, out: Path) -> float:
    started = time.perf_counter()
    for name, path in PAGES.items():
        argv = [
            *command,
            base + path,
            "--output=json",
            f"--output-path={out / name}.json",
            "--quiet",
            f"--chrome-flags={' '.join(chromium_flags(headless_flag=True))}",
        ]
        if DEVICES[device].lighthouse_preset:
            argv.append(f"--preset={DEVICES[device].lighthouse_preset}")
        subprocess.run(argv, env={"CHROME_PATH": chrome, "PATH": "/usr/bin:/bin"}, check=True, capture_output=True)
    return time.perf_counter() - started


def probe(command: list[str], chrome: str, base: str, device: str, out: Path) -> float:
    started = time.perf_counter()
    sessions: list[BrowserSession] = []

    def session() -> BrowserSession:
        if not sessions:
            sessions.append(BrowserSession.launch(chrome))
        return sessions[0]

    visits = PageVisits(session, timeout_ms=30_000)
    speed = SpeedProbe(
        Lighthouse(command, chrome_path=chrome),
        runs=1,
        out_dir=out,
        preflight=lambda page, dev: visits.require(page, base + PAGES[page], dev),
    )
    budgets = DEFAULT_SPEED_BUDGETS[device]
    for name, path in PAGES.items():
        for metric, budget in budgets.items():
            speed.check(name, base + path, device, metric, budget)
    for s in sessions:
        s.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--device", choices=list(DEVICES), default="mobile")
    args = parser.parse_args()
    command, chrome = find_lighthouse(), find_browser().path
    totals = {"plain": 0.0, "probe": 0.0}
    with DemoServer(DemoKnobs(serve=True)) as server, tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for kind, fn in (("plain", plain), ("probe", probe)):
                folder = Path(tmp) / f"{kind}-{round_}"
                folder.mkdir()
                seconds = fn(command, chrome, server.base_url, args.device, folder)
                totals[kind] += seconds
                print(f"round {round_ + 1}: {kind:5} {seconds:6.1f} s for {len(PAGES)} pages ({args.device})")
    ratio = totals["probe"] / totals["plain"]
    print(
        f"speed probe / plain lighthouse: {ratio:.3f} (target <= 1.15) "
        f"[{totals['probe']:.1f} s / {totals['plain']:.1f} s over {args.rounds} rounds]"
    )
    return 0 if ratio <= 1.15 else 1


if __name__ == "__main__":
    sys.exit(main())
