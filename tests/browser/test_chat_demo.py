"""The demo business's own chat (an iframe talking to a WebSocket backend): the bot's greeting
is marked as a bot, Maria's answer is timed, and with Maria silent the chat is unanswered and
the run follows the channel's level."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

PROFILE = """
name = "Demo chat"
[demo]
serve = true
chat_delay = "{delay}"
answers = {answers}
[[pages]]
name = "home"
path = "/"
[audit]
max_wait = "12s"
[channels.chat]
submit = true
sla = "10s"
level = "error"
min_interval = "0s"
"""


def run(pytester: pytest.Pytester, *, delay: str, answers: str) -> tuple[int, dict[str, Any], Path]:
    pytester.makefile(".toml", demo=PROFILE.format(delay=delay, answers=answers))
    result = pytester.runpytest_subprocess(
        str(ROOT / "journeys" / "test_chat.py"),
        "--site",
        "demo.toml",
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
        "-k",
        "not messenger",
    )
    folder = pytester.path / "reports" / "demo"
    return int(result.ret), json.loads((folder / "results.json").read_text()), folder


def test_the_operator_is_timed_and_the_bot_is_not(pytester: pytest.Pytester) -> None:
    code, data, folder = run(pytester, delay="4s", answers='["chat"]')
    answer = next(r for r in data["results"] if r["name"] == "chat:chat")
    assert code == 0, answer["message"]
    assert answer["verdict"] == "pass" and 3.0 <= answer["actual"] <= 6.0, answer
    lines = {k: v for k, v in answer["evidence"].items() if k[:2].isdigit()}
    assert any("Harbour Lane assistant" in k and "not counted" in v and "bot" in v for k, v in lines.items()), lines
    assert any("Maria Okafor" in k and "PERSON" in v for k, v in lines.items()), lines
    assert "the chat opened" in (folder / "audit.html").read_text()
    # The next audit (same ledger, as `make demo` twice): Maria answers that visitor, so her answer
    # is no template seen before, and is timed again.
    code, data, _ = run(pytester, delay="4s", answers='["chat"]')
    again = next(r for r in data["results"] if r["name"] == "chat:chat")
    assert code == 0 and again["verdict"] == "pass", again["message"]


def test_a_silent_operator_leaves_the_chat_unanswered(pytester: pytest.Pytester) -> None:
    code, data, _ = run(pytester, delay="4s", answers="[]")
    answer = next(r for r in data["results"] if r["name"] == "chat:chat")
    assert answer["message"].startswith("unanswered")
    assert "closed" not in answer["message"]  # the audit closing its own page is not the chat closing
    assert answer["verdict"] == "fail" and code == 1  # the channel's level is error
