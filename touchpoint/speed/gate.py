"""The regression gate's edge: each run's Lighthouse samples kept in the ledger, and this run's
compared with earlier runs' (the statistics are in `touchpoint.speed.regression`).

    keep = keep_samples(lambda: Ledger.open(url), run_id=42, site="acme")   # SpeedProbe(on_measured=keep)
    baseline = Baseline(lambda: Ledger.open(url), site="acme", run_id=42, spec=parse_baseline("last:5"))
    result = baseline.check(speed, "home", "https://acme.example/", "mobile", "largest-contentful-paint")

A regression fails at level `error` (the gate: exit 1); an improvement or no change passes; a
comparison the samples cannot decide is reported as information with what it needs.

`last:N` rolls on: a slowdown that stays becomes the baseline after a few runs (as a nightly
monitor should see it). To hold releases to one known-good run, name it: `run:<id>`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence

from touchpoint.budgets import format_value
from touchpoint.errors import TouchpointError
from touchpoint.ledger.store import Ledger
from touchpoint.result import CheckResult, Level
from touchpoint.speed.metrics import METRICS_BY_ID
from touchpoint.speed.probe import CATEGORY, SpeedMeasurement, SpeedProbe, subject
from touchpoint.speed.regression import BaselineSpec, Comparison, Outcome, Policy, compare

__all__ = ["Baseline", "keep_samples", "regression_result", "sample_values"]

LedgerSource = Callable[[], Ledger]


def sample_values(measurement: SpeedMeasurement) -> dict[str, list[float]]:
    """metric -> every run's value, in run order (runs that did not measure a metric left out)."""
    found: dict[str, list[float]] = {}
    for run in measurement.runs:
        for metric, value in run.metrics.items():
            if value is not None and math.isfinite(value):
                found.setdefault(metric, []).append(float(value))
    return found


def keep_samples(ledger: LedgerSource, *, run_id: int, site: str) -> Callable[[SpeedMeasurement], None]:
    """A `SpeedProbe(on_measured=...)` hook that keeps a measurement's samples for later runs. The
    probe calls it under its per-page lock and the ledger keeps a run's samples of a page and
    device once, so pytest-xdist workers that share a measurement store it once."""
    opened: list[Ledger] = []

    def keep(measurement: SpeedMeasurement) -> None:
        if not opened:
            opened.append(ledger())
        opened[0].record_samples(run_id, site, measurement.page, measurement.device, sample_values(measurement))

    return keep


def _values(values: Sequence[float], unit: str) -> str:
    """Every value, in run order, and their median."""
    if not values:
        return "none"
    shown = " · ".join(format_value(v, unit) for v in values)
    return f"{shown} (median {format_value(statistics.median(values), unit)})"


def _signed(value: float, unit: str) -> str:
    return ("+" if value >= 0 else "−") + format_value(abs(value), unit)


def _runs_label(runs: Sequence[int]) -> str:
    if not runs:
        return "none"
    if len(runs) == 1:
        return f"run {runs[0]}"
    return f"runs {runs[0]}–{runs[-1]} ({len(runs)} runs)"


def regression_result(
    comparison: Comparison,
    *,
    page: str,
    device: str,
    url: str,
    run_id: int,
    runs: Sequence[int],
    policy: Policy | None = None,
) -> CheckResult:
    """One metric's comparison as a check: both samples, the p-values, Cliff's delta, the change."""
    policy = policy or Policy()
    metric = METRICS_BY_ID[comparison.metric]
    unit = metric.unit
    title = f"{metric.title} against earlier runs"
    now, before = comparison.current_median, comparison.baseline_median
    evidence: dict[str, str | float | int | None] = {
        "what it means": metric.explain,
        "this run": f"run {run_id}: {_values(comparison.current, unit)}",
        "earlier runs": f"{_runs_label(runs)}: {_values(comparison.baseline, unit)}",
    }
    expected = f"no slower than {format_value(before, unit)}" if before is not None else None
    if comparison.outcome is Outcome.NOT_ENOUGH:
        evidence["why not compared"] = comparison.reason
        evidence["rule"] = policy.describe(comparison.metric, unit)
        level, message = Level.OFF, f"not enough samples to compare: {comparison.reason}"
    else:
        change, relative = comparison.change or 0.0, comparison.relative
        shown_change = _signed(change, unit) + (f" ({relative:+.0%})" if relative is not None else "")
        p_slower, p_faster, delta = comparison.p_slower or 1.0, comparison.p_faster or 1.0, comparison.delta or 0.0
        evidence["change of the median"] = shown_change
        evidence["p-value, slower (one-sided Mann-Whitney U)"] = f"{p_slower:.3g}"
        evidence["p-value, faster (one-sided Mann-Whitney U)"] = f"{p_faster:.3g}"
        evidence["Cliff's delta"] = f"{delta:+.2f} (large from ±{policy.large_delta:g})"
        evidence["rule"] = policy.describe(comparison.metric, unit)
        against = f"median {format_value(now, unit)} against {format_value(before, unit)}, {shown_change}"
        said = {
            Outcome.REGRESSION: ("slower than the earlier runs", p_slower),
            Outcome.IMPROVEMENT: ("faster than the earlier runs", p_faster),
            Outcome.NO_CHANGE: ("no change that counts", p_slower),
        }
        words, p = said[comparison.outcome]
        level, message = Level.ERROR, f"{words}: {against}, p = {p:.2g}, Cliff's delta {delta:+.2f}"
    return CheckResult(
        name=f"regression:{comparison.metric}",
        category=CATEGORY,
        title=title,
        subject=subject(page, device),
        actual=now,
        expected=expected,
        operator="",
        level=level,
        passed=comparison.outcome is not Outcome.REGRESSION,
        message=f"{metric.title}: {message}",
        unit=unit,
        url=url,
        evidence=evidence,
    )


