"""Mail that systems write: the website's lead notification and autoresponder, out-of-office
replies, bounces, newsletters, helpdesk acknowledgements and agent replies, group mailboxes.

Sources each shape follows:
  * website lead notification and autoresponder: Contact Form 7's default "Mail" and "Mail (2)"
    templates (From: [your-name] <[your-email]>, "Message Body:", "-- This e-mail was sent from a
    contact form on <site>"), sent by WordPress through PHPMailer (X-Mailer: PHPMailer ...), with
    Reply-To the visitor's address; no Auto-Submitted header (CF7 does not add one).
  * vacation responder: RFC 3834 (Auto-Submitted: auto-replied, In-Reply-To/References, null
    envelope sender, sent to the Return-Path) and RFC 5230 (Sieve vacation), the way Dovecot's
    Pigeonhole and Gmail's vacation responder write it.
  * Outlook rule reply: a client-side "reply using a specific template" rule, or an old
    Exchange OOF: "Automatic reply: <subject>", X-Auto-Response-Suppress: All, no RFC 3834 header.
  * OTRS / Znuny "default reply (after new ticket has been created)": "[Ticket#YYYYMMDDnnnnnnnn]"
    subject hook, the first lines of the customer's mail quoted ("You wrote:").
  * bounces: RFC 3464 multipart/report; report-type=delivery-status from Postfix
    ("Undelivered Mail Returned to Sender", message/rfc822 attached) and Exchange
    ("Undeliverable: <subject>", text/rfc822-headers), null envelope sender (RFC 5321 4.5.5).
  * newsletters: Mailchimp-style bulk mail: List-Id (RFC 2919), List-Unsubscribe (RFC 2369) with
    One-Click (RFC 8058), Precedence: bulk, multipart/alternative HTML.
  * helpdesks: osTicket's stock templates ("Support Ticket Opened [#%{ticket.number}]", replies
    "Re: %{ticket.subject} [#%{ticket.number}]"), Zendesk's standard triggers ("[{{ticket.account}}]
    Re: {{ticket.title}}", "Your request ({{ticket.id}}) has been received", "##- Please type your
    reply above this line -##"), Freshdesk ("[#<id>]" in subjects), Help Scout (auto reply with
    Auto-Submitted, conversation number).
  * Google Groups collaborative inbox: a person's post sent out by the group carries List-ID,
    List-Post, Precedence: list and Mailing-list headers.
"""

from __future__ import annotations

import secrets
import textwrap
from datetime import datetime

from .business import BUSINESS, SHOPPER, Person
from .clients import quote_lines, rfc_date
from .mime import Multipart, Part, address, encoded_word, render, text_part
from .model import Inquiry, Original, Outgoing

__all__ = [
    "dsn_exchange",
    "dsn_postfix",
    "google_group_post",
    "helpdesk_ack",
    "helpdesk_reply",
    "lead_notification",
    "newsletter",
    "otrs_autoreply",
    "outlook_rule_reply",
    "vacation_reply",
    "website_autoresponder",
]

SITE_NAME = BUSINESS.name


def _mid(host: str) -> str:
    return f"<{datetime.now().strftime('%Y%m%d%H%M%S')}.{secrets.token_hex(6)}@{host}>"


def _out(
    headers: list[tuple[str, str]],
    body: Part | Multipart,
    *,
    message_id: str,
    envelope_from: str,
    to: tuple[str, ...],
    from_addr: str,
    subject: str,
) -> Outgoing:
    return Outgoing(
        raw=render(headers, body),
        message_id=message_id,
        envelope_from=envelope_from,
        envelope_to=to,
        from_addr=from_addr,
        to=to,
        subject=subject,
    )


# --- the website ---------------------------------------------------------------------------


