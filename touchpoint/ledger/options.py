"""Ledger and reply options: where the ledger is, how long a run waits for replies, dry runs.

The controller opens the ledger and starts the run record; pytest-xdist workers get the run's
id from it, so one audit is one run however many workers it has."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from touchpoint.errors import SetupError
from touchpoint.ledger.store import Ledger
from touchpoint.profile.fields import parse_duration
from touchpoint.profile.load import site_key
from touchpoint.profile.model import SiteProfile
from touchpoint.profile.options import SOURCE, profile_of

__all__ = ["RUN", "RunOptions", "add_options", "configure", "ledger_url"]

WORKER_KEY = "touchpoint_run_id"


@dataclass(frozen=True, slots=True)
class RunOptions:
    ledger_url: str
    run_id: int
    site: str
    max_wait: timedelta | None
    dry_run: bool


RUN = pytest.StashKey[RunOptions]()


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-ledger",
        metavar="URL",
        default=None,
        help="the ledger of attempts and replies (default: sqlite:///<reports>/ledger.sqlite)",
    )
    group.addoption(
        "--audit-max-wait",
        metavar="DURATION",
        default=None,
        help="how long this run waits for each reply after asking, overriding the profile (e.g. 90s, 10m)",
    )
    group.addoption("--audit-dry-run", action="store_true", default=False, help="find and fill forms, but send nothing")


def ledger_url(profile: SiteProfile, option: str | None, reports_root: Path) -> str:
    if option:
        return option
    if profile.ledger.url:
        return profile.ledger.url
    if profile.ledger.url_env and os.environ.get(profile.ledger.url_env):
        return os.environ[profile.ledger.url_env]
    return f"sqlite:///{(reports_root / 'ledger.sqlite').resolve()}"


def configure(config: pytest.Config) -> None:
    profile = profile_of(config)
    if profile is None:
        return
    raw_wait = config.getoption("audit_max_wait")
    try:
        max_wait = parse_duration(raw_wait) if raw_wait else None
    except ValueError as exc:
        raise pytest.UsageError(f"--audit-max-wait: {exc}") from None
    reports_root = Path(config.getoption("audit_reports") or config.getini("audit_reports"))
    url = ledger_url(profile, config.getoption("audit_ledger"), reports_root)
    site = site_key(config.stash[SOURCE])
    worker = getattr(config, "workerinput", None)
    if worker is not None and WORKER_KEY in worker:
        run_id = int(worker[WORKER_KEY])
    else:
        try:
            run_id = Ledger.open(url).start_run(site)
        except SetupError as exc:  # a set-up fault: one clear usage error (exit 4) before any page loads
            raise pytest.UsageError(str(exc)) from None
    config.stash[RUN] = RunOptions(url, run_id, site, max_wait, bool(config.getoption("audit_dry_run")))
