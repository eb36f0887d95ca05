"""The reply-time engine end to end: the demo business served in this process (site, real SMTP,
a real IMAP mailbox with IDLE, staff who answer after a delay), audited by `touchpoint audit`
in another process, as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from touchpoint.bundled import demo_profile
from touchpoint.demo.mail import PASSWORD_ENV
from touchpoint.demo.server import DemoServer, demo_profile_toml
from touchpoint.profile import load_profile
from touchpoint.profile.fields import parse_duration

Served = tuple[DemoServer, Path, dict[str, str]]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start the demo business here and write a profile for auditing it from a subprocess."""
    servers: list[DemoServer] = []

    def start(*, delay: str = "3s", quote_sla: str = "5s", max_wait: str = "40s", submit: bool = True) -> Served:
        profile = load_profile(demo_profile())
        knobs = profile.demo.model_copy(update={"reply_delay": parse_duration(delay)})
        server = DemoServer(knobs).start()
        servers.append(server)
        channels = {
            # at most one attempt a channel a day, as a real profile would have it
            name: c.model_copy(
                update={
                    "submit": submit,
                    "min_interval": parse_duration("1d"),
                    **({"sla": parse_duration(quote_sla)} if name == "quote" else {}),
                }
            )
            for name, c in profile.channels.items()
        }
        profile = profile.model_copy(
            update={
                "channels": channels,
                "audit": profile.audit.model_copy(update={"max_wait": parse_duration(max_wait)}),
            }
        )
        path = tmp_path / "shop.toml"
        path.write_text(demo_profile_toml(profile, server), encoding="utf-8")
        assert server.mail is not None
        env = {**os.environ, PASSWORD_ENV: server.mail.password}
        return server, path, env

    yield start
    for server in servers:
        server.stop()


def command(path: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "touchpoint.cli",
        "audit",
        str(path),
        "--reports",
        str(path.parent / "reports"),
        "-k",
        "reply_time",
        *args,
    ]


def audit(path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(path, *args), env=env, cwd=path.parent, capture_output=True, text=True, timeout=300)


def ledger_rows(path: Path, table: str, url: str | None = None) -> list[dict[str, Any]]:
    """A ledger table's rows: the default SQLite file beside the reports, or the ledger at `url`."""
    if url is None:
        db = sqlite3.connect(path.parent / "reports" / "ledger.sqlite")
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY id")]
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            return [dict(r) for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()]
    finally:
        engine.dispose()


def true_sends(server: DemoServer) -> dict[str, datetime]:
    """When the demo's staff really sent each person's answer, by the channel it answers."""
    assert server.mail is not None
    return {s.channel: s.sent_at for s in server.mail.sent if s.human}


def by_channel(path: Path, url: str | None = None) -> dict[str, dict[str, Any]]:
    return {a["channel"]: a for a in ledger_rows(path, "attempts", url)}


def test_answers_are_timed_at_the_source(serve: Callable[..., Served]) -> None:
    server, path, env = serve(delay="3s")
    process = audit(path, env)
    assert process.returncode == 0, process.stdout[-3000:]
    attempts = by_channel(path)
    assert {name: a["outcome"] for name, a in attempts.items()} == {
        "callback": "met",
        "email": "met",
        "quote": "breached",
    }
    sent = true_sends(server)
    for channel in ("callback", "email"):
        measured = datetime.fromisoformat(attempts[channel]["human_reply_at"])
        assert abs((measured - sent[channel]).total_seconds()) <= 1.0, (channel, measured, sent[channel])
    replies = ledger_rows(path, "replies")
    machines = [r for r in replies if not r["human"]]
    assert len(machines) == 3 and all("Auto-Submitted" in r["why"] for r in machines)  # shown, not counted
    results = json.loads((path.parent / "reports" / "shop" / "results.json").read_text())
    quote = next(r for r in results["results"] if r["name"] == "reply:quote")
    assert quote["verdict"] == "warn" and quote["message"].startswith("breached: Nobody answered")
    callback = next(r for r in results["results"] if r["name"] == "reply:callback")
    assert "kept" in callback["evidence"]["the site promises"]


