"""Alerts from a real audit of the demo business (`touchpoint audit`): its staff answer the
inquiry email late, the alert arrives on the receivers on 127.0.0.1; they answer in time the
next night, and exactly one recovery message arrives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.alert_receivers import Receivers

PROFILE = """
name = "Harbour Lane (alerts)"
[demo]
serve = true
reply_delay = "{delay}"     # when the staff answer the inquiry email
answers = ["email"]
auto_reply = false
[hours]
mon = "00:00-24:00"
tue = "00:00-24:00"
wed = "00:00-24:00"
thu = "00:00-24:00"
fri = "00:00-24:00"
sat = "00:00-24:00"
sun = "00:00-24:00"
[[pages]]
name = "home"
path = "/"
[audit]
devices = ["mobile"]
max_wait = "30s"
[channels.email]
submit = true
sla = "5s"
give_up = "5s"       # settled at the deadline, so the next night asks again at once
min_interval = "0s"
[alerts]
urls = ["{json}", "{mailto}"]
urls_env = ["HARBOUR_ALERT_URL"]
"""
SECRET = "Passw0rdOfTheAlertEndpoint"


def night(tmp_path: Path, got: Receivers, delay: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "shop.toml").write_text(PROFILE.format(delay=delay, json=got.json_url, mailto=got.mailto_url))
    env = {
        **os.environ,
        "HARBOUR_ALERT_URL": f"json://owner:{SECRET}@127.0.0.1:{got.http_port}/from-env",
    }
    command = [sys.executable, "-m", "touchpoint.cli", "audit", "shop.toml", "--reports", "reports"]
    # Only the email journey: the page checks have nothing to do with it.
    command += ["--", "-k", "test_reply_time"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)


def test_a_late_answer_is_alerted_once_and_its_fix_recovers_once(tmp_path: Path) -> None:
    with Receivers() as got:
        late = night(tmp_path, got, "10s")
        assert late.returncode == 0, late.stdout + late.stderr  # a breach at level warn is reported
        title = "Problem at Harbour Lane (alerts): The email channel: no person answered within 5 s"
        assert f"sent: {title}" in late.stdout
        got.wait(posts=2, mails=1)
        assert sorted((p["path"], p["title"]) for p in got.posts) == [("/from-env", title), ("/touchpoint", title)]
        assert [m["Subject"] for m in got.mails] == [title]
        report = next(line for line in got.mails[0].get_content().splitlines() if line.startswith("Report: "))
        assert Path(report.removeprefix("Report: file://")).is_file()

        fixed = night(tmp_path, got, "1s")
        recovered = title.replace("Problem at", "Recovered at")
        assert f"sent: {recovered}" in fixed.stdout, fixed.stdout + fixed.stderr
        got.wait(posts=4, mails=2)
        assert sorted(p["title"] for p in got.posts) == [title, title, recovered, recovered]
        assert [m["Subject"] for m in got.mails] == [title, recovered]
        for run in (late, fixed):
            assert SECRET not in run.stdout + run.stderr
