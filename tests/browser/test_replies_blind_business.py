"""The reply engine on a business it was not written for: Linden Row Dental (tests/beds/mailbiz,
written blind from RFCs and real mail clients, with its own SMTP and IMAP servers on loopback and
an answer key it records itself), audited with `touchpoint audit` as a user runs it, and settled
with `touchpoint replies` where the answer comes after the run. No message is taken for the
answer that is not; an unanswered request is never "met"; the first person's answer is timed
within 1 s of its true delivery. `bench/reply_attribution.py` runs every scenario."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.beds.mailbiz import MailBusiness, by_name


def touchpoint(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "touchpoint.cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        con.close()


@pytest.mark.parametrize("name", ["other-request-first", "breach-no-person", "answer-after-run", "helpdesk-ticket"])
def test_a_business_the_code_was_not_written_for(tmp_path: Path, name: str) -> None:
    with MailBusiness(by_name(name)) as biz:
        profile = tmp_path / "biz.toml"
        profile.write_text(biz.profile_toml(), encoding="utf-8")
        env = {**os.environ, **biz.env}
        reports = str(tmp_path / "reports")
        audit = touchpoint("audit", str(profile), "--reports", reports, "-k", "reply_time", env=env, cwd=tmp_path)
        assert audit.returncode in (0, 1), audit.stdout[-3000:] + audit.stderr[-2000:]
        assert biz.wait_done(timeout=90)
        later = touchpoint("replies", str(profile), "--reports", reports, env=env, cwd=tmp_path)
        assert later.returncode == 0, later.stderr
        truth = biz.truth()
    db = tmp_path / "reports" / "ledger.sqlite"
    attempts = {a["id"]: a for a in rows(db, "attempts")}
    replies = rows(db, "replies")
    for message in truth["messages"]:
        counted = [
            attempts[r["attempt_id"]]["channel"]
            for r in replies
            if r["message_id"] == message["message_id"] and r["human"]
        ]
        expected = [message["about"]] if message["answers"] else []
        assert counted == expected, (message["subject"], message["kind"], counted, expected)
    for channel, expected in truth["expected"].items():
        attempt = next(a for a in attempts.values() if a["channel"] == channel)
        assert attempt["outcome"] == expected["outcome"], (channel, attempt["outcome"], expected)
        if expected["answered_at"]:
            measured = datetime.fromisoformat(attempt["human_reply_at"])
            true = datetime.fromisoformat(expected["answered_at"])
            assert abs((measured - true).total_seconds()) <= 1.0, (channel, measured, true)
