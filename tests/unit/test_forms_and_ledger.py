"""Choosing and filling forms from a page survey; the ledger's promises."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from touchpoint.attempts.forms import choose_form, fill_plan, missing_required
from touchpoint.attempts.shopper import Identity
from touchpoint.errors import SetupError
from touchpoint.ledger import Ledger


def field_(role: str, i: int, *, type_: str = "", required: bool = False, label: str = "") -> dict[str, Any]:
    return {
        "selector": f"[f{i}]",
        "tag": "input",
        "type": type_,
        "name": role,
        "label": label or role,
        "role": role,
        "required": required,
        "visible": True,
    }


def form(i: int, roles: list[str], text: str = "", **kw: Any) -> dict[str, Any]:
    return {
        "index": i,
        "selector": f"[form{i}]",
        "builder": "",
        "visible": True,
        "text": text,
        "submit": f"[s{i}]",
        "fields": [field_(r, n) for n, r in enumerate(roles)],
        "captcha": "",
        "password": False,
        "search": False,
        **kw,
    }


WHO = Identity(
    name="Alex",
    phone="+447911123456",
    reply_to="a+tpx@me.example",
    token="TP-X",
    subject="Q",
    message="How much? (TP-X)",
)


def test_a_callback_wants_the_form_with_a_phone() -> None:
    survey = {
        "forms": [
            form(0, ["email"], "Subscribe to our newsletter"),
            form(1, ["name", "phone"], "Request a callback"),
            form(2, ["name", "email", "message"], "Write to us"),
        ]
    }
    assert choose_form(survey, "callback").form["index"] == 1  # type: ignore[index]
    assert choose_form(survey, "quote").form["index"] in (1, 2)  # type: ignore[index]


def test_search_login_and_newsletter_forms_are_not_contact_forms() -> None:
    survey = {
        "forms": [
            form(0, ["email"], "Subscribe to our newsletter"),
            form(1, ["other"], search=True),
            form(2, ["email", "other"], "Log in", password=True),
        ]
    }
    choice = choose_form(survey, "callback")
    assert choice.form is None and "no form" in choice.why


def test_captcha_and_hosted_forms_need_a_person() -> None:
    assert choose_form({"forms": [form(0, ["phone"], captcha="hCaptcha")]}, "callback").captcha == "hCaptcha"
    hosted = choose_form({"forms": [form(0, [], builder="hosted")]}, "callback")
    assert hosted.form is not None and "frame" in hosted.why
    invisible = choose_form({"forms": [form(0, ["phone"])], "invisible_recaptcha": True}, "callback")
    assert invisible.captcha == "" and "invisible reCAPTCHA" in invisible.notes[0]


def test_the_fill_plan_and_required_fields() -> None:
    f = form(0, ["name", "phone", "email", "message"])
    f["fields"].append(field_("consent", 4, type_="checkbox", required=True))
    f["fields"].append(field_("other", 5, required=True, label="Postcode"))
    plan = fill_plan(f, WHO)
    assert ("[f1]", "phone", "+447911123456") in plan and ("[f2]", "email", "a+tpx@me.example") in plan
    assert ("[f4]", "consent", "check") in plan
    assert missing_required(f, plan) == ["Postcode"]


def test_the_ledger_keeps_everything_and_knows_what_is_open(tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    run = ledger.start_run("shop")
    planned = ledger.plan_attempt(run, "shop", "callback", kind="form", token="TP-1", reply_to="a+tp1@me", target="/c")
    assert [a.token for a in ledger.unsettled("shop", "callback")] == ["TP-1"]  # planned counts: maybe sent
    sent_at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    ledger.mark_sent(planned.id, sent_at=sent_at, due_at=sent_at + timedelta(minutes=15), sla_seconds=900)
    assert [a.token for a in ledger.open_attempts("shop")] == ["TP-1"]
    first = ledger.add_reply(
        planned.id,
        source_id="imap:1",
        received_at=sent_at,
        sender="x",
        subject="s",
        excerpt="e",
        human=False,
        why="auto",
    )
    again = ledger.add_reply(
        planned.id,
        source_id="imap:1",
        received_at=sent_at,
        sender="x",
        subject="s",
        excerpt="e",
        human=False,
        why="auto",
    )
    assert first is not None and again is None  # the same message seen twice is one reply
    ledger.resolve(planned.id, "met", human_reply_at=sent_at + timedelta(minutes=3))
    assert ledger.open_attempts("shop") == []
    # Another process sees every committed row at once (WAL).
    rows = sqlite3.connect(tmp_path / "ledger.sqlite").execute("SELECT outcome FROM attempts").fetchall()
    assert rows == [("met",)]
    with pytest.raises(SetupError, match="sqlite:///"):
        Ledger.open("postgresql://db/ledger")


def test_earlier_attempts_are_earlier_runs_only_and_an_old_chat_is_unanswered(tmp_path: Path) -> None:
    from touchpoint.attempts.engine import ReplyEngine
    from touchpoint.profile import parse_profile

    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    sent_at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def sent(run: int, channel: str, kind: str) -> int:
        a = ledger.plan_attempt(
            run, "shop", channel, kind=kind, token=f"TP-{channel}{run}", reply_to="a@me", target="/"
        )
        ledger.mark_sent(a.id, sent_at=sent_at, due_at=sent_at + timedelta(minutes=2), sla_seconds=120)
        return a.id

    killed, now_run = ledger.start_run("shop"), ledger.start_run("shop")
    old_form, old_chat = sent(killed, "callback", "form"), sent(killed, "chat", "chat")
    sent(now_run, "chat", "chat")  # this run's chat, started before the reply engine
    profile = parse_profile('name = "Shop"\nbase_url = "https://shop.example/"\n')
    engine = ReplyEngine(profile, site="shop", ledger=ledger, run_id=now_run, inbox=None, outbox=None)
    assert [a.id for a in engine.earlier] == [old_form, old_chat]
    assert ledger.attempt(old_chat).outcome == "unanswered"  # a chat cannot be resumed by a later run
    # reported as the run ending, with the time it truly had, not as a seven-day give-up
    from touchpoint.profile.model import Channel
    from touchpoint.replies.checks import reply_check
    from touchpoint.replies.sla import BusinessHours

    dead = ledger.attempt(old_chat)
    check = reply_check(dead, [], Channel(kind="chat"), hours=BusinessHours(profile.hours, profile.timezone))
    assert check.message.startswith("unanswered: The run ended before a person answered"), check.message
    assert "7 days" not in check.message and "0:00:00" not in check.message


def test_a_ledger_of_schema_1_is_upgraded_in_place_and_keeps_everything(tmp_path: Path) -> None:
    # tests/data/ledger/schema1.sqlite was written by the ledger before replies had kinds and evidence.
    old = tmp_path / "ledger.sqlite"
    old.write_bytes((Path(__file__).parents[1] / "data" / "ledger" / "schema1.sqlite").read_bytes())
    ledger = Ledger(old)
    [attempt] = ledger.sent_attempts()
    assert (attempt.token, attempt.outcome, attempt.message_id) == ("TP-OLD111", "met", "<old1@me.example>")
    [reply] = ledger.replies(attempt.id)
    assert (
        reply.human
        and reply.excerpt == "Hello, it is £89"
        and (reply.kind, reply.verdict, reply.evidence) == ("", "", ())
    )
    assert ledger.threads() == {attempt.id: (set(), set())}
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 2
    added = ledger.add_reply(
        attempt.id,
        source_id="imap:2",
        received_at=datetime(2026, 11, 20, 11, tzinfo=UTC),
        sender="Maria <maria@shop.example>",
        subject="Re: [#48213] A question",
        excerpt="Booked",
        human=False,
        why="a later message",
        message_id="<m2@shop.example>",
        kind="person",
        verdict="answer",
        evidence=[{"kind": "thread", "detail": "in the thread"}],
        refs=["48213"],
    )
    assert added is not None and added.refs == ("48213",)
    assert ledger.threads()[attempt.id] == ({"<m2@shop.example>"}, {"48213"})
    assert Ledger(old).replies(attempt.id)[-1].evidence == ({"kind": "thread", "detail": "in the thread"},)
