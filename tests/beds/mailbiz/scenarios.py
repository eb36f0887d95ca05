"""How Linden Row Dental's people and systems write back: one scenario a run.

Each Step says when a message goes (seconds after the inquiry it follows), what it truly is
(kind), which of the shopper's inquiries it is really about, and whether it is a person's real
answer. The bed records when each one is delivered; the expected outcome follows from that.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .business import BUSINESS, OTHER_CUSTOMERS, STAFF
from .clients import Client, Reply, compose
from .model import Build, Channel, Ctx, Inquiry, Kind, Original, Outgoing, Scenario, Step
from .systems import (
    dsn_exchange,
    dsn_postfix,
    google_group_post,
    helpdesk_ack,
    helpdesk_reply,
    lead_notification,
    newsletter,
    otrs_autoreply,
    outlook_rule_reply,
    vacation_reply,
    website_autoresponder,
)

__all__ = ["SCENARIOS", "by_name"]

SIGNATURES = {
    "priya": (
        "Kind regards,\nPriya Shah\nReception | Linden Row Dental\n14 Linden Row, London N16 7QA\nT: 020 7946 0958"
    ),
    "jade": "Jade\nLinden Row Dental",
    "tom": "Tom Whitaker\nPractice Manager, Linden Row Dental\n020 7946 0958",
    "tom_personal": "Sent from my iPhone",
    "ruta": "Dr Rūta Kazlauskienė\nAssociate Dentist, Linden Row Dental",
    "olga": "Olga Smirnova\nDental Hygienist, Linden Row Dental",
    "info": "Priya\nLinden Row Dental · 020 7946 0958",
}

ANSWER = (
    "Hi {first},\n\n"
    "Thanks for getting in touch. A check-up with the dentist is £55 and a 30-minute hygiene "
    "appointment is £70, or £115 if you book both together.\n\n"
    "Our next free slot for both is Tuesday 8 December at 10:40 (check-up with Dr Kazlauskienė, "
    "then the clean with Olga straight after). Would you like me to book it for you?"
)
ANSWER_SHORT = "Hi {first},\n\nCheck-up £55, hygiene £70 (£115 together). Next free: Tue 8 Dec 10:40. Want it?"
ANSWER_CALLBACK = (
    "Hello {first},\n\n"
    "We tried to call you back a moment ago but couldn't get through, so I'm replying by email. "
    "A routine check-up is £55 and a hygiene appointment is £70 (£115 if you have both on the same "
    "visit). We have a free slot on Tuesday 8 December at 10:40, or Thursday 10 December at 16:00.\n\n"
    "Just reply to this email or call us on 020 7946 0958 and we'll book you in."
)
ANSWER_RU = (
    "Здравствуйте, {first}!\n\n"
    "Осмотр у стоматолога стоит £55, профессиональная гигиена (30 минут) — £70, вместе — £115. "
    "Ближайшее свободное время для обеих процедур — вторник, 8 декабря, в 10:40. Записать вас?"
)
SIGN_RU = "С уважением,\nОльга Смирнова\nгигиенист, Linden Row Dental"
ANSWER_LT = (
    "Laba diena, {first},\n\n"
    "Patikrinimas pas odontologą kainuoja 55 £, burnos higiena (30 min.) – 70 £, abi procedūros "
    "kartu – 115 £. Artimiausias laisvas laikas – gruodžio 8 d., antradienį, 10:40. Ar jus užrašyti?"
)
SIGN_LT = "Pagarbiai\nGyd. odontologė Rūta Kazlauskienė\nLinden Row Dental"
PLEASE_CALL = (
    "Hi {first},\n\nThank you for your message! It's easiest to sort out a time over the phone, as the "
    "diary changes by the hour. Could you give us a ring on 020 7946 0958 (Mon–Fri 8:30–18:00)? "
    "Then we can find you a slot and go through the prices for the check-up and hygiene visit."
)


def _fill(text: str, inq: Inquiry) -> str:
    return text.replace("{first}", inq.name.split()[0] if inq.name else "there")


def person(
    channel: Channel,
    client: Client,
    who: str,
    body: str,
    *,
    signature: str | None = None,
    quote: bool = True,
    in_thread: bool = True,
    subject: str | None = None,
    lang: str = "en",
    html: bool = True,
    html_only: bool = False,
    bottom_post: bool = False,
    to_channel: Channel | None = None,
    cc: tuple[tuple[str, str], ...] = (),
) -> Build:
    """A member of staff answering (or writing about) one of our inquiries."""

    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq(channel)
        target = ctx.inq(to_channel) if to_channel else inq
        return compose(
            Reply(
                client=client,
                sender=STAFF[who],
                to=[(target.name, target.reply_to)],
                cc=cc,
                body=_fill(body, inq),
                original=inq.original,
                subject=subject,
                in_thread=in_thread,
                quote=quote,
                lang=lang,
                signature=SIGNATURES.get(who, "") if signature is None else signature,
                html=html,
                html_only=html_only,
                bottom_post=bottom_post,
            ),
            ctx.now,
        )

    return build


# --- other people's conversations -----------------------------------------------------------


def _daniel(now: datetime) -> Original:
    d = OTHER_CUSTOMERS["daniel"]
    return Original(
        message_id="<CAHx7mK2pQ9vRz4471dReeves@mail.fastmail.example>",
        subject="Re: Your appointment #4471",
        from_name=d.name,
        from_addr=d.email,
        to="Linden Row Dental <info@lindenrowdental.example>",
        date=now - timedelta(hours=19, minutes=12),
        text=(
            "Hi,\n\nIs there any chance to move appointment #4471 to later in the day? "
            "After 4pm would be ideal.\n\nThanks,\nDaniel"
        ),
        references=("<appt-4471-reminder@booking.lindenrowdental.example>",),
    )


def _marcus(now: datetime) -> Original:
    m = OTHER_CUSTOMERS["marcus"]
    return Original(
        message_id="<BN8PR11MB3390A1B2C3D4E5F6@BN8PR11MB3390.namprd11.prod.outlook.example>",
        subject="Your treatment plan (ref. LRD-3390)",
        from_name=m.name,
        from_addr=m.email,
        to="tom@lindenrowdental.example",
        date=now - timedelta(days=2, hours=3),
        text=(
            "Hello Tom,\n\nDoes the plan include the crown on the lower left, or is that extra?\n\nBest,\nMarcus Okafor"
        ),
    )


def _helen(now: datetime, base_url: str) -> Original:
    h = OTHER_CUSTOMERS["helen"]
    original, _ = lead_notification(
        h.name,
        h.email,
        "07700 900456",
        "Hi, I've chipped my front tooth, could someone call me about an emergency appointment? Thanks, Helen",
        base_url,
        now - timedelta(minutes=47),
    )
    return original


def other_conversation(
    channel: Channel, client: Client, who: str, about: str, body: str, *, to_name: str = ""
) -> Build:
    """Staff write about someone else's conversation to the address of one of our inquiries
    (the mail client's autocomplete picked the wrong address)."""

    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq(channel)
        original = {
            "daniel": lambda: _daniel(ctx.now),
            "marcus": lambda: _marcus(ctx.now),
            "helen": lambda: _helen(ctx.now, ctx.base_url),
        }[about]()
        return compose(
            Reply(
                client=client,
                sender=STAFF[who],
                to=[(to_name, inq.reply_to)],
                body=body,
                original=original,
                signature=SIGNATURES.get(who, ""),
            ),
            ctx.now,
        )

    return build


DANIEL_BODY = (
    "Hi Daniel,\n\nNo problem at all - I've moved you to Tuesday 8 December at 16:20 with "
    "Dr Kazlauskienė. You'll get a new confirmation by text.\n\nSee you then!"
)
MARCUS_BODY = (
    "Hi Marcus,\n\nYes, the crown on the lower left (£545) is included in the plan total of £1,180; "
    "the only extra would be the optional whitening. Ref. LRD-3390 if you ring to book."
)
HELEN_BODY = (
    "Hi Helen,\n\nSorry we missed you when we rang back just now. We can see you today at 15:30 "
    "for the chipped tooth - please call us on 020 7946 0958 to confirm."
)


# --- systems ---------------------------------------------------------------------------------


def autoresponder() -> Build:
    return lambda ctx: website_autoresponder(ctx.inq("callback"), ctx.now)


def vacation(who: str, until: str = "Monday 14 December") -> Build:
    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        return vacation_reply(inq, STAFF[who], ctx.now, to=inq.envelope_from or inq.sender, until=until)

    return build


def outlook_rule(who: str) -> Build:
    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        return outlook_rule_reply(inq, STAFF[who], ctx.now, to=inq.reply_to)

    return build


def bounce(style: str) -> Build:
    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        to = inq.envelope_from or inq.sender
        if style == "postfix":
            return dsn_postfix(inq, ctx.now, failed=STAFF["sam"], to=to)
        return dsn_exchange(inq, ctx.now, failed=STAFF["sam"], to=to)

    return build


def bulk(channel: Channel, *, welcome: bool) -> Build:
    return lambda ctx: newsletter(ctx.inq(channel).reply_to, ctx.now, welcome=welcome)


def ack(vendor: str, channel: Channel, ticket: str) -> Build:
    return lambda ctx: helpdesk_ack(vendor, ctx.inq(channel), ticket, ctx.now, to=ctx.inq(channel).reply_to)


def agent(vendor: str, channel: Channel, ticket: str, who: str, answer: str, ack_label: str, history: bool) -> Build:
    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq(channel)
        acked = ctx.sent.get(ack_label)
        return helpdesk_reply(
            vendor,
            inq,
            ticket,
            STAFF[who],
            _fill(answer, inq),
            ctx.now,
            to=inq.reply_to,
            ack_message_id=acked.message_id if acked else None,
            history=history,
        )

    return build


def otrs(ticket: str) -> Build:
    return lambda ctx: otrs_autoreply(ctx.inq("email"), ticket, ctx.now, to=ctx.inq("email").reply_to)


def group_post(who: str, body: str) -> Build:
    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        return google_group_post(inq, STAFF[who], _fill(body, inq), ctx.now, to=inq.reply_to)

    return build


def forward_fyi() -> Build:
    """Tom forwards our email to Rūta, copying the customer (Outlook "Forward", To + Cc)."""

    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        ruta = STAFF["ruta"]
        return compose(
            Reply(
                client="outlook",
                sender=STAFF["tom"],
                to=[(ruta.name, ruta.email)],
                cc=[(inq.name, inq.reply_to)],
                body=(
                    "Rūta - FYI, can you pick this one up? New patient asking about check-up + hygiene "
                    "prices and availability. I've copied Alex in so they know we're on it.\n\nThanks,\nTom"
                ),
                original=inq.original,
                subject="FW: " + inq.original.subject,
                in_thread=False,
                signature="",
            ),
            ctx.now,
        )

    return build


def reply_all_to_forward(label: str) -> Build:
    """Rūta answers with Reply All on Tom's forward: to Tom and the customer, quoting it all."""

    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq("email")
        fw = ctx.sent.get(label)
        tom = STAFF["tom"]
        return compose(
            Reply(
                client="outlook",
                sender=STAFF["ruta"],
                to=[(tom.name, tom.email), (inq.name, inq.reply_to)],
                body=_fill(ANSWER, inq) + "\n\nBest wishes,",
                original=fw.as_original() if fw else inq.original,
                signature=SIGNATURES["ruta"],
            ),
            ctx.now,
        )

    return build


def answer_email_at_form_address() -> Build:
    """The email's answer, written as a new mail to the address the shopper typed in the form:
    reception pasted the question in, so the email's reference is quoted; nothing is threaded."""

    def build(ctx: Ctx) -> Outgoing:
        email = ctx.inq("email")
        form = ctx.inq("callback")
        d = email.original.date.astimezone(BUSINESS.timezone)
        return compose(
            Reply(
                client="outlook",
                sender=STAFF["priya"],
                to=[(form.name, form.reply_to)],
                body=_fill(ANSWER, email) + "\n\n(Answering your email below.)",
                original=email.original,
                subject=f"Check-up prices - your email of {d.day} {d:%B}",
                in_thread=False,
                signature=SIGNATURES["priya"],
            ),
            ctx.now,
        )

    return build


def fresh(channel: Channel, client: Client, who: str, subject: str, body: str) -> Build:
    """A new mail, not a reply: no quote, no threading, no reference. Only the address links it."""

    def build(ctx: Ctx) -> Outgoing:
        inq = ctx.inq(channel)
        return compose(
            Reply(
                client=client,
                sender=STAFF[who],
                to=[(inq.name, inq.reply_to)],
                body=_fill(body, inq),
                subject=subject,
                signature=SIGNATURES.get(who, ""),
            ),
            ctx.now,
        )

    return build


def step(
    anchor: Channel,
    after: float,
    kind: Kind,
    about: Channel | None,
    answers: bool,
    build: Build,
    label: str,
    needs: tuple[Channel, ...] = (),
) -> Step:
    return Step(anchor, after, kind, about, answers, build, label, needs)


SLA20 = {"callback": "20s", "email": "20s"}

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "baseline",
        "reception answers both, in thread, quoting the question",
        SLA20,
        "45s",
        False,
        (
            step(
                "callback",
                8,
                "person",
                "callback",
                True,
                person("callback", "outlook", "priya", ANSWER_CALLBACK),
                "form answer",
            ),
            step("email", 11, "person", "email", True, person("email", "gmail", "info", ANSWER), "email answer"),
        ),
    ),
    Scenario(
        "other-request-first",
        "staff first write to our addresses about other customers' older requests, then answer ours",
        SLA20,
        "45s",
        False,
        (
            step(
                "email",
                3,
                "person",
                None,
                False,
                other_conversation("email", "outlook-new", "priya", "daniel", DANIEL_BODY),
                "appointment #4471 to email address",
            ),
            step(
                "callback",
                5,
                "person",
                None,
                False,
                other_conversation("callback", "iphone", "tom_personal", "marcus", MARCUS_BODY),
                "treatment plan LRD-3390 to form address",
            ),
            step("email", 13, "person", "email", True, person("email", "outlook", "priya", ANSWER), "email answer"),
            step(
                "callback",
                15,
                "person",
                "callback",
                True,
                person("callback", "outlook", "priya", ANSWER_CALLBACK),
                "form answer",
            ),
        ),
    ),
    Scenario(
        "manager-personal-mailbox",
        "the practice manager answers from his personal mailbox on another domain, quoting",
        SLA20,
        "45s",
        False,
        (
            step(
                "email",
                9,
                "person",
                "email",
                True,
                person("email", "iphone", "tom_personal", ANSWER),
                "email answer from personal.example",
            ),
            step(
                "callback",
                12,
                "person",
                "callback",
                True,
                person("callback", "gmail", "tom_personal", ANSWER_CALLBACK, signature="Tom"),
                "form answer from personal.example",
            ),
        ),
    ),
    Scenario(
        "in-thread-no-quote",
        "email answered in thread with an edited subject, no quote, no reference; form answered HTML-only",
        SLA20,
        "45s",
        False,
        (
            step(
                "email",
                10,
                "person",
                "email",
                True,
                person(
                    "email",
                    "outlook-ios",
                    "priya",
                    ANSWER_SHORT,
                    quote=False,
                    subject="RE: Check-up & hygiene prices",
                    signature="Get Outlook for iOS<https://aka.ms/o0ukef>",
                ),
                "email answer, subject edited, nothing quoted",
            ),
            step(
                "callback",
                12,
                "person",
                "callback",
                True,
                person("callback", "gmail", "info", ANSWER_CALLBACK, html_only=True),
                "form answer, HTML only",
            ),
        ),
    ),
    Scenario(
        "out-of-office-first",
        "out-of-office replies (RFC 3834 and an Outlook rule) and the website's autoresponder, then people answer",
        SLA20,
        "45s",
        False,
        (
            step("callback", 0.5, "auto-reply", "callback", False, autoresponder(), "website autoresponder"),
            step("email", 1, "auto-reply", "email", False, vacation("priya"), "RFC 3834 vacation reply"),
            step("email", 3, "auto-reply", "email", False, outlook_rule("ruta"), "Outlook 'Automatic reply:' rule"),
            step(
                "email",
                14,
                "person",
                "email",
                True,
                person(
                    "email",
                    "thunderbird",
                    "jade",
                    "Hi {first},\n\nPriya is away this week so I'm looking after her emails.\n\n"
                    + ANSWER.split("\n\n", 1)[1],
                    bottom_post=True,
                ),
                "email answer by a colleague",
            ),
            step(
                "callback",
                16,
                "person",
                "callback",
                True,
                person("callback", "iphone", "jade", ANSWER_CALLBACK),
                "form answer",
            ),
        ),
    ),
    Scenario(
        "helpdesk-ticket",
        "a helpdesk acknowledges with its own ticket number, then an agent answers in the ticket",
        SLA20,
        "45s",
        False,
        (
            step("callback", 1.5, "ticket-ack", "callback", False, ack("zendesk", "callback", "48214"), "zendesk ack"),
            step("email", 2, "ticket-ack", "email", False, ack("freshdesk", "email", "48213"), "freshdesk ack"),
            step(
                "email",
                12,
                "person",
                "email",
                True,
                agent("freshdesk", "email", "48213", "priya", ANSWER, "freshdesk ack", True),
                "freshdesk agent answer",
            ),
            step(
                "callback",
                14,
                "person",
                "callback",
                True,
                agent("zendesk", "callback", "48214", "jade", ANSWER_CALLBACK, "zendesk ack", False),
                "zendesk agent answer, no history",
            ),
        ),
    ),
    Scenario(
        "other-language",
        "the hygienist answers the email in Russian, the dentist the form in Lithuanian",
        SLA20,
        "45s",
        False,
        (
            step(
                "email",
                10,
                "person",
                "email",
                True,
                person("email", "thunderbird", "olga", ANSWER_RU, lang="ru", signature=SIGN_RU),
                "email answer in Russian",
            ),
            step(
                "callback",
                12,
                "person",
                "callback",
                True,
                person("callback", "outlook-lt", "ruta", ANSWER_LT, lang="lt", signature=SIGN_LT),
                "form answer in Lithuanian",
            ),
        ),
    ),
    Scenario(
        "breach-no-person",
        "every kind of non-answer, and no person ever answers",
        {"callback": "15s", "email": "15s"},
        "40s",
        False,
        (
            step("callback", 0.5, "auto-reply", "callback", False, autoresponder(), "website autoresponder"),
            step("email", 1, "auto-reply", "email", False, vacation("priya"), "RFC 3834 vacation reply"),
            step("email", 2.5, "bounce", "email", False, bounce("postfix"), "Postfix DSN"),
            step("callback", 4, "bulk", None, False, bulk("callback", welcome=True), "welcome newsletter"),
            step("email", 5, "ticket-ack", "email", False, ack("osticket", "email", "482137"), "osTicket ack"),
            step(
                "callback",
                7,
                "ticket-ack",
                "callback",
                False,
                ack("helpscout", "callback", "1187"),
                "Help Scout auto reply",
            ),
            step("email", 8, "bulk", None, False, bulk("email", welcome=False), "campaign newsletter"),
            step(
                "callback",
                10,
                "person",
                None,
                False,
                other_conversation("callback", "iphone", "jade", "helen", HELEN_BODY),
                "Helen's callback to form address",
            ),
            step(
                "email",
                12,
                "person",
                None,
                False,
                other_conversation("email", "outlook-new", "priya", "daniel", DANIEL_BODY),
                "appointment #4471 to email address",
            ),
            step("email", 17, "forward", "email", False, forward_fyi(), "forward FYI to a colleague, customer in Cc"),
        ),
    ),
    Scenario(
        "form-ignored",
        "the form is never answered (another customer's callback lands at its address); the email is",
        SLA20,
        "45s",
        False,
        (
            step(
                "callback",
                7,
                "person",
                None,
                False,
                other_conversation("callback", "outlook", "priya", "helen", HELEN_BODY),
                "Helen's callback to form address",
            ),
            step("email", 10, "person", "email", True, person("email", "gmail", "info", ANSWER), "email answer"),
        ),
    ),
    Scenario(
        "answer-after-run",
        "another conversation lands during the run; the real answers come after the run stopped waiting",
        {"callback": "60s", "email": "60s"},
        "5s",
        True,
        (
            step(
                "email",
                3,
                "person",
                None,
                False,
                other_conversation("email", "outlook-new", "priya", "daniel", DANIEL_BODY),
                "appointment #4471 to email address",
            ),
            step(
                "callback",
                4,
                "person",
                None,
                False,
                other_conversation("callback", "iphone", "tom_personal", "marcus", MARCUS_BODY),
                "treatment plan to form address",
            ),
            step(
                "email",
                22,
                "person",
                "email",
                True,
                person("email", "outlook", "priya", ANSWER),
                "email answer, late in the day",
            ),
            step(
                "callback",
                24,
                "person",
                "callback",
                True,
                person("callback", "gmail", "tom_personal", ANSWER_CALLBACK, signature="Tom"),
                "form answer, late in the day",
            ),
        ),
    ),
    Scenario(
        "fresh-mail-to-form-address",
        "the form lead is answered by a new mail (no quote, no thread, no reference) to the typed address",
        SLA20,
        "45s",
        False,
        (
            step(
                "callback",
                9,
                "person",
                "callback",
                True,
                fresh("callback", "outlook", "priya", "Your enquiry - Linden Row Dental", ANSWER_CALLBACK),
                "form answer as a fresh mail",
            ),
            step("email", 12, "person", "email", True, person("email", "outlook-new", "priya", ANSWER), "email answer"),
        ),
    ),
    Scenario(
        "email-answer-to-form-address",
        "the email's answer goes to the form's address, quoting the email; the form is never answered",
        # the answer waits for the form's address too, so the email's deadline leaves room for
        # the audit sending the form well after the email
        {"callback": "20s", "email": "60s"},
        "45s",
        False,
        (
            step("callback", 0.5, "auto-reply", "callback", False, autoresponder(), "website autoresponder"),
            step(
                "email",
                10,
                "person",
                "email",
                True,
                answer_email_at_form_address(),
                "email answer sent to form address",
                needs=("callback",),
            ),
        ),
    ),
    Scenario(
        "late-answers",
        "auto-replies that quote our message and reference come at once; people answer after the SLA",
        {"callback": "10s", "email": "10s"},
        "40s",
        False,
        (
            step("callback", 1, "auto-reply", "callback", False, autoresponder(), "website autoresponder quoting us"),
            step("email", 1, "auto-reply", "email", False, otrs("2026120410000017"), "OTRS auto reply quoting us"),
            step(
                "email",
                18,
                "person",
                "email",
                True,
                person("email", "mailru", "olga", ANSWER + "\n\nKind regards,"),
                "late email answer, Mail.ru webmail with a Russian quote header",
            ),
            step(
                "callback",
                20,
                "person",
                "callback",
                True,
                person("callback", "outlook", "priya", ANSWER_CALLBACK),
                "late form answer",
            ),
        ),
    ),
    Scenario(
        "forward-and-reply-all",
        "the manager forwards the email to a colleague copying the customer (FYI), she answers with Reply All; "
        "the form gets a 'please call us' answer",
        SLA20,
        "45s",
        False,
        (
            step("email", 6, "forward", "email", False, forward_fyi(), "forward FYI, customer in Cc"),
            step(
                "callback",
                9,
                "person",
                "callback",
                True,
                person("callback", "gmail", "info", PLEASE_CALL),
                "form answer: please call us",
            ),
            step(
                "email",
                13,
                "person",
                "email",
                True,
                reply_all_to_forward("forward FYI, customer in Cc"),
                "email answer by Reply All",
            ),
        ),
    ),
    Scenario(
        "bounce-then-answer",
        "the info@ alias bounces for a former colleague (Exchange NDR), Help Scout auto-replies, then people answer",
        SLA20,
        "45s",
        False,
        (
            step(
                "callback",
                1,
                "ticket-ack",
                "callback",
                False,
                ack("helpscout", "callback", "1188"),
                "Help Scout auto reply",
            ),
            step("email", 2, "bounce", "email", False, bounce("exchange"), "Exchange NDR"),
            step(
                "callback",
                11,
                "person",
                "callback",
                True,
                agent("helpscout", "callback", "1188", "priya", ANSWER_CALLBACK, "Help Scout auto reply", False),
                "Help Scout agent answer",
            ),
            step(
                "email",
                12,
                "person",
                "email",
                True,
                person("email", "gmail", "ruta", ANSWER + "\n\nBest wishes,", lang="lt"),
                "email answer in English, Gmail quote header in Lithuanian",
            ),
        ),
    ),
    Scenario(
        "group-mailbox-answer",
        "the email is answered through a Google Groups inbox (list headers on a person's answer); "
        "the form gets a welcome newsletter, then an answer",
        SLA20,
        "45s",
        False,
        (
            step("callback", 3, "bulk", None, False, bulk("callback", welcome=True), "welcome newsletter"),
            step("email", 9, "person", "email", True, group_post("priya", ANSWER), "email answer via the group"),
            step(
                "callback",
                13,
                "person",
                "callback",
                True,
                person("callback", "thunderbird", "jade", ANSWER_CALLBACK),
                "form answer",
            ),
        ),
    ),
)


def by_name(name: str) -> Scenario:
    for scenario in SCENARIOS:
        if scenario.name == name:
            return scenario
    raise KeyError(f"no scenario {name!r}: {', '.join(s.name for s in SCENARIOS)}")
