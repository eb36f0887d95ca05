"""The first screen of the audit: whose site, when, how many checks passed, warned and failed,
what to fix first, and the speed of every page at a glance. Pure: data in, escaped HTML out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from touchpoint.budgets import format_value
from touchpoint.report.i18n import Language, language
from touchpoint.report.render import counts
from touchpoint.result import NOT_CHECKED, CheckResult, Verdict
from touchpoint.scoring.plan import N_

EN = language("en")

__all__ = ["Headline", "contacts_table_html", "headline_html", "replies_table_html", "speed_table_html"]

KEY_METRICS = (
    ("page-opens", N_("Opens")),
    ("largest-contentful-paint", N_("Main content (LCP)")),
    ("total-blocking-time", N_("Blocked (TBT)")),
    ("cumulative-layout-shift", N_("Jumps (CLS)")),
    ("categories:performance", N_("Speed score")),
)
RANK = {Verdict.FAIL: 0, Verdict.WARN: 1, Verdict.PASS: 2, Verdict.INFO: 3}


@dataclass(frozen=True, slots=True)
class Headline:
    site: str
    url: str
    started: datetime
    finished: datetime
    errors: int = 0  # tests that broke without recording a result
    tools: Mapping[str, str] | None = None


def headline_html(head: Headline, results: Sequence[CheckResult], lang: Language = EN) -> str:
    tally = counts(r.verdict for r in results)
    failed = tally[Verdict.FAIL] + head.errors
    if failed:
        verdict = lang.n(
            "{n} check failed a budget set to fail the run", "{n} checks failed a budget set to fail the run", failed
        )
        tone = "fail"
    elif tally[Verdict.WARN]:
        verdict = lang.n(
            "No failures; {n} warning to look at", "No failures; {n} warnings to look at", tally[Verdict.WARN]
        )
        tone = "warn"
    else:
        verdict, tone = lang("Everything checked is within budget"), "pass"
    took = lang.duration((head.finished - head.started).total_seconds())
    tools = "".join(f"<span>{escape(k)}: {escape(v)}</span>" for k, v in (head.tools or {}).items())
    errors = f'<li class="tp-count tp-fail"><b>{head.errors}</b> {escape(lang("broke"))}</li>' if head.errors else ""
    audited = lang("audited {when} · took {took}").format(when=lang.date(head.started), took=took)
    warnings = lang.n("warning", "warnings", tally[Verdict.WARN])
    return (
        f'<section class="tp-headline tp-tone-{tone}">'
        f"<h2>{escape(head.site)}</h2>"
        f'<p class="tp-site"><a href="{escape(head.url, quote=True)}">{escape(head.url)}</a> · {escape(audited)}</p>'
        f'<p class="tp-overall">{escape(verdict)}</p>'
        '<ul class="tp-counts">'
        f'<li class="tp-count tp-pass"><b>{tally[Verdict.PASS]}</b> {escape(lang("passed"))}</li>'
        f'<li class="tp-count tp-warn"><b>{tally[Verdict.WARN]}</b> {escape(warnings)}</li>'
        f'<li class="tp-count tp-fail"><b>{tally[Verdict.FAIL]}</b> {escape(lang("failed"))}</li>'
        f"{errors}"
        f'<li class="tp-count tp-info"><b>{tally[Verdict.INFO]}</b> {escape(lang("measured only"))}</li>'
        "</ul>"
        f'<p class="tp-tools">{tools}</p>'
        "</section>"
    )


def speed_table_html(results: Sequence[CheckResult], lang: Language = EN) -> str:
    """Pages down, devices and key metrics across; each cell coloured by its verdict."""
    cells: dict[tuple[str, str], dict[str, CheckResult]] = {}
    for r in results:
        if r.category in ("speed", "pages") and " · " in r.subject:
            page, device = r.subject.split(" · ", 1)
            cells.setdefault((page, device), {})[r.name] = r
    if not cells:
        return ""
    pages = list(dict.fromkeys(p for p, _ in cells))
    devices = sorted({d for _, d in cells}, key=lambda d: (d != "mobile", d))
    head = "".join(f'<th colspan="{len(KEY_METRICS)}">{escape(lang(d))}</th>' for d in devices)
    sub = "".join(f"<th>{escape(lang(label))}</th>" for _ in devices for _, label in KEY_METRICS)
    rows = []
    for page in pages:
        tds = []
        for device in devices:
            found = cells.get((page, device), {})
            for metric, _ in KEY_METRICS:
                cell = found.get(metric)
                if cell is None:
                    tds.append('<td class="tp-none">–</td>')
                    continue
                shown = (
                    lang("no")
                    if cell.actual is None
                    else lang("yes")
                    if metric == "page-opens"
                    else (format_value(cell.actual, cell.unit))
                )
                tip = escape(cell.message, quote=True)
                tds.append(f'<td class="tp-cell tp-{cell.verdict.value}" title="{tip}">{escape(shown)}</td>')
        rows.append(f"<tr><th>{escape(page)}</th>{''.join(tds)}</tr>")
    legend = lang(
        "Green: within budget · amber: warning · red: fails the run · grey: measured without a budget. "
        "Hover a cell for details; every check is listed below."
    )
    return (
        f'<section class="tp-speed"><h3>{escape(lang("Pages at a glance"))}</h3>'
        '<table class="tp-matrix"><thead>'
        f"<tr><th></th>{head}</tr><tr><th>{escape(lang('page'))}</th>{sub}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="tp-legend">{escape(legend)}</p>'
        "</section>"
    )


CONTACT_ROWS = (
    ("phone", N_("Phone")),
    ("email", N_("Email")),
    ("address", N_("Address")),
    ("contact-page", N_("Contact page")),
)
CONTACT_COLUMNS = (
    ("clicks", N_("Clicks from home"), None),
    ("above-fold", N_("First screen, phone"), "mobile"),
    ("above-fold", N_("First screen, laptop"), "desktop"),
    ("actionable", N_("Tappable"), None),
    ("same-place", N_("Same place on every page"), "mobile"),
    ("consistent", N_("Same everywhere"), None),
)
N_("mobile")
N_("desktop")


def contacts_table_html(results: Sequence[CheckResult], lang: Language = EN) -> str:
    """Channels down, the ways a visitor finds them across; each cell coloured by its verdict."""
    found: dict[tuple[str, str | None], CheckResult] = {}
    for r in results:
        if r.category == "contacts":
            device = r.subject.rsplit(" · ", 1)[1] if " · " in r.subject else None
            found[(r.name, device)] = r
    if not found:
        return ""
    head = "".join(f"<th>{escape(lang(label))}</th>" for _, label, _ in CONTACT_COLUMNS)
    rows = []
    for channel, label in CONTACT_ROWS:
        tds = []
        for aspect, _, device in CONTACT_COLUMNS:
            cell = found.get((f"{channel}:{aspect}", device)) or found.get((f"{channel}:{aspect}", None))
            if cell is None:
                tds.append('<td class="tp-none">–</td>')
                continue
            if cell.actual is None:
                shown = lang("not checked") if cell.message.startswith(NOT_CHECKED) else lang("not found")
            elif aspect == "clicks":
                clicks = int(cell.actual) if isinstance(cell.actual, int | float) else 0
                shown = lang("on the home page") if clicks == 0 else lang.n("{n} click", "{n} clicks", clicks)
            else:
                shown = (
                    lang("yes")
                    if cell.passed and cell.verdict is not Verdict.INFO
                    else (lang("no") if not cell.passed else str(cell.actual))
                )
            tip = escape(cell.message, quote=True)
            tds.append(f'<td class="tp-cell tp-{cell.verdict.value}" title="{tip}">{escape(shown)}</td>')
        rows.append(f"<tr><th>{escape(lang(label))}</th>{''.join(tds)}</tr>")
    return (
        f'<section class="tp-speed"><h3>{escape(lang("Can people reach you?"))}</h3>'
        f'<table class="tp-matrix"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


OUTCOMES = {
    "met": N_("met"),
    "breached": N_("breached"),
    "unanswered": N_("unanswered"),
    "pending": N_("pending"),
    "none": N_("not sent"),
}
STATES = {
    "sent": N_("sent"),
    "waiting": N_("waiting for an earlier answer"),
    "skipped": N_("not asked this run"),
    "not-opted-in": N_("not opted in"),
    "dry-run": N_("dry run"),
    "failed": N_("failed"),
    "needs-person": N_("needs a person"),
    "not-found": N_("not found"),
    "offsite": N_("sends data elsewhere"),
    "uncertain": N_("uncertain"),
    "hidden": N_("hidden"),
    "offline": N_("offline"),
}


def replies_table_html(results: Sequence[CheckResult], lang: Language = EN) -> str:
    """One line a channel: did the shopper get in touch, and did a person answer in time?"""
    made = {r.subject: r for r in results if r.name.startswith(("attempt:", "chat-start:"))}
    answered = {r.subject: r for r in results if r.name.startswith(("reply:", "chat:"))}
    channels = list(dict.fromkeys([*made, *answered]))
    if not channels:
        return ""
    rows = []
    for channel in channels:
        attempt, reply = made.get(channel), answered.get(channel)
        state = str(attempt.actual) if attempt is not None else ""
        sent = escape(lang(STATES.get(state, state))) if attempt is not None else "–"
        due_at = reply.evidence.get("due at") if reply is not None else None
        if reply is None or "due (business hours)" not in reply.evidence:  # nothing was sent: nothing is timed
            waited, verdict, words = "–", "", reply.message if reply is not None else ""
        else:
            seconds = reply.actual if isinstance(reply.actual, int | float) else None
            waited = lang.duration(float(seconds)) if seconds is not None else lang("no answer")
            outcome = reply.message.split(":", 1)[0]
            verdict, words = reply.verdict.value, lang(OUTCOMES.get(outcome, outcome))
        promise = str(reply.evidence.get("the site promises", "")) if reply is not None else ""
        due = (
            lang.when(datetime.fromisoformat(str(due_at)))
            if due_at
            else str(reply.evidence.get("due (business hours)", ""))
            if reply is not None
            else ""
        )
        cell = f'<td class="tp-cell tp-{verdict}">' if verdict else "<td>"
        rows.append(
            f"<tr><th>{escape(channel)}</th><td>{sent}</td><td>{escape(due)}</td>{cell}{escape(waited)}</td>"
            f"{cell}{escape(words)}</td><td>{escape(promise)}</td></tr>"
        )
    heads = "".join(
        f"<th>{escape(lang(h))}</th>"
        for h in (
            N_("Shopper"),
            N_("Due (business hours)"),
            N_("First person's answer after"),
            N_("Outcome"),
            N_("The site promises"),
        )
    )
    return (
        f'<section class="tp-speed"><h3>{escape(lang("Does a person answer?"))}</h3>'
        f'<table class="tp-matrix"><thead><tr><th></th>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</section>"
    )


# pybabel does not look inside f-strings: the words used there are marked here for the catalogs.
_IN_F_STRINGS = (
    N_("Everything checked is within budget"),
    N_("broke"),
    N_("audited {when} · took {took}"),
    N_("passed"),
    N_("warned"),
    N_("failed"),
    N_("measured only"),
    N_("no"),
    N_("yes"),
    N_("Pages at a glance"),
    N_("page"),
    N_("not checked"),
    N_("not found"),
    N_("on the home page"),
    N_("Can people reach you?"),
    N_("no answer"),
    N_("Does a person answer?"),
)
