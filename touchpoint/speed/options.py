"""Speed options: where Lighthouse is and how many runs a page gets."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

__all__ = ["SPEED", "SpeedOptions", "add_options", "configure"]


@dataclass(frozen=True, slots=True)
class SpeedOptions:
    lighthouse: str | None
    runs: int | None  # None: the profile's


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


def configure(config: pytest.Config) -> None:
    runs = config.getoption("audit_runs")
    config.stash[SPEED] = SpeedOptions(
        lighthouse=config.getoption("audit_lighthouse"),
        runs=_runs(str(runs)) if runs is not None else None,
    )
