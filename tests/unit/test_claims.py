"""Claimed before sent: runs at once on one ledger never both get to make an attempt, on SQLite
and on a real PostgreSQL shared by processes as runners on different machines share it."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta

from touchpoint.ledger import Ledger


def _race(url: str, run: int, start: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:  # type: ignore[name-defined]
    ledger = Ledger.open(url)
    start.wait()
    claim = ledger.claim_attempt(
        run,
        "shop",
        "callback",
        kind="form",
        token=f"TP-RACE{run:02d}",
        reply_to=f"a+{run}@me",
        target="/",
        min_interval=timedelta(days=1),
    )
    out.put((run, claim.attempt is not None, claim.why))


def test_processes_racing_for_one_channel_get_one_claim(ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    runs = [ledger.start_run("shop") for _ in range(4)]
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(len(runs)), context.Queue()
    workers = [context.Process(target=_race, args=(ledger_url, run, start, out)) for run in runs]
    for w in workers:
        w.start()
    results = [out.get(timeout=60) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    won = [r for r in results if r[1]]
    assert len(won) == 1, results
    assert sorted(why for _, claimed, why in results if not claimed) == ["in-flight"] * (len(runs) - 1)
    assert len([a for a in ledger.attempts_of_run(won[0][0])]) == 1


def test_a_claim_waits_for_the_interval_and_for_what_is_in_the_air(ledger_url: str) -> None:
    from datetime import UTC, datetime

    ledger = Ledger.open(ledger_url)
    run = ledger.start_run("shop")
    kw = {"kind": "form", "reply_to": "a@me", "target": "/", "min_interval": timedelta(days=1)}
    first = ledger.claim_attempt(run, "shop", "callback", token="TP-AAAAA1", **kw)  # type: ignore[arg-type]
    assert first.attempt is not None
    assert ledger.claim_attempt(run, "shop", "callback", token="TP-AAAAA2", **kw).why == "in-flight"  # type: ignore[arg-type]
    now = datetime.now(UTC)
    ledger.mark_sent(first.attempt.id, sent_at=now, due_at=now + timedelta(hours=1), sla_seconds=3600)
    assert ledger.claim_attempt(run, "shop", "callback", token="TP-AAAAA3", **kw).why == "waiting"  # type: ignore[arg-type]
    ledger.resolve(first.attempt.id, "met", human_reply_at=now)
    assert ledger.claim_attempt(run, "shop", "callback", token="TP-AAAAA4", **kw).why == "interval"  # type: ignore[arg-type]
    other = ledger.claim_attempt(run, "shop", "email", token="TP-AAAAA5", **kw)  # type: ignore[arg-type]
    assert other.attempt is not None  # another channel is its own claim


def _claim_and_send(url: str, who: int, start: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:  # type: ignore[name-defined]
    """A runner that claims again and again and, when it wins, sends and settles at once: the
    minimum interval holds for every later claim of both processes. (This loop rarely hits the
    moment between another claim's read and its write; the lock that closes that moment is
    proved by test_a_claim_waits_for_another_runners_claim_in_progress, which fails without it.)"""
    from datetime import UTC, datetime

    ledger = Ledger.open(url)
    run = ledger.start_run("shop")
    start.wait()
    won = 0
    for n in range(40):
        claim = ledger.claim_attempt(
            run,
            "shop",
            "email",
            kind="email",
            token=f"TP-W{who}N{n:02d}",
            reply_to="a@me",
            target="info@shop.example",
            min_interval=timedelta(days=7),
        )
        if claim.attempt is not None:
            won += 1
            moment = datetime.now(UTC)
            ledger.mark_sent(claim.attempt.id, sent_at=moment, due_at=moment, sla_seconds=1)
            ledger.resolve(claim.attempt.id, "met", human_reply_at=moment)
    out.put(won)


def test_two_runners_claiming_and_sending_in_a_loop_send_once(ledger_url: str) -> None:
    ledger = Ledger.open(ledger_url)
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    runners = [context.Process(target=_claim_and_send, args=(ledger_url, who, start, out)) for who in (1, 2)]
    for r in runners:
        r.start()
    sent = [out.get(timeout=120) for _ in runners]
    for r in runners:
        r.join(timeout=60)
    assert sum(sent) == 1, sent
    assert len([a for a in ledger.sent_attempts() if a.channel == "email"]) == 1


def test_a_claim_waits_for_another_runners_claim_in_progress(ledger_url: str) -> None:
    """Another runner is in the middle of its claim (it holds the channel and has not written its
    attempt yet): this claim must wait for it and then see its attempt, not claim as well."""
    import threading
    import time

    from touchpoint.ledger.engines import lock

    ledger = Ledger.open(ledger_url)
    run = ledger.start_run("shop")
    holding = threading.Event()

    def other_runner() -> None:
        with ledger._write() as db:  # the other runner's claim transaction
            lock(db, "claim", "shop", "callback")
            holding.set()
            time.sleep(1.0)
            ledger._insert_planned(db, run, "shop", "callback", "form", "TP-OTHER1", "a@me", "/", None)

    thread = threading.Thread(target=other_runner)
    thread.start()
    holding.wait(10)
    claim = ledger.claim_attempt(
        run, "shop", "callback", kind="form", token="TP-MINE01", reply_to="a@me", target="/", min_interval=timedelta(0)
    )
    thread.join(10)
    assert claim.attempt is None and claim.why == "in-flight" and claim.blocker is not None
    assert claim.blocker.token == "TP-OTHER1"
