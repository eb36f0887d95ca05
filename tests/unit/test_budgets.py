from __future__ import annotations

import pytest

from touchpoint.budgets import Budget, assess, format_value, parse_budget
from touchpoint.result import CheckResult, Level, Verdict


def test_lighthouse_ci_shape_is_read() -> None:
    budget = parse_budget(["error", {"maxNumericValue": 2500}])
    assert budget == Budget(Level.ERROR, "maxNumericValue", 2500.0)
    assert budget.operator == "<="
    assert parse_budget(["warn", {"minScore": 0.9}]).operator == ">="
    assert parse_budget("off").level is Level.OFF


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (["eror", {"maxNumericValue": 1}], "level 'eror' is not one of off, warn, error"),
        (["error", {"max": 1}], "unknown threshold 'max'"),
        (["error", {}], "exactly one threshold"),
        (["error", {"maxNumericValue": 1, "minScore": 0.5}], "exactly one threshold"),
        (["error", {"maxNumericValue": "fast"}], "must be a number"),
        ("error", "needs a threshold"),
        (2500, "a budget is a level and a threshold"),
    ],
)
def test_bad_budgets_say_what_to_write(raw: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=r"write|use one of|must be") as caught:
        parse_budget(raw)
    assert fragment in str(caught.value)


def test_assess_follows_the_level() -> None:
    over = dict(name="lcp", category="speed", title="LCP", subject="home · mobile", actual=3100.0, unit="ms")
    failed = assess(budget=Budget(Level.ERROR, "maxNumericValue", 2500), **over)  # type: ignore[arg-type]
    warned = assess(budget=Budget(Level.WARN, "maxNumericValue", 2500), **over)  # type: ignore[arg-type]
    info = assess(budget=Budget(Level.OFF), **over)  # type: ignore[arg-type]
    assert (failed.verdict, failed.fails_run) == (Verdict.FAIL, True)
    assert (warned.verdict, warned.fails_run) == (Verdict.WARN, False)
    assert (info.verdict, info.passed) == (Verdict.INFO, True)
    assert "3,100 ms, misses the budget (<= 2,500 ms)" in failed.message


def test_min_score_passes_at_the_threshold() -> None:
    result = assess(
        name="categories:performance",
        category="speed",
        title="Performance",
        subject="s",
        actual=0.9,
        budget=Budget(Level.ERROR, "minScore", 0.9),
        unit="score",
    )
    assert result.passed
    assert "90" in result.message


def test_nan_never_passes() -> None:
    result = assess(
        name="x",
        category="speed",
        title="X",
        subject="s",
        actual=float("nan"),
        budget=Budget(Level.ERROR, "maxNumericValue", 1),
    )
    assert not result.passed


def test_results_round_trip_through_json() -> None:
    result = assess(
        name="x",
        category="speed",
        title="X",
        subject="s",
        actual=12.5,
        budget=Budget(Level.WARN, "maxNumericValue", 10),
        evidence={"runs": 3},
    )
    again = CheckResult.from_json(result.to_json())
    assert again == result
    assert result.to_json()["verdict"] == "warn"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (2512.4, "ms", "2,512 ms"),
        (12_400, "ms", "12.40 s"),
        (0.93, "score", "93"),
        (0.0412, "", "0.0412"),
        (None, "ms", "not measured"),
        (204_800, "bytes", "200 KiB"),
    ],
)
def test_values_read_like_an_owner_reads_them(value: float | None, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown
