"""Answers that come by phone: Twilio-format webhooks for the shopper's number.

Point the shopper's Twilio number at `touchpoint webhook sites/acme.toml` (its /twilio/sms and
/twilio/voice URLs). An SMS or a call from the business is recorded as the reply to the latest
open callback attempt of the site (or to the attempt whose reference the SMS quotes), timed at
its arrival. With TWILIO_AUTH_TOKEN set, requests must carry a valid X-Twilio-Signature
(HMAC-SHA1 of the URL and the sorted parameters, as Twilio documents it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from datetime import UTC, datetime

from aiohttp import web

from touchpoint.ledger import Attempt, Ledger
from touchpoint.replies.kinds import Kind, classify
from touchpoint.replies.message import Mail
from touchpoint.replies.references import about_refs, tokens

__all__ = ["TOKEN_ENV", "make_app", "signature", "valid_signature"]

TOKEN_ENV = "TWILIO_AUTH_TOKEN"
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def signature(url: str, params: Mapping[str, str], auth_token: str) -> str:
    """Twilio's request signature: base64(HMAC-SHA1(token, url + key1 + value1 + key2 + ...))."""
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def valid_signature(url: str, params: Mapping[str, str], given: str, auth_token: str) -> bool:
    return hmac.compare_digest(signature(url, params, auth_token), given or "")


def pick_attempt(ledger: Ledger, site: str, text: str) -> tuple[Attempt | None, str, str]:
    """(the attempt an SMS or call is shown under, its verdict, why), by the same evidence as mail:
    the reference it quotes (strong), else the latest open callback of the site (weak), which a
    reference that is not ours ("about your order #4471", another TP- number) contradicts."""
    open_ = ledger.open_attempts(site)
    quoted = tokens(text)
    for attempt in open_:
        if attempt.token.upper() in quoted:
            return attempt, "answer", f"quotes our reference {attempt.token}"
    forms = [a for a in open_ if a.kind == "form"]
    if not forms:
        return None, "not-ours", "no callback request is waiting"
    latest = forms[-1]
    against = [f"names reference {t}" for t in quoted] + [f"about #{r}" for r in about_refs(text)]
    if against:
        return latest, "other-conversation", f"about another conversation: {against[0]}"
    return latest, "address-only", "the latest callback request waiting (nothing in it says otherwise)"


def make_app(ledger: Ledger, site: str, *, public_url: str | None = None) -> web.Application:
    async def receive(request: web.Request) -> web.Response:
        params = {k: str(v) for k, v in (await request.post()).items()}
        token = os.environ.get(TOKEN_ENV)
        if token:
            url = (public_url.rstrip("/") + request.path_qs) if public_url else str(request.url)
            if not valid_signature(url, params, request.headers.get("X-Twilio-Signature", ""), token):
                return web.Response(status=403, text="bad signature")
        arrived = datetime.now(UTC)
        kind = "call" if request.path.endswith("/voice") else "sms"
        text = params.get("Body", "") if kind == "sms" else f"a call ({params.get('CallStatus', 'ringing')})"
        attempt, verdict, evidence = pick_attempt(ledger, site, text)
        if attempt is not None:
            sid = params.get("MessageSid") or params.get("SmsSid") or params.get("CallSid") or arrived.isoformat()
            sender = params.get("From", "")
            mail = Mail(
                source_id=f"twilio:{sid}",
                received_at=arrived,
                sender=sender,
                sender_name="",
                recipients=(),
                subject=f"{kind.upper()} from {sender}",
                message_id="",
                in_reply_to=(),
                text=text,
            )
            machine = classify(mail) if kind == "sms" else Kind("person", "a call")
            counted = machine.person and verdict in ("answer", "address-only")
            why = (
                f"a person ({kind} from {sender} to {params.get('To', '')}): {evidence}"
                if counted
                else (machine.why if not machine.person else evidence)
            )
            ledger.add_reply(
                attempt.id,
                source_id=mail.source_id,
                received_at=arrived,
                sender=sender,
                subject=mail.subject,
                excerpt=text[:600],
                human=counted,
                why=why,
                kind=machine.kind,
                verdict=verdict if machine.person else "machine",
                evidence=[{"kind": "token" if verdict == "answer" else "address", "detail": evidence}],
            )
            if counted and attempt.human_reply_at is None:
                met = attempt.due_at is None or arrived <= attempt.due_at
                ledger.resolve(attempt.id, "met" if met else "breached", human_reply_at=arrived)
        return web.Response(text=TWIML, content_type="application/xml")

    app = web.Application()
    app.router.add_post("/twilio/sms", receive)
    app.router.add_post("/twilio/voice", receive)
    return app