def lead_notification(
    name: str, email: str, phone: str, message: str, base_url: str, now: datetime
) -> tuple[Original, bytes]:
    """What the website mails the clinic when the form is sent (Contact Form 7 "Mail")."""
    subject = f"New callback request from {name}"
    text = (
        f"From: {name} <{email}>\nPhone: {phone}\nSubject: Callback request\n\nMessage Body:\n{message}\n\n"
        f"-- \nThis e-mail was sent from a contact form on {SITE_NAME} ({base_url})\n"
    )
    message_id = f"<{secrets.token_hex(16)}@lindenrowdental.example>"
    headers = [
        ("Date", rfc_date(now)),
        ("To", BUSINESS.address),
        ("From", address(f"{SITE_NAME} Website", BUSINESS.website_sender)),
        ("Reply-To", address(name, email)),
        ("Subject", encoded_word(subject)),
        ("Message-ID", message_id),
        ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
    ]
    raw = render(headers, text_part(text, charset="UTF-8", cte="quoted-printable", quoted_charset=False))
    original = Original(
        message_id=message_id,
        subject=subject,
        from_name=f"{SITE_NAME} Website",
        from_addr=BUSINESS.website_sender,
        to=BUSINESS.address,
        date=now,
        text=text,
    )
    return original, raw


def website_autoresponder(inq: Inquiry, now: datetime) -> Outgoing:
    """Contact Form 7 "Mail (2)": a copy of the form to the visitor, straight after sending."""
    subject = f"{SITE_NAME} – we have received your message"
    text = (
        f"Dear {inq.name},\n\nThank you for contacting {SITE_NAME}. This is a copy of what you sent us:\n\n"
        f"Name: {inq.name}\nEmail: {inq.reply_to}\nPhone: {inq.phone}\nMessage:\n{inq.question}\n\n"
        "A member of our reception team will call you back during opening hours "
        "(Mon–Fri 8:30–18:00, Sat 9:00–13:00).\n\n"
        f"-- \nThis e-mail was sent from a contact form on {SITE_NAME} (https://www.lindenrowdental.example)\n"
    )
    message_id = f"<{secrets.token_hex(16)}@lindenrowdental.example>"
    headers = [
        ("Date", rfc_date(now)),
        ("To", inq.reply_to),
        ("From", address(SITE_NAME, BUSINESS.website_sender)),
        ("Reply-To", BUSINESS.address),
        ("Subject", encoded_word(subject)),
        ("Message-ID", message_id),
        ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
    ]
    body = text_part(text, charset="UTF-8", cte="quoted-printable", quoted_charset=False)
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from=BUSINESS.website_sender,
        to=(inq.reply_to,),
        from_addr=BUSINESS.website_sender,
        subject=subject,
    )


# --- automatic replies -------------------------------------------------------------------


def vacation_reply(inq: Inquiry, person: Person, now: datetime, *, to: str, until: str) -> Outgoing:
    """An RFC 3834 / RFC 5230 vacation reply, sent to the Return-Path with a null sender."""
    subject = f"Out of office until {until}"
    text = (
        f"Hello,\n\nThank you for your email. I am out of the office until {until} with limited access to "
        f"email.\n\nFor appointments please call reception on {BUSINESS.phone_display} or write to "
        f"{BUSINESS.address}.\n\nKind regards,\n{person.name}\n"
    )
    message_id = f"<dovecot-sieve-{secrets.token_hex(8)}@lindenrowdental.example>"
    headers = [
        ("Message-ID", message_id),
        ("Date", rfc_date(now)),
        ("X-Sieve", "Pigeonhole Sieve 0.5.21"),
        ("From", address(person.name, person.email)),
        ("To", f"<{to}>"),
        ("Subject", subject),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("In-Reply-To", inq.original.message_id),
        ("References", inq.original.message_id),
        ("MIME-Version", "1.0"),
    ]
    body = text_part(text, charset="utf-8", cte="8bit", quoted_charset=False)
    return _out(
        headers, body, message_id=message_id, envelope_from="", to=(to,), from_addr=person.email, subject=subject
    )


