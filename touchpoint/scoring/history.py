"""A site's history from the ledger: each run's scorecard, key speed metrics per page, the median
reply time per channel, and each channel's answered share ("none missed": attempts a person
answered within the SLA / attempts settled) over the last 30 days and all time.

    past = site_history(ledger, "acme", rubric)
    past.points[-1].overall, past.answered["callback"]
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from touchpoint.ledger import Attempt, Ledger
from touchpoint.result import CheckResult
from touchpoint.scoring.rubric import Band
from touchpoint.scoring.scorecard import Scorecard, scorecard

__all__ = ["KEY_METRICS", "History", "RunPoint", "Share", "site_history", "speed_points"]

KEY_METRICS = ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


@dataclass(frozen=True, slots=True)
class RunPoint:
    run_id: int
    started: datetime
    card: Scorecard
    speed: Mapping[tuple[str, str], float]  # (page, metric) -> the median over devices

    @property
    def overall(self) -> float | None:
        return self.card.overall


@dataclass(frozen=True, slots=True)
class Share:
    answered: int  # by a person within the SLA
    settled: int  # attempts with an outcome

    @property
    def value(self) -> float | None:
        return self.answered / self.settled if self.settled else None


@dataclass(frozen=True, slots=True)
class History:
    points: tuple[RunPoint, ...]
    answered: Mapping[str, Share]  # channel -> the last 30 days
    answered_ever: Mapping[str, Share]  # channel -> all time
    median_reply: Mapping[str, float] = field(default_factory=dict)  # channel -> seconds, last 30 days

    def to_json(self) -> dict[str, Any]:
        return {
            "runs": [
                {
                    "run": p.run_id,
                    "started": p.started.isoformat(),
                    "overall": p.overall,
                    "scores": {c.key: c.score for c in p.card.categories},
                    "speed": {f"{page}|{metric}": v for (page, metric), v in p.speed.items()},
                }
                for p in self.points
            ],
            "answered_30_days": {k: [s.answered, s.settled] for k, s in self.answered.items()},
            "answered_all_time": {k: [s.answered, s.settled] for k, s in self.answered_ever.items()},
            "median_reply_seconds": dict(self.median_reply),
        }


def speed_points(results: list[CheckResult]) -> dict[tuple[str, str], float]:
    found: dict[tuple[str, str], list[float]] = {}
    for r in results:
        if r.name in KEY_METRICS and isinstance(r.actual, int | float):
            page = r.subject.split(" · ")[0]
            found.setdefault((page, r.name), []).append(float(r.actual))
    return {key: statistics.median(values) for key, values in found.items()}


def _shares(attempts: list[Attempt]) -> dict[str, Share]:
    shares: dict[str, list[int]] = {}
    for a in attempts:
        counts = shares.setdefault(a.channel, [0, 0])
        counts[0] += a.outcome == "met"
        counts[1] += 1
    return {channel: Share(met, settled) for channel, (met, settled) in shares.items()}


def site_history(
    ledger: Ledger, site: str, rubric: Mapping[str, Band], *, limit: int = 30, now: datetime | None = None
) -> History:
    points = []
    for run in ledger.runs(site, limit):
        results = [CheckResult.from_json(r) for r in ledger.checks(int(run["id"]))]
        points.append(
            RunPoint(
                int(run["id"]),
                datetime.fromisoformat(run["started_at"]),
                scorecard(results, rubric),
                speed_points(results),
            )
        )
    now = now or datetime.now(UTC)
    recent = ledger.settled_attempts(site, since=now - timedelta(days=30))
    waits: dict[str, list[float]] = {}
    for a in recent:
        if a.human_reply_at is not None and a.sent_at is not None:
            waits.setdefault(a.channel, []).append((a.human_reply_at - a.sent_at).total_seconds())
    return History(
        tuple(points),
        _shares(recent),
        _shares(ledger.settled_attempts(site)),
        {channel: statistics.median(values) for channel, values in waits.items()},
    )
