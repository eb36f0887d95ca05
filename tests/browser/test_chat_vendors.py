"""Every chat adapter against a page that reproduces its vendor's documented JavaScript API.

tests/chat_vendors/<vendor>/ holds index.html (the vendor's own embed snippet, loading
widget.js instead of the vendor's script), widget.js (the stand-in: the vendor's globals,
callbacks, event payloads and iframe markers, as its documentation describes them) and
vendor.json. Each page behaves as its vendor does: a greeting before the visitor writes, a bot
right after, then a person after `agent` seconds; it reports the true moment of every message
it sends to POST /__truth, so the test can compare the audit's times with the truth."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from touchpoint.chat.classify import judge
from touchpoint.chat.session import ChatSession, Transcript
from touchpoint.demo.server import LoopbackServer

VENDORS = Path(__file__).parents[1] / "chat_vendors"
PAGES = sorted(p.parent.name for p in VENDORS.glob("*/vendor.json"))
MESSAGE = "How much is a service? (TP-CHAT01)"


class VendorSite:
    def __init__(self) -> None:
        self.truth: list[dict[str, Any]] = []
        app = web.Application()
        app.router.add_post("/__truth", self._truth)
        app.router.add_static("/", VENDORS)
        self.server = LoopbackServer(app).start()

    async def _truth(self, request: web.Request) -> web.Response:
        self.truth.append(json.loads(await request.text()))
        return web.Response(status=204)

    def chat(
        self,
        vendor: str,
        query: str,
        chromium: str,
        *,
        until: Callable[[Transcript], bool],
        listen_s: float,
        widget_timeout_s: float = 10,
    ) -> Transcript:
        self.truth.clear()
        page = vendor if vendor.endswith(".html") else f"{vendor}/index.html"
        url = f"{self.server.base_url}{page}" + (f"?{query}" if query else "")
        session = ChatSession(
            url,
            message=MESSAGE,
            executable=chromium,
            greeting_wait_s=1.0,
            widget_timeout_s=widget_timeout_s,
        )
        session.start()
        session.wait_sent(40)
        session.wait(until, time.monotonic() + listen_s)
        time.sleep(0.5)  # anything that comes right after
        return session.stop()

    def true(self, author: str) -> list[datetime]:
        return [datetime.fromtimestamp(t["at"] / 1000, UTC) for t in self.truth if t["author"] == author]


@pytest.fixture(scope="module")
def site() -> Iterator[VendorSite]:
    s = VendorSite()
    yield s
    s.server.stop()


def spec(vendor: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VENDORS / vendor / "vendor.json").read_text())
    return data


def agent_spoke(transcript: Transcript) -> bool:
    return any(m.author == "agent" and m.at > (transcript.sent_at or m.at) for m in transcript.messages)


@pytest.mark.parametrize("vendor", PAGES)
def test_the_person_is_found_and_timed_and_nothing_else_counts(site: VendorSite, chromium: str, vendor: str) -> None:
    transcript = site.chat(vendor, "agent=2", chromium, until=agent_spoke, listen_s=8)
    assert transcript.vendor == spec(vendor)["id"], (transcript.vendors, transcript.errors, transcript.finding)
    assert transcript.sent_at is not None, (transcript.errors, transcript.finding)
    verdicts = judge(transcript.messages, sent_at=transcript.sent_at, min_human=timedelta(seconds=1))
    people = [v for v in verdicts if v.human]
    described = [(v.message.author, v.message.name, v.message.text, v.why) for v in verdicts]
    assert people, described
    assert all(v.message.author == "agent" for v in people), described  # no bot, greeting or system message
    agent_sent = site.true("agent")
    assert agent_sent, "the page reported no agent message"
    assert abs(people[0].message.at - agent_sent[0]) <= timedelta(seconds=1)
    assert site.true("greeting") or site.true("bot") or site.true("system"), "the page sent no greeting or bot"
    assert any(not v.human and v.message.author != "visitor" for v in verdicts), described  # and they were heard


@pytest.mark.parametrize("vendor", PAGES)
def test_a_silent_operator_and_a_chat_that_closes(site: VendorSite, chromium: str, vendor: str) -> None:
    transcript = site.chat(vendor, "agent=never&close=1", chromium, until=lambda t: t.closed, listen_s=6)
    verdicts = judge(transcript.messages, sent_at=transcript.sent_at, min_human=timedelta(seconds=1))
    assert transcript.sent_at is not None, (transcript.errors, transcript.finding)
    assert not [v for v in verdicts if v.human]
    assert transcript.closed


@pytest.mark.parametrize("vendor", PAGES)
def test_a_widget_that_throws_is_a_finding(site: VendorSite, chromium: str, vendor: str) -> None:
    transcript = site.chat(vendor, "throw=1", chromium, until=lambda t: False, listen_s=0, widget_timeout_s=3)
    assert transcript.sent_at is None
    assert transcript.finding
    assert transcript.state in ("failed to load", ""), transcript.state  # "" only where the page shows no trace
    assert any("threw" in e for e in transcript.errors)


def test_two_chats_on_one_page_are_both_named(site: VendorSite, chromium: str) -> None:
    transcript = site.chat(
        "_pages/two-vendors.html", "agent=2", chromium, until=agent_spoke, listen_s=6, widget_timeout_s=10
    )
    assert sorted(transcript.vendors) == ["crisp", "tawk"], transcript.vendors
    assert transcript.sent_at is not None


def test_a_widget_that_never_loads_is_a_finding(site: VendorSite, chromium: str) -> None:
    # The snippet is on the page (Tawk_API), its script is a 404: the chat failed to load, it is not "no chat".
    transcript = site.chat(
        "_pages/never-loads.html", "", chromium, until=lambda t: False, listen_s=0, widget_timeout_s=3
    )
    assert transcript.state == "failed to load" and transcript.vendor == "tawk", transcript.finding
    assert transcript.finding.startswith("the tawk chat failed to load: the page has its global Tawk_API")
    assert transcript.sent_at is None