def outlook_rule_reply(inq: Inquiry, person: Person, now: datetime, *, to: str) -> Outgoing:
    """Outlook's "Automatic reply:" from a client-side rule: no RFC 3834 header, only Microsoft's."""
    subject = f"Automatic reply: {inq.original.subject}"
    text = (
        "Thank you for your message.\n\n"
        f"I am currently on annual leave and will return on Monday. Your email has not been forwarded. "
        f"If your enquiry is urgent please contact reception on {BUSINESS.phone_display}.\n\n"
        f"{person.name}\n{person.title}, {SITE_NAME}\n"
    )
    message_id = f"<DB9PR02MB{secrets.randbelow(9000) + 1000}{secrets.token_hex(12).upper()}@outlook.example>"
    headers = [
        ("From", address(person.name, person.email, "utf-8")),
        ("To", address(SHOPPER.name, to)),
        ("Subject", encoded_word(subject, "utf-8")),
        ("Thread-Topic", encoded_word(inq.original.subject, "utf-8")),
        ("Thread-Index", "AQHbR" + secrets.token_urlsafe(20)),
        ("Date", rfc_date(now)),
        ("Message-ID", message_id),
        ("References", inq.original.message_id),
        ("In-Reply-To", inq.original.message_id),
        ("Content-Language", "en-GB"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("X-Auto-Response-Suppress", "All"),
        ("MIME-Version", "1.0"),
    ]
    charset = "us-ascii" if text.isascii() else "utf-8"
    body = Multipart(
        "alternative",
        [
            text_part(text, charset=charset, cte="quoted-printable"),
            text_part(
                "<html><head></head><body><p>"
                + text.replace("\n\n", "</p><p>").replace("\n", "<br>")
                + "</p></body></html>",
                "html",
                charset=charset,
                cte="quoted-printable",
            ),
        ],
        boundary=f"_000_{message_id[1:20]}_",
    )
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from=person.email,
        to=(to,),
        from_addr=person.email,
        subject=subject,
    )


def otrs_autoreply(inq: Inquiry, ticket: str, now: datetime, *, to: str) -> Outgoing:
    """OTRS / Znuny's default auto reply: the ticket hook in the subject, the first lines quoted."""
    subject = f"[Ticket#{ticket}] RE: {inq.original.subject}"
    first_lines = "\n".join(inq.question.strip().split("\n")[:3])
    text = (
        f"Dear {inq.name},\n\nThank you for your email. A new ticket has been created for your request "
        f"with the number {ticket}.\n\nYou wrote:\n{quote_lines(first_lines)}\n\n"
        "Your email will be answered by a member of our team as soon as possible.\n\n"
        f"Your {SITE_NAME} Team\n"
    )
    serial = f"{int(now.timestamp())}.{secrets.randbelow(99999)}.{secrets.randbelow(999999)}"
    message_id = f"<{serial}@helpdesk.lindenrowdental.example>"
    headers = [
        ("From", address(f"{SITE_NAME} Helpdesk", "helpdesk@lindenrowdental.example")),
        ("To", address(inq.name, to)),
        ("Subject", encoded_word(subject)),
        ("In-Reply-To", inq.original.message_id),
        ("References", inq.original.message_id),
        ("X-Loop", "yes"),
        ("Precedence", "bulk"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Mailer", "Znuny Mail Service (6.5)"),
        ("X-Powered-By", "Znuny - Open Source Ticket System (https://www.znuny.org/)"),
        ("Date", rfc_date(now)),
        ("Message-ID", message_id),
        ("MIME-Version", "1.0"),
    ]
    body = text_part(text, charset="utf-8", cte="8bit", quoted_charset=False)
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from="",
        to=(to,),
        from_addr="helpdesk@lindenrowdental.example",
        subject=subject,
    )


# --- bounces --------------------------------------------------------------------------------


