"""Check the bed's plumbing without the audit: python -m tests.beds.mailbiz.selftest [scenario]

Stands in for the audit: sends one email to the clinic's SMTP server and posts the contact form
with urllib, waits for the scenario's messages, reads the shopper's mailbox with imap_tools and
prints the answer key. Exits 1 when something does not add up. `all` runs every scenario;
`--dump DIR` writes each delivered message (.eml) and the answer key to DIR/<scenario>/;
`--dry` only builds every scenario's messages and parses them back, without servers.
"""

from __future__ import annotations

import json
import secrets
import smtplib
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from pathlib import Path

from imap_tools import MailBox, MailBoxUnencrypted

from . import SCENARIOS, MailBusiness, by_name
from .business import BUSINESS, SHOPPER
from .model import Ctx, Inquiry, Original, Outgoing
from .systems import lead_notification


def token() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def send_email(biz: MailBusiness) -> str:
    t = token()
    ref = f"TP-{t.upper()}"
    msg = EmailMessage()
    msg["From"] = f"{SHOPPER.name} <{SHOPPER.email}>"
    msg["To"] = BUSINESS.address
    msg["Reply-To"] = f"alex.morgan+tp{t}@shopper.example"
    msg["Subject"] = f"A question [{ref}]"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain="shopper.example")
    msg.set_content(
        f"{SHOPPER.message} ({ref})\n\nAlex Morgan\n\n"
        f"This message is part of a customer-service quality check for {biz.base_url}. Reference {ref}.\n"
    )
    with smtplib.SMTP(biz.host, biz.business_smtp.port, local_hostname="shopper.example", timeout=30) as smtp:
        smtp.send_message(msg, from_addr=SHOPPER.email, to_addrs=[BUSINESS.address])
    return ref


