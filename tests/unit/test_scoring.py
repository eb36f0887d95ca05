"""The owner's scorecard, plan and history: the rubric on saved results, categories not measured
left out, history from a ledger with several runs, the charts as non-empty SVG."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from touchpoint.ledger import Ledger
from touchpoint.report.charts import answered_chart, scores_chart, sparkline
from touchpoint.report.i18n import language
from touchpoint.report.owner import history_html, plan_html, scorecard_html
from touchpoint.result import CheckResult, Level
from touchpoint.scoring import load_rubric, scorecard
from touchpoint.scoring.history import site_history
from touchpoint.scoring.plan import improvements, plan, plan_csv, plan_markdown

SAVED = Path(__file__).parents[1] / "data" / "results" / "demo.json"


def saved() -> list[CheckResult]:
    return [CheckResult.from_json(r) for r in json.loads(SAVED.read_text())["results"]]


def test_the_rubric_on_a_saved_demo_run() -> None:
    card = scorecard(saved(), load_rubric())
    scores = {c.key: c.score for c in card.categories}
    assert scores["speed"] == 5 and scores["findability"] == 5 and scores["social"] == 5
    assert scores["reply:callback"] == 5 and scores["reply:email"] == 5 and scores["reply:chat"] == 5
    assert scores["reply:quote"] == 1  # nobody answered the quote form
    assert scores["none-missed"] == 3  # 3 of 4 answered in time: 0.75 is at the 0.6 bound, under 0.8
    assert scores["quality"] is None  # this saved run has no quality marks: not measured, not 5 or 1
    assert card.overall == round(sum(s for s in scores.values() if s is not None) / 9, 1)


def test_the_bands_and_a_profiles_override() -> None:
    rubric = load_rubric()
    assert [rubric["speed"].score(v) for v in (0.95, 0.9, 0.8, 0.6, 0.4, 0.1)] == [5, 5, 4, 3, 2, 1]
    assert [rubric["reply"].score(v) for v in (0.2, 0.5, 0.9, 1.5, 3, 9)] == [5, 5, 4, 3, 2, 1]
    stricter = load_rubric({"speed": {"bands": [0.98, 0.95, 0.9, 0.8]}})
    assert stricter["speed"].score(0.93) == 3
    with pytest.raises(ValueError, match="four bounds"):
        load_rubric({"speed": {"bands": [0.9]}})
    with pytest.raises(ValueError, match="no such category"):
        load_rubric({"speeed": {"bands": [1, 2, 3, 4]}})


def test_a_category_with_nothing_to_measure_is_left_out() -> None:
    card = scorecard([r for r in saved() if r.category != "speed"], load_rubric())
    speed = card.get("speed")
    assert speed is not None and speed.score is None
    html = scorecard_html(card, language("en"))
    assert "not measured in this run" in html and "left out of the overall score" in html


def test_the_plan_says_what_to_do_who_and_by_when() -> None:
    results = saved()
    worse = [replace(r, passed=False, level=Level.ERROR) if r.name == "phone:above-fold" else r for r in results]
    steps = plan(worse, today=datetime(2026, 12, 4).date())
    phone = next(s for s in steps if "header" in s.words())
    assert (phone.category, phone.who, phone.level, phone.due.isoformat()) == (
        "findability",
        "web developer",
        "error",
        "2026-12-11",
    )
    assert steps[0].impact == 3
    quote = next(s for s in steps if "quote" in s.words())
    assert quote.category == "reply"
    assert [s.words() for s in improvements(results, worse)] == [phone.words()]  # fixed since the last run
    markdown = plan_markdown(steps, [], language("en"), "Plan")
    assert "- [ ] Put the phone number in the header" in markdown
    assert plan_csv(steps, language("lt")).splitlines()[0] != "category,action,who,deadline,impact,checks"
    assert "plan.md" in plan_html(steps, [], language("en"), files="plan.md")


def test_history_over_several_runs_of_a_ledger(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    base = datetime.now(UTC) - timedelta(days=3)
    for i in range(3):
        run = ledger.start_run("demo")
        for r in saved():
            ledger.record_check(run, r.to_json())
        ledger.finish_run(run, "passed")
        attempt = ledger.claim_attempt(
            run,
            "demo",
            "callback",
            kind="form",
            token=f"TP-HIST{i}0",
            reply_to=f"a+{i}@x",
            target="/",
            min_interval=timedelta(0),
        ).attempt
        assert attempt is not None
        sent = base + timedelta(days=i)
        ledger.mark_sent(attempt.id, sent_at=sent, due_at=sent + timedelta(minutes=15), sla_seconds=900)
        ledger.resolve(
            attempt.id, "met" if i else "breached", human_reply_at=sent + timedelta(minutes=10 + 10 * (i == 0))
        )
    history = site_history(ledger, "demo", load_rubric())
    assert len(history.points) == 3 and all(p.overall is not None for p in history.points)
    share = history.answered["callback"]
    assert (share.answered, share.settled) == (2, 3)
    assert history.median_reply["callback"] == 600.0
    lang = language("ru")
    svg = scores_chart(history, {}, lang, lang.when)
    assert svg.startswith("<svg") and "</svg>" in svg and svg.count("<path") > 5
    assert "callback" in answered_chart(history, lang) and "2/3" in answered_chart(history, lang)
    page = history_html(history, lang)
    assert page.count("<svg") >= 3 and lang("History") in page
    assert sparkline([3.5, 4.0, None, 4.4]).startswith("<svg")


def _site(folder: Path, name: str, results: list[CheckResult], overalls: list[float | None]) -> Path:
    card = scorecard(results, load_rubric())
    data = {
        "site": name,
        "finished": "2026-12-04T10:00:00+00:00",
        "scorecard": card.to_json(),
        "history": {"runs": [{"overall": o} for o in overalls]},
        "results": [r.to_json() for r in results],
    }
    (folder / name.lower()).mkdir(parents=True)
    path = folder / name.lower() / "results.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_portfolio_over_two_sites_and_the_side_by_side_ranking(tmp_path: Path) -> None:
    from touchpoint.report.portfolio import compare_html, load_site, write_portfolio

    good = saved()
    worse = [
        replace(r, actual=0.35, passed=False) if r.name == "categories:performance" else r
        for r in good
        if not r.name.startswith("chat:")
    ]
    worse.append(
        replace(
            next(r for r in good if r.name.startswith("chat:")),
            actual=None,
            passed=False,
            message="unanswered: no person answered before the run ended",
        )
    )
    _site(tmp_path, "Harbour", good, [4.0, 4.2, None])
    _site(tmp_path, "Rival", worse, [3.0])
    index = write_portfolio(tmp_path, language("en"))
    assert index is not None
    page = index.read_text()
    assert page.index("Harbour") < page.index("Rival")  # the best first
    assert page.count("<svg") == 2 and "harbour/audit.html" in page and "Worst category" in page
    html, ranked = compare_html(
        [load_site(tmp_path / "rival" / "results.json"), load_site(tmp_path / "harbour" / "results.json")],
        language("lt"),
    )
    assert [s.name for s in ranked] == ["Harbour", "Rival"]
    assert html.count("class='num best'") >= 3 and 'lang="lt"' in html


def test_a_channel_is_scored_once_even_when_an_earlier_request_is_reported_too() -> None:
    results = saved()
    quote = next(r for r in results if r.name == "reply:quote")
    waiting = replace(quote, actual=None, message="Nothing was sent on this channel in this run, so no answer is timed")
    earlier_first = [quote, *[r for r in results if r.name != "reply:quote"], waiting]  # the earlier run's, then ours
    card = scorecard(earlier_first, load_rubric())
    assert [c.key for c in card.categories].count("reply:quote") == 1
    assert card.get("reply:quote").score == 1 and card.overall == scorecard(results, load_rubric()).overall  # type: ignore[union-attr]
