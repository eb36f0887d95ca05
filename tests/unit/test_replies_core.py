"""The reply engine's pure parts: mail, machines, matching, quality, promises, outcomes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest

from touchpoint.attempts.shopper import identity_for, reply_address
from touchpoint.ledger import Attempt, Reply
from touchpoint.profile.model import Channel, Shopper
from touchpoint.replies.attribution import Conversation, attribute
from touchpoint.replies.kinds import classify
from touchpoint.replies.message import parse_mail
from touchpoint.replies.outcome import outcome
from touchpoint.replies.promises import find_promises
from touchpoint.replies.quality import judge_reply
from touchpoint.replies.webhook import signature, valid_signature

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def mail(
    subject: str = "Re: A question",
    sender: str = "Maria <maria@shop.example>",
    to: str = "alex+tpabc123@me.example",
    body: str = "Hello Alex",
    **headers: str,
):  # type: ignore[no-untyped-def]
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return parse_mail(message.as_bytes(), source_id="imap:1", received_at=T0 + timedelta(minutes=5))


def attempt(
    token: str = "TP-ABC123",
    reply_to: str = "alex+tpabc123@me.example",
    target: str = "hello@shop.example",
    message_id: str | None = "<q1@me.example>",
    due: timedelta = timedelta(minutes=15),
    **kw: object,
) -> Attempt:
    fields: dict[str, object] = dict(
        id=1,
        run_id=1,
        site="shop",
        channel="email",
        kind="email",
        token=token,
        reply_to=reply_to,
        target=target,
        state="sent",
        planned_at=T0,
        sent_at=T0,
        due_at=T0 + due,
        sla_seconds=due.total_seconds(),
        message_id=message_id,
        outcome="pending",
        human_reply_at=None,
        resolved_at=None,
    )
    fields.update(kw)
    return Attempt(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("headers", "subject", "sender", "kind", "why"),
    [
        ({"Auto_Submitted": "auto-replied"}, "Re: hi", "maria@shop.example", "auto-reply", "Auto-Submitted"),
        ({"Precedence": "bulk"}, "Re: hi", "maria@shop.example", "bulk", "Precedence"),
        ({"List_Unsubscribe": "<mailto:u@shop.example>"}, "News", "news@shop.example", "bulk", "List-Unsubscribe"),
        ({"X_Autoreply": "yes"}, "Re: hi", "maria@shop.example", "auto-reply", "X-Autoreply"),
        ({}, "Re: hi", "noreply@shop.example", "auto-reply", "no-reply"),
        ({}, "Automatic reply: A question", "maria@shop.example", "auto-reply", "automatic subject"),
        ({}, "Автоответ: Вопрос", "office@shop.ru", "auto-reply", "automatic subject"),
        ({}, "Automatinis atsakymas", "info@shop.lt", "auto-reply", "automatic subject"),
        ({}, "Out of office", "maria@shop.example", "auto-reply", "automatic subject"),
        ({}, "Undeliverable: A question", "postmaster@shop.example", "bounce", "mail system"),
        ({}, "[#48213] We received your request", "help@shop.example", "ticket-ack", "acknowledgement"),
    ],
)
def test_machines_are_told_apart(headers: dict[str, str], subject: str, sender: str, kind: str, why: str) -> None:
    found = classify(mail(subject=subject, sender=sender, **headers))
    assert (found.kind, why in found.why) == (kind, True), found


def test_a_person_is_a_person() -> None:
    assert classify(mail()).person
    assert classify(mail(Auto_Submitted="no")).person
    assert classify(mail(subject="Re: [#48213] A question", body="Hello Alex, a check-up is £50. Maria")).person


def conversation(a: Attempt, question: str = "How much is a check-up and cleaning?") -> Conversation:
    return Conversation(a, frozenset({a.message_id} if a.message_id else set()), frozenset(), question)


def test_attribution_in_order_of_certainty() -> None:
    a = conversation(attempt())
    b = conversation(
        attempt(id=2, token="TP-ZZZ999", reply_to="alex+tpzzz999@me.example", message_id="<q2@me.example>"),
        "Please call me back about whitening.",
    )
    found = attribute(mail(), [b, a])
    assert (found.attempt_id, found.verdict, found.counted) == (1, "address-only", True)
    found = attribute(mail(to="alex@me.example", In_Reply_To="<q2@me.example>"), [a, b])
    assert (found.attempt_id, found.verdict) == (2, "answer") and found.clues[0].kind == "thread"
    found = attribute(mail(to="alex@me.example", body="About TP-ZZZ999: yes"), [a, b])
    assert (found.attempt_id, found.clues[0].kind) == (2, "token")
    # sent to a's address, but about b's reference: b's answer, shown with a too
    found = attribute(mail(body="About TP-ZZZ999: yes"), [a, b])
    assert (found.attempt_id, found.via_id) == (2, 1)
    found = attribute(mail(to="alex@me.example"), [a])
    assert (found.attempt_id, found.clues[0].kind) == (1, "domain")
    assert attribute(mail(to="alex@me.example"), [a, conversation(attempt(id=2))]).attempt_id is None  # no guess
    assert attribute(mail(to="alex+tpother1@me.example"), [a]).attempt_id is None  # another request's address


def test_contrary_evidence_overrules_the_address() -> None:
    a = conversation(attempt())
    other = attribute(mail(subject="Re: Your appointment #4471"), [a])
    assert (other.attempt_id, other.via_id, other.verdict, other.counted) == (None, 1, "other-conversation", False)
    thread = attribute(mail(In_Reply_To="<never-ours@shop.example>"), [a])
    assert thread.verdict == "other-conversation" and thread.clues[-1].kind == "foreign-thread"
    stranger = attribute(mail(body="About TP-QQQ777, yes"), [a])
    assert stranger.verdict == "other-conversation"
    quote = attribute(
        mail(body="Yes.\n\nOn Mon, Bob wrote:\n> Can I move my crown fitting from Tuesday to Friday afternoon please"),
        [a],
    )
    assert quote.verdict == "other-conversation" and quote.clues[-1].kind == "foreign-quote"
    # strong evidence is not overruled: our reference quoted in a reply that also names a booking
    booked = attribute(mail(subject="Re: Your appointment #4471", body="Booked. > TP-ABC123"), [a])
    assert (booked.attempt_id, booked.counted) == (1, True)


def test_quality_in_three_languages() -> None:
    en = judge_reply(
        "Hello Alex,\n\nThanks for asking Harbour Lane. A service is £89.\n\nKind regards,\nMaria Okafor",
        company="Harbour Lane Plumbing",
        keywords=["£"],
    )
    assert (en.greeting, en.company_named, en.person, en.answered, en.polite) == (
        True,
        True,
        "Maria Okafor",
        True,
        True,
    )
    ru = judge_reply("Здравствуйте! Стоимость 1500 руб.\n\nС уважением,\nИрина", company="Мотор Плюс", keywords=["руб"])
    assert (ru.greeting, ru.person, ru.answered) == (True, "Ирина", True)
    lt = judge_reply("Laba diena, kaina 50 €.\n\nPagarbiai,\nJonas", company="Baldai Meistras", keywords=["€"])
    assert (lt.greeting, lt.person) == (True, "Jonas")
    rude = judge_reply("What a stupid question.", company="Shop")
    assert not rude.polite and not rude.greeting and rude.answered is None


@pytest.mark.parametrize(
    ("text", "minutes", "about"),
    [
        ("Leave your number and we call you back within 15 minutes.", 15, "call"),
        ("We will get back to you within an hour!", 60, "answer"),
        ("We answer emails within two hours during opening hours.", 120, "answer"),
        ("Оставьте заявку — перезвоним в течение 15 минут.", 15, "call"),
        ("Ответим за 2 часа", 120, "answer"),
        ("Перезвоним через полчаса", 30, "call"),
        ("Atsakysime per valandą.", 60, "answer"),
        ("Paskambinsime per 15 min.", 15, "call"),
        ("Susisieksime per 2 darbo dienas", 2 * 24 * 60, "answer"),
    ],
)
def test_the_sites_own_promises(text: str, minutes: int, about: str) -> None:
    promise = find_promises(text)[0]
    assert promise.within == timedelta(minutes=minutes) and promise.about == about


def test_no_promise_in_ordinary_text() -> None:
    assert find_promises("We are within walking distance of the station.") == []


def reply(minutes: float, human: bool = True) -> Reply:
    return Reply(1, 1, f"imap:{minutes}", T0 + timedelta(minutes=minutes), T0, "m", "s", "x", human, "")


def test_outcomes() -> None:
    a, give_up = attempt(), timedelta(days=7)
    assert outcome(a, [reply(10)], T0 + timedelta(minutes=11), give_up) == "met"
    assert outcome(a, [reply(1, human=False)], T0 + timedelta(minutes=5), give_up) == "pending"
    assert outcome(a, [reply(1, human=False)], T0 + timedelta(minutes=20), give_up) == "breached"
    assert outcome(a, [reply(30)], T0 + timedelta(minutes=40), give_up) == "breached"
    assert outcome(a, [], T0 + timedelta(days=8), give_up) == "unanswered"
    assert outcome(attempt(state="dry-run", sent_at=None), [], T0, give_up) == "none"


def test_each_attempt_has_its_own_address_and_token() -> None:
    shopper = Shopper(email="alex.morgan@shopper.example", language="lt")
    one = identity_for(shopper, Channel(kind="form"), site="Baldai", language="lt")
    two = identity_for(shopper, Channel(kind="form"), site="Baldai", language="lt")
    assert one.token != two.token and one.reply_to != two.reply_to
    assert one.reply_to == reply_address("alex.morgan@shopper.example", one.token, "plus")
    assert one.reply_to.startswith("alex.morgan+tp")
    assert reply_address("a@x.lt", "TP-ABC123", "local") == "tpabc123@x.lt"
    assert one.token in one.message and "kokybės patikros" in one.message
    quiet = identity_for(Shopper(email="a@x.lt", marker=False), Channel(kind="email"), site="S", language="en")
    assert "quality check" not in quiet.message
    with pytest.raises(ValueError, match="no \\[shopper\\] email"):
        identity_for(Shopper(), Channel(kind="email"), site="S", language="en")


def test_twilio_signature() -> None:
    # The example in Twilio's api-snippets (security/signature_validation), token "12345".
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+14158675310",
        "Digits": "1234",
        "From": "+14158675310",
        "To": "+18005551212",
    }
    assert signature(url, params, "12345") == "GvWf1cFY/Q7PnoempGyD5oXAezc="
    assert valid_signature(url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc=", "12345")
    assert not valid_signature(url, params, "forged=", "12345")


def test_every_message_is_in_the_report_with_its_verdict_and_evidence() -> None:
    from zoneinfo import ZoneInfo

    from touchpoint.profile.model import Hours
    from touchpoint.replies.checks import reply_check
    from touchpoint.replies.sla import BusinessHours

    a = attempt(outcome="met", human_reply_at=T0 + timedelta(minutes=9))
    other = Reply(
        1,
        1,
        "imap:2",
        T0 + timedelta(minutes=2),
        T0,
        "Sarah <sarah@shop.example>",
        "RE: Your appointment #4471",
        "Hi, your crown <b>is</b> ready",
        False,
        "about another conversation: about #4471",
        kind="person",
        verdict="other-conversation",
        evidence=({"kind": "address", "detail": "sent to the reply address"},),
    )
    ack = Reply(
        2,
        1,
        "imap:3",
        T0 + timedelta(seconds=3),
        T0,
        "Shop <noreply@shop.example>",
        "Automatic reply",
        "Thanks",
        False,
        "Auto-Submitted: auto-replied (RFC 3834): not a person's answer",
        kind="auto-reply",
        verdict="machine",
    )
    answer = Reply(
        3,
        1,
        "imap:4",
        T0 + timedelta(minutes=9),
        T0,
        "Maria <maria@gmail.example>",
        "Re: A question [TP-ABC123]",
        "A check-up is £50",
        True,
        "a person's answer, matched by address only (nothing in it contradicts)",
        kind="person",
        verdict="address-only",
        evidence=({"kind": "address", "detail": "sent to the reply address"},),
    )
    hours = BusinessHours(Hours(), "Europe/London")
    check = reply_check(a, [other, ack, answer], Channel(kind="email"), hours=hours)
    lines = [f"{k} {v}" for k, v in check.evidence.items() if k[:2].isdigit()]
    assert len(lines) == 3 and "(+3 s)" in lines[0] and "an automatic reply, not counted" in lines[0]
    assert "“RE: Your appointment #4471” — a person, not counted: about another conversation" in lines[1]
    assert "COUNTED as the answer" in lines[2] and "gmail.example" in lines[2]
    assert check.message.startswith("met: A person answered after 9 min")
    assert "matched by its reply address only" in check.message
    assert "1 message(s) about another conversation, or not an answer" in check.message
    assert ZoneInfo("Europe/London") == hours.zone