def dsn_postfix(inq: Inquiry, now: datetime, *, failed: Person, to: str) -> Outgoing:
    """Postfix's RFC 3464 bounce: the info@ alias still expands to a former colleague's full box."""
    queue_id = secrets.token_hex(5).upper()
    host = BUSINESS.mx_host
    boundary = f"{queue_id}.{int(now.timestamp())}/{host}"
    notice = (
        f"This is the mail system at host {host}.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. It's attached below.\n\n"
        "For further assistance, please send mail to postmaster.\n\n"
        "If you do so, please include this problem report. You can\n"
        "delete your own text from the attached returned message.\n\n"
        "                   The mail system\n\n"
        f"<{failed.email}> (expanded from <{BUSINESS.address}>): host\n"
        f"    mailstore.lindenrowdental.example[10.0.0.12] said: 552 5.2.2 <{failed.email}>:\n"
        "    Mailbox full (quota exceeded) (in reply to RCPT TO command)\n"
    )
    arrival = rfc_date(inq.received_at)
    status = (
        f"Reporting-MTA: dns; {host}\nX-Postfix-Queue-ID: {queue_id}\n"
        f"X-Postfix-Sender: rfc822; {to}\nArrival-Date: {arrival}\n\n"
        f"Final-Recipient: rfc822; {failed.email}\nOriginal-Recipient: rfc822;{BUSINESS.address}\n"
        "Action: failed\nStatus: 5.2.2\nRemote-MTA: dns; mailstore.lindenrowdental.example\n"
        f"Diagnostic-Code: smtp; 552 5.2.2 <{failed.email}>: Mailbox full (quota exceeded)\n"
    )
    message_id = f"<20{secrets.token_hex(6)}.{queue_id}@{host}>"
    headers = [
        ("Date", rfc_date(now)),
        ("From", f"MAILER-DAEMON@{host} (Mail Delivery System)"),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("To", to),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Message-Id", message_id),
    ]
    body = Multipart(
        "report",
        [
            Part(
                "text/plain; charset=us-ascii",
                None,
                notice.encode("ascii"),
                [("Content-Description", "Notification")],
            ),
            Part(
                "message/delivery-status",
                None,
                status.encode("ascii"),
                [("Content-Description", "Delivery report")],
            ),
            Part(
                "message/rfc822",
                "8bit",
                inq.raw.replace(b"\r\n", b"\n"),
                [("Content-Description", "Undelivered Message")],
            ),
        ],
        boundary=boundary,
        params=" report-type=delivery-status;",
        preamble="This is a MIME-encapsulated message.",
    )
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from="",
        to=(to,),
        from_addr=f"MAILER-DAEMON@{host}",
        subject="Undelivered Mail Returned to Sender",
    )


def dsn_exchange(inq: Inquiry, now: datetime, *, failed: Person, to: str) -> Outgoing:
    """Exchange Online's NDR: "Undeliverable: <subject>", the original's headers only."""
    subject = f"Undeliverable: {inq.original.subject}"
    notice = (
        "Delivery has failed to these recipients or groups:\n\n"
        f"{failed.email}\n"
        "The email address you entered couldn't be found. Please check the recipient's email address "
        "and try to resend the message. If the problem continues, please contact your helpdesk.\n\n"
        "Diagnostic information for administrators:\n\n"
        f"Generating server: AM0PR02MB5123.eurprd02.prod.outlook.example\n\n{failed.email}\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
        "Recipient not found by SMTP address lookup'\n"
    )
    status = (
        "Reporting-MTA: dns;AM0PR02MB5123.eurprd02.prod.outlook.example\n"
        f"Received-From-MTA: dns;{BUSINESS.mx_host}\nArrival-Date: {rfc_date(inq.received_at)}\n\n"
        f"Original-Recipient: rfc822;{failed.email}\nFinal-Recipient: rfc822;{failed.email}\n"
        "Action: failed\nStatus: 5.1.10\n"
        "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n"
    )
    raw_headers = inq.raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0] + b"\n"
    message_id = f"<{secrets.token_hex(16)}@AM0PR02MB5123.eurprd02.prod.outlook.example>"
    headers = [
        ("From", address("Microsoft Outlook", "postmaster@lindenrowdental.example")),
        ("To", address(inq.name, to)),
        ("Date", rfc_date(now)),
        ("Content-Language", "en-GB"),
        ("Message-ID", message_id),
        ("In-Reply-To", inq.original.message_id),
        ("References", inq.original.message_id),
        ("Subject", encoded_word(subject, "utf-8")),
        ("Auto-Submitted", "auto-replied"),
        ("X-MS-Exchange-Message-Is-Ndr", ""),
        ("MIME-Version", "1.0"),
    ]
    body = Multipart(
        "report",
        [
            Multipart(
                "alternative",
                [
                    text_part(notice, charset="us-ascii", cte="quoted-printable"),
                    text_part(
                        "<html><body><p>" + notice.replace("\n", "<br>") + "</p></body></html>",
                        "html",
                        charset="us-ascii",
                        cte="quoted-printable",
                    ),
                ],
            ),
            Part("message/delivery-status", "7bit", status.encode("ascii")),
            Part("text/rfc822-headers", "7bit", raw_headers),
        ],
        params=" report-type=delivery-status;",
    )
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from="",
        to=(to,),
        from_addr="postmaster@lindenrowdental.example",
        subject=subject,
    )


