"""One result type for every check, in the shape Lighthouse CI gives its assertion results.

A probe returns a `CheckResult`; assertions, the report and the scorecard read it. No check
formats its own HTML: the report renders `actual`, `expected`, `operator` and `evidence`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["NOT_CHECKED", "CheckResult", "Level", "Verdict", "unmeasured"]

Value = float | int | str | bool | None
NOT_CHECKED = "Not checked: "  # the message of a check the audit could not make at all


class Level(enum.StrEnum):
    """How much a budget matters: `off` measures only, `warn` reports, `error` fails the run."""

    OFF = "off"
    WARN = "warn"
    ERROR = "error"


class Verdict(enum.StrEnum):
    """What a reader sees in the verdict column."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check against one budget.

    `name` is the machine id (a Lighthouse audit id such as `largest-contentful-paint`),
    `title` the words an owner reads. `subject` says what was measured (a page and a device).
    `actual` is None when the check could not measure; `message` then says why.
    """

    name: str
    category: str
    title: str
    subject: str
    actual: Value
    expected: Value
    operator: str
    level: Level
    passed: bool
    message: str
    unit: str = ""
    url: str = ""
    evidence: Mapping[str, Value] = field(default_factory=dict)

    @property
    def verdict(self) -> Verdict:
        if self.level is Level.OFF:
            return Verdict.INFO
        if self.passed:
            return Verdict.PASS
        return Verdict.FAIL if self.level is Level.ERROR else Verdict.WARN

    @property
    def fails_run(self) -> bool:
        return self.verdict is Verdict.FAIL

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["level"] = self.level.value
        data["evidence"] = dict(self.evidence)
        data["verdict"] = self.verdict.value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckResult:
        fields = {k: v for k, v in data.items() if k != "verdict"}
        fields["level"] = Level(fields["level"])
        return cls(**fields)


def compare(actual: float, operator: str, expected: float) -> bool:
    """`actual <operator> expected`, with NaN never passing."""
    if math.isnan(actual):
        return False
    if operator == "<=":
        return actual <= expected
    if operator == ">=":
        return actual >= expected
    if operator == "==":
        return actual == expected
    raise ValueError(f"unknown operator {operator!r}")


def unmeasured(
    *,
    name: str,
    category: str,
    title: str,
    subject: str,
    level: Level,
    reason: str,
    expected: Value = None,
    operator: str = "",
    unit: str = "",
    url: str = "",
) -> CheckResult:
    """A check that could not be measured: a finding, failed at its budget's level."""
    return CheckResult(
        name=name,
        category=category,
        title=title,
        subject=subject,
        actual=None,
        expected=expected,
        operator=operator,
        level=Level.WARN if level is Level.OFF else level,
        passed=False,
        message=reason,
        unit=unit,
        url=url,
    )
