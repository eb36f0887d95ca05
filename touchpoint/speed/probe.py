"""The speed probe: N Lighthouse runs per page and device, the representative one checked.

Measurements are cached per (page, device), so the ten metric checks of a page share one set
of runs; a failure is cached too, so a broken page costs one attempt, not ten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from touchpoint.browser.launch import DEVICES
from touchpoint.budgets import Budget, assess, format_value
from touchpoint.errors import TouchpointError
from touchpoint.result import CheckResult, unmeasured
from touchpoint.speed.lhr import LighthouseRun
from touchpoint.speed.metrics import METRICS_BY_ID
from touchpoint.speed.representative import median, representative_run
from touchpoint.speed.runner import Lighthouse, RunRecord, read_lhr

__all__ = ["SpeedMeasurement", "SpeedProbe", "speed_check"]

CATEGORY = "speed"


@dataclass(frozen=True, slots=True)
class SpeedMeasurement:
    page: str
    device: str
    url: str
    runs: tuple[LighthouseRun, ...]
    representative: int
    lighthouse_s: float  # time spent inside Lighthouse, summed over the runs
    waited_s: float  # time spent waiting for other Lighthouse runs on this machine

    @property
    def run(self) -> LighthouseRun:
        return self.runs[self.representative]

    def spread(self, metric_id: str) -> str:
        values = [v for r in self.runs if (v := r.value(metric_id)) is not None]
        if len(values) < 2:
            return ""
        unit = METRICS_BY_ID[metric_id].unit if metric_id in METRICS_BY_ID else ""
        return (
            f"median {format_value(median(values), unit)}, range "
            f"{format_value(min(values), unit)}–{format_value(max(values), unit)}"
        )


def subject(page: str, device: str) -> str:
    return f"{page} · {device}"


def speed_check(measurement: SpeedMeasurement, metric_id: str, budget: Budget) -> CheckResult:
    """One metric of the representative run against its budget (pure)."""
    metric = METRICS_BY_ID[metric_id]
    value = measurement.run.value(metric_id)
    who = subject(measurement.page, measurement.device)
    if value is None:
        return unmeasured(
            name=metric_id,
            category=CATEGORY,
            title=metric.title,
            subject=who,
            level=budget.level,
            expected=budget.threshold,
            operator=budget.operator,
            unit=metric.unit,
            url=measurement.url,
            reason=f"Lighthouse reported no {metric.title} for {measurement.url}",
        )
    evidence: dict[str, str | float | int | None] = {
        "what it means": metric.explain,
        "runs": len(measurement.runs),
        "representative run": measurement.representative + 1,
        "Lighthouse": measurement.run.lighthouse_version,
        "throttling": measurement.run.throttling,
    }
    if spread := measurement.spread(metric_id):
        evidence["all runs"] = spread
    if measurement.run.final_url and measurement.run.final_url != measurement.url:
        evidence["landed on"] = measurement.run.final_url
    return assess(
        name=metric_id,
        category=CATEGORY,
        title=metric.title,
        subject=who,
        actual=value,
        budget=budget,
        unit=metric.unit,
        url=measurement.url,
        evidence=evidence,
    )


Preflight = Callable[[str, str], object]  # raises when the page cannot be visited


class SpeedProbe:
    """Runs and caches Lighthouse measurements for the audit.

    probe = SpeedProbe(lighthouse, runs=3, out_dir=Path("reports/acme/lighthouse"))
    result = probe.check("home", "https://acme.example/", "mobile", "largest-contentful-paint", budget)
    """

    def __init__(
        self,
        lighthouse: Lighthouse | Callable[[], Lighthouse],
        *,
        runs: int,
        out_dir: Path,
        preflight: Preflight | None = None,
        on_measured: Callable[[SpeedMeasurement], None] | None = None,
    ) -> None:
        self._lighthouse = lighthouse
        self.runs = runs
        self.out_dir = out_dir
        self._preflight = preflight
        self._on_measured = on_measured  # e.g. keeps the samples in the ledger (touchpoint.speed.gate)
        self._cache: dict[tuple[str, str], SpeedMeasurement | TouchpointError] = {}

    def _tool(self) -> Lighthouse:
        if not isinstance(self._lighthouse, Lighthouse):
            self._lighthouse = self._lighthouse()  # found on first use: a missing tool is a finding
        return self._lighthouse

    def measure(self, page: str, url: str, device: str) -> SpeedMeasurement:
        key = (page, device)
        if key not in self._cache:
            try:
                self._cache[key] = self._measure(page, url, device)
            except TouchpointError as exc:
                self._cache[key] = exc
        cached = self._cache[key]
        if isinstance(cached, TouchpointError):
            raise cached
        return cached

    def _measure(self, page: str, url: str, device: str) -> SpeedMeasurement:
        if self._preflight is not None:
            self._preflight(page, device)  # a page a visitor cannot open is not worth 3 runs
        stem = re.sub(r"[^\w.-]+", "_", f"{page}-{device}")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # pytest-xdist workers may each get checks of this page and device: the first one
        # measures, the others wait here and read its results instead of measuring again.
        with FileLock(self.out_dir / f"{stem}.lock"):
            records = [self._one_run(url, device, self.out_dir / f"{stem}-{n + 1}") for n in range(self.runs)]
            runs = tuple(r.run for r in records)
            measurement = SpeedMeasurement(
                page=page,
                device=device,
                url=url,
                runs=runs,
                representative=representative_run(runs),
                lighthouse_s=sum(r.ran_s for r in records),
                waited_s=sum(r.waited_s for r in records),
            )
            if self._on_measured is not None:  # under the lock: one worker at a time
                self._on_measured(measurement)
        return measurement

    def _one_run(self, url: str, device: str, stem: Path) -> RunRecord:
        done = Path(f"{stem}.report.json")
        if done.is_file():
            return RunRecord(run=read_lhr(done), waited_s=0.0, ran_s=0.0)
        return self._tool().run(url, device=DEVICES[device], output_stem=stem)

    def check(self, page: str, url: str, device: str, metric_id: str, budget: Budget) -> CheckResult:
        try:
            measurement = self.measure(page, url, device)
        except TouchpointError as exc:
            metric = METRICS_BY_ID[metric_id]
            return unmeasured(
                name=metric_id,
                category=CATEGORY,
                title=metric.title,
                subject=subject(page, device),
                level=budget.level,
                expected=budget.threshold,
                operator=budget.operator,
                unit=metric.unit,
                url=url,
                reason=str(exc),
            )
        return speed_check(measurement, metric_id, budget)

    def cached(self, page: str, device: str) -> SpeedMeasurement | None:
        found = self._cache.get((page, device))
        return found if isinstance(found, SpeedMeasurement) else None
