"""The scorecard's rubric: data (rubric.toml in the package), overridable by a profile's
[rubric.<category>] tables. A measure becomes a score 1 to 5 by its bands.

    rubric = load_rubric({"speed": {"bands": [0.95, 0.85, 0.6, 0.4]}})
    rubric["speed"].score(0.93)     # 4
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CATEGORIES", "Band", "load_rubric"]

RUBRIC = Path(__file__).with_name("rubric.toml")
CATEGORIES = ("speed", "findability", "social", "reply", "quality", "promises", "none-missed")


@dataclass(frozen=True, slots=True)
class Band:
    """How one category's measure becomes a score."""

    measure: str
    better: str  # "higher" or "lower"
    bands: tuple[float, float, float, float]  # the bounds of 5, 4, 3 and 2

    def score(self, value: float) -> int:
        for score, bound in zip((5, 4, 3, 2), self.bands, strict=True):
            if (value >= bound) if self.better == "higher" else (value <= bound):
                return score
        return 1


def _band(key: str, raw: Mapping[str, Any]) -> Band:
    bands = tuple(float(b) for b in raw["bands"])
    if len(bands) != 4:
        raise ValueError(f"rubric.{key}.bands: write four bounds, for the scores 5, 4, 3 and 2")
    better = str(raw.get("better", "higher"))
    ordered = sorted(bands, reverse=better == "higher")
    if list(bands) != ordered:
        raise ValueError(f"rubric.{key}.bands: with better = {better!r} the bounds go from the score 5 down")
    return Band(str(raw["measure"]), better, (bands[0], bands[1], bands[2], bands[3]))


def load_rubric(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Band]:
    data = tomllib.loads(RUBRIC.read_text(encoding="utf-8"))
    for key, change in (overrides or {}).items():
        if key not in data:
            raise ValueError(f"rubric.{key}: no such category; use one of {', '.join(CATEGORIES)}")
        data[key] = {**data[key], **dict(change)}
    return {key: _band(key, raw) for key, raw in data.items()}
