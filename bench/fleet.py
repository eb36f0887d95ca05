"""Sites per hour of a fleet: `touchpoint audit <folder> --jobs N` over 20 demo-like sites.

Each site is a variant of the demo business (sites/demo.toml), served by its own audit on
127.0.0.1: its own name, two to six of the demo's pages, a server that answers at once or after
150 or 400 ms. Two mixes:
  quick:     every page on mobile and desktop, the contacts crawl and findability, browser
             timings; no Lighthouse, nothing sent (no reply to wait for);
  realistic: the same, plus Lighthouse on the home page (1 run on each device, real throttling,
             one run at a time on the machine) and a callback form and an email that the demo's
             staff answer 20 s after they arrive (automatic reply first). The chat is left out.
For each mix and each N, in one run: the fleet's wall time (the shared browser's start
included), sites per hour, and the ratio to N = 1; for the realistic mix also the median
Lighthouse LCP of the home page on mobile, to show what parallel sites do to the measurements,
and the time its Lighthouse runs took (one at a time, the least the fleet can take).
The machine's other work runs alongside: the figures are what this machine gave at the time, and
the bench says how long other work's Lighthouse runs held the machine-wide lock meanwhile.

    .venv/bin/python bench/fleet.py [--sites 20] [--jobs 1,2,4] [--mix quick,realistic]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [("services", "/services"), ("prices", "/prices"), ("about", "/about"), ("blog-post", "/blog/frozen-pipes")]
DELAYS_MS = (0, 150, 400)

HEAD = """
name = "Demo business {n:02d}"
language = "en"
phone_region = "GB"
timezone = "Europe/London"

[demo]
serve = true
server_delay_ms = {delay}
reply_delay = "20s"
answers = ["callback", "email"]

[hours]
mon = "00:00-24:00"
tue = "00:00-24:00"
wed = "00:00-24:00"
thu = "00:00-24:00"
fri = "00:00-24:00"
sat = "00:00-24:00"
sun = "00:00-24:00"
"""

PAGE = """
[[pages]]
name = "{name}"
path = "{path}"
lighthouse = {lighthouse}
"""

TAIL = """
[audit]
runs = 1
devices = ["mobile", "desktop"]
throttling = "devtools"
max_wait = "3m"

[budgets.contacts]
"phone:above-fold" = ["error", {{ minScore = 1 }}]
"contact-page:clicks" = ["error", {{ maxNumericValue = 1 }}]

[contacts]
phones = ["+44 20 7946 0321"]
emails = ["hello@harbourlane.example"]
social = ["facebook", "instagram", "youtube"]

[shopper]
name = "Alex Morgan"
phone = "+44 7911 123456"
message = "Hello! How much is a boiler service, and could you come this week?"
{channels}"""

CHANNELS = """
[channels.callback]
submit = true
sla = "15m"
min_interval = "0s"

[channels.email]
submit = true
sla = "2h"
min_interval = "0s"
"""


def site_toml(n: int, mix: str) -> str:
    """The n-th demo-like site: home and contacts, and 0 to 4 more of the demo's pages."""
    realistic = mix == "realistic"
    text = HEAD.format(n=n, delay=DELAYS_MS[n % len(DELAYS_MS)])
    text += PAGE.format(name="home", path="/", lighthouse=str(realistic).lower())
    for name, path in PAGES[: n % (len(PAGES) + 1)]:
        text += PAGE.format(name=name, path=path, lighthouse="false")
    text += PAGE.format(name="contacts", path="/contacts", lighthouse="false")
    return text + TAIL.format(channels=CHANNELS if realistic else "")


def describe(folder: Path) -> str:
    from touchpoint.profile import load_profile

    profiles = [load_profile(p) for p in sorted(folder.glob("*.toml"))]
    pages = [len(p.pages) for p in profiles]
    lighthouse = [sum(pg.lighthouse for pg in p.pages) * len(p.audit.devices) * p.audit.runs for p in profiles]
    channels = sorted({c for p in profiles for c in p.channels})
    return (
        f"{len(profiles)} sites, {min(pages)}-{max(pages)} pages each (mean {statistics.mean(pages):.1f}) on "
        f"mobile and desktop; Lighthouse runs per site: {max(lighthouse)}; "
        f"channels sent: {', '.join(channels) or 'none'}"
    )