def test_a_killed_run_is_resumed_without_sending_twice(serve: Callable[..., Served], ledger_url: str) -> None:
    # on both engines: a SQLite file, and a shared PostgreSQL ledger
    server, path, env = serve(delay="12s")
    first = subprocess.Popen(
        command(path, "--audit-ledger", ledger_url),
        env=env,
        cwd=path.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill it once every attempt is out and it is waiting
        try:
            if sum(a["state"] == "sent" for a in ledger_rows(path, "attempts", ledger_url)) == 3:
                break
        except (sqlite3.OperationalError, DBAPIError):
            pass
        time.sleep(0.2)
    time.sleep(1)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    while len(true_sends(server)) < 2 and time.monotonic() < deadline:  # the staff answer while nobody watches
        time.sleep(0.2)
    assert server.mail is not None and len(server.mail.received) == 3
    second = audit(path, env, "--audit-ledger", ledger_url)
    assert second.returncode == 0, second.stdout[-3000:]
    assert len(server.mail.received) == 3  # nothing was submitted twice
    attempts = by_channel(path, ledger_url)
    assert len(ledger_rows(path, "attempts", ledger_url)) == 3
    sent = true_sends(server)
    for channel in ("callback", "email"):
        assert attempts[channel]["outcome"] == "met"
        measured = datetime.fromisoformat(attempts[channel]["human_reply_at"])
        assert abs((measured - sent[channel]).total_seconds()) <= 1.0
    runs = ledger_rows(path, "runs", ledger_url)
    assert len(runs) == 2 and runs[0]["finished_at"] is None and runs[1]["finished_at"] is not None
    results = json.loads((path.parent / "reports" / "shop" / "results.json").read_text())
    made = {r["subject"]: r["actual"] for r in results["results"] if r["name"].startswith("attempt:")}
    # run 2 made no new attempts: settled ones are inside the minimum interval, the quote still waits
    assert made == {"callback": "skipped", "email": "skipped", "quote": "waiting"}
    earlier = {r["subject"]: r["message"] for r in results["results"] if r["name"].startswith("reply:")}
    assert earlier["callback"].startswith("met: A person answered")


def test_an_answer_after_the_run_is_settled_later_with_its_own_time(serve: Callable[..., Served]) -> None:
    server, path, env = serve(delay="6s", quote_sla="1h")
    process = audit(path, env, "--audit-max-wait", "1s")
    assert process.returncode == 0, process.stdout[-3000:]
    assert {a["outcome"] for a in ledger_rows(path, "attempts")} == {"pending"}
    while len(true_sends(server)) < 2:
        time.sleep(0.2)
    settled = subprocess.run(
        [sys.executable, "-m", "touchpoint.cli", "replies", str(path), "--reports", str(path.parent / "reports")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert settled.returncode == 0, settled.stderr
    attempts = by_channel(path)
    for channel in ("callback", "email"):
        assert attempts[channel]["outcome"] == "met"
        measured = datetime.fromisoformat(attempts[channel]["human_reply_at"])
        assert abs((measured - true_sends(server)[channel]).total_seconds()) <= 1.0
    assert attempts["quote"]["outcome"] == "pending"
    assert "callback" in settled.stdout and "met" in settled.stdout


@pytest.mark.parametrize("how", ["submit = false", "--audit-dry-run"])
def test_nothing_is_sent_without_opt_in(serve: Callable[..., Served], how: str) -> None:
    server, path, env = serve(submit=how == "--audit-dry-run")
    process = audit(path, env, *(["--audit-dry-run"] if how.startswith("--") else []))
    assert process.returncode == 0, process.stdout[-3000:]
    assert server.mail is not None and server.mail.received == []
    assert ledger_rows(path, "attempts") == []
    results = json.loads((path.parent / "reports" / "shop" / "results.json").read_text())
    states = {r["subject"]: r["actual"] for r in results["results"] if r["name"].startswith("attempt:")}
    expected = "dry-run" if how.startswith("--") else "not-opted-in"
    assert states == {"callback": expected, "email": expected, "quote": expected}
    callback = next(r for r in results["results"] if r["name"] == "attempt:callback")
    assert "Found and filled the form" in callback["message"]


def test_two_runs_at_once_ask_each_channel_once_and_keep_both_reports(serve: Callable[..., Served]) -> None:
    server, path, env = serve(delay="2s", max_wait="8s")
    both = [subprocess.Popen(command(path), env=env, cwd=path.parent, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outputs = [p.communicate(timeout=300)[0] for p in both]
    assert [p.returncode for p in both] == [0, 0], [o[-2000:] for o in outputs]
    assert server.mail is not None
    asked = sorted(i.channel for i in server.mail.received)
    assert asked == ["callback", "email", "quote"], asked  # each channel once, not twice
    assert len(ledger_rows(path, "attempts")) == 3
    runs = sorted((path.parent / "reports" / "shop" / "runs").iterdir())
    assert len(runs) == 2 and all((r / "results.json").is_file() for r in runs)
    said = [
        r["message"]
        for folder in runs
        for r in json.loads((folder / "results.json").read_text())["results"]
        if r["name"].startswith("attempt:")
    ]
    # the other run, each channel: asking already, waiting for the answer, or inside the interval (by timing)
    refused = ("already asking this channel", "Still waiting for a person", "inside the minimum interval")
    assert sum(any(r in m for r in refused) for m in said) == 3, said