# --- bulk -----------------------------------------------------------------------------------


def newsletter(to: str, now: datetime, *, welcome: bool) -> Outgoing:
    """A Mailchimp-style campaign or welcome mail: List-Id, List-Unsubscribe, Precedence: bulk."""
    list_id = "9f2c41d7e83b5a6c0d1e2f3a4"
    subject = (
        f"Welcome to {SITE_NAME} – 10% off your first hygiene visit 🦷"
        if welcome
        else f"{SITE_NAME} news: winter opening hours & Invisalign open evening"
    )
    text = (
        (
            f"Welcome to the {SITE_NAME} family!\n\nThanks for getting in touch. As a welcome, here is 10% off "
            "your first hygiene appointment: use code SMILE10 when you book.\n\n"
        )
        if welcome
        else (
            "Our winter opening hours: Mon–Fri 8:30–18:00, Sat 9:00–13:00; closed 25–28 December.\n\n"
            "Join our Invisalign open evening on Thursday 10 December from 6pm.\n\n"
        )
    ) + (
        "Book online: https://www.lindenrowdental.example/book\n\n"
        "============================================================\n"
        f"Copyright © 2026 {SITE_NAME}, All rights reserved.\n"
        "You are receiving this email because you contacted us through our website.\n\n"
        f"Our mailing address is:\n{SITE_NAME}\n{BUSINESS.street}\n\n"
        "Want to change how you receive these emails?\n"
        "You can update your preferences or unsubscribe from this list:\n"
        f"https://lindenrowdental.us21.list-manage.example/unsubscribe?u=4be1c&id={list_id[:10]}\n"
    )
    html_body = (
        '<!doctype html><html><head><meta charset="UTF-8"><title>'
        + subject
        + '</title></head><body style="margin:0;background:#f4f1ec"><center><table width="600" '
        'style="background:#fff;font-family:Helvetica,Arial,sans-serif"><tr><td style="padding:24px">'
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        + '<img src="https://lindenrowdental.us21.list-manage.example/track/open.php?u=4be1c" width="1" height="1">'
        "</td></tr></table></center></body></html>"
    )
    message_id = f"<{secrets.token_hex(10)}@mail130.atl221.mcdlv.example>"
    unsubscribe = (
        f"<https://lindenrowdental.us21.list-manage.example/unsubscribe?u=4be1c&id={list_id[:10]}&e=7a1f&c=1b2c>, "
        f"<mailto:unsubscribe-mc.us21_4be1c.{list_id[:10]}-7a1f@unsubscribe.mailchimpapp.example?subject=unsubscribe>"
    )
    headers = [
        ("Subject", encoded_word(subject)),
        ("From", address(SITE_NAME, "hello@lindenrowdental.example")),
        ("Reply-To", address(SITE_NAME, "hello@lindenrowdental.example")),
        ("To", f"<{to}>"),
        ("Date", rfc_date(now)),
        ("List-Unsubscribe", unsubscribe),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Id", f"{list_id}mc list <{list_id}.1f3e9.list-id.mcsv.example>"),
        ("X-Mailer", "Mailchimp Mailer - **CID1b2c3d4e5f**"),
        ("X-Campaign", "mailchimp4be1c.1b2c3d4e5f"),
        ("X-campaignid", "mailchimp4be1c.1b2c3d4e5f"),
        ("X-Report-Abuse", "Please report abuse for this campaign here: https://mailchimp.example/abuse/"),
        ("Precedence", "bulk"),
        ("Feedback-ID", "21:21.1b2c3d4e5f:us:mailchimp"),
        ("Message-ID", message_id),
        ("MIME-Version", "1.0"),
    ]
    body = Multipart(
        "alternative",
        [text_part(text, cte="quoted-printable"), text_part(html_body, "html", cte="quoted-printable")],
        boundary="_----------=_MCPart_" + str(secrets.randbelow(10**9)),
    )
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from=f"bounce-mc.us21_4be1c.{secrets.token_hex(4)}@mail130.atl221.mcdlv.example",
        to=(to,),
        from_addr="hello@lindenrowdental.example",
        subject=subject,
    )


