"""The owner's scorecard (pure): this run's check results in, a 1-to-5 score a category out, by the
rubric (touchpoint/scoring/rubric.toml, overridable in the profile).

Categories an owner recognises: page speed, can people reach you (findability), social presence,
each contact channel's response by name (reply:callback, reply:email, reply:chat, ...), reply
quality, promises kept, and none missed. A category with nothing to measure is "not measured": it
says so and is left out of the overall score, never scored 5 or 1.

    card = scorecard(results, load_rubric())
    card.overall, [(c.key, c.score) for c in card.categories]
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from touchpoint.replies.outcome import SETTLED, checked_outcome
from touchpoint.result import CheckResult, Verdict
from touchpoint.scoring.rubric import Band

__all__ = ["Category", "Scorecard", "scorecard"]

_FINDABILITY = ("phone", "email", "address", "contact-page", "task", "messenger")
_QUALITY = re.compile(r"(\d+) of (\d+)")


@dataclass(frozen=True, slots=True)
class Category:
    key: str  # speed, findability, social, reply:<channel>, quality, promises, none-missed
    score: int | None  # 1 to 5; None: not measured
    value: float | None  # the measure the score comes from
    measure: str  # which measure (the rubric's)
    checks: tuple[str, ...] = ()  # the checks behind it: "name|subject"
    detail: Mapping[str, Any] = field(default_factory=dict)  # numbers for the words (counts, seconds)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Scorecard:
    categories: tuple[Category, ...]

    @property
    def overall(self) -> float | None:
        scores = [c.score for c in self.categories if c.score is not None]
        return round(statistics.fmean(scores), 1) if scores else None

    def get(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def to_json(self) -> dict[str, Any]:
        return {"overall": self.overall, "categories": [c.to_json() for c in self.categories]}


def _id(r: CheckResult) -> str:
    return f"{r.name}|{r.subject}"


def _graded(results: Sequence[CheckResult]) -> list[CheckResult]:
    """Checks with a budget that measured: pass, warn or fail (not information, not unmeasured)."""
    return [r for r in results if r.verdict is not Verdict.INFO and r.actual is not None]


def _rated(key: str, band: Band, value: float | None, checks: Sequence[CheckResult], **detail: Any) -> Category:
    score = band.score(value) if value is not None else None
    return Category(key, score, value, band.measure, tuple(_id(r) for r in checks), detail)


def _share(key: str, band: Band, checks: Sequence[CheckResult]) -> Category:
    graded = _graded(checks)
    passed = sum(r.verdict is Verdict.PASS for r in graded)
    value = passed / len(graded) if graded else None
    return _rated(key, band, value, graded, passed=passed, of=len(graded))


def _replies(results: Sequence[CheckResult]) -> list[CheckResult]:
    """Each channel's "does a person answer" check, once a channel (mail, forms and chats): this
    run's, or, when this run did not ask again (an earlier request still waits), the earlier
    request's, which the run settled first."""
    chosen: dict[str, CheckResult] = {}
    for r in results:
        if not r.name.startswith(("reply:", "chat:")) or r.name == "replies:earlier":
            continue
        settled = checked_outcome(r) in SETTLED
        if r.subject not in chosen or settled or checked_outcome(chosen[r.subject]) not in SETTLED:
            chosen[r.subject] = r
    return list(chosen.values())


def scorecard(results: Sequence[CheckResult], rubric: Mapping[str, Band]) -> Scorecard:
    categories: list[Category] = []
    performance = [r for r in results if r.name == "categories:performance" and isinstance(r.actual, int | float)]
    value = statistics.median(float(r.actual) for r in performance) if performance else None  # type: ignore[arg-type]
    categories.append(_rated("speed", rubric["speed"], value, performance, pages=len(performance)))
    contacts = [
        r for r in results if r.category in ("contacts", "findability") and r.name.split(":")[0] in _FINDABILITY
    ]
    categories.append(_share("findability", rubric["findability"], contacts))
    social = [r for r in results if r.category == "contacts" and r.name.split(":")[0] == "social"]
    categories.append(_share("social", rubric["social"], social))
    settled: list[tuple[CheckResult, bool]] = []
    for r in _replies(results):
        outcome = checked_outcome(r)
        channel = r.subject
        if outcome not in SETTLED or not isinstance(r.expected, int | float):
            categories.append(Category(f"reply:{channel}", None, None, rubric["reply"].measure, (_id(r),)))
            continue
        answered = isinstance(r.actual, int | float)
        ratio = float(r.actual) / float(r.expected) if answered and r.expected else None  # type: ignore[arg-type]
        score = rubric["reply"].score(ratio) if ratio is not None else 1  # nobody answered: 1
        detail = {"seconds": r.actual if answered else None, "sla_seconds": r.expected, "outcome": outcome}
        categories.append(Category(f"reply:{channel}", score, ratio, rubric["reply"].measure, (_id(r),), detail))
        settled.append((r, outcome == "met"))
    marks = [(m, r) for r in _replies(results) if (m := _QUALITY.match(str(r.evidence.get("quality marks", ""))))]
    good = sum(int(m.group(1)) for m, _ in marks)
    total = sum(int(m.group(2)) for m, _ in marks)
    quality = [r for _, r in marks]
    categories.append(
        _rated("quality", rubric["quality"], good / total if total else None, quality, good=good, of=total)
    )
    promised = [
        r for r in _replies(results) if re.search(r"— (kept|broken)$", str(r.evidence.get("the site promises", "")))
    ]
    kept = sum(str(r.evidence["the site promises"]).endswith("kept") for r in promised)
    categories.append(
        _rated(
            "promises",
            rubric["promises"],
            kept / len(promised) if promised else None,
            promised,
            kept=kept,
            of=len(promised),
        )
    )
    met = sum(ok for _, ok in settled)
    categories.append(
        _rated(
            "none-missed",
            rubric["none-missed"],
            met / len(settled) if settled else None,
            [r for r, _ in settled],
            answered=met,
            of=len(settled),
        )
    )
    return Scorecard(tuple(categories))
