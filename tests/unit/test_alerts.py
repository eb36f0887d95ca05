"""Incidents from run to run (pure), and the profile's [alerts]: what opens an incident, what
keeps it open without a word, and what alone closes it (a measured pass)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from touchpoint.alerts.incidents import Change, compare, observe
from touchpoint.alerts.receivers import Receiver, env_problems, receivers_of
from touchpoint.errors import ProfileError
from touchpoint.ledger import Attempt
from touchpoint.profile.load import parse_profile
from touchpoint.result import NOT_CHECKED, CheckResult, Level, unmeasured

T0 = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)


def attempt(n: int, channel: str, outcome: str, *, state: str = "sent", late: bool = False) -> Attempt:
    """The n-th night's question on a channel, with a 15-minute deadline."""
    sent = T0 + timedelta(days=n)
    return Attempt(
        id=n,
        run_id=n,
        site="shop",
        channel=channel,
        kind="email",
        token=f"TP-{n:04d}",
        reply_to="s@x.test",
        target="hello@shop.test",
        state=state,
        planned_at=sent,
        sent_at=sent if state == "sent" else None,
        due_at=sent + timedelta(minutes=15),
        sla_seconds=900,
        message_id=None,
        outcome=outcome,
        human_reply_at=sent + timedelta(hours=2) if late else None,
        resolved_at=sent + timedelta(minutes=20) if outcome != "pending" else None,
    )


def lcp(actual: float | None, level: Level = Level.ERROR, subject: str = "home · mobile") -> dict[str, Any]:
    if actual is None:
        result = unmeasured(
            name="largest-contentful-paint",
            category="speed",
            title="Largest Contentful Paint",
            subject=subject,
            level=level,
            reason="Lighthouse could not load the page",
            expected=2500,
            operator="<=",
            unit="ms",
        )
    else:
        result = CheckResult(
            name="largest-contentful-paint",
            category="speed",
            title="Largest Contentful Paint",
            subject=subject,
            actual=actual,
            expected=2500,
            operator="<=",
            level=level,
            passed=actual <= 2500,
            message=f"LCP {actual} ms",
            unit="ms",
        )
    return result.to_json()


def opens(passed: bool, message: str = "", subject: str = "about · mobile") -> dict[str, Any]:
    return CheckResult(
        name="page-opens",
        category="pages",
        title="Page opens",
        subject=subject,
        actual="HTTP 200 in 0.4 s" if passed else None,
        expected="opens without an error",
        operator="",
        level=Level.ERROR,
        passed=passed,
        message=message or ("opens" if passed else "The page answered HTTP 500"),
    ).to_json()


class Incidents:
    """The ledger's open incidents, kept the way the alerts step keeps them, night after night."""

    def __init__(self) -> None:
        self.open: list[str] = []
        self.alerts: list[str] = []
        self.recoveries: list[str] = []

    def night(self, results: Iterable[Mapping[str, Any]] = (), attempts: Iterable[Attempt] = ()) -> Change:
        change = compare(observe(results, attempts), self.open)
        self.open = [k for k in self.open if k not in change.recovered] + [p.key for p in change.opened]
        self.alerts += [p.key for p in change.opened]
        self.recoveries += list(change.recovered)
        return change


def test_a_new_breach_opens_one_incident_and_the_same_breach_next_night_says_nothing() -> None:
    book = Incidents()
    first = book.night(attempts=[attempt(1, "email", "breached")])
    assert [p.key for p in first.opened] == ["breach:email"]
    assert first.opened[0].title == "The email channel: no person answered within 15 min"
    assert "TP-0001" in first.opened[0].detail and "nobody has answered yet" in first.opened[0].detail
    # The next night the question still waits (no new attempt may be made): the same incident.
    second = book.night(attempts=[attempt(1, "email", "breached")])
    assert (second.opened, second.ongoing, second.recovered) == ((), ("breach:email",), ())
    assert book.alerts == ["breach:email"] and book.recoveries == []


