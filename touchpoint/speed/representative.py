"""The representative run: the one closest to the median, as Lighthouse CI chooses it.

Lighthouse CI (`@lhci/utils/src/representative-runs.js`) takes the medians of First Contentful
Paint and Time to Interactive over the runs of a URL and keeps the run with the smallest sum of
squared distances to both. Runs missing either value only count when no run has both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from touchpoint.speed.lhr import LighthouseRun

__all__ = ["median", "representative_run"]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of no values")
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def representative_run(runs: Sequence[LighthouseRun]) -> int:
    """Index into `runs` of the representative run."""
    if not runs:
        raise ValueError("no Lighthouse runs to choose from")
    usable = [
        i
        for i, run in enumerate(runs)
        if _finite(run.value("first-contentful-paint")) and _finite(run.value("interactive"))
    ]
    if not usable:
        return 0
    fcp = {i: float(runs[i].value("first-contentful-paint") or 0.0) for i in usable}
    tti = {i: float(runs[i].value("interactive") or 0.0) for i in usable}
    median_fcp = median(list(fcp.values()))
    median_tti = median(list(tti.values()))
    return min(usable, key=lambda i: (median_fcp - fcp[i]) ** 2 + (median_tti - tti[i]) ** 2)