# --- helpdesks ------------------------------------------------------------------------------


def helpdesk_ack(vendor: str, inq: Inquiry, ticket: str, now: datetime, *, to: str) -> Outgoing:
    """A helpdesk's "we got it" mail as Zendesk, osTicket, Freshdesk or Help Scout send it."""
    title = inq.original.subject
    support = "support@lindenrowdental.example"
    threading = [("In-Reply-To", inq.original.message_id), ("References", inq.original.message_id)]
    extra: list[tuple[str, str]] = []
    if vendor == "zendesk":
        subject = f"[{SITE_NAME}] Re: {title}"
        text = (
            "##- Please type your reply above this line -##\n\n"
            f"Your request ({ticket}) has been received and is being reviewed by our support staff.\n\n"
            "To add additional comments, reply to this email.\n\n"
            f"{inq.name}\n\n{rfc_date(inq.received_at)[5:22]}\n\n{inq.question}\n\n"
            f"This email is a service from {SITE_NAME}. Delivered by Zendesk\n\n"
            f"[{secrets.token_hex(3).upper()}-{secrets.token_hex(3).upper()}]\n"
        )
        message_id = f"<{secrets.token_hex(10).upper()}_{secrets.token_hex(6)}_sprut@zendesk.example>"
        sender = (f"{SITE_NAME}", "support@lindenrowdental.zendesk.example")
        extra = [
            ("X-Mailer", "Zendesk Mailer"),
            ("X-Zendesk-From-Account-Id", "1f3e9a2"),
            ("Auto-Submitted", "auto-generated"),
        ]
    elif vendor == "osticket":
        subject = f"Support Ticket Opened [#{ticket}]"
        text = (
            f"Dear {inq.name.split()[0]},\n\nA request for support has been created and assigned #{ticket}. "
            "A representative will follow-up with you as soon as possible. You can view this ticket's "
            f"progress online.\n\nYour {SITE_NAME} Team,\n\n"
            "If you wish to provide additional comments or information regarding the issue, please reply "
            "to this email or login to your account for a complete archive of your support requests.\n"
        )
        message_id = f"<ost-{secrets.token_hex(8)}@lindenrowdental.example>"
        sender = (f"{SITE_NAME} Support", support)
        threading = []
        extra = [("X-Mailer", "osTicket Mailer"), ("Precedence", "auto_reply"), ("Auto-Submitted", "auto-replied")]
    elif vendor == "freshdesk":
        subject = f"[#{ticket}] We received your request"
        text = (
            f"Dear {inq.name},\n\nWe would like to acknowledge that we have received your request and a ticket "
            f"has been created with Ticket ID - {ticket}.\n\nA support representative will be reviewing your "
            "request and will send you a personal response (usually within 24 hours).\n\n"
            f"To view the status of the ticket or add comments, please visit\n"
            f"https://lindenrowdental.freshdesk.example/helpdesk/tickets/{ticket}\n\n"
            f"Thank you for your patience.\n\nSincerely,\n{SITE_NAME} Support Team\n"
        )
        message_id = f"<{secrets.token_hex(16)}@freshdesk.example>"
        sender = (f"{SITE_NAME} Support", support)
        extra = [("X-FD-Email", "true"), ("Auto-Submitted", "auto-generated")]
    elif vendor == "helpscout":
        subject = f"Re: {title}"
        text = (
            f"Hi {inq.name.split()[0]},\n\nThanks for getting in touch with {SITE_NAME}! This is an automatic "
            "reply to let you know we've got your message. Someone from the team will reply as soon as they "
            "can, usually within one working day.\n\nIf it's urgent, please give us a ring on "
            f"{BUSINESS.phone_display}.\n\nReception team\n{SITE_NAME}\n\nConversation #{ticket}\n"
        )
        message_id = f"<reply-{ticket}-{secrets.randbelow(10**9)}@helpscout.example>"
        sender = (SITE_NAME, BUSINESS.address)
        extra = [("Auto-Submitted", "auto-replied"), ("X-HelpScout-Conversation", ticket)]
    else:
        raise ValueError(vendor)
    headers = [
        ("Date", rfc_date(now)),
        ("From", address(*sender)),
        ("Reply-To", address(*sender)),
        ("To", address(inq.name, to)),
        ("Message-ID", message_id),
        *threading,
        ("Subject", encoded_word(subject)),
        ("MIME-Version", "1.0"),
        *extra,
    ]
    html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
    body = Multipart("alternative", [text_part(text), text_part(html_body, "html")])
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from=f"bounces+{secrets.token_hex(4)}@lindenrowdental.example",
        to=(to,),
        from_addr=sender[1],
        subject=subject,
    )