def test_a_late_answer_or_none_at_all_is_a_breach_and_a_met_answer_later_recovers_it_once() -> None:
    book = Incidents()
    late = attempt(1, "callback", "breached", late=True)
    change = book.night(attempts=[late])
    assert "came late" in change.opened[0].detail
    fixed = [late, attempt(2, "callback", "met")]
    assert book.night(attempts=fixed).recovered == ("breach:callback",)
    assert book.night(attempts=fixed).recovered == ()  # told once
    assert book.recoveries == ["breach:callback"] and book.open == []
    assert book.night(attempts=[attempt(3, "chat", "unanswered")]).opened[0].key == "breach:chat"


def test_what_was_not_measured_is_not_a_recovery() -> None:
    book = Incidents()
    book.night([lcp(3300), opens(False)], [attempt(1, "email", "breached")])
    assert sorted(book.open) == [
        "breach:email",
        "budget:largest-contentful-paint:home · mobile",
        "page-down:about:mobile",
    ]
    # LCP could not be measured, the page was not checked (the site turned the audit away), the
    # email channel was not asked (min_interval) or its new question is still pending.
    nothing = [
        [lcp(None), opens(False, message=NOT_CHECKED + "the site answered with a bot wall")],
        [],
    ]
    for results in nothing:
        for attempts in (
            [attempt(1, "email", "breached")],
            [attempt(1, "email", "breached"), attempt(2, "email", "pending")],
        ):
            change = book.night(results, attempts)
            assert change.opened == () and change.recovered == ()
    assert book.recoveries == [] and len(book.open) == 3


def test_a_measured_pass_recovers_each_kind_once() -> None:
    book = Incidents()
    book.night([lcp(3300), opens(False)], [attempt(1, "email", "breached")])
    change = book.night([lcp(2100), opens(True)], [attempt(1, "email", "breached"), attempt(2, "email", "met")])
    assert sorted(change.recovered) == sorted(book.alerts) and len(change.recovered) == 3
    assert book.night([lcp(2100), opens(True)], [attempt(2, "email", "met")]) == Change((), (), (), ())


def test_flapping_is_one_alert_and_one_recovery_per_time_it_broke() -> None:
    book = Incidents()
    for night, outcome in enumerate(["breached", "met", "met", "breached", "breached", "met"], 1):
        book.night(attempts=[attempt(night, "email", outcome)])
    assert book.alerts == ["breach:email", "breach:email"]
    assert book.recoveries == ["breach:email", "breach:email"]
    assert book.open == []


def test_only_error_level_budgets_open_incidents_and_a_warning_neither_opens_nor_closes() -> None:
    book = Incidents()
    assert book.night([lcp(3300, Level.WARN)]).opened == ()
    book.night([lcp(3300)])
    assert book.night([lcp(3300, Level.WARN)]).recovered == ()  # still slow, now only reported
    assert book.night([lcp(2000, Level.WARN)]).recovered == ("budget:largest-contentful-paint:home · mobile",)


def test_a_channel_not_tried_does_not_close_a_failed_send() -> None:
    def sent(state: str, passed: bool, level: Level) -> dict[str, Any]:
        return CheckResult(
            name="attempt:callback",
            category="replies",
            title="Callback (form): the shopper gets in touch",
            subject="callback",
            actual=state,
            expected="sent",
            operator="",
            level=level,
            passed=passed,
            message=state,
        ).to_json()

    book = Incidents()
    assert book.night([sent("failed", False, Level.ERROR)]).opened[0].key == "budget:attempt:callback:callback"
    assert book.night([sent("waiting", True, Level.OFF)]).recovered == ()  # nothing was tried
    assert book.night([sent("sent", True, Level.ERROR)]).recovered == ("budget:attempt:callback:callback",)


def test_a_speed_regression_is_keyed_by_metric_and_page_and_not_enough_samples_says_nothing() -> None:
    def regression(passed: bool, level: Level = Level.ERROR) -> dict[str, Any]:
        return CheckResult(
            name="regression:largest-contentful-paint",
            category="speed",
            title="Largest Contentful Paint against earlier runs",
            subject="home · mobile",
            actual=3100,
            expected="no slower than 2.1 s",
            operator="",
            level=level,
            passed=passed,
            message="slower than the earlier runs" if not passed else "no change that counts",
            unit="ms",
        ).to_json()

    book = Incidents()
    change = book.night([regression(False)])
    assert [p.key for p in change.opened] == ["regression:largest-contentful-paint:home · mobile"]
    assert book.night([regression(True, Level.OFF)]).recovered == ()  # not enough samples: not compared
    assert len(book.night([regression(True)]).recovered) == 1
    assert book.night([regression(False, Level.WARN)]).opened == ()  # a warning is never an alert


