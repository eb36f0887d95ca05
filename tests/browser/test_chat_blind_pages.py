"""The chat session on the second, blind set of widget pages (tests/beds/chat2: tawk.to, Jivo and
Crisp from their public docs, written by someone who had not read the adapters): the state read
before typing (online, offline, hidden, failed to load) is the page's own answer key, every vendor
on the page is named, and a person's answer is timed within 1 s of the moment the page showed it;
no bot, greeting or system line is counted."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.beds.chat2.server import CASES, Case, ChatBed
from touchpoint.chat.classify import judge
from touchpoint.chat.session import ChatSession

VISITOR = {"name": "Alex Morgan", "email": "alex.morgan+tpblind1@shopper.example", "phone": "+44 7700 900123"}


@pytest.fixture(scope="module")
def bed() -> Iterator[ChatBed]:
    with ChatBed() as served:
        yield served


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_state_the_vendors_and_the_person(bed: ChatBed, chromium: str, case: Case) -> None:
    session = ChatSession(
        bed.url(case),
        message="Hello! How much is a check-up? (TP-BLIND1)",
        executable=chromium,
        greeting_wait_s=1.0,
        widget_timeout_s=12,
        visitor=VISITOR,
    ).start()
    session.wait_sent(60)
    human = case.get("human_answer")
    if human:
        # the wait ends when the answer shows; the margin only counts on a loaded machine (two
        # CI workers, Lighthouse), where the page's own timers fire late
        wait = float(case.get("agent_after_s") or 4) + 20
        session.wait(lambda t: any(m.author == "agent" for m in t.messages), time.monotonic() + wait)
    else:
        time.sleep(3 if case["state"] == "online" else 0)
    transcript = session.stop()
    assert transcript.state == case["state"], (transcript.finding, transcript.errors)
    assert set(transcript.vendors) >= set(case["vendors"]) and transcript.vendor in case["vendors"], transcript.vendors
    verdicts = judge(transcript.messages, sent_at=transcript.sent_at, min_human=timedelta(seconds=1))
    people = [v for v in verdicts if v.human]
    described = [(v.message.author, v.message.name, v.message.text[:60], v.why) for v in verdicts]
    if not human:
        assert not people, described
        return
    shown = [t for t in bed.truth(case) if t.get("author") == "agent"]
    assert people and shown, described
    true_at = datetime.fromtimestamp(shown[0]["at"] / 1000, UTC)
    assert abs(people[0].message.at - true_at) <= timedelta(seconds=1), (people[0].message.at, true_at)