def helpdesk_reply(
    vendor: str,
    inq: Inquiry,
    ticket: str,
    agent: Person,
    answer: str,
    now: datetime,
    *,
    to: str,
    ack_message_id: str | None,
    history: bool = True,
) -> Outgoing:
    """An agent's public reply sent out by the helpdesk: a person, through a system."""
    title = inq.original.subject
    refs = " ".join(x for x in (inq.original.message_id, ack_message_id) if x)
    threading = [("In-Reply-To", ack_message_id or inq.original.message_id), ("References", refs)]
    if vendor == "zendesk":
        subject = f"[{SITE_NAME}] Re: {title}"
        text = "##- Please type your reply above this line -##\n\n" + f"{agent.name} ({SITE_NAME})\n\n"
        text += f"{rfc_date(now)[5:22]}\n\n{answer.strip()}\n\n"
        if history:
            text += f"{inq.name}\n\n{rfc_date(inq.received_at)[5:22]}\n\n{inq.question}\n\n"
        text += f"This email is a service from {SITE_NAME}. Delivered by Zendesk\n"
        message_id = f"<{secrets.token_hex(10).upper()}_{secrets.token_hex(6)}_sprut@zendesk.example>"
        sender = (f"{agent.name} ({SITE_NAME})", "support@lindenrowdental.zendesk.example")
        extra = [("X-Mailer", "Zendesk Mailer")]
    elif vendor == "osticket":
        subject = f"Re: {title} [#{ticket}]"
        text = f"Dear {inq.name},\n\n{answer.strip()}\n\nYour {SITE_NAME} Team,\n{agent.name}\n"
        text += (
            "\nWe hope this response has sufficiently answered your questions. If not, please do not send "
            "another email. Instead, reply to this email or login to your account for a complete archive of "
            "all your support requests and responses.\n"
        )
        message_id = f"<ost-{secrets.token_hex(8)}@lindenrowdental.example>"
        sender = (f"{SITE_NAME} Support", "support@lindenrowdental.example")
        extra = [("X-Mailer", "osTicket Mailer")]
    elif vendor == "freshdesk":
        subject = f"Re: [#{ticket}] {title}"
        text = f"{answer.strip()}\n\n{agent.name}\n{SITE_NAME}\n"
        if history:
            d = inq.received_at.astimezone(BUSINESS.timezone)
            text += f"\nOn {d:%a}, {d:%d %b} at {d:%I:%M %p}, {inq.name} <{inq.sender}> wrote:\n"
            text += quote_lines(inq.question) + "\n"
        message_id = f"<{secrets.token_hex(16)}@freshdesk.example>"
        sender = (f"{agent.name} | {SITE_NAME} Support", "support@lindenrowdental.example")
        extra = [("X-FD-Email", "true")]
    elif vendor == "helpscout":
        subject = f"Re: {title}"
        text = f"{answer.strip()}\n\n{agent.name}\n{agent.title}, {SITE_NAME}\n\nConversation #{ticket}\n"
        message_id = f"<reply-{ticket}-{secrets.randbelow(10**9)}@helpscout.example>"
        sender = (f"{agent.name}", BUSINESS.address)
        extra = [("X-HelpScout-Conversation", ticket)]
    else:
        raise ValueError(vendor)
    headers = [
        ("Date", rfc_date(now)),
        ("From", address(*sender)),
        ("Reply-To", address(*sender)),
        ("To", address(inq.name, to)),
        ("Message-ID", message_id),
        *threading,
        ("Subject", encoded_word(subject)),
        ("MIME-Version", "1.0"),
        *extra,
    ]
    html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
    body = Multipart("alternative", [text_part(text), text_part(html_body, "html")])
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from=f"bounces+{secrets.token_hex(4)}@lindenrowdental.example",
        to=(to,),
        from_addr=sender[1],
        subject=subject,
    )


