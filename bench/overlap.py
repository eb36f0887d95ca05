"""Waiting overlaps: a run's wall time is about the longest wait, not the sum of the waits.

The demo business answers all three channels (a callback form, an email, a quote form) D
seconds after each message arrives. In one run this measures
  probes: the audit without the reply journeys (page visits, contacts crawl and checks);
  total:  the same audit with the three journeys (fire first, probes while replies travel,
          collect last);
and prints total / D. Target: total at most D + probes + 10%. (Lighthouse is left out to keep
the benchmark short; it only makes the probes longer. The chat journey is left out too: it is
not one of the three channels.)

    .venv/bin/python bench/overlap.py [--delay 30]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from touchpoint.bundled import demo_profile
from touchpoint.demo.mail import PASSWORD_ENV
from touchpoint.demo.server import DemoServer, demo_profile_toml
from touchpoint.profile import load_profile


def audit(profile: Path, reports: Path, selection: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "touchpoint.cli",
            "audit",
            str(profile),
            "--reports",
            str(reports),
            "-k",
            selection,
            "-q",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        print(done.stdout[-2000:], done.stderr[-2000:])
        raise SystemExit(f"the audit failed ({done.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delay", type=float, default=30.0, help="seconds the staff take to answer")
    args = parser.parse_args()
    base = load_profile(demo_profile())
    knobs = base.demo.model_copy(
        update={"reply_delay": timedelta(seconds=args.delay), "answers": ("callback", "email", "quote")}
    )
    channels = {
        n: c.model_copy(update={"sla": timedelta(minutes=10), "min_interval": timedelta(0)})
        for n, c in base.channels.items()
    }
    profile = base.model_copy(update={"channels": channels})
    with DemoServer(knobs) as server, tempfile.TemporaryDirectory() as tmp:
        assert server.mail is not None
        path = Path(tmp) / "overlap.toml"
        path.write_text(demo_profile_toml(profile, server), encoding="utf-8")
        env = {**os.environ, PASSWORD_ENV: server.mail.password}
        # The chat journey is left out of both: its operator is not one of the three channels, and a
        # chat cannot be resumed, so it would wait for the run's max_wait.
        probes = audit(path, Path(tmp) / "probes", "not lighthouse and not reply_time and not test_chat", env)
        total = audit(path, Path(tmp) / "total", "not lighthouse and not test_chat", env)
        answered = sum(1 for s in server.mail.sent if s.human)
    limit = (args.delay + probes) * 1.10
    print(f"staff answer after D = {args.delay:.0f} s on 3 channels ({answered} answers sent)")
    print(
        f"probes alone: {probes:.1f} s; probes and the three journeys: {total:.1f} s "
        f"(limit D + probes + 10% = {limit:.1f} s; the sum of the waits would be {3 * args.delay + probes:.1f} s)"
    )
    print(f"total / D = {total / args.delay:.2f}")
    return 0 if total <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
