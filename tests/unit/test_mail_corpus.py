"""The blind mail corpus (tests/data/mail, written from RFCs and real mail by someone who had not
read this code): every message's kind, the request it is about, and whether it is a person's
answer, as the answer key says. One test a message, so a failure names the file."""

from __future__ import annotations

from functools import cache

import pytest

from tests.mail_corpus import Scored, entries, score


@cache
def scored() -> dict[str, Scored]:
    return {s.entry["file"]: s for s in score()}


@pytest.mark.parametrize("file", [e["file"] for e in entries()])
def test_each_message_of_the_blind_corpus(file: str) -> None:
    s = scored()[file]
    assert s.right, s.line()


def test_the_corpus_covers_every_kind_and_every_contrary_evidence() -> None:
    key = entries()
    assert {e["class"] for e in key} == {"person", "auto-reply", "bounce", "bulk", "ticket-ack"}
    contrary = {c for e in key for c in e["contrary"]}
    assert contrary >= {"foreign-thread", "other-reference", "foreign-quote", "other-ticket"}
    assert {e["lang"] for e in key} == {"en", "ru", "lt"}


@pytest.mark.parametrize("kind", ["foreign-thread", "other-reference", "foreign-quote", "other-ticket"])
def test_contrary_evidence_is_never_taken_for_the_answer(kind: str) -> None:
    against = [s for s in scored().values() if kind in s.entry["contrary"]]
    assert against
    for s in against:  # counted only for the request the key says it truly answers
        assert not s.found.counted or (s.entry["answer"] and s.about == s.entry["about"]), s.line()
