"""Owner wording and HTML for check results (pure: results in, escaped HTML strings out).

Everything a site or a mailbox said is escaped here; nothing scraped reaches the report raw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from touchpoint.budgets import format_value
from touchpoint.result import CheckResult, Verdict

__all__ = ["VERDICT_WORDS", "budget_text", "counts", "evidence_html", "measured_text", "verdict_badge"]

VERDICT_WORDS: Mapping[Verdict, str] = {
    Verdict.PASS: "pass",
    Verdict.WARN: "warning",
    Verdict.FAIL: "fail",
    Verdict.INFO: "info",
}


def verdict_badge(verdict: Verdict) -> str:
    return f'<span class="tp-verdict tp-{verdict.value}">{VERDICT_WORDS[verdict]}</span>'


def measured_text(result: CheckResult) -> str:
    if result.actual is None:
        return "not measured"
    return format_value(result.actual, result.unit)


def budget_text(result: CheckResult) -> str:
    if isinstance(result.expected, str):
        return f"{result.expected} ({result.level.value})"
    if result.expected is None or not result.operator:
        return "no budget" if result.actual is not None else "—"
    symbol = {"<=": "≤", ">=": "≥", "==": "="}.get(result.operator, result.operator)
    return f"{symbol} {format_value(result.expected, result.unit)} ({result.level.value})"


def evidence_html(results: Sequence[CheckResult]) -> str:
    """The expanded row: what was found, in words, then the evidence as a small table."""
    parts = []
    for result in results:
        rows = "".join(
            f"<tr><th>{escape(str(key))}</th><td>{escape(str(value))}</td></tr>"
            for key, value in result.evidence.items()
        )
        link = (
            f'<p class="tp-url">Page: <a href="{escape(result.url, quote=True)}">{escape(result.url)}</a></p>'
            if result.url
            else ""
        )
        parts.append(
            f'<div class="tp-evidence">{verdict_badge(result.verdict)} '
            f"<strong>{escape(result.message)}</strong>{link}"
            + (f'<table class="tp-facts">{rows}</table>' if rows else "")
            + "</div>"
        )
    return "".join(parts)


def counts(verdicts: Iterable[Verdict]) -> Counter[Verdict]:
    tally: Counter[Verdict] = Counter({v: 0 for v in Verdict})
    tally.update(verdicts)
    return tally
