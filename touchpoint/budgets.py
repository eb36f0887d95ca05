"""Budgets are data, in Lighthouse CI's assertion shape: `[level, {threshold}]`.

In a site profile:

    [budgets.speed]
    largest-contentful-paint = ["error", { maxNumericValue = 2500 }]
    "categories:performance" = ["warn", { minScore = 0.9 }]
    cumulative-layout-shift = "off"

`assess` turns a measured value and a budget into a `CheckResult`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from touchpoint.result import CheckResult, Level, Value, compare

__all__ = ["THRESHOLD_KEYS", "Budget", "assess", "parse_budget"]

# Lighthouse CI's threshold keys and the comparison each one means.
THRESHOLD_KEYS: Mapping[str, str] = {
    "maxNumericValue": "<=",
    "minScore": ">=",
    "minNumericValue": ">=",
    "maxScore": "<=",
}

EXAMPLE = '["error", { maxNumericValue = 2500 }] or ["warn", { minScore = 0.9 }] or "off"'


@dataclass(frozen=True, slots=True)
class Budget:
    """A level and, unless the level is `off`, one threshold."""

    level: Level
    key: str = ""
    threshold: float | None = None

    @property
    def operator(self) -> str:
        return THRESHOLD_KEYS.get(self.key, "")

    def describe(self, unit: str = "") -> str:
        if self.level is Level.OFF or self.threshold is None:
            return "no budget"
        return f"{self.operator} {format_value(self.threshold, unit)}"


OFF = Budget(Level.OFF)


def parse_budget(raw: Any) -> Budget:
    """Read one budget from TOML data; raise ValueError with the fix in the message."""
    if isinstance(raw, Budget):
        return raw
    if isinstance(raw, str):
        level = _level(raw)
        if level is not Level.OFF:
            raise ValueError(f'level "{raw}" needs a threshold: write {EXAMPLE}')
        return OFF
    if not isinstance(raw, list | tuple) or len(raw) != 2 or not isinstance(raw[1], dict):
        raise ValueError(f"a budget is a level and a threshold: write {EXAMPLE}")
    level = _level(raw[0])
    options = raw[1]
    keys = [k for k in options if k in THRESHOLD_KEYS]
    unknown = [k for k in options if k not in THRESHOLD_KEYS]
    if unknown:
        raise ValueError(
            f"unknown threshold {', '.join(map(repr, unknown))}: use one of "
            f"{', '.join(THRESHOLD_KEYS)}, as in {EXAMPLE}"
        )
    if len(keys) != 1:
        raise ValueError(f"a budget needs exactly one threshold: write {EXAMPLE}")
    value = options[keys[0]]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"threshold {keys[0]} must be a number, not {value!r}")
    return Budget(level, keys[0], float(value))


def _level(raw: Any) -> Level:
    try:
        return Level(raw)
    except ValueError:
        raise ValueError(f"level {raw!r} is not one of off, warn, error: write {EXAMPLE}") from None


def format_duration(seconds: float) -> str:
    """A wait as a person says it: 42 s, 17 min, 3 h 5 min, 2 days 4 h."""
    whole = round(seconds)
    if whole < 120:
        return f"{whole} s"
    if whole < 2 * 3600:
        return f"{whole // 60} min"
    if whole < 2 * 86400:
        return f"{whole // 3600} h {whole % 3600 // 60} min"
    return f"{whole // 86400} days {whole % 86400 // 3600} h"


def format_value(value: Value, unit: str = "") -> str:
    """A number as an owner reads it: 2,512 ms, 0.12, 93 (score out of 100)."""
    if value is None:
        return "not measured"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if unit == "ms":
        return f"{value / 1000:.2f} s" if value >= 10_000 else f"{value:,.0f} ms"
    if unit == "score":
        return f"{value * 100:.0f}"
    if unit == "bytes":
        return f"{value / 1024:,.0f} KiB"
    if unit == "duration":
        return format_duration(value)
    if unit == "clicks":
        return f"{value:g} click{'' if value == 1 else 's'}"
    if unit == "":
        return f"{value:.3g}" if isinstance(value, float) else str(value)
    return f"{value:g} {unit}"


def assess(
    *,
    name: str,
    category: str,
    title: str,
    subject: str,
    actual: float,
    budget: Budget,
    unit: str = "",
    url: str = "",
    evidence: Mapping[str, Value] | None = None,
) -> CheckResult:
    """Compare a measured value with its budget."""
    shown = format_value(actual, unit)
    if budget.level is Level.OFF or budget.threshold is None:
        passed, message = True, f"{title}: {shown} (measured, no budget)"
    else:
        passed = compare(actual, budget.operator, budget.threshold)
        limit = format_value(budget.threshold, unit)
        verb = "meets" if passed else "misses"
        message = f"{title}: {shown}, {verb} the budget ({budget.operator} {limit})"
    return CheckResult(
        name=name,
        category=category,
        title=title,
        subject=subject,
        actual=actual,
        expected=budget.threshold,
        operator=budget.operator,
        level=budget.level,
        passed=passed,
        message=message,
        unit=unit,
        url=url,
        evidence=dict(evidence or {}),
    )
