"""Run the Lighthouse CLI as a subprocess, one run at a time on the whole machine.

Lighthouse asks that runs on one machine never overlap (they compete for CPU and skew each
other's timings), so every run holds a machine-wide file lock; pytest-xdist workers and separate
audits wait for each other. Like Lighthouse CI's node runner, a failed run keeps its stdout and
stderr in the error.

    lighthouse = Lighthouse(find_lighthouse(), chrome_path="/usr/bin/chromium")
    run = lighthouse.run("https://example.com/", device=DEVICES["mobile"], out_dir=Path("reports/x"))
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock

from touchpoint.browser.launch import Device, chromium_flags
from touchpoint.errors import (
    BrowserCrashed,
    BrowserNotFound,
    LighthouseFailed,
    LighthouseNotInstalled,
)
from touchpoint.speed.lhr import LighthouseRun, parse_lhr

__all__ = [
    "ENV_LIGHTHOUSE",
    "ENV_LOCK",
    "LIGHTHOUSE_VERSION",
    "Lighthouse",
    "RunRecord",
    "find_lighthouse",
    "lighthouse_home",
    "machine_lock",
    "read_lhr",
]

ENV_LIGHTHOUSE = "TOUCHPOINT_LIGHTHOUSE"
ENV_LOCK = "TOUCHPOINT_LIGHTHOUSE_LOCK"
CATEGORIES = "performance,accessibility,best-practices,seo"


LIGHTHOUSE_VERSION = "12.8.2"  # as package.json pins it (Lighthouse 13 needs Node 22)


def lighthouse_home() -> Path:
    """Where `touchpoint lighthouse --install` puts Lighthouse for an installed package."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "touchpoint" / "lighthouse"


def find_lighthouse(explicit: str | None = None, *, search_dirs: Sequence[Path] = ()) -> list[str]:
    """The command that starts Lighthouse: a setting, a project's node_modules (the checkout's,
    where `make setup` put it; the current folder's), touchpoint's own (`touchpoint lighthouse
    --install`), or PATH."""
    explicit = explicit or os.environ.get(ENV_LIGHTHOUSE) or None
    if explicit:
        if shutil.which(explicit) or Path(explicit).is_file():
            return [explicit]
        raise LighthouseNotInstalled(
            f"the Lighthouse set with --audit-lighthouse or {ENV_LIGHTHOUSE} ({explicit}) does not exist"
        )
    package_root = Path(__file__).resolve().parents[2]
    for folder in (*search_dirs, Path.cwd(), package_root, lighthouse_home()):
        candidate = folder / "node_modules" / ".bin" / "lighthouse"
        if candidate.is_file():
            return [str(candidate)]
    on_path = shutil.which("lighthouse")
    if on_path:
        return [on_path]
    raise LighthouseNotInstalled(
        "Lighthouse is not installed: run `touchpoint lighthouse --install` (needs Node.js and npm), or "
        "`make setup` in the touchpoint-audit checkout, or set "
        f"{ENV_LIGHTHOUSE}=/path/to/lighthouse"
    )


def machine_lock() -> FileLock:
    """The lock every Lighthouse run on this machine holds."""
    path = os.environ.get(ENV_LOCK) or os.path.join(tempfile.gettempdir(), "touchpoint-lighthouse.lock")
    return FileLock(path)


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A finished run: the result, and how long it waited for the lock and ran."""

    run: LighthouseRun
    waited_s: float
    ran_s: float


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _run_in_group(argv: list[str], *, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    """subprocess.run, but a timeout kills Lighthouse's Chrome too (its process group)."""
    with subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            raise subprocess.TimeoutExpired(argv, timeout, stdout, stderr) from None
        return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)


