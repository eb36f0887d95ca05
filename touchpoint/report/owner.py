"""The owner's part of the report, above the table of every check: the scorecard, the plan, and
the history charts, in the report's language. Pure: data in, escaped HTML out.

    scorecard_html(card, lang) + plan_html(steps, done, lang) + history_html(history, lang)
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from touchpoint.report.charts import answered_chart, reply_chart, scores_chart, speed_chart
from touchpoint.report.i18n import Language
from touchpoint.scoring.history import History
from touchpoint.scoring.plan import CATEGORY_NAMES, N_, Step
from touchpoint.scoring.scorecard import Category, Scorecard

__all__ = ["basis", "category_name", "history_html", "plan_html", "scorecard_html"]

MEASURES = {
    "performance": N_("median speed score {value} over {pages} pages and devices"),
    "passed-share": N_("{passed} of {of} checks passed"),
    "sla-ratio": N_("answered after {waited}; the promise is {sla}"),
    "quality-share": N_("{good} of {of} good marks on the answers"),
    "kept-share": N_("{kept} of {of} of the site's promises kept"),
    "answered-share": N_("{answered} of {of} requests answered in time"),
}
NOT_MEASURED = N_("not measured in this run")


def category_name(key: str, lang: Language) -> str:
    if key.startswith("reply:"):
        return lang("Response: {channel}").format(channel=key.split(":", 1)[1])
    return lang(CATEGORY_NAMES.get(key, key))


class _Said(dict[str, Any]):
    """A category's numbers for its words; one a results file did not keep reads as "?"."""

    def __missing__(self, key: str) -> str:
        return "?"


def basis(c: Category, lang: Language) -> str:
    """What a category's score is based on, in the owner's words ("answered after 21 sec; ...")."""
    if c.score is None:
        return lang(NOT_MEASURED)
    d = dict(c.detail)
    if c.measure == "sla-ratio":
        if d.get("seconds") is None:
            return lang("nobody answered; the promise is {sla}").format(sla=lang.duration(float(d["sla_seconds"])))
        return lang(MEASURES["sla-ratio"]).format(
            waited=lang.duration(float(d["seconds"])), sla=lang.duration(float(d["sla_seconds"]))
        )
    if c.measure == "performance":
        d["value"] = lang.number(float(c.value or 0) * 100, 0)
    return lang(MEASURES.get(c.measure, "{value}")).format_map(_Said(d))


def _stars(score: int | None) -> str:
    if score is None:
        return '<span class="tp-stars tp-unmeasured">–</span>'
    boxes = "".join(f'<i class="{"on" if i <= score else "off"}"></i>' for i in range(1, 6))
    return f'<span class="tp-stars tp-score-{score}" title="{score} / 5">{boxes}<b>{score}</b></span>'


def scorecard_html(card: Scorecard, lang: Language) -> str:
    rows = []
    for c in card.categories:
        checks = "".join(f"<li>{escape(x.replace('|', ' · '))}</li>" for x in c.checks[:40])
        behind = (
            f"<details><summary>{escape(lang('the checks behind it'))} ({len(c.checks)})</summary>"
            f"<ul>{checks}</ul></details>"
            if c.checks
            else ""
        )
        rows.append(
            f'<tr class="{"tp-unmeasured" if c.score is None else ""}"><th>{escape(category_name(c.key, lang))}</th>'
            f"<td>{_stars(c.score)}</td><td>{escape(basis(c, lang))}{behind}</td></tr>"
        )
    overall = card.overall
    said = (
        lang("Overall: {score} of 5").format(score=lang.number(overall))
        if overall is not None
        else lang("Overall: not measured")
    )
    left_out = sum(c.score is None for c in card.categories)
    unmeasured = lang.n(
        "{n} category could not be measured and is left out of the overall score",
        "{n} categories could not be measured and are left out of the overall score",
        left_out,
    )
    note = f'<p class="tp-legend">{escape(unmeasured)}</p>' if left_out else ""
    return (
        f'<section class="tp-scorecard"><h3>{escape(lang("Scorecard"))}</h3>'
        f'<p class="tp-overall-score">{escape(said)}</p>'
        f'<table class="tp-matrix tp-cards"><tbody>{"".join(rows)}</tbody></table>{note}</section>'
    )


def plan_html(steps: Sequence[Step], done: Sequence[Step], lang: Language, *, files: str = "") -> str:
    if not steps and not done:
        return (
            f'<section class="tp-plan"><h3>{escape(lang("Plan"))}</h3>'
            f"<p>{escape(lang('Nothing to do: every check is within its budget'))}</p></section>"
        )
    groups = []
    for category in dict.fromkeys(s.category for s in steps):
        items = "".join(
            f'<li class="tp-impact-{s.impact}"><b>{escape(s.words(lang))}</b> '
            f'<span class="tp-where">— {escape(lang(s.who))}, {escape(lang("by"))} '
            f"{escape(lang.when_date(s.due))}</span></li>"
            for s in steps
            if s.category == category
        )
        groups.append(f"<h4>{escape(lang(CATEGORY_NAMES.get(category, category)))}</h4><ol>{items}</ol>")
    if done:
        items = "".join(f"<li>✓ {escape(s.words(lang))}</li>" for s in done)
        groups.append(f'<h4>{escape(lang("Done since the last run"))}</h4><ul class="tp-done">{items}</ul>')
    export = f'<p class="tp-legend">{files}</p>' if files else ""
    return f'<section class="tp-plan"><h3>{escape(lang("Plan"))}</h3>{"".join(groups)}{export}</section>'


def history_html(history: History, lang: Language) -> str:
    if not history.points:
        return ""
    names = {c.key: category_name(c.key, lang) for p in history.points for c in p.card.categories}
    charts = []
    if any(p.overall is not None for p in history.points):
        charts.append(scores_chart(history, names, lang, lang.when))
    if any(metric == "largest-contentful-paint" for p in history.points for (_, metric) in p.speed):
        charts.append(speed_chart(history, lang, lang.when))
    if any(c.key.startswith("reply:") and c.detail.get("seconds") for p in history.points for c in p.card.categories):
        charts.append(reply_chart(history, lang, lang.when))
    if history.answered or history.answered_ever:
        charts.append(answered_chart(history, lang))
    if not charts:
        return ""
    runs = lang.n("over the last {n} run", "over the last {n} runs", len(history.points))
    figures = "".join(f'<figure class="tp-chart">{svg}</figure>' for svg in charts)
    title = f"<h3>{escape(lang('History'))} <small>{escape(runs)}</small></h3>"
    return f'<section class="tp-history">{title}{figures}</section>'


# pybabel does not look inside f-strings: the words used there are marked here for the catalogs.
_IN_F_STRINGS = (
    N_("Response: {channel}"),
    N_("nobody answered; the promise is {sla}"),
    N_("the checks behind it"),
    N_("Overall: {score} of 5"),
    N_("Overall: not measured"),
    N_("Scorecard"),
    N_("Plan"),
    N_("Nothing to do: every check is within its budget"),
    N_("by"),
    N_("Done since the last run"),
    N_("History"),
)