# --- group mailbox --------------------------------------------------------------------------


def google_group_post(inq: Inquiry, agent: Person, answer: str, now: datetime, *, to: str) -> Outgoing:
    """A person's answer posted from a Google Groups collaborative inbox (info@ is the group):
    the group sends it, so it carries the list headers a newsletter carries."""
    o = inq.original
    d = o.date.astimezone(BUSINESS.timezone)
    subject = f"Re: {o.subject}"
    text = (
        f"{answer.strip()}\n\n{agent.name}\n{agent.title}, {SITE_NAME}\n\n"
        f"On {d:%a}, {d.day} {d:%b} {d.year} at {d:%H:%M}, {o.from_name} <{o.from_addr}> wrote:\n\n"
        f"{quote_lines(o.text)}\n\n"
        "-- \nYou received this message because you are subscribed to the Google Groups "
        f'"{SITE_NAME} info" group.\nTo unsubscribe from this group and stop receiving emails from it, send an '
        "email to info+unsubscribe@lindenrowdental.example.\n"
    )
    message_id = f"<{secrets.token_hex(8)}-{secrets.token_hex(4)}n@lindenrowdental.example>"
    headers = [
        ("Date", rfc_date(now)),
        ("From", address(f"{agent.name} via {SITE_NAME} info", BUSINESS.address)),
        ("Reply-To", address(agent.name, agent.email)),
        ("To", address(inq.name, to)),
        ("Cc", address(f"{SITE_NAME} info", BUSINESS.address)),
        ("Message-Id", message_id),
        ("In-Reply-To", o.message_id),
        ("References", " ".join((*o.references, o.message_id))),
        ("Subject", encoded_word(subject)),
        ("MIME-Version", "1.0"),
        ("X-Original-Sender", agent.email),
        ("Precedence", "list"),
        ("Mailing-list", f"list {BUSINESS.address}; contact info+owners@lindenrowdental.example"),
        ("List-ID", "<info.lindenrowdental.example>"),
        ("X-Google-Group-Id", "918273645566"),
        ("List-Post", "<mailto:info@lindenrowdental.example>"),
        ("List-Help", "<mailto:info+help@lindenrowdental.example>"),
        (
            "List-Unsubscribe",
            "<mailto:googlegroups-manage+918273645566+unsubscribe@googlegroups.example>",
        ),
    ]
    html_body = "<div dir='ltr'>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</div>"
    body = Multipart(
        "alternative",
        [text_part(text), text_part(html_body, "html")],
        boundary="000000000000" + secrets.token_hex(10),
    )
    return _out(
        headers,
        body,
        message_id=message_id,
        envelope_from="info+bncBC" + secrets.token_hex(10) + "@lindenrowdental.example",
        to=(to, BUSINESS.address),
        from_addr=BUSINESS.address,
        subject=subject,
    )


def wrap(text: str, width: int = 72) -> str:
    """Paragraphs wrapped as a plain-text client wraps them."""
    return "\n\n".join(textwrap.fill(p, width) if not p.startswith(">") else p for p in text.strip().split("\n\n"))
