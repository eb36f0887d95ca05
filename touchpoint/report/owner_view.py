"""Everything the owner's part of the report needs, gathered once at the end of a run (the edge:
it reads the ledger): the scorecard, the site's history with this run as its last point, the plan,
what was done since the last run, and the report's language.

    view = owner_view(config, results, site_key="acme")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from touchpoint.ledger import Ledger
from touchpoint.ledger.options import RUN
from touchpoint.profile.options import profile_of
from touchpoint.report.i18n import Language, language
from touchpoint.result import CheckResult
from touchpoint.scoring.history import History, RunPoint, site_history, speed_points
from touchpoint.scoring.plan import Step, improvements, plan, plan_csv, plan_markdown
from touchpoint.scoring.rubric import load_rubric
from touchpoint.scoring.scorecard import Scorecard, scorecard

__all__ = ["LANG", "OwnerView", "owner_view", "report_language", "write_plan"]

LANG = pytest.StashKey[Language]()


@dataclass(frozen=True, slots=True)
class OwnerView:
    lang: Language
    card: Scorecard
    history: History
    steps: tuple[Step, ...]
    done: tuple[Step, ...]


def report_language(config: pytest.Config) -> Language:
    """--audit-lang, else the profile's report_language, else the site's language (en, ru, lt)."""
    profile = profile_of(config)
    chosen = config.getoption("audit_lang", None) or (profile.report_language or profile.language if profile else None)
    return language(chosen)


def owner_view(config: pytest.Config, results: list[CheckResult], site: str) -> OwnerView:
    profile = profile_of(config)
    rubric = load_rubric(profile.rubric if profile else None)
    card = scorecard(results, rubric)
    run = config.stash[RUN]
    ledger = Ledger.open(run.ledger_url)
    past = site_history(ledger, site, rubric)
    earlier = [p for p in past.points if p.run_id != run.run_id]
    now = RunPoint(run.run_id, datetime.now(UTC), card, speed_points(results))
    history = History((*earlier, now), past.answered, past.answered_ever, past.median_reply)
    previous = [CheckResult.from_json(r) for r in ledger.checks(earlier[-1].run_id)] if earlier else []
    return OwnerView(config.stash[LANG], card, history, tuple(plan(results)), tuple(improvements(results, previous)))


def write_plan(view: OwnerView, folder: Path, site: str) -> tuple[Path, Path]:
    """plan.md and plan.csv beside the report, in its language, to go into a task list."""
    lang = view.lang
    markdown = folder / "plan.md"
    markdown.write_text(
        plan_markdown(view.steps, view.done, lang, lang("Plan for {site}").format(site=site)), encoding="utf-8"
    )
    table = folder / "plan.csv"
    table.write_text(plan_csv(view.steps, lang), encoding="utf-8")
    return markdown, table