class Baseline:
    """Earlier runs' samples of the site from the ledger, and this run's compared with them.

    baseline = Baseline(lambda: Ledger.open(url), site="acme", run_id=42, spec=BaselineSpec(last=5))
    result = baseline.check(speed, "home", "https://acme.example/", "mobile", "largest-contentful-paint")
    """

    def __init__(
        self,
        ledger: LedgerSource,
        *,
        site: str,
        run_id: int,
        spec: BaselineSpec | None,
        policy: Policy | None = None,
    ) -> None:
        self._ledger = ledger
        self._opened: Ledger | None = None
        self.site = site
        self.run_id = run_id
        self.spec = spec
        self.policy = policy or Policy()
        self._runs: dict[tuple[str, str], tuple[int, ...]] = {}
        self._values: dict[tuple[str, str], Mapping[str, Sequence[float]]] = {}

    def _db(self) -> Ledger:
        if self._opened is None:
            self._opened = self._ledger()
        return self._opened

    def runs(self, page: str, device: str) -> tuple[int, ...]:
        """The earlier runs compared with for a page and device, oldest first: the last N runs
        that measured that page on that device (a run that measured other pages only is not one)."""
        key = (page, device)
        if key not in self._runs:
            if self.spec is None:
                self._runs[key] = ()
            elif self.spec.run is not None:
                self._runs[key] = (self.spec.run,) if self.spec.run != self.run_id else ()
            else:
                found = self._db().sample_runs(
                    self.site, before_run=self.run_id, last=self.spec.last or 1, page=page, device=device
                )
                self._runs[key] = tuple(found)
        return self._runs[key]

    def values(self, page: str, device: str) -> Mapping[str, Sequence[float]]:
        """metric -> the baseline's values of a page and device."""
        key = (page, device)
        if key not in self._values:
            runs = self.runs(page, device)
            self._values[key] = self._db().samples(self.site, page, device, list(runs)) if runs else {}
        return self._values[key]

    def compare(self, measurement: SpeedMeasurement, metric: str) -> Comparison:
        current = sample_values(measurement).get(metric, [])
        before = self.values(measurement.page, measurement.device).get(metric, [])
        found = compare(metric, current, before, self.policy)
        if found.outcome is Outcome.NOT_ENOUGH and not before and self.spec is not None and self.spec.run is not None:
            why = (
                f"run {self.spec.run} is this run"
                if self.spec.run == self.run_id
                else f"run {self.spec.run} kept no samples of {subject(measurement.page, measurement.device)}"
            )
            found = Comparison(
                metric,
                Outcome.NOT_ENOUGH,
                found.current,
                (),
                reason=f"{why}: name an earlier run that measured it, or use last:N",
            )
        return found

    def check(self, speed: SpeedProbe, page: str, url: str, device: str, metric: str) -> CheckResult:
        """This run's values of one metric against the baseline's."""
        try:
            measurement = speed.measure(page, url, device)
        except TouchpointError as exc:  # the speed checks already report it as a finding
            info = METRICS_BY_ID[metric]
            return CheckResult(
                name=f"regression:{metric}",
                category=CATEGORY,
                title=f"{info.title} against earlier runs",
                subject=subject(page, device),
                actual=None,
                expected=None,
                operator="",
                level=Level.OFF,
                passed=False,
                message=f"{info.title}: not compared, this run could not measure it: {exc}",
                unit=info.unit,
                url=url,
            )
        return regression_result(
            self.compare(measurement, metric),
            page=page,
            device=device,
            url=url,
            run_id=self.run_id,
            runs=self.runs(page, device),
            policy=self.policy,
        )
