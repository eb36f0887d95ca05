"""Speed options: where Lighthouse is, how many runs a page gets, and the regression gate's baseline."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from touchpoint.profile.options import profile_of
from touchpoint.speed.regression import BASELINE_EXAMPLE, BaselineSpec, parse_baseline

__all__ = ["SPEED", "SpeedOptions", "add_options", "configure"]


@dataclass(frozen=True, slots=True)
class SpeedOptions:
    lighthouse: str | None
    runs: int | None  # None: the profile's
    baseline: BaselineSpec | None = None  # the regression gate's earlier runs (option, else profile); None: off


SPEED = pytest.StashKey[SpeedOptions]()


def _runs(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= 9:
        raise pytest.UsageError(f"--audit-runs {raw!r}: write a whole number from 1 to 9")
    return int(raw)


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-lighthouse",
        metavar="PATH",
        default=None,
        help="the lighthouse command (default: TOUCHPOINT_LIGHTHOUSE, ./node_modules, PATH)",
    )
    group.addoption(
        "--audit-runs",
        metavar="N",
        default=None,
        help="Lighthouse runs per page and device, overriding the profile (1-9)",
    )
    group.addoption(
        "--audit-baseline",
        metavar="SPEC",
        default=None,
        help="regression gate: compare each page's Lighthouse runs with earlier runs' in the ledger, "
        "last:N (the last N runs, default 5), run:<id> or off; overrides the profile's [audit] baseline",
    )


def _baseline(config: pytest.Config) -> BaselineSpec | None:
    raw = config.getoption("audit_baseline")
    if raw is None:
        profile = profile_of(config)
        return parse_baseline(profile.audit.baseline) if profile is not None else None
    try:
        return parse_baseline(str(raw))
    except ValueError:
        raise pytest.UsageError(f"--audit-baseline {raw!r}: write {BASELINE_EXAMPLE}") from None


def configure(config: pytest.Config) -> None:
    runs = config.getoption("audit_runs")
    config.stash[SPEED] = SpeedOptions(
        lighthouse=config.getoption("audit_lighthouse"),
        runs=_runs(str(runs)) if runs is not None else None,
        baseline=_baseline(config),
    )
