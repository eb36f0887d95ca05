"""Does a person answer, and within the promised time? The shopper gets in touch on every
channel the profile lists (sending only where it says submit = true), the rest of the audit runs
while replies travel, and the answers are timed against business-hours deadlines at the end."""

import pytest

from touchpoint.attempts.engine import ReplyEngine
from touchpoint.journey_fixtures import Shopper
from touchpoint.profile import SiteProfile
from touchpoint.recorder import Recorder
from touchpoint.replies.checks import attempt_check, nothing_waiting, reply_check, strays_check


@pytest.mark.fire
def test_earlier_attempts_are_settled(site: SiteProfile, replies: ReplyEngine, audit: Recorder) -> None:
    earlier = replies.resolve_earlier()
    for attempt in earlier:
        channel = site.channels.get(attempt.channel)
        if channel is not None:
            audit.check(reply_check(attempt, replies.ledger.replies(attempt.id), channel, hours=replies.hours))
    if not earlier:
        audit.check(nothing_waiting(replies.site))


@pytest.mark.fire
def test_get_in_touch(
    site: SiteProfile, replies: ReplyEngine, shopper: Shopper, contact_channel: str, audit: Recorder
) -> None:
    fired = replies.fire(
        contact_channel,
        form_page=lambda: shopper.form_page(contact_channel),
        use_form=shopper.use_form,
        email_target=lambda: shopper.email_target(contact_channel),
    )
    if fired.form is not None and fired.form.before:
        audit.attach_image(fired.form.before, f"{contact_channel}: the form, filled in")
    if fired.form is not None and fired.form.after:
        audit.attach_image(fired.form.after, f"{contact_channel}: after sending")
    audit.check(attempt_check(fired, site.channels[contact_channel]))


@pytest.mark.collect
def test_a_person_answers(
    site: SiteProfile, replies: ReplyEngine, shopper: Shopper, contact_channel: str, audit: Recorder
) -> None:
    attempt = replies.collect(contact_channel)
    fired = replies.fired.get(contact_channel)
    channel = site.channels[contact_channel]
    found = replies.ledger.replies(attempt.id) if attempt is not None else []
    why = fired.message if fired is not None else ""
    if attempt is not None and attempt.state == "sent" and replies.inbox is None:
        why = "No [inbox] to watch (host, user and password_env): the answer cannot be timed"
    audit.check(
        reply_check(
            attempt, found, channel, hours=replies.hours, promises=shopper.promises(contact_channel), why_none=why
        )
    )


@pytest.mark.collect
def test_mail_about_none_of_the_requests(site: SiteProfile, replies: ReplyEngine, audit: Recorder) -> None:
    if replies.watching or replies.strays_seen():
        audit.check(strays_check(replies.site, replies.strays_seen(), replies.hours.zone))