def others_lighthouse(ours: str) -> bool:
    """Whether a Lighthouse that is not this bench's runs now (it holds the machine-wide lock)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        out = [a for a in argv if a.startswith(b"--output-path=")]
        if out and any(b"lighthouse" in a for a in argv[:2]) and ours.encode() not in out[0]:
            return True
    return False


def run_fleet(folder: Path, reports: Path, jobs: int) -> tuple[float, int, list[str], float]:
    """The fleet's wall time, exit code and lines, and for how long other work's Lighthouse ran meanwhile."""
    stop, foreign = threading.Event(), [0.0]

    def watch() -> None:
        while not stop.wait(0.5):
            foreign[0] += 0.5 if others_lighthouse(str(reports.parent.parent)) else 0.0

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "touchpoint.cli", "audit", str(folder), "--jobs", str(jobs), "--reports", str(reports)],
        capture_output=True,
        text=True,
        cwd=reports.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()
    return seconds, done.returncode, done.stdout.splitlines(), foreign[0]


def site_codes(lines: list[str]) -> Counter[str]:
    return Counter(line.split(": ", 1)[1].split(" (exit")[0] for line in lines if line.startswith("["))


def lighthouse_seconds(reports: Path) -> float:
    """How long this fleet's Lighthouse runs took, one after another: the realistic mix's floor."""
    total = 0.0
    for report in reports.glob("*/runs/*/lighthouse/*.report.json"):
        total += json.loads(report.read_text(encoding="utf-8"))["timing"]["total"] / 1000
    return total


def home_lcp(reports: Path) -> list[float]:
    values = []
    for results in reports.glob("*/results.json"):
        for r in json.loads(results.read_text(encoding="utf-8"))["results"]:
            if r["name"] == "largest-contentful-paint" and r["subject"] == "home · mobile" and r["actual"]:
                values.append(float(r["actual"]))
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--jobs", default="1,2,4", help="the N to compare, the first is the baseline")
    parser.add_argument("--mix", default="quick,realistic")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"machine: {os.cpu_count()} cores; other work may run alongside", flush=True)
    failed = False
    with tempfile.TemporaryDirectory(prefix="touchpoint-fleet-bench-") as tmp:
        for mix in args.mix.split(","):
            folder = Path(tmp) / mix / "sites"
            folder.mkdir(parents=True)
            for n in range(1, args.sites + 1):
                (folder / f"site{n:02d}.toml").write_text(site_toml(n, mix), encoding="utf-8")
            print(f"\n{mix}: {describe(folder)}", flush=True)
            base_rate = None
            for n_jobs in jobs:
                reports = Path(tmp) / mix / f"reports-j{n_jobs}"
                seconds, code, lines, foreign = run_fleet(folder, reports, n_jobs)
                rate = args.sites / seconds * 3600
                base_rate = base_rate or rate
                codes = site_codes(lines)
                audited = codes["within budget"] + codes["failed a budget"]
                if audited != args.sites:
                    failed = True
                    print("\n".join(lines[-(args.sites + 3) :]))
                lcp = home_lcp(reports)
                lcp_text = f", home LCP on mobile: median {statistics.median(lcp):.0f} ms" if lcp else ""
                if lcp:
                    lcp_text += f"; its Lighthouse runs took {lighthouse_seconds(reports):.0f} s"
                if foreign:
                    lcp_text += f"; other work's Lighthouse ran for {foreign:.0f} s of it"
                print(
                    f"  --jobs {n_jobs}: {seconds:6.0f} s, {rate:6.0f} sites/hour, x{rate / base_rate:.2f} "
                    f"({audited}/{args.sites} audited: {dict(codes)}; fleet exit {code}){lcp_text}",
                    flush=True,
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
