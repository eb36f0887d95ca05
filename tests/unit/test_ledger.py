"""The ledger on both engines: SQLite (a file) and a real PostgreSQL started by the tests.

Every test taking `ledger_url` runs twice, once on each engine."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from touchpoint.errors import SetupError
from touchpoint.ledger import Ledger
from touchpoint.ledger.migrate import head_revision
from touchpoint.ledger.tables import HEAD

OLD = Path(__file__).parents[1] / "data" / "ledger"


def _raw(url: str) -> list[tuple[str, ...]]:
    """The attempts' outcomes as a separate connection (another process) sees them."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as db:
            return [tuple(r) for r in db.execute(text("SELECT outcome FROM attempts"))]
    finally:
        engine.dispose()


def test_the_ledger_keeps_everything_and_knows_what_is_open(ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    run = ledger.start_run("shop")
    planned = ledger.plan_attempt(run, "shop", "callback", kind="form", token="TP-1", reply_to="a+tp1@me", target="/c")
    assert [a.token for a in ledger.unsettled("shop", "callback")] == ["TP-1"]  # planned counts: maybe sent
    sent_at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    ledger.mark_sent(
        planned.id, sent_at=sent_at, due_at=sent_at + timedelta(minutes=15), sla_seconds=900, detail={"form": "#cb"}
    )
    assert ledger.attempt(planned.id).detail == {"form": "#cb"}
    assert [a.token for a in ledger.open_attempts("shop")] == ["TP-1"]
    kw = {"received_at": sent_at, "sender": "x", "subject": "s", "excerpt": "e", "human": False, "why": "auto"}
    first = ledger.add_reply(planned.id, source_id="imap:1", **kw)  # type: ignore[arg-type]
    again = ledger.add_reply(planned.id, source_id="imap:1", **kw)  # type: ignore[arg-type]
    assert first is not None and again is None  # the same message seen twice is one reply
    ledger.resolve(planned.id, "met", human_reply_at=sent_at + timedelta(minutes=3))
    ledger.resolve(planned.id, "met")  # a later resolve keeps the moment of the answer
    assert ledger.attempt(planned.id).human_reply_at == sent_at + timedelta(minutes=3)
    assert ledger.open_attempts("shop") == []
    assert _raw(ledger_url) == [("met",)]  # another connection sees every committed row at once
    assert ledger.add_stray(
        source_id="imap:2", message_id="<n@x>", received_at=sent_at, sender="n", subject="News", kind="bulk", why="w"
    )
    assert not ledger.add_stray(
        source_id="imap:2", message_id="<n@x>", received_at=sent_at, sender="n", subject="News", kind="bulk", why="w"
    )
    ledger.add_templates("shop", {"h1": "Hi!", "h2": "How can we help?"})
    ledger.add_templates("shop", {"h1": "Hi!"})
    assert ledger.templates("shop") == {"h1", "h2"}
    ledger.record_check(run, {"name": "n", "subject": "s", "verdict": "pass", "actual": 1})
    ledger.finish_run(run, "passed")
    assert [r["id"] for r in ledger.runs("shop")] == [run] and ledger.checks(run)[0]["actual"] == 1


def test_earlier_attempts_are_earlier_runs_only_and_an_old_chat_is_unanswered(ledger_url: str) -> None:
    from touchpoint.attempts.engine import ReplyEngine
    from touchpoint.profile import parse_profile
    from touchpoint.profile.model import Channel
    from touchpoint.replies.checks import reply_check
    from touchpoint.replies.sla import BusinessHours

    ledger = Ledger.open(ledger_url)
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
    dead = ledger.attempt(old_chat)
    check = reply_check(dead, [], Channel(kind="chat"), hours=BusinessHours(profile.hours, profile.timezone))
    assert check.message.startswith("unanswered: The run ended before a person answered"), check.message
    assert "7 days" not in check.message and "0:00:00" not in check.message


def test_speed_samples_are_kept_once_a_run_and_read_back_by_run(ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    first, second, third = (ledger.start_run("shop") for _ in range(3))
    ledger.record_samples(first, "shop", "home", "mobile", {"largest-contentful-paint": [900.0, 950.0]})
    ledger.record_samples(first, "shop", "home", "mobile", {"largest-contentful-paint": [900.0, 950.0]})  # again
    ledger.record_samples(second, "shop", "home", "mobile", {"largest-contentful-paint": [1000.0]})
    ledger.record_samples(second, "shop", "home", "desktop", {"largest-contentful-paint": [400.0]})
    assert ledger.sample_runs("shop", before_run=third, last=5) == [first, second]
    assert ledger.sample_runs("shop", before_run=third, last=1) == [second]
    # a run that measured other pages or devices is not a baseline for this one
    ledger.record_samples(third, "shop", "prices", "mobile", {"largest-contentful-paint": [700.0]})
    assert ledger.sample_runs("shop", before_run=third + 1, last=1, page="home", device="mobile") == [second]
    assert ledger.sample_runs("shop", before_run=third + 1, last=5, page="home", device="desktop") == [second]
    assert ledger.sample_runs("shop", before_run=third + 1, last=5, page="prices") == [third]
    assert ledger.samples("shop", "home", "mobile", [first, second]) == {
        "largest-contentful-paint": [900.0, 950.0, 1000.0]
    }


def test_one_open_incident_a_key_each_told_once(ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    run = ledger.start_run("shop")
    opened = ledger.open_incident("shop", "breach:email", "Email answered late", run)
    assert opened is not None and ledger.open_incident("shop", "breach:email", "again", run) is None
    assert [i["id"] for i in ledger.incidents_to_notify("shop")] == [opened]
    assert ledger.claim_notice(opened, "open") and not ledger.claim_notice(opened, "open")  # sent once
    assert ledger.incidents_to_notify("shop") == []
    ledger.release_notice(opened, "open")  # no receiver took it: the next run sends it
    assert [i["id"] for i in ledger.incidents_to_notify("shop")] == [opened]
    assert ledger.claim_notice(opened, "open")
    ledger.close_incident(opened, run)
    assert [i["id"] for i in ledger.incidents_to_notify("shop")] == [opened] and ledger.open_incidents("shop") == []
    assert ledger.claim_notice(opened, "close")
    assert ledger.incidents_to_notify("shop") == []
    assert ledger.open_incident("shop", "breach:email", "Email answered late again", run) not in (None, opened)


@pytest.mark.parametrize("name", ["schema1", "schema2"])
def test_an_old_sqlite_ledger_is_upgraded_in_place_and_keeps_every_row(tmp_path: Path, name: str) -> None:
    # Written by the ledger before Alembic: schema 1 (replies without kinds and evidence) and
    # schema 2 (the last format of the hand-written SQLite ledger, tests/data/ledger/schema2.sqlite).
    old = tmp_path / "ledger.sqlite"
    old.write_bytes((OLD / f"{name}.sqlite").read_bytes())
    tables = ("runs", "checks", "attempts", "replies", "chat_templates") + (
        ("stray_mail",) if name == "schema2" else ()
    )
    before = {t: sqlite3.connect(old).execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    ledger = Ledger(old)
    db = sqlite3.connect(old)
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    for table, rows in before.items():
        now_rows = db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        assert [r[: len(rows[0])] for r in now_rows] == rows if rows else now_rows == [], table
    attempt = ledger.sent_attempts()[0]
    if name == "schema1":
        assert (attempt.token, attempt.outcome, attempt.message_id) == ("TP-OLD111", "met", "<old1@me.example>")
        [reply] = ledger.replies(attempt.id)
        assert reply.human and reply.excerpt == "Hello, it is £89" and (reply.kind, reply.evidence) == ("", ())
    else:
        assert (attempt.token, attempt.outcome, attempt.detail) == (
            "TP-SCH2A1",
            "met",
            {"form": "#callback", "confirmation": "Thanks"},
        )
        [reply] = ledger.replies(attempt.id)
        assert reply.verdict == "answer" and reply.refs == ("4821",) and reply.excerpt.endswith("£89")
        assert ledger.threads()[attempt.id] == ({"<r1@harbour.example>"}, {"4821"})
        assert len(ledger.strays()) == 1 and ledger.templates("harbour") == {"h1"}
    added = ledger.add_reply(
        attempt.id,
        source_id="imap:99",
        received_at=datetime(2026, 12, 1, 11, tzinfo=UTC),
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
    assert Ledger(old).replies(attempt.id)[-1].evidence == ({"kind": "thread", "detail": "in the thread"},)


def test_the_migrations_build_exactly_the_schema_the_code_uses(ledger_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from touchpoint.ledger.tables import metadata

    assert head_revision() == HEAD
    Ledger.open(ledger_url)
    engine = create_engine(ledger_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as db:
            diff = compare_metadata(MigrationContext.configure(db), metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_a_ledger_that_cannot_be_used_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="not supported"):
        Ledger.open("mysql://db/ledger")
    with pytest.raises(SetupError, match="names no file"):
        Ledger.open("sqlite://")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SetupError, match="move the file aside"):
        Ledger(junk)
    # nothing listens on port 1 of loopback; the password is never printed
    with pytest.raises(SetupError, match="cannot be reached") as caught:
        Ledger.open("postgresql://shopper:s3cret-pw@127.0.0.1:1/ledger")
    assert "s3cret-pw" not in str(caught.value)
