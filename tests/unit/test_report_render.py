from __future__ import annotations

from datetime import UTC, datetime, timedelta

from touchpoint.budgets import Budget, assess
from touchpoint.report.render import budget_text, evidence_html, measured_text
from touchpoint.report.summary import Headline, headline_html, speed_table_html
from touchpoint.result import CheckResult, Level, unmeasured

EVIL = '<script>alert("x")</script>'


def lcp(actual: float, level: Level, page: str = "home", device: str = "mobile") -> CheckResult:
    return assess(
        name="largest-contentful-paint",
        category="speed",
        title="Largest Contentful Paint",
        subject=f"{page} · {device}",
        actual=actual,
        budget=Budget(level, "maxNumericValue", 2500),
        unit="ms",
        url="https://shop.example/",
    )


def test_columns_read_plainly() -> None:
    result = lcp(3100, Level.ERROR)
    assert measured_text(result) == "3,100 ms"
    assert budget_text(result) == "≤ 2,500 ms (error)"
    missing = unmeasured(name="x", category="speed", title="X", subject="s", level=Level.WARN, reason="down")
    assert measured_text(missing) == "not measured"


def test_scraped_text_is_escaped_everywhere() -> None:
    result = CheckResult(
        name="x",
        category="contacts",
        title=EVIL,
        subject=EVIL,
        actual=EVIL,
        expected=None,
        operator="",
        level=Level.ERROR,
        passed=False,
        message=EVIL,
        url='javascript:"x"',
        evidence={EVIL: EVIL},
    )
    head = Headline(site=EVIL, url=EVIL, started=datetime.now(UTC), finished=datetime.now(UTC))
    from touchpoint.report.i18n import language
    from touchpoint.report.owner import plan_html
    from touchpoint.scoring.plan import plan

    steps = plan([result])
    html = evidence_html([result]) + headline_html(head, [result]) + plan_html(steps, [], language("ru"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_headline_counts_and_tone() -> None:
    start = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    results = [lcp(1000, Level.ERROR), lcp(3000, Level.WARN), lcp(3000, Level.ERROR, "prices")]
    html = headline_html(Headline("Acme", "https://acme.example/", start, start + timedelta(minutes=3)), results)
    assert "1 check failed a budget set to fail the run" in html
    assert "<b>1</b> passed" in html and "<b>1</b> warning" in html and "<b>1</b> failed" in html
    assert "tp-tone-fail" in html
    calm = headline_html(Headline("Acme", "u", start, start), [lcp(1000, Level.ERROR)])
    assert "Everything checked is within budget" in calm


def test_the_plan_puts_what_fails_the_run_before_warnings_and_groups_pages() -> None:
    from touchpoint.report.i18n import language
    from touchpoint.report.owner import plan_html
    from touchpoint.scoring.plan import plan

    steps = plan([lcp(3000, Level.WARN, "a"), lcp(3000, Level.ERROR, "b"), lcp(3000, Level.ERROR, "c")])
    assert len(steps) == 1 and steps[0].level == "error" and len(steps[0].checks) == 3  # one action for the pages
    assert "Make the main picture and heading show sooner" in plan_html(steps, [], language("en"))


def test_speed_table_has_a_row_per_page_and_colours_by_verdict() -> None:
    html = speed_table_html([lcp(1000, Level.ERROR, "home"), lcp(3000, Level.ERROR, "home", "desktop")])
    assert html.count("<tr><th>home</th>") == 1
    assert "tp-cell tp-pass" in html and "tp-cell tp-fail" in html
    assert speed_table_html([]) == ""
