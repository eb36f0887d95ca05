"""A fleet: every profile in a folder (or several named), audited N sites at a time.

    touchpoint audit sites/ --jobs 3            # every sites/*.toml but example and staging
    touchpoint audit a.toml b.toml -- -k contacts

Each site is its own `touchpoint audit <profile>` process, so a broken site takes down only
itself; its report lands in reports/<site>/ as for one site, and its pytest output in
reports/<site>/audit.log. The audits share one Chromium that the fleet starts (headless, remote
debugging on 127.0.0.1; started again if it stops), each in browser contexts of its own, unless
`--audit-cdp` names a browser for all of them.
Lighthouse measures in that browser too, in a tab of its own, and still one run at a time on the
machine (the machine-wide lock in `touchpoint.speed.runner`): with N > 1 other sites' pages load
while it measures, so use `--jobs 1` when speed figures matter more than time.

In a folder, the template (example.toml) and the release gate's profile (staging.toml, audited at
a deployed address) are left out, as the nightly workflow leaves them out; a profile named on the
command line is always audited. A profile that does not load is not audited and counts as a usage
error. A line per site as each ends, then one for the fleet. The exit code is the worst site's,
worst first:

    4 usage or set-up error  >  3 internal error  >  2 interrupted  >  5 no checks ran
      >  1 a budget at level error failed  >  0 within budget
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from touchpoint.errors import ProfileError, TouchpointError
from touchpoint.profile import load_profile
from touchpoint.profile.load import site_key

if TYPE_CHECKING:
    from touchpoint.browser.shared import SharedChromium

__all__ = [
    "WORDS",
    "Outcome",
    "Planned",
    "default_jobs",
    "fleet_line",
    "plan_fleet",
    "run_fleet",
    "site_argv",
    "site_line",
    "user_option",
    "worst",
]

# Profiles a folder holds that are not audited as they are: as .github/scripts/nightly_sites.py
LEFT_OUT = {
    "example": "the template to copy",
    "staging": "the release gate's profile, audited at a deployed address (--audit-base-url)",
}
# Best to worst. Anything else (a child killed by a signal, an unknown status) ranks as 3.
SEVERITY = (0, 1, 5, 2, 3, 4)
WORDS = {
    0: "within budget",
    1: "failed a budget",
    2: "interrupted",
    3: "internal error",
    4: "usage error",
    5: "no checks ran",
}
GRACE_S = 20.0  # how long interrupted audits may take to write their reports


@dataclass(frozen=True, slots=True)
class Planned:
    """A site of the fleet: its profile, its report folder's name, and why it cannot run, if so."""

    source: str
    key: str
    name: str | None = None
    problems: tuple[str, ...] = ()  # set: not audited, a usage error


@dataclass(frozen=True, slots=True)
class Outcome:
    site: Planned
    code: int
    seconds: float
    overall: float | None = None
    report: str | None = None
    reason: str | None = None  # the child's own error line, or why it never ran


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def plan_fleet(sources: Sequence[str], load: Callable[[str], object] = load_profile) -> tuple[list[Planned], list[str]]:
    """The sites to audit from folders, files and addresses, and a line for each template skipped.

    A folder gives its *.toml files (not its subfolders), sorted, but `LEFT_OUT`; a file or
    address named on the command line is always audited."""
    found: list[str] = []
    skipped: list[str] = []
    for source in sources:
        folder = Path(source)
        if not _is_url(source) and folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                if file.stem in LEFT_OUT:
                    skipped.append(f"{file}: left out, {LEFT_OUT[file.stem]}; name it to audit it")
                else:
                    found.append(str(file))
        else:
            found.append(source)
    planned: list[Planned] = []
    first_of: dict[str, str] = {}
    for source in found:
        key = site_key(source)
        if key in first_of:
            problem = (
                f"its report folder reports/{key}/ is also {first_of[key]}'s; rename one of the files "
                "(a site's report folder is named after its profile's file)"
            )
            planned.append(Planned(source, key, problems=(problem,)))
            continue
        first_of[key] = source
        try:
            profile = load(source)
        except ProfileError as exc:
            planned.append(Planned(source, key, problems=exc.problems))
            continue
        planned.append(Planned(source, key, name=getattr(profile, "name", None)))
    return planned, skipped


