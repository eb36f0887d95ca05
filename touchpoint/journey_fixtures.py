"""Fixtures of the journeys that act as a customer and time the answer.

ledger    the durable record of runs, checks, attempts and replies
replies   the reply engine: fires attempts, watches the mailbox, collects outcomes
chats     the chat journeys: the site's live chat, kept open while the audit runs
shopper   the customer's tools for one channel: where its form is, where to write
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from touchpoint.attempts.engine import ReplyEngine
from touchpoint.attempts.form_journey import FormResult, use_form
from touchpoint.attempts.shopper import Identity
from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.options import BROWSER
from touchpoint.chat.engine import ChatJourneys
from touchpoint.findability.checks import SiteContacts
from touchpoint.ledger import Ledger
from touchpoint.ledger.options import RUN
from touchpoint.mail_settings import inbox_settings, outbox_settings
from touchpoint.profile.model import SiteProfile
from touchpoint.replies.promises import Promise, find_promises

__all__ = ["chats", "ledger", "replies", "shopper"]


@pytest.fixture(scope="session")
def ledger(pytestconfig: pytest.Config) -> Ledger:
    """The ledger this audit records into.

    def test_history(ledger, site):
        assert ledger.open_attempts("acme") == []
    """
    return Ledger.open(pytestconfig.stash[RUN].ledger_url)


@pytest.fixture(scope="session")
def replies(pytestconfig: pytest.Config, site: SiteProfile, ledger: Ledger) -> Iterator[ReplyEngine]:
    """The reply engine of this run (started once, closed at the end).

    def test_callback(replies):
        attempt = replies.collect("callback")
    """
    run = pytestconfig.stash[RUN]
    engine = ReplyEngine(
        site,
        site=run.site,
        ledger=ledger,
        run_id=run.run_id,
        inbox=inbox_settings(site),
        outbox=outbox_settings(site),
        dry_run=run.dry_run,
        max_wait=run.max_wait,
    )
    yield engine
    engine.close()


class Shopper:
    """Where a customer would go for a channel, worked out from the profile and the site."""

    def __init__(self, request: pytest.FixtureRequest, site: SiteProfile) -> None:
        self._request = request
        self.site = site

    def _contacts(self) -> SiteContacts:
        contacts: SiteContacts = self._request.getfixturevalue("contacts")
        return contacts

    def form_page(self, name: str) -> str | None:
        channel = self.site.channels[name]
        if channel.page:
            return self.site.url_of(channel.page)
        found = self._contacts().finding("contact-page")
        return found.pages[0] if found.pages else self.site.start_url

    def email_target(self, name: str) -> str | None:
        found = self._contacts().finding("email")
        values = [*found.values, *found.declared]
        return values[0] if values else None

    def use_form(self, url: str, channel: str, who: Identity, submit: bool) -> FormResult:
        session: BrowserSession = self._request.getfixturevalue("_browser_session")
        context = session.new_context(DEVICES["desktop"])
        try:
            timeout = self.site.audit.timeout.total_seconds() * 1000
            return use_form(
                context,
                url,
                channel,
                who,
                submit=submit,
                timeout_ms=timeout,
                base_url=self.site.base_url or url,
                hosts=self.site.channels[channel].hosts,
            )
        finally:
            context.close()

    def promises(self, name: str) -> list[Promise]:
        """What the site promises about answering, read on the page of the form, else anywhere."""
        contacts = self._contacts()
        page = self.form_page(name) if self.site.channels[name].kind == "form" else None
        texts = [contacts.pages[page].text] if page is not None and page in contacts.pages else []
        texts += [p.text for url, p in contacts.pages.items() if url != page]
        about = "call" if name.startswith("callback") else "answer"
        for text in texts:
            if found := [p for p in find_promises(text) if p.about == about]:
                return found
        return []


@pytest.fixture(scope="session")
def chats(
    pytestconfig: pytest.Config, request: pytest.FixtureRequest, site: SiteProfile, ledger: Ledger
) -> Iterator[ChatJourneys]:
    """The chat journeys of this run: chats stay open, in browsers of their own, until collected.

    def test_chat(chats):
        result = chats.collect("chat")
    """
    run = pytestconfig.stash[RUN]
    options = pytestconfig.stash[BROWSER]
    journeys = ChatJourneys(
        site,
        site=run.site,
        ledger=ledger,
        run_id=run.run_id,
        executable=request.getfixturevalue("_browser_path"),
        cdp_endpoint=options.cdp_endpoint,
        dry_run=run.dry_run,
        max_wait=run.max_wait,
        on_offline=lambda: request.getfixturevalue("replies").watch(),
    )
    yield journeys
    journeys.close()


@pytest.fixture(scope="session")
def shopper(request: pytest.FixtureRequest, site: SiteProfile) -> Shopper:
    """The customer's way to each channel.

    def test_form(shopper):
        assert shopper.form_page("callback").endswith("/contacts")
    """
    return Shopper(request, site)