def post_form(biz: MailBusiness) -> tuple[str, int, str]:
    t = token()
    ref = f"TP-{t.upper()}"
    data = urllib.parse.urlencode(
        {
            "name": SHOPPER.name,
            "email": f"alex.morgan+tp{t}@shopper.example",
            "phone": SHOPPER.phone,
            "message": f"{SHOPPER.message} ({ref})\n\nThis message is part of a customer-service quality check "
            f"for {biz.base_url}. Reference {ref}.",
        }
    ).encode()
    request = urllib.request.Request(biz.base_url + "contact", data=data, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # loopback only
        return ref, response.status, response.read().decode()


def _raw(box: MailBoxUnencrypted, uid: str) -> bytes:
    """The message exactly as delivered (imap_tools re-serialises what it parsed)."""
    typ, data = box.client.uid("fetch", uid, "(BODY.PEEK[])")
    for item in data:
        if isinstance(item, tuple):
            return bytes(item[1])
    raise RuntimeError(f"no body for uid {uid}: {typ} {data!r}")


def run(name: str, dump: Path | None = None) -> bool:
    scenario = by_name(name)
    with MailBusiness(scenario) as biz:
        toml = biz.profile_toml()
        print(toml)
        form_ref, status, page = post_form(biz)
        ok = status == 200 and "Thank you, we will call you back" in page
        print(f"form {form_ref}: HTTP {status}, confirmation shown: {ok}")
        email_ref = send_email(biz)
        print(f"email {email_ref} sent")
        started = time.monotonic()
        done = biz.wait_done(timeout=60)
        print(f"all delivered: {done} after {time.monotonic() - started:.1f}s")
        password = biz.env[next(iter(biz.env))]
        box: MailBox | MailBoxUnencrypted
        with MailBoxUnencrypted(biz.host, biz.mailbox.port).login("shopper", password) as box:
            mails = list(box.fetch(mark_seen=False))
            raws = [_raw(box, m.uid) for m in mails if m.uid]
        truth = biz.truth()
    if dump is not None:
        folder = dump / name
        folder.mkdir(parents=True, exist_ok=True)
        for i, raw in enumerate(raws, 1):
            (folder / f"{i:02d}.eml").write_bytes(raw)
        (folder / "truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(truth, indent=2, ensure_ascii=False))
    seen = {str(m.obj["Message-ID"] or "").strip() for m in mails}
    print(f"mailbox holds {len(mails)} messages:")
    for m in mails:
        print(f"  {m.date_str[:31]:31}  {m.from_:45.45}  {m.subject[:70]}")
    missing = [m["message_id"] for m in truth["messages"] if m["message_id"] not in seen]
    tokens = {q["channel"]: q["token"] for q in truth["inquiries"]}
    good = (
        ok
        and done
        and not missing
        and not truth["errors"]
        and len(mails) == len(scenario.steps)
        and tokens == {"callback": form_ref, "email": email_ref}
    )
    print("OK" if good else f"FAILED: missing={missing} errors={truth['errors']} tokens={tokens}")
    return good


def dry() -> bool:
    """Build every scenario's messages without servers and parse them back: each must be a
    well-formed message whose Message-ID, subject and text survive a standard parser."""
    now = datetime.now(UTC)
    base = "http://127.0.0.1:8080/"
    ref = "TP-ABC234"
    question = f"{SHOPPER.message} ({ref})\n\nThis message is part of a customer-service quality check for {base}."
    original, raw = lead_notification(
        SHOPPER.name, "alex.morgan+tpabc234@shopper.example", SHOPPER.phone, question, base, now
    )
    form = Inquiry(
        "callback",
        now,
        ref,
        "alex.morgan+tpabc234@shopper.example",
        SHOPPER.name,
        SHOPPER.phone,
        question,
        original,
        sender="alex.morgan+tpabc234@shopper.example",
        raw=raw,
    )
    mail_original = Original(
        "<q1@shopper.example>", f"A question [{ref}]", SHOPPER.name, SHOPPER.email, BUSINESS.address, now, question
    )
    mail_raw = (
        f"From: {SHOPPER.name} <{SHOPPER.email}>\r\nTo: {BUSINESS.address}\r\nSubject: A question [{ref}]\r\n"
        f"Message-ID: <q1@shopper.example>\r\n\r\n{question}\r\n"
    ).encode()
    email = Inquiry(
        "email",
        now,
        ref,
        "alex.morgan+tpxyz789@shopper.example",
        SHOPPER.name,
        "",
        question,
        mail_original,
        envelope_from=SHOPPER.email,
        sender=SHOPPER.email,
        raw=mail_raw,
    )
    good = True
    for scenario in SCENARIOS:
        sent: dict[str, Outgoing] = {}
        for step in sorted(scenario.steps, key=lambda st: st.after):
            ctx = Ctx({"callback": form, "email": email}, now + timedelta(seconds=step.after), base, sent=dict(sent))
            out = step.build(ctx)
            sent[step.label] = out
            msg = BytesParser(policy=policy.default).parsebytes(out.raw)
            problems = [str(d) for d in msg.defects]
            for part in msg.walk():
                problems += [str(d) for d in part.defects]
                if not part.is_multipart() and part.get_content_maintype() == "text":
                    part.get_content()
            if str(msg["Message-ID"]).strip() != out.message_id:
                problems.append(f"Message-ID {msg['Message-ID']!r} != {out.message_id!r}")
            if str(msg["Subject"]) != out.subject:
                problems.append(f"Subject {msg['Subject']!r} != {out.subject!r}")
            if problems:
                good = False
            print(f"{scenario.name:30} {step.label[:44]:44} {problems or 'ok'}")
    return good


def main(argv: list[str]) -> int:
    if argv == ["--dry"]:
        return 0 if dry() else 1
    dump: Path | None = None
    if "--dump" in argv:
        at = argv.index("--dump")
        dump = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    names = argv or ["baseline"]
    if names == ["all"]:
        names = [s.name for s in SCENARIOS]
    results = {name: run(name, dump) for name in names}
    for name, good in results.items():
        print(f"{name:32} {'OK' if good else 'FAILED'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
