"""Alerts received by real receivers on 127.0.0.1: Apprise's JSON notifications by an HTTP server
(aiohttp) and its email by an SMTP server (aiosmtpd). One message an incident, one when it
recovers, none while it stays; a receiver that fails is a warning, and the message waits for
the next run; a secret is never repeated."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.alert_receivers import TO, Receivers
from touchpoint.alerts.notify import Told, raise_alerts
from touchpoint.alerts.receivers import Receiver
from touchpoint.ledger import Ledger
from touchpoint.ledger.store import now
from touchpoint.result import CheckResult, Level

SITE = "shop"
LINK = "https://reports.shop.example/shop/runs/20261204-101500-run1/audit.html"
BREACH = "The email channel: no person answered within 15 min"


@pytest.fixture
def got() -> Iterator[Receivers]:
    with Receivers() as receivers:
        yield receivers


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def night(ledger: Ledger, outcome: str | None, receivers: list[Receiver]) -> Told:
    """One run: its LCP is fine; the email channel's question ends `outcome` (None: not asked)."""
    run = ledger.start_run(SITE)
    lcp = CheckResult(
        name="largest-contentful-paint",
        category="speed",
        title="Largest Contentful Paint",
        subject="home · mobile",
        actual=1800,
        expected=2500,
        operator="<=",
        level=Level.ERROR,
        passed=True,
        message="fine",
        unit="ms",
    )
    ledger.record_check(run, lcp.to_json())
    if outcome is not None:
        attempt = ledger.plan_attempt(
            run, SITE, "email", kind="email", token=f"TP-{run:04d}", reply_to="s@x.test", target="hi@shop.test"
        )
        sent = now() - timedelta(hours=1)
        ledger.mark_sent(attempt.id, sent_at=sent, due_at=sent + timedelta(minutes=15), sla_seconds=900)
        answered = sent + timedelta(minutes=5 if outcome == "met" else 40)
        ledger.resolve(attempt.id, outcome, human_reply_at=answered)
    told = raise_alerts(
        ledger,
        site=SITE,
        name="Harbour Lane",
        run_id=run,
        results=ledger.checks(run),
        attempts=ledger.settled_attempts(SITE),
        receivers=receivers,
        link=LINK,
    )
    ledger.finish_run(run, "passed")
    return told


def test_a_breach_is_told_once_on_both_receivers_and_its_recovery_once(got: Receivers, ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    receivers = [Receiver("json", got.json_url), Receiver("mailto", got.mailto_url)]
    first = night(ledger, "breached", receivers)
    assert (first.opened, first.warnings) == (["breach:email"], [])
    assert [p["title"] for p in got.posts] == [f"Problem at Harbour Lane: {BREACH}"]
    post = got.posts[0]
    assert post["type"] == "warning" and post["path"] == "/touchpoint"
    assert LINK in post["message"] and "Incident: breach:email" in post["message"] and "came late" in post["message"]
    mail = got.mails[0]
    assert mail["Subject"] == post["title"] and mail["To"] == TO
    assert LINK in mail.get_content()
    # The next nights: breached again, then not asked at all: the same incident, not a word.
    assert night(ledger, "breached", receivers).sent == []
    assert night(ledger, None, receivers).sent == []
    fixed = night(ledger, "met", receivers)
    assert fixed.recovered == ["breach:email"]
    assert night(ledger, "met", receivers).sent == []
    assert [p["title"] for p in got.posts] == [
        post["title"],
        f"Recovered at Harbour Lane: {BREACH}",
    ]
    assert got.posts[1]["type"] == "success" and "found fixed on" in got.posts[1]["message"]
    assert [m["Subject"] for m in got.mails] == [p["title"] for p in got.posts]
    assert ledger.open_incidents(SITE) == [] and ledger.incidents_to_notify(SITE) == []


def test_a_receiver_that_fails_gets_the_message_after_the_next_run_once(got: Receivers, tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    got.fail_http = True
    receivers = [Receiver("json", got.json_url)]
    first = night(ledger, "breached", receivers)
    assert first.sent == [] and len(first.warnings) == 1
    assert "did not reach json" in first.warnings[0] and "503" in first.warnings[0]
    assert "sent again after the next run" in first.warnings[0]
    got.fail_http = False
    assert night(ledger, "breached", receivers).sent == [f"Problem at Harbour Lane: {BREACH}"]
    assert night(ledger, "breached", receivers).sent == []
    assert [p["type"] for p in got.posts] == ["warning"]


def test_one_receiver_down_is_a_warning_and_the_other_is_not_sent_it_twice(got: Receivers, tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    secret = f"json://alerts:Sup3rS3cretPassw0rd@127.0.0.1:{closed_port()}/hooks/Sup3rS3cretToken"
    receivers = [Receiver("the URL in $SHOP_ALERT_URL", secret, secret=True), Receiver("json", got.json_url)]
    first = night(ledger, "breached", receivers)
    assert len(first.sent) == 1 and len(first.warnings) == 1
    assert first.warnings[0].startswith("the alert “Problem at Harbour Lane")
    assert "did not reach the URL in $SHOP_ALERT_URL" in first.warnings[0]
    assert "Sup3rS3cret" not in first.warnings[0] and "sent again" not in first.warnings[0]
    assert night(ledger, "breached", receivers).sent == [] and len(got.posts) == 1


def test_a_recovery_whose_alert_never_went_out_is_one_message(got: Receivers, tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    down = [Receiver("json", f"json://127.0.0.1:{closed_port()}/x")]
    assert night(ledger, "breached", down).sent == []
    told = night(ledger, "met", [Receiver("json", got.json_url)])
    assert told.recovered == ["breach:email"] and len(told.sent) == 1
    assert [p["type"] for p in got.posts] == ["success"]
    assert "Its first alert could not be sent at the time" in got.posts[0]["message"]
    assert ledger.incidents_to_notify(SITE) == []


# -- the audit's set-up ---------------------------------------------------------------------------

PROFILE = """
name = "Harbour Lane"
base_url = "http://127.0.0.1:9/"
[alerts]
urls = ["{json}"]
urls_env = ["SHOP_ALERT_URL", "SHOP_OTHER_ALERT_URL"]
"""

CHECKS = """
def test_nothing_to_see(site):
    pass
"""


def test_a_missing_alert_variable_stops_the_audit_before_it_starts(
    got: Receivers, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makefile(".toml", shop=PROFILE.format(json=got.json_url))
    pytester.makepyfile(test_checks=CHECKS)
    monkeypatch.delenv("SHOP_ALERT_URL", raising=False)
    monkeypatch.setenv("SHOP_OTHER_ALERT_URL", "nosuchservice://owner:Passw0rdFromTheEnv@somewhere")
    result = pytester.runpytest_subprocess("--site", "shop.toml", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*site profile shop.toml has 2 problems*",
            "*alerts.urls_env: SHOP_ALERT_URL is not set*",
            "*the URL in SHOP_OTHER_ALERT_URL is not one Apprise can read (its value is not shown)*",
        ]
    )
    assert "Passw0rdFromTheEnv" not in result.stdout.str() + result.stderr.str()
    # --audit-no-alerts: the audit runs, and neither asks for its receivers nor sends anything
    quiet = pytester.runpytest_subprocess("--site", "shop.toml", "--audit-no-alerts", "-p", "no:cacheprovider")
    assert quiet.ret == 0 and "alerts" not in quiet.stdout.str()
    assert got.posts == [] and got.mails == []
