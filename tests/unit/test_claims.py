"""Claimed before sent: two runs at once on one ledger never both get to make an attempt."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta
from pathlib import Path

from touchpoint.ledger import Ledger


def _race(path: str, run: int, start: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:  # type: ignore[name-defined]
    ledger = Ledger(Path(path))
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


def test_two_processes_racing_for_one_channel_get_one_claim(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger(path)
    runs = [ledger.start_run("shop") for _ in range(4)]
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(len(runs)), context.Queue()
    workers = [context.Process(target=_race, args=(str(path), run, start, out)) for run in runs]
    for w in workers:
        w.start()
    results = [out.get(timeout=60) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    won = [r for r in results if r[1]]
    assert len(won) == 1, results
    assert sorted(why for _, claimed, why in results if not claimed) == ["in-flight"] * (len(runs) - 1)
    assert len([a for a in ledger.attempts_of_run(won[0][0])]) == 1


def test_a_claim_waits_for_the_interval_and_for_what_is_in_the_air(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    ledger = Ledger(tmp_path / "ledger.sqlite")
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
