"""The regression gate's core: is this run's page slower than before, or is it noise? (pure)

Lighthouse numbers wander from run to run, so one slower number proves nothing. As sitespeed.io's
compare plugin does, the gate keeps both samples (this run's Lighthouse runs of a page and
device, and the earlier runs' from the ledger) and asks three questions of each metric:

1. Significant? A one-sided Mann-Whitney U test (`scipy.stats.mannwhitneyu`), alternative
   "this run's values are larger" (every gated metric is lower-is-better), at `alpha` = 0.05.
2. Large? Cliff's delta, the share of (this run, earlier) pairs where this run is slower minus
   the share where it is faster, at least 0.474 ("large", Romano et al. 2006).
3. Worth a release's attention? The medians differ by at least `THRESHOLDS[metric]`: 10% of the
   earlier median and an absolute floor in the metric's unit (50 ms for timings, 0.02 for CLS).

Only a change that is all three fails the gate; the same three in the other direction are an
improvement; anything else is no change.

How many samples a verdict needs. The test ranks values, so with n values here and m before the
smallest one-sided p-value it can give is 1 / C(n + m, n) (every value here above every value
before). When that is above `alpha` no data could be significant, and the gate says "not enough
samples" instead of guessing. At alpha = 0.05 (see `baseline_needed`):

    values here (--audit-runs)    1    2    3    4    5   ...  19
    values before, at least       19   5    3    3    2   ...   1

So with the profile's usual `runs = 3`, `--audit-baseline last:1` is the least that can decide
(and only when all three runs are slower than all three before); `last:5` (15 values before) can
tell a steady shift from noise. With `runs = 1` the baseline needs 19 earlier runs.

Performance scores are left out: they are computed from the timings gated here, so gating them
too would count one slowdown twice.
"""

from __future__ import annotations

import enum
import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "ALPHA",
    "GATED",
    "LARGE_DELTA",
    "THRESHOLDS",
    "BaselineSpec",
    "Comparison",
    "Outcome",
    "Policy",
    "Threshold",
    "baseline_needed",
    "cliffs_delta",
    "compare",
    "min_p_value",
    "parse_baseline",
]

ALPHA = 0.05  # the test's level: at most 5% of unchanged metrics look slower by chance
LARGE_DELTA = 0.474  # Cliff's delta from which an effect is "large" (Romano et al. 2006)
EXACT_LIMIT = 5_000  # with ties, an exact permutation test up to this many arrangements
_TOLERANCE = 1e-9  # p-values equal to alpha in exact arithmetic may come out a hair above it


@dataclass(frozen=True, slots=True)
class Threshold:
    """The smallest change of a metric's median that matters: both a share of the earlier median
    and an absolute amount in the metric's unit."""

    relative: float
    absolute: float


# Gated metrics and their smallest change that matters. All are lower-is-better.
THRESHOLDS: Mapping[str, Threshold] = {
    "largest-contentful-paint": Threshold(relative=0.10, absolute=50.0),  # ms
    "first-contentful-paint": Threshold(relative=0.10, absolute=50.0),  # ms
    "speed-index": Threshold(relative=0.10, absolute=50.0),  # ms
    "total-blocking-time": Threshold(relative=0.10, absolute=50.0),  # ms
    "server-response-time": Threshold(relative=0.10, absolute=50.0),  # ms
    "cumulative-layout-shift": Threshold(relative=0.10, absolute=0.02),  # unitless
}
GATED: tuple[str, ...] = tuple(THRESHOLDS)


@dataclass(frozen=True, slots=True)
class Policy:
    """What counts as a change: the test's level, the effect size and the smallest change."""

    alpha: float = ALPHA
    large_delta: float = LARGE_DELTA
    thresholds: Mapping[str, Threshold] = field(default_factory=lambda: dict(THRESHOLDS))

    def describe(self, metric: str, unit: str = "") -> str:
        t = self.thresholds[metric]
        floor = f"{t.absolute:g} {unit}".strip()
        return (
            f"a change counts when it is significant (one-sided Mann-Whitney U, p ≤ {self.alpha:g}), large "
            f"(Cliff's delta ≥ {self.large_delta:g}) and at least {t.relative:.0%} and {floor}"
        )


class Outcome(enum.StrEnum):
    REGRESSION = "regression"
    IMPROVEMENT = "improvement"
    NO_CHANGE = "no change"
    NOT_ENOUGH = "not enough samples"


@dataclass(frozen=True, slots=True)
class Comparison:
    """One metric of one page and device: this run's values against the earlier ones."""

    metric: str
    outcome: Outcome
    current: tuple[float, ...]
    baseline: tuple[float, ...]
    p_slower: float | None = None  # one-sided p-value, alternative: this run is slower
    p_faster: float | None = None  # one-sided p-value, alternative: this run is faster
    delta: float | None = None  # Cliff's delta, this run against the baseline (+1: every pair slower)
    reason: str = ""  # with NOT_ENOUGH: what is missing, in words

    @property
    def current_median(self) -> float | None:
        return statistics.median(self.current) if self.current else None

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def change(self) -> float | None:
        """This run's median minus the baseline's (positive: slower)."""
        now, before = self.current_median, self.baseline_median
        return None if now is None or before is None else now - before

    @property
    def relative(self) -> float | None:
        """The change as a share of the baseline's median (None when that median is 0)."""
        change, before = self.change, self.baseline_median
        return None if change is None or not before else change / before


