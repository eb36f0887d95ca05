"""An audit in GitHub's habits: its results.json as Markdown for the job summary
($GITHUB_STEP_SUMMARY) and for a pull request's comment, and `touchpoint summary`.

The summary says what a reviewer needs before opening the report: the site, the overall score and
each category's, the checks at level `error` that failed (they fail the run), speed regressions
(failing `speed` checks named `regression*`) and breaches (requests answered late or never). Pure:
results.json's data in, Markdown out. Everything a site or a mailbox said is escaped, so a page's
words cannot add a link, a table cell, HTML or an @mention.

    summary_markdown(json.loads(Path("reports/acme/results.json").read_text()), report="reports/acme/audit.html")
    touchpoint summary reports/acme > summary.md     # what the release gate posts on a pull request

The audit appends the same text to $GITHUB_STEP_SUMMARY by itself (`touchpoint.report.step_summary`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from touchpoint.budgets import format_duration
from touchpoint.replies.outcome import LATE, checked_outcome
from touchpoint.report.i18n import language
from touchpoint.report.owner import basis, category_name
from touchpoint.report.render import budget_text, measured_text
from touchpoint.result import CheckResult, Level, Verdict
from touchpoint.scoring.scorecard import Category

__all__ = [
    "add_command",
    "append_summary",
    "breaches",
    "find_results",
    "regressions",
    "run_url",
    "shown_path",
    "summary_markdown",
]

ROWS = 25  # rows a table shows; the rest are counted (the report has them all)
WORDS = 240  # characters of a message a row shows
# The punctuation that could start a link, code, an emphasis, a table cell, HTML or an entity
# mid-line; a backslash makes each one literal (CommonMark, GitHub Flavored Markdown).
_SPECIAL = re.compile(r"([\\`*_\[\]|~<>&])")


def md(text: object, limit: int = WORDS) -> str:
    """Text from a site, a mailbox or a profile as inert Markdown on one line."""
    said = " ".join(str(text).split())
    if len(said) > limit:
        said = said[: limit - 1].rstrip() + "…"
    # A word joiner after "@" keeps "@someone" from notifying anyone.
    return _SPECIAL.sub(r"\\\1", said).replace("@", "@\u2060")


def _is_reply(result: CheckResult) -> bool:
    return result.name.startswith(("reply:", "chat:"))


def regressions(results: Sequence[CheckResult]) -> list[CheckResult]:
    """Speed checks named regression* that did not pass at a level that counts."""
    return [
        r
        for r in results
        if r.category == "speed" and r.name.startswith("regression") and not r.passed and r.level is not Level.OFF
    ]


def breaches(results: Sequence[CheckResult]) -> list[CheckResult]:
    """Requests a person answered after their deadline, or nobody answered: once each."""
    found: dict[tuple[str, str, str], CheckResult] = {}
    for r in results:
        if _is_reply(r) and checked_outcome(r) in LATE:
            found.setdefault((r.name, r.subject, r.message), r)
    return list(found.values())


def _pending(results: Sequence[CheckResult]) -> int:
    return len({(r.name, r.subject) for r in results if _is_reply(r) and checked_outcome(r) == "pending"})


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _seconds(value: Any) -> str:
    return format_duration(float(value)) if isinstance(value, int | float) else "?"


def _stars(score: Any) -> str:
    if not isinstance(score, int):
        return "–"
    return "★" * score + "☆" * (5 - score) + f" {score}"


def _scorecard(data: Mapping[str, Any], results: Sequence[CheckResult]) -> Mapping[str, Any]:
    card = data.get("scorecard")
    if isinstance(card, Mapping):
        return card
    # results.json from before the scorecard was written into it: the same rubric, from its checks
    from touchpoint.scoring import load_rubric, scorecard

    return scorecard(results, load_rubric()).to_json()


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[:ROWS]]
    if len(rows) > ROWS:
        lines.append(f"\n… and {len(rows) - ROWS} more in the report")
    return [*lines, ""]


def _when(data: Mapping[str, Any]) -> str:
    try:
        started = datetime.fromisoformat(str(data["started"]))
        finished = datetime.fromisoformat(str(data["finished"]))
    except (KeyError, ValueError):
        return ""
    took = format_duration((finished - started).total_seconds())
    return f"{started:%Y-%m-%d %H:%M} {started.tzname() or ''}, took {took}".replace(" ,", ",")


def summary_markdown(data: Mapping[str, Any], *, report: str = "", run_url: str = "") -> str:
    """The audit in Markdown: a heading with the verdict, the scorecard, then what failed.

    `report`: where the HTML report is (a path or an address); `run_url`: the workflow run, whose
    artifacts hold the report."""
    results = [CheckResult.from_json(r) for r in data.get("results", [])]
    lines = [
        *_head(data, results),
        *_failed(results, list(data.get("broken") or [])),
        *_regressions(results),
        *_breaches(results),
    ]
    links = [f"Report: {md(report, 400)}"] if report else []
    if run_url:
        links.append(f"[the run's artifacts]({run_url})")
    if links:
        lines += [" · ".join(links), ""]
    return "\n".join(lines)


def _head(data: Mapping[str, Any], results: Sequence[CheckResult]) -> list[str]:
    failed = sum(r.verdict is Verdict.FAIL for r in results)
    warned = sum(r.verdict is Verdict.WARN for r in results)
    fails = bool(data.get("exit_fails", failed > 0 or bool(data.get("broken"))))
    verdict = "❌ fails the run" if fails else "✅ within budget"
    lines = [f"### Touchpoint audit: {md(data.get('site') or 'site', 120)} — {verdict}", ""]
    where = " · ".join(x for x in (md(data.get("url") or "", 200), _when(data)) if x)
    if where:
        lines += [where, ""]
    card = _scorecard(data, results)
    overall = card.get("overall")
    said = f"{overall:.1f} of 5" if isinstance(overall, int | float) else "not measured"
    others = len(results) - failed - warned
    lines += [f"**Overall: {said}** · {failed} failed, {_count(warned, 'warning')}, {others} passed or informational"]
    lines.append("")
    categories = [c for c in card.get("categories", []) if isinstance(c, Mapping)]
    if categories:
        english = language("en")
        cards = [Category(**{**c, "checks": tuple(c.get("checks") or ())}) for c in categories]
        rows = [[md(category_name(c.key, english)), _stars(c.score), md(basis(c, english))] for c in cards]
        lines += _table(("Category", "Score", "Measured"), rows)
    return lines


def _failed(results: Sequence[CheckResult], broken: Sequence[str]) -> list[str]:
    failed = [r for r in results if r.verdict is Verdict.FAIL]
    lines = []
    if failed:
        lines += [f"#### Failed at level error ({len(failed)})", ""]
        rows = [
            [md(r.category), md(r.title, 100), md(r.subject, 80), md(measured_text(r), 60), md(budget_text(r), 60)]
            for r in failed
        ]
        lines += _table(("Category", "Check", "Where", "Measured", "Budget"), rows)
    if broken:
        stopped = f"{_count(len(broken), 'check')} stopped without a result (see the report): "
        lines += [stopped + md(", ".join(broken)), ""]
    return lines


def _regressions(results: Sequence[CheckResult]) -> list[str]:
    slower = regressions(results)
    if not slower:
        return []
    rows = [[md(r.title, 100), md(r.subject, 80), r.verdict.value, md(r.message)] for r in slower]
    return [f"#### Speed regressions ({len(slower)})", "", *_table(("Check", "Where", "Verdict", "What changed"), rows)]


def _breaches(results: Sequence[CheckResult]) -> list[str]:
    late = breaches(results)
    lines = []
    if late:
        rows = [
            [
                md(r.subject, 60),
                checked_outcome(r),
                _seconds(r.expected),
                _seconds(r.actual) if isinstance(r.actual, int | float) else "nobody",
                md(r.message.split(":", 1)[-1]),
            ]
            for r in late
        ]
        header = ("Channel", "Outcome", "Promised", "Answered after", "What happened")
        lines += [f"#### Breaches: answered late or never ({len(late)})", "", *_table(header, rows)]
    waiting = _pending(results)
    if waiting:
        lines += [f"{_count(waiting, 'request')} still waiting for an answer; the next run settles them.", ""]
    return lines


def run_url(env: Mapping[str, str]) -> str:
    """The workflow run's page (its artifacts hold the report), from GitHub's variables; "" elsewhere."""
    server, repository, run = (env.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repository}/actions/runs/{run}" if server and repository and run else ""


def shown_path(path: Path) -> str:
    """A path as the reader finds it: relative to the working folder when it is inside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def find_results(path: Path) -> Path:
    """results.json named, or in a report folder (reports/acme, or one of its runs)."""
    candidate = path / "results.json" if path.is_dir() else path
    if not candidate.is_file():
        raise FileNotFoundError(
            f"{path}: no results.json there; name a report folder such as reports/acme (run "
            "`touchpoint audit sites/acme.toml` first) or a results.json"
        )
    return candidate


def append_summary(target: Path, text: str) -> None:
    """Add to a job summary file, as GitHub expects: appended, never overwritten."""
    with target.open("a", encoding="utf-8") as out:
        out.write(text.rstrip("\n") + "\n\n")


def _cmd_summary(ns: argparse.Namespace, extra: list[str]) -> int:
    if extra:
        print(f"touchpoint summary: unexpected {' '.join(extra)}", file=sys.stderr)
        return 4
    try:
        results = find_results(Path(ns.results))
        data = json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 4
    report = results.parent / "audit.html"
    shown = shown_path(report) if report.exists() else ""
    print(summary_markdown(data, report=shown, run_url=run_url(os.environ)), end="")
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`touchpoint summary reports/acme`: the Markdown summary, on standard output."""
    summary = sub.add_parser(
        "summary", help="print an audit's Markdown summary (for a job summary or a pull request's comment)"
    )
    summary.add_argument("results", help="a report folder such as reports/acme, or a results.json")
    summary.set_defaults(run=_cmd_summary)
