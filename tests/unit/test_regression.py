"""The regression gate's core on synthetic samples, and its samples kept in a real ledger."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from touchpoint.ledger.store import Ledger
from touchpoint.result import Level, Verdict
from touchpoint.speed.gate import Baseline, keep_samples, regression_result, sample_values
from touchpoint.speed.lhr import LighthouseRun
from touchpoint.speed.probe import SpeedMeasurement
from touchpoint.speed.regression import (
    ALPHA,
    BaselineSpec,
    Outcome,
    baseline_needed,
    cliffs_delta,
    compare,
    min_p_value,
    parse_baseline,
)

LCP = "largest-contentful-paint"
CLS = "cumulative-layout-shift"


def noisy(rng: random.Random, median: float, cv: float, k: int) -> list[float]:
    """k Lighthouse-like values: log-normal around a median, spread cv."""
    return [median * rng.lognormvariate(0, cv) for _ in range(k)]


def rates(shift: float, cv: float, n: int, m: int, seeds: int) -> tuple[float, float]:
    """(share significant, share regressions) over seeds: n values here, m before."""
    significant = regressions = 0
    for seed in range(seeds):
        rng = random.Random(seed)
        before = noisy(rng, 2000, cv, m)
        now = noisy(rng, 2000 * (1 + shift), cv, n)
        found = compare(LCP, now, before)
        significant += (found.p_slower or 1.0) <= ALPHA
        regressions += found.outcome is Outcome.REGRESSION
    return significant / seeds, regressions / seeds


def test_noise_alone_is_not_a_regression_the_false_alarm_rate_of_the_core() -> None:
    # Samples of one distribution: the test alone is wrong at most alpha of the time (less: ranks are
    # discrete), and the practical floor (10% and 50 ms) removes nearly all of those when the noise is
    # a typical Lighthouse spread (5%), and most of them when it is twice that.
    seeds = 400
    significant, typical = rates(0.0, 0.05, 3, 15, seeds)
    assert significant <= ALPHA + 2 * (ALPHA * (1 - ALPHA) / seeds) ** 0.5
    assert typical <= 0.005, typical  # 400 seeds: at most 2 false alarms (measured: 1)
    _, wide = rates(0.0, 0.10, 3, 15, seeds)
    assert wide <= significant, wide


def test_a_30_percent_slowdown_with_enough_samples_is_a_regression() -> None:
    _, found = rates(0.30, 0.05, 3, 15, 100)
    assert found >= 0.98, found
    _, found = rates(0.30, 0.05, 5, 25, 100)
    assert found == 1.0


def test_a_30_percent_speedup_is_an_improvement_and_passes() -> None:
    rng = random.Random(7)
    found = compare(LCP, noisy(rng, 1400, 0.05, 3), noisy(rng, 2000, 0.05, 15))
    assert found.outcome is Outcome.IMPROVEMENT
    assert found.delta == -1.0 and (found.p_faster or 1) < 0.01


def test_too_few_samples_say_how_many_are_needed() -> None:
    assert [baseline_needed(n) for n in (1, 2, 3, 4, 5, 19)] == [19, 5, 3, 3, 2, 1]
    one_run = compare(LCP, [3000.0], [2000.0, 2010, 1990, 2020, 1980])  # runs = 1, last:5
    assert one_run.outcome is Outcome.NOT_ENOUGH
    assert "at least 19 values" in one_run.reason and "at least 2 with 5 before" in one_run.reason
    assert compare(LCP, [3000.0, 3100, 3050], [2000.0, 2010]).outcome is Outcome.NOT_ENOUGH
    # three and three can decide, but only when every value here is above every value before
    assert min_p_value(3, 3) == pytest.approx(0.05)
    assert compare(LCP, [3000.0, 3100, 3050], [2000.0, 2010, 1990]).outcome is Outcome.REGRESSION
    assert compare(LCP, [3000.0, 3100, 2005], [2000.0, 2010, 1990]).outcome is Outcome.NO_CHANGE
    first = compare(LCP, [3000.0, 3100, 3050], [])
    assert first.outcome is Outcome.NOT_ENOUGH and "no earlier samples" in first.reason


def test_cls_needs_an_absolute_change_of_002_not_only_a_relative_one() -> None:
    before = [0.001, 0.002, 0.0015, 0.001, 0.002, 0.0012]
    small = compare(CLS, [0.010, 0.012, 0.011], before)  # eight times worse, yet invisible to a visitor
    assert small.outcome is Outcome.NO_CHANGE and small.delta == 1.0 and (small.p_slower or 1) <= ALPHA
    assert compare(CLS, [0.05, 0.06, 0.055], before).outcome is Outcome.REGRESSION


def test_timings_need_50_ms_even_from_zero() -> None:
    before = [0.0] * 6
    assert compare("total-blocking-time", [30.0, 35, 40], before).outcome is Outcome.NO_CHANGE
    assert compare("total-blocking-time", [120.0, 150, 130], before).outcome is Outcome.REGRESSION
    same = compare("total-blocking-time", [0.0, 0, 0], before)  # all tied: nothing to tell
    assert same.outcome is Outcome.NO_CHANGE and same.p_slower == 1.0


def test_cliffs_delta() -> None:
    assert cliffs_delta([3, 4], [1, 2]) == 1.0
    assert cliffs_delta([1, 2], [3, 4]) == -1.0
    assert cliffs_delta([1, 3], [2, 2]) == 0.0


def test_baseline_specs() -> None:
    assert parse_baseline("last:5") == BaselineSpec(last=5)
    assert parse_baseline("last") == BaselineSpec(last=5)
    assert parse_baseline("run:42") == BaselineSpec(run=42)
    assert parse_baseline("off") is None
    with pytest.raises(ValueError, match='write "last:5"'):
        parse_baseline("previous")
    with pytest.raises(ValueError, match="from 1 to 100"):
        parse_baseline("last:0")


def test_a_regression_fails_the_run_and_shows_both_samples() -> None:
    found = compare(LCP, [3000.0, 3100, 3050], [2000.0, 2010, 1990, 2020, 1980, 2005])
    result = regression_result(found, page="home", device="mobile", url="http://x/", run_id=9, runs=[7, 8])
    assert result.name == "regression:largest-contentful-paint" and result.subject == "home · mobile"
    assert result.fails_run and result.level is Level.ERROR
    assert result.evidence["this run"] == "run 9: 3,000 ms · 3,100 ms · 3,050 ms (median 3,050 ms)"
    assert str(result.evidence["earlier runs"]).startswith("runs 7–8 (2 runs): 2,000 ms · 2,010 ms")
    assert str(result.evidence["earlier runs"]).endswith("(median 2,002 ms)")
    assert result.evidence["change of the median"] == "+1,048 ms (+52%)"
    assert str(result.evidence["Cliff's delta"]).startswith("+1.00")
    assert "p = 0.012" in result.message  # 1 / C(9, 3)
    unsure = regression_result(
        compare(LCP, [3000.0], [2000.0]), page="home", device="mobile", url="", run_id=9, runs=[8]
    )
    assert unsure.verdict is Verdict.INFO and not unsure.fails_run
    assert "not enough samples" in unsure.message
    from touchpoint.scoring.plan import plan

    [step] = plan([result])  # the owner's plan says what to do about it
    assert step.category == "speed" and step.impact == 3
    assert step.words() == "Find what made home · mobile slower than in the earlier runs, and undo or fix it"


def measurement(lcp: list[float], page: str = "home", device: str = "mobile") -> SpeedMeasurement:
    runs = tuple(
        LighthouseRun("u", "u", device, "devtools", "12", "", {LCP: v, CLS: 0.01, "categories:performance": None})
        for v in lcp
    )
    return SpeedMeasurement(page, device, "http://x/", runs, 0, 0.0, 0.0)


def test_samples_are_kept_once_a_run_and_compared_by_later_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    ledger = Ledger.open(url)
    earlier = [ledger.start_run("shop") for _ in range(3)]
    for run_id in earlier:
        keep = keep_samples(lambda: Ledger.open(url), run_id=run_id, site="shop")
        keep(measurement([2000.0, 2010.0, 1990.0]))
        keep(measurement([2000.0, 2010.0, 1990.0]))  # a second pytest-xdist worker with the same runs
    assert sample_values(measurement([1.0, 2.0])) == {LCP: [1.0, 2.0], CLS: [0.01, 0.01]}
    assert ledger.samples("shop", "home", "mobile", earlier) == {LCP: [2000.0, 2010.0, 1990.0] * 3, CLS: [0.01] * 9}
    now = ledger.start_run("shop")
    gate = Baseline(lambda: Ledger.open(url), site="shop", run_id=now, spec=BaselineSpec(last=2))
    assert gate.runs("home", "mobile") == tuple(earlier[1:])
    slower = gate.compare(measurement([2600.0, 2650.0, 2700.0]), LCP)
    assert slower.outcome is Outcome.REGRESSION and len(slower.baseline) == 6
    assert gate.compare(measurement([2000.0, 2005.0, 1995.0]), LCP).outcome is Outcome.NO_CHANGE
    assert gate.compare(measurement([2600.0], device="desktop"), LCP).outcome is Outcome.NOT_ENOUGH
    named = Baseline(lambda: Ledger.open(url), site="shop", run_id=now, spec=BaselineSpec(run=999))
    missing = named.compare(measurement([2600.0, 2650.0, 2700.0]), LCP)
    assert missing.outcome is Outcome.NOT_ENOUGH and "run 999 kept no samples of home · mobile" in missing.reason