def min_p_value(n: int, m: int) -> float:
    """The smallest one-sided p-value a rank test can give with n and m values."""
    if n < 1 or m < 1:
        return 1.0
    return 1.0 / math.comb(n + m, n)


def baseline_needed(n: int, alpha: float = ALPHA) -> int:
    """How many values before are needed so that n values here can be significant at alpha."""
    if n < 1:
        raise ValueError("no values here: nothing can be compared")
    m = 1
    while min_p_value(n, m) > alpha + _TOLERANCE:
        m += 1
    return m


def cliffs_delta(current: Sequence[float], baseline: Sequence[float]) -> float:
    """P(current > baseline) - P(current < baseline) over all pairs: -1 to +1."""
    if not current or not baseline:
        raise ValueError("Cliff's delta needs values on both sides")
    more = sum(1 for x in current for y in baseline if x > y)
    less = sum(1 for x in current for y in baseline if x < y)
    return (more - less) / (len(current) * len(baseline))


def _p_value(current: Sequence[float], baseline: Sequence[float], alternative: str) -> float:
    """One-sided Mann-Whitney U. Exact without ties; with ties an exact permutation test while
    that is cheap, else the normal approximation with its tie correction."""
    from scipy.stats import PermutationMethod, mannwhitneyu  # type: ignore[import-untyped]

    ties = len(set(current) | set(baseline)) < len(current) + len(baseline)
    method: object = "exact"
    if ties:
        arrangements = math.comb(len(current) + len(baseline), len(current))
        method = PermutationMethod(n_resamples=EXACT_LIMIT) if arrangements <= EXACT_LIMIT else "asymptotic"
    result = mannwhitneyu(list(current), list(baseline), alternative=alternative, method=method)
    return float(result.pvalue)


def _not_enough(n: int, m: int, alpha: float) -> str:
    if m == 0:
        return "no earlier samples of this page and device yet; later runs compare with this one"
    if n == 0:
        return "this run has no value of this metric to compare"
    return (
        f"{n} value{'s' if n != 1 else ''} here and {m} before cannot show a significant change "
        f"(the smallest possible p-value is {min_p_value(n, m):.3g} > {alpha:g}): with {n} here the baseline "
        f"needs at least {baseline_needed(n, alpha)} values, or this run at least {baseline_needed(m, alpha)} "
        f"with {m} before (more Lighthouse runs: --audit-runs; more earlier runs: --audit-baseline last:N)"
    )


def compare(
    metric: str, current: Sequence[float], baseline: Sequence[float], policy: Policy | None = None
) -> Comparison:
    """Decide regression, improvement, no change or not enough samples for one metric."""
    policy = policy or Policy()
    threshold = policy.thresholds[metric]
    now = tuple(float(v) for v in current if math.isfinite(v))
    before = tuple(float(v) for v in baseline if math.isfinite(v))
    if min_p_value(len(now), len(before)) > policy.alpha + _TOLERANCE:
        return Comparison(
            metric, Outcome.NOT_ENOUGH, now, before, reason=_not_enough(len(now), len(before), policy.alpha)
        )
    p_slower = _p_value(now, before, "greater")
    p_faster = _p_value(now, before, "less")
    delta = cliffs_delta(now, before)
    found = Comparison(metric, Outcome.NO_CHANGE, now, before, p_slower, p_faster, delta)
    change, median_before = found.change or 0.0, found.baseline_median or 0.0
    matters = abs(change) >= threshold.absolute and abs(change) >= threshold.relative * abs(median_before)
    if matters and change > 0 and delta >= policy.large_delta and p_slower <= policy.alpha + _TOLERANCE:
        return Comparison(metric, Outcome.REGRESSION, now, before, p_slower, p_faster, delta)
    if matters and change < 0 and delta <= -policy.large_delta and p_faster <= policy.alpha + _TOLERANCE:
        return Comparison(metric, Outcome.IMPROVEMENT, now, before, p_slower, p_faster, delta)
    return found


@dataclass(frozen=True, slots=True)
class BaselineSpec:
    """Which earlier runs to compare with: the last N that measured the page, or one named run."""

    last: int | None = None
    run: int | None = None

    def __str__(self) -> str:
        return f"run:{self.run}" if self.run is not None else f"last:{self.last}"


BASELINE_EXAMPLE = '"last:5" (the last five runs), "last" (the same), "run:42" (run 42) or "off"'
_SPEC = re.compile(r"^(?:(last)(?::(\d+))?|run:(\d+))$")


def parse_baseline(text: str) -> BaselineSpec | None:
    """ "last:N" (default N 5), "run:<id>" or "off" (None); ValueError with the fix otherwise."""
    raw = text.strip().lower()
    if raw in ("off", "none", ""):
        return None
    match = _SPEC.match(raw)
    if match is None:
        raise ValueError(f"baseline {text!r} is not understood: write {BASELINE_EXAMPLE}")
    if match.group(3) is not None:
        return BaselineSpec(run=int(match.group(3)))
    last = int(match.group(2)) if match.group(2) is not None else 5
    if not 1 <= last <= 100:
        raise ValueError(f"baseline {text!r}: N must be from 1 to 100, e.g. last:5")
    return BaselineSpec(last=last)
