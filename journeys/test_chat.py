"""Does a person answer in the chat? The shopper opens the site's chat at the start of the audit,
writes the question, and the chat stays open in its own browser while everything else runs; at
the end the first answer from a person (not the greeting, not the bot) is timed."""

from zoneinfo import ZoneInfo

import pytest

from touchpoint.chat.checks import chat_answer_check, chat_start_check, chat_widgets_check, messenger_links_check
from touchpoint.chat.detect import chat_vendors_in
from touchpoint.chat.engine import ChatJourneys
from touchpoint.findability.checks import SiteContacts
from touchpoint.profile import SiteProfile
from touchpoint.recorder import Recorder


@pytest.mark.fire
def test_start_the_chat(site: SiteProfile, chats: ChatJourneys, chat_channel: str, audit: Recorder) -> None:
    started = chats.start(chat_channel)
    if started.transcript is not None and "open" in started.transcript.screenshots:
        audit.attach_image(started.transcript.screenshots["open"], f"{chat_channel}: the chat opened")
    audit.check(chat_start_check(started, site.channels[chat_channel]))


@pytest.mark.collect
def test_a_person_answers_in_the_chat(
    site: SiteProfile, chats: ChatJourneys, chat_channel: str, audit: Recorder
) -> None:
    result = chats.collect(chat_channel)
    if result.transcript is not None and "end" in result.transcript.screenshots:
        audit.attach_image(result.transcript.screenshots["end"], f"{chat_channel}: the conversation")
    audit.check(chat_answer_check(result, site.channels[chat_channel], ZoneInfo(site.timezone)))


def test_chat_links_a_person_must_try(contacts: SiteContacts, audit: Recorder) -> None:
    audit.check(messenger_links_check(contacts.findings))


def test_chat_widgets_on_the_site(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    pages = [(p.url, p.snapshot.html) for p in contacts.crawl.ok if p.snapshot is not None]
    chats = sum(1 for c in site.channels.values() if c.kind == "chat")
    audit.check(chat_widgets_check(chat_vendors_in(pages), len(pages), chats))
