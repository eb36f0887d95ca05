"""Twilio-format SMS and call webhooks settle callback attempts, signature-checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from touchpoint.demo.server import LoopbackServer
from touchpoint.ledger import Ledger
from touchpoint.replies.webhook import TOKEN_ENV, make_app, signature


def test_an_sms_from_the_business_settles_the_callback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'l.sqlite'}")
    run = ledger.start_run("shop")
    attempt = ledger.plan_attempt(
        run,
        "shop",
        "callback",
        kind="form",
        token="TP-AAA222",
        reply_to="a+tpaaa222@me",
        target="https://shop.example/contacts",
    )
    sent = datetime.now(UTC)
    ledger.mark_sent(attempt.id, sent_at=sent, due_at=sent + timedelta(minutes=15), sla_seconds=900)
    monkeypatch.setenv(TOKEN_ENV, "secret-token")
    with LoopbackServer(make_app(ledger, "shop")) as server:
        url = server.base_url + "twilio/sms"
        params = {"MessageSid": "SM1", "From": "+442079460321", "To": "+447911123456", "Body": "Hi Alex, Maria here"}
        forged = httpx.post(url, data=params, headers={"X-Twilio-Signature": "forged="})
        assert forged.status_code == 403
        assert ledger.replies(attempt.id) == []
        good = httpx.post(url, data=params, headers={"X-Twilio-Signature": signature(url, params, "secret-token")})
        assert good.status_code == 200 and "<Response>" in good.text
    settled = ledger.attempt(attempt.id)
    assert settled.outcome == "met" and settled.human_reply_at is not None
    [reply] = ledger.replies(attempt.id)
    assert reply.human and "sms from +442079460321" in reply.why


def test_an_sms_about_another_order_is_shown_but_does_not_settle_the_callback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'l.sqlite'}")
    run = ledger.start_run("shop")
    attempt = ledger.plan_attempt(
        run,
        "shop",
        "callback",
        kind="form",
        token="TP-BBB333",
        reply_to="a+tpbbb333@me",
        target="https://shop.example/",
    )
    sent = datetime.now(UTC)
    ledger.mark_sent(attempt.id, sent_at=sent, due_at=sent + timedelta(minutes=15), sla_seconds=900)
    with LoopbackServer(make_app(ledger, "shop")) as server:
        url = server.base_url + "twilio/sms"
        about = {"MessageSid": "SM2", "From": "+442079460321", "Body": "Regarding your order #4471: it is ready"}
        httpx.post(url, data=about)
        assert ledger.attempt(attempt.id).outcome == "pending"  # not the answer
        ours = {"MessageSid": "SM3", "From": "+442079460321", "Body": "Hi, about TP-BBB333: £50, call you at 3?"}
        httpx.post(url, data=ours)
    first, second = ledger.replies(attempt.id)
    assert (first.human, first.verdict) == (False, "other-conversation") and "#4471" in first.why
    assert (second.human, second.verdict) == (True, "answer")
    assert ledger.attempt(attempt.id).outcome == "met"