def test_timed_answers_come_from_the_attempts_not_their_report_rows() -> None:
    row = CheckResult(
        name="reply:email",
        category="replies",
        title="Email: a person answers within 15 min",
        subject="email",
        actual=None,
        expected=900,
        operator="<=",
        level=Level.ERROR,
        passed=False,
        message="breached: nobody answered by the deadline",
    ).to_json()
    assert observe([row], []).problems == {}


# -- the profile's [alerts] -----------------------------------------------------------------------

BASE = 'name = "Shop"\nbase_url = "https://shop.example/"\n'


def test_alerts_in_the_profile() -> None:
    profile = parse_profile(
        BASE + '[alerts]\nurls = ["json://127.0.0.1:8080/hook"]\nurls_env = ["TOUCHPOINT_ALERT_URL"]\n'
        'report_url = "https://reports.shop.example/"\n'
    )
    assert profile.alerts.urls == ("json://127.0.0.1:8080/hook",) and profile.alerts.wanted
    assert profile.alerts.problems({"TOUCHPOINT_ALERT_URL": "mailtos://u:p@example.com"}) == []
    assert not parse_profile(BASE).alerts.wanted


def test_every_alerts_problem_is_listed_and_no_secret_is_repeated() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(
            BASE + "[alerts]\n"
            'urls = ["json://u:hunter2secret@alerts.example/x", "nosuchservice://what", "json://ok.example/x"]\n'
            'urls_env = ["not a name"]\nreport_url = "reports"\n'
        )
    text = str(caught.value)
    assert "hunter2secret" not in text and "nosuchservice://what" not in text
    assert "URL 1: the json:// URL holds a password or token" in text and "urls_env" in text
    assert "URL 2: Apprise cannot read this nosuchservice:// URL" in text and "URL 3" not in text
    assert "alerts.report_url" in text and len(caught.value.problems) == 3


def test_a_missing_variable_or_an_unreadable_url_in_one_is_named_never_shown() -> None:
    profile = parse_profile(BASE + '[alerts]\nurls_env = ["ALERT_A", "ALERT_B", "ALERT_C"]\n')
    secret = "nosuchservice://bot123456:sup3rs3cr3t@x"
    problems = profile.alerts.problems({"ALERT_B": secret, "ALERT_C": "json://127.0.0.1/x"})
    assert len(problems) == 2
    assert problems[0].startswith("alerts.urls_env: ALERT_A is not set")
    assert "the URL in ALERT_B is not one Apprise can read" in problems[1]
    assert not any("sup3rs3cr3t" in p or "bot123456" in p for p in problems)


def test_a_receivers_words_are_scrubbed_of_its_secret() -> None:
    receiver = Receiver("the URL in $ALERT", "tgram://123456789:AAHsecretTokenValue/987654321", secret=True)
    said = receiver.scrub("Failed to send to tgram://123456789:AAHsecretTokenValue/987654321 (AAHsecretTokenValue)")
    assert "AAHsecretTokenValue" not in said and "123456789" not in said
    assert Receiver("json://127.0.0.1/x", "json://127.0.0.1/x").scrub("to 127.0.0.1") == "to 127.0.0.1"


def test_one_variable_may_hold_several_urls_as_apprises_own_does() -> None:
    environ = {"ALERT_URLS": "json://127.0.0.1/x, mailto://127.0.0.1?mode=insecure&from=tp@x.test&to=a@x.test,b@x.test"}
    assert env_problems(["ALERT_URLS"], environ) == []
    found = receivers_of(["json://127.0.0.1:8080/hook"], ["ALERT_URLS"], environ)
    assert [r.label for r in found] == ["json://127.0.0.1:8080/hook", "URL 1 in $ALERT_URLS", "URL 2 in $ALERT_URLS"]
    assert [r.secret for r in found] == [False, True, True]
    assert found[2].url == "mailto://127.0.0.1?mode=insecure&from=tp@x.test&to=a@x.test,b@x.test"
    assert "URL 2 in ALERT_URLS" in env_problems(["ALERT_URLS"], {"ALERT_URLS": "json://a/x nosuch://b"})[0]