@dataclass
class Lighthouse:
    """The Lighthouse CLI, pointed at one Chromium (local or remote)."""

    command: list[str]
    chrome_path: str | None = None
    remote: str | None = None  # http://host:port of a browser with remote debugging on
    max_wait_ms: int = 45_000
    throttling: str = "simulate"
    runner: Callable[..., subprocess.CompletedProcess[str]] = field(default=_run_in_group)
    lock: FileLock = field(default_factory=machine_lock)

    def argv(self, url: str, device: Device, output_stem: Path) -> list[str]:
        argv = [
            *self.command,
            url,
            "--output=json",
            "--output=html",
            f"--output-path={output_stem}",
            f"--only-categories={CATEGORIES}",
            f"--max-wait-for-load={self.max_wait_ms}",
            f"--throttling-method={self.throttling}",
            "--quiet",
        ]
        if device.lighthouse_preset:
            argv.append(f"--preset={device.lighthouse_preset}")
        if self.remote:
            parts = urlsplit(self.remote)
            argv += [f"--hostname={parts.hostname}", f"--port={parts.port or 9222}"]
        else:
            argv.append(f"--chrome-flags={' '.join(chromium_flags(headless_flag=True))}")
        return argv

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.chrome_path:
            env["CHROME_PATH"] = self.chrome_path
        return env

    def run(self, url: str, *, device: Device, output_stem: Path) -> RunRecord:
        output_stem.parent.mkdir(parents=True, exist_ok=True)
        argv = self.argv(url, device, output_stem)
        json_path = Path(f"{output_stem}.report.json")
        json_path.unlink(missing_ok=True)
        asked = time.perf_counter()
        with self.lock:
            started = time.perf_counter()
            try:
                done = self.runner(argv, env=self.env(), timeout=self.max_wait_ms / 1000 + 90)
            except FileNotFoundError as exc:
                raise LighthouseNotInstalled(
                    f"could not start Lighthouse ({argv[0]}): {exc.strerror}; is Node.js installed? "
                    "`make setup` installs it"
                ) from None
            except subprocess.TimeoutExpired as exc:
                raise LighthouseFailed(
                    f"Lighthouse did not finish measuring {url} within {exc.timeout:.0f} s",
                    stdout=_text(exc.stdout),
                    stderr=_text(exc.stderr),
                ) from None
            finished = time.perf_counter()
        if not json_path.is_file():
            raise _failure(url, done)
        return RunRecord(run=read_lhr(json_path), waited_s=started - asked, ran_s=finished - started)


def read_lhr(json_path: Path) -> LighthouseRun:
    """A run from the JSON report Lighthouse wrote (the HTML report beside it)."""
    try:
        lhr = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LighthouseFailed(f"Lighthouse wrote an unreadable result ({json_path}): {exc}") from None
    html_path = json_path.with_name(json_path.name.replace(".report.json", ".report.html"))
    return parse_lhr(lhr, html_report=str(html_path), json_report=str(json_path))


def _text(raw: str | bytes | None) -> str:
    if raw is None:
        return ""
    return raw.decode(errors="replace") if isinstance(raw, bytes) else raw


def _failure(url: str, done: subprocess.CompletedProcess[str]) -> Exception:
    said = f"{done.stdout}\n{done.stderr}"
    if "No Chrome installations found" in said or ("CHROME_PATH" in said and "not" in said):
        return BrowserNotFound(f"Lighthouse found no Chrome to measure {url} with; set CHROME_PATH or --audit-browser")
    if "Unable to connect to Chrome" in said or "ECONNREFUSED" in said:
        return BrowserCrashed(f"Chromium did not start or stopped answering Lighthouse while measuring {url}")
    if "Cannot find module" in said or "SyntaxError" in said or "Unsupported engine" in said:
        return LighthouseNotInstalled(
            f"the installed Lighthouse does not run on this Node.js ({done.args[0]}); run `make setup` to reinstall it",
        )
    return LighthouseFailed(
        f"Lighthouse exited with status {done.returncode} measuring {url}",
        stdout=done.stdout,
        stderr=done.stderr,
    )
