"""Forms on hostile and awkward sites (tests/beds/hostile, written blind from real form providers'
behaviour, with two loopback hosts that count every request): what the shopper typed never
reaches another host, whatever carries it (the form's action, a script, a redirect, an analytics
tag); a form whose data goes elsewhere is reported, not sent; a send that hangs is sent once, and
the next run inside the interval does not send it again."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.beds.hostile import PAGES, HostileSites
from touchpoint.attempts.form_journey import FormResult, use_form
from touchpoint.attempts.shopper import Identity
from touchpoint.browser.launch import DEVICES, BrowserSession


@pytest.fixture(scope="module")
def bed() -> Iterator[HostileSites]:
    with HostileSites() as sites:
        yield sites


def identity(n: int) -> Identity:
    token = f"TP-HOST{n:02d}"
    return Identity(
        name="Alex Morgan",
        phone="+44 7700 900123",
        reply_to=f"alex.morgan+tphost{n:02d}@shopper.example",
        token=token,
        subject=f"A question [{token}]",
        message=f"Please call me back about whitening. ({token})",
    )


def send(chromium: str, bed: HostileSites, name: str, who: Identity) -> FormResult:
    def go() -> FormResult:
        session = BrowserSession.launch(chromium)
        try:
            context = session.new_context(DEVICES["desktop"])
            url = bed.page_url(name)
            return use_form(context, url, "callback", who, submit=True, timeout_ms=20_000, base_url=bed.base_url)
        finally:
            session.close()

    with ThreadPoolExecutor(1) as pool:  # one Playwright sync session a thread
        return pool.submit(go).result()


@pytest.mark.parametrize("n", range(len(PAGES)), ids=[p["name"] for p in PAGES])
def test_what_the_shopper_typed_never_goes_to_another_host(chromium: str, bed: HostileSites, n: int) -> None:
    page = PAGES[n]
    who = identity(n)
    result = send(chromium, bed, page["name"], who)
    typed = [who.reply_to]
    leaked = [h for h in bed.requests("elsewhere") if h.contains(typed)]
    assert not leaked, (page["name"], [h.url for h in leaked], result.message)
    posts = bed.posts(page["name"], typed)
    if page["may_send"]:
        assert result.state == "sent", (page["name"], result.message, result.notes)
        assert posts["site"] == 1, posts
    elif page["how"].startswith("redirect"):
        # the site took it and passed it on: sent to the site, its redirect elsewhere stopped
        assert posts == {"site": 1, "elsewhere": 0}, posts
        assert any("by a redirect; the audit did not follow it" in n for n in result.notes), result.notes
    elif page["name"] == "analytics-leak":
        # The form goes to the site; a tag copies the email into a beacon elsewhere. The key says a visitor
        # should not send it; the audit sends it to the site (the business gets the request), stops the
        # beacon in the browser, and reports the leak: what the shopper typed still never leaves the site.
        assert result.state == "sent" and posts == {"site": 1, "elsewhere": 0}, (result.state, posts)
        assert any("your visitors' details go there" in n for n in result.notes), result.notes
    else:
        assert result.state in ("offsite", "needs-person"), (page["name"], result.state, result.message)
        assert posts == {"site": 0, "elsewhere": 0}, posts
        if result.state == "offsite":
            assert "127.0.0.2" in result.message and "did not send it" in result.message


PROFILE = """
name = "Hostile {page}"
base_url = "{base}"
[[pages]]
name = "contact"
path = "{path}"
lighthouse = false
[audit]
runs = 1
devices = ["desktop"]
max_wait = "3s"
crawl_limit = 3
[channels.callback]
kind = "form"
page = "{path}"
submit = true
sla = "1h"
min_interval = "1d"
[shopper]
name = "Alex Morgan"
email = "alex.morgan@shopper.example"
phone = "+44 7700 900123"
"""


def audit(tmp_path: Path, bed: HostileSites, page: str) -> dict[str, Any]:
    profile = tmp_path / "hostile.toml"
    profile.write_text(PROFILE.format(page=page, base=bed.base_url, path=bed.page_path(page)), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "touchpoint.cli",
            "audit",
            str(profile),
            "--reports",
            str(tmp_path / "reports"),
            "-k",
            "get_in_touch",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-2000:]
    results = json.loads((tmp_path / "reports" / "hostile" / "results.json").read_text())
    return next(r for r in results["results"] if r["name"] == "attempt:callback")


def test_a_send_that_hangs_is_made_once_across_two_runs(tmp_path: Path, bed: HostileSites) -> None:
    bed.reset()  # the bed is shared with the tests above: count only what these two runs send
    first = audit(tmp_path, bed, "hanging")
    assert first["actual"] == "sent" and "confirmation unknown" in first["message"], first["message"]
    second = audit(tmp_path, bed, "hanging")
    assert second["actual"] in ("waiting", "skipped"), second["message"]
    assert bed.posts("hanging")["site"] == 1


def test_an_offsite_form_is_reported_and_never_sent(tmp_path: Path, bed: HostileSites) -> None:
    bed.reset()
    row = audit(tmp_path, bed, "offsite-action")
    assert row["actual"] == "offsite" and row["verdict"] == "warn", row
    assert "sends your visitors' data to 127.0.0.2" in row["message"]
    assert bed.posts("offsite-action") == {"site": 0, "elsewhere": 0}