def worst(codes: Iterable[int]) -> int:
    """The worst exit code by `SEVERITY` (0 for none)."""
    ranked = [c if c in SEVERITY else 3 for c in codes]
    return max(ranked, key=SEVERITY.index, default=0)


def default_jobs(cpus: int | None) -> int:
    """Sites at a time: an audit mostly waits (pages, replies, the Lighthouse lock), so half the
    cores, at least 2, at most 8."""
    return max(2, min(8, (cpus or 2) // 2))


def user_option(extra: Sequence[str], name: str) -> str | None:
    """The value of `name` in pytest arguments (`--audit-cdp URL` or `--audit-cdp=URL`), last wins."""
    value = None
    for i, arg in enumerate(extra):
        if arg == name and i + 1 < len(extra):
            value = extra[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def site_argv(source: str, reports: str | None, extra: Sequence[str], cdp: str | None) -> list[str]:
    """One site's audit as a command: this Python's `touchpoint audit`, the fleet's pytest
    arguments after "--" as written, the shared browser last."""
    argv = [sys.executable, "-m", "touchpoint.cli", "audit", source]
    if reports:
        argv += ["--reports", reports]
    argv += ["--", *extra]
    if cdp:
        argv += ["--audit-cdp", cdp]
    return argv


def _words(code: int) -> str:
    return WORDS.get(code, "internal error")


def site_line(outcome: Outcome, index: int, total: int) -> str:
    """`[2/5] acme (Acme Dental): failed a budget (exit 1), overall 3.4, 41 s, reports/acme/audit.html`"""
    site = outcome.site
    width = len(str(total))
    head = f"[{index:>{width}}/{total}] {site.key}" + (f" ({site.name})" if site.name else "")
    parts = [f"{_words(outcome.code)} (exit {outcome.code})"]
    if outcome.overall is not None:
        parts.append(f"overall {outcome.overall:.1f}")
    elif outcome.report:
        parts.append("overall not scored")
    if outcome.seconds:
        parts.append(f"{outcome.seconds:.0f} s")
    if outcome.report:
        parts.append(outcome.report)
    line = f"{head}: {', '.join(parts)}"
    return f"{line}: {outcome.reason}" if outcome.reason else line


def fleet_line(outcomes: Sequence[Outcome], seconds: float, jobs: int) -> str:
    """`fleet: 5 sites in 212 s, 2 at a time: 3 within budget, 1 failed a budget, 1 usage error; exit 4 (bad)`"""
    code = worst(o.code for o in outcomes)
    counts = Counter(worst([o.code]) for o in outcomes)
    tally = ", ".join(f"{counts[c]} {WORDS[c]}" for c in SEVERITY if counts[c])
    culprits = [o.site.key for o in outcomes if code and worst([o.code]) == code]
    named = ", ".join(culprits[:5]) + (f" and {len(culprits) - 5} more" if len(culprits) > 5 else "")
    blame = f" ({named})" if culprits else ""
    n = len(outcomes)
    return f"fleet: {n} site{'s' if n != 1 else ''} in {seconds:.0f} s, {jobs} at a time: {tally}; exit {code}{blame}"


def error_line(log: str) -> str | None:
    """What a failed audit said: pytest's first "ERROR: ..." (a usage error), its last
    "INTERNALERROR> ...", else its last line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if line.startswith("ERROR:"):
            said = line.removeprefix("ERROR:").strip()
            if said.startswith("usage:") and i + 1 < len(lines):  # argparse's: the next line says what
                return lines[i + 1]
            return said
    internal = [line.removeprefix("INTERNALERROR>").strip() for line in lines if line.startswith("INTERNALERROR>")]
    return internal[-1] if internal else (lines[-1] if lines else None)


def _results(folder: Path, since: float) -> tuple[float | None, str | None]:
    """The overall score and report of this run, if it wrote them (not an earlier run's)."""
    results, report = folder / "results.json", folder / "audit.html"
    try:
        if results.stat().st_mtime < since:
            return None, None
        data = json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    overall = (data.get("scorecard") or {}).get("overall")
    return (float(overall) if isinstance(overall, int | float) else None), (str(report) if report.exists() else None)


@dataclass
class _Running:
    site: Planned
    process: subprocess.Popen[bytes]
    started: float
    wall: float
    log: Path
    interrupted: bool = False


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A CI cancellation (SIGTERM) stops the fleet the way Ctrl-C does; and Ctrl-C (SIGINT) does,
    even when the fleet was started as a background job, which a shell starts with SIGINT
    ignored (the audits it starts would inherit that, and never hear a stop)."""

    def raise_interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, raise_interrupt)
        previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


def _signal(run: _Running, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(run.process.pid, signum)


def run_fleet(
    sources: Sequence[str],
    *,
    jobs: int | None = None,
    reports: str | None = None,
    extra: Sequence[str] = (),
    out: Callable[[str], None] | None = None,
) -> int:
    """Audit the sites, `jobs` at a time, print a line for each as it ends and one for the fleet;
    return the worst exit code."""
    say = out or (lambda line: print(line, flush=True))
    jobs = jobs or default_jobs(os.cpu_count())
    planned, skipped = plan_fleet(sources)
    for line in skipped:
        say(line)
    if not planned:
        say(f"fleet: no site profiles in {', '.join(sources)} (files named *.toml)")
        return 4
    root = Path(reports or user_option(extra, "--audit-reports") or "reports")
    total, done = len(planned), 0
    outcomes: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        outcomes.append(outcome)
        say(site_line(outcome, done, total))
        if outcome.site.problems and len(outcome.site.problems) > 1:
            for problem in outcome.site.problems[1:]:
                say(f"      - {problem}")

    began = time.perf_counter()
    queue = deque(p for p in planned if not p.problems)
    user_cdp = user_option(extra, "--audit-cdp")
    browser = None if user_cdp else _Browser(user_option(extra, "--audit-browser"), say)
    if queue:
        where = f"the browser at {user_cdp}"
        if browser is not None:
            with contextlib.suppress(TouchpointError):  # said for each site it leaves out
                browser.endpoint()
            where = f"one shared {browser.version} at {browser.last}" if browser.last else "no shared browser"
        say(f"fleet: {len(queue)} site{'s' if len(queue) > 1 else ''}, {jobs} at a time, in {where}")
    for site in planned:
        if site.problems:
            count = len(site.problems)
            reason = f"not audited, its profile has {count} problem{'s' if count > 1 else ''}: {site.problems[0]}"
            finish(Outcome(site, 4, 0.0, reason=reason))
    try:
        with _sigterm_as_interrupt():
            _audit_all(queue, jobs, browser, lambda site, cdp: _start(site, root, reports, extra, cdp), finish, say)
    finally:
        if browser is not None:
            browser.close()
    _write_portfolio(root, [o for o in outcomes if o.report])
    say(fleet_line(outcomes, time.perf_counter() - began, jobs))
    return worst(o.code for o in outcomes)


def _audit_all(
    queue: deque[Planned],
    jobs: int,
    browser: _Browser | None,
    start: Callable[[Planned, str | None], _Running],
    finish: Callable[[Outcome], None],
    say: Callable[[str], None],
) -> None:
    """Keep `jobs` audits running until the queue is empty; on Ctrl-C stop them all."""
    running: list[_Running] = []
    try:
        while queue or running:
            while queue and len(running) < jobs:
                site = queue.popleft()
                try:
                    cdp = browser.endpoint() if browser else None
                except TouchpointError as exc:
                    finish(Outcome(site, 4, 0.0, reason=f"not audited, no shared browser: {exc}"))
                    continue
                running.append(start(site, cdp))
            for run in [r for r in running if r.process.poll() is not None]:
                running.remove(run)
                finish(_outcome(run))
            time.sleep(0.1)
    except KeyboardInterrupt:
        say(f"fleet: interrupted; stopping {len(running)} running audit(s), {len(queue)} not started")
        for run in _stop(running):
            finish(_outcome(run))
        for site in queue:
            finish(Outcome(site, 2, 0.0, reason="not started"))
        queue.clear()


class _Browser:
    """The fleet's shared Chromium, found by the project's finder; started again if it stops
    (a browser that would not start is not tried again)."""

    def __init__(self, explicit: str | None, say: Callable[[str], None]) -> None:
        self._explicit = explicit
        self._say = say
        self._shared: SharedChromium | None = None
        self._failed: TouchpointError | None = None
        self.last: str | None = None
        self.version = ""

    def endpoint(self) -> str:
        from touchpoint.browser.find import find_browser
        from touchpoint.browser.shared import SharedChromium

        if self._failed is not None:
            raise self._failed
        if self._shared is not None:
            status = self._shared.process.poll()
            if status is None:
                return self._shared.endpoint
            self._say(f"fleet: the shared browser stopped (status {status}); starting another for the sites to come")
            self._shared.close()
            self._shared = None
        try:
            self._shared = SharedChromium.start(find_browser(self._explicit).path)
        except TouchpointError as exc:
            self._failed = exc
            raise
        self.last, self.version = self._shared.endpoint, self._shared.version
        return self._shared.endpoint

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()


def _start(site: Planned, root: Path, reports: str | None, extra: Sequence[str], cdp: str | None) -> _Running:
    folder = root / site.key
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "audit.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            site_argv(site.source, reports, extra, cdp or None),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the fleet forwards Ctrl-C itself, then waits for the reports
        )
    return _Running(site, process, time.perf_counter(), time.time(), log_path)


def _stop(running: list[_Running]) -> list[_Running]:
    """Interrupt the running audits (as Ctrl-C would), give them GRACE_S to write their reports,
    then kill what is left; a second Ctrl-C kills at once."""
    for run in running:
        run.interrupted = True
        _signal(run, signal.SIGINT)
    deadline = time.monotonic() + GRACE_S
    try:
        while time.monotonic() < deadline and any(r.process.poll() is None for r in running):
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    for run in running:
        if run.process.poll() is None:
            _signal(run, signal.SIGKILL)
            run.process.wait()
    return running


def _outcome(run: _Running) -> Outcome:
    code = run.process.returncode
    if code < 0:  # killed by a signal
        code = 2 if run.interrupted else 3
    seconds = time.perf_counter() - run.started
    overall, report = _results(run.log.parent, run.wall)
    reason = None
    if run.interrupted:
        reason = f"stopped by the fleet's interruption (output: {run.log})"
    elif code == 5:
        reason = f"no check was selected (output: {run.log})"
    elif code not in (0, 1):
        said = error_line(run.log.read_text(encoding="utf-8", errors="replace")) if run.log.is_file() else None
        reason = f"{said} (whole output: {run.log})" if said else f"see {run.log}"
    return Outcome(run.site, code, seconds, overall, report, reason)


def _write_portfolio(root: Path, reported: Sequence[Outcome]) -> None:
    """reports/index.html once more after every audit ended: the audits rewrite it as each ends,
    and two ending at once may both write it."""
    if not reported:
        return
    from touchpoint.report.i18n import language
    from touchpoint.report.portfolio import write_portfolio

    langs: Counter[str] = Counter()
    for outcome in reported:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads((root / outcome.site.key / "results.json").read_text(encoding="utf-8"))
            langs[str(data["language"])] += 1
    write_portfolio(root, language(langs.most_common(1)[0][0] if langs else None))
