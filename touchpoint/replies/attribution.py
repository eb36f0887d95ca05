"""Which of our requests a message is about, by evidence, and whether it is the answer (pure).

Evidence, strongest first:

1. thread: In-Reply-To/References name a message of the request's conversation (the email we
   sent, or a message the business already wrote in it, such as its help desk's acknowledgement);
   a bounce that carries our Message-ID;
2. token: our reference (TP-XXXXXX) in the subject, the text or what it quotes;
3. ticket: the ticket number the business's help desk gave this request;
4. quote: it quotes our question (when no other request of ours asked the same words);
5. address: it was sent to the request's own reply address — the weakest, and
6. domain: from the site's domain, to the shopper's plain address, with one request open there.

A message with only weak evidence (5, 6) counts only when nothing contradicts it; contrary
evidence is a thread that names a message we never sent, another reference or ticket number
than the request's, a quote of a message we never sent, or arriving before we asked. Then it is
"about another conversation": recorded and shown, never the answer. A machine's message (see
`kinds`) is attributed the same way and never counted.

    found = attribute(mail, conversations)
    found.attempt_id, found.counted, found.verdict, found.why
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from touchpoint.ledger import Attempt
from touchpoint.replies.kinds import Kind, classify
from touchpoint.replies.message import Mail
from touchpoint.replies.references import about_refs, link_refs, ticket_refs, tokens

__all__ = ["Attribution", "Clue", "Conversation", "attribute", "quotes_question"]

STRENGTH = {"thread": 100, "token": 50, "ticket": 30, "quote": 20, "address": 10, "domain": 2, "shared-quote": 3}
STRONG = 20
EARLY = timedelta(seconds=2)  # INTERNALDATE has whole seconds; the two clocks may differ a little
# Words of a reply to the business's own notification of a web-form lead ("Re: New enquiry from the website").
_LEAD_SUBJECT = re.compile(
    r"(form|website|web site|site|callback|call back|enquiry|inquiry|lead|contact|message from|"
    r"заявк|обратн\w+ звон|с сайта|форм|сообщение с|užklaus|forma|svetain|skambuč)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Conversation:
    """One of our requests, with what the business has written in it so far."""

    attempt: Attempt
    message_ids: frozenset[str] = frozenset()  # ours and the business's messages in it
    refs: frozenset[str] = frozenset()  # ticket numbers the business gave it
    question: str = ""  # what we wrote (without the quality-check line every request shares)


@dataclass(frozen=True, slots=True)
class Clue:
    # for: thread, token, ticket, quote, shared-quote, address, domain;
    # against: foreign-thread, other-reference, foreign-quote, early
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class Attribution:
    attempt_id: int | None  # the request it is about; None: none of ours
    via_id: int | None  # the request whose reply address it came to, when that is not `attempt_id`
    kind: Kind
    counted: bool  # a person's answer to `attempt_id`: it stops the clock
    verdict: str  # answer, address-only, other-conversation, machine, forward, not-ours, ambiguous, too-early
    why: str  # one sentence for the report
    clues: tuple[Clue, ...] = ()
    refs: tuple[str, ...] = field(default=())  # the business's reference numbers it carries

    def evidence(self) -> list[dict[str, str]]:
        return [{"kind": c.kind, "detail": c.detail} for c in self.clues]


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if not w.isdigit() or len(w) > 2]


def quotes_question(text: str, question: str, *, span: int = 5) -> bool:
    """Does `text` repeat our question: a run of `span` of its words, or all of a short one?"""
    asked = _words(re.sub(r"\bTP-?[A-Z0-9]{6}\b", " ", question, flags=re.IGNORECASE))
    if len(asked) < 3:
        return False
    said = " " + " ".join(_words(text)) + " "
    if len(asked) <= span:
        return f" {' '.join(asked)} " in said
    runs = {" " + " ".join(asked[i : i + span]) + " " for i in range(len(asked) - span + 1)}
    hits = sum(run in said for run in runs)
    return hits >= min(2, len(runs))


def _domain(address_or_url: str) -> str:
    if "@" in address_or_url and "://" not in address_or_url:
        host = address_or_url.rsplit("@", 1)[1]
    else:
        host = urlsplit(address_or_url).hostname or ""
    return host.lower().removeprefix("www.")


def _label(attempt: Attempt) -> str:
    return f"{attempt.token} ({attempt.channel})"


def _support(mail: Mail, c: Conversation, found_tokens: list[str], refs: list[str], shared: bool) -> list[Clue]:
    a = c.attempt
    clues = []
    thread = [i for i in mail.in_reply_to if i in c.message_ids]
    if thread:
        ours = "our message" if a.message_id in thread else "the business's earlier message in it"
        clues.append(Clue("thread", f"in the thread of {_label(a)}: replies to {ours} {thread[0]}"))
    elif a.message_id and a.message_id in mail.carried:
        clues.append(Clue("thread", f"carries our message {a.message_id} back"))
    if a.token.upper() in found_tokens:
        where = "subject" if a.token.upper() in tokens(mail.subject) else "text"
        where = "quote" if where == "text" and a.token.upper() not in tokens(mail.fresh) else where
        clues.append(Clue("token", f"our reference {a.token} in the {where}"))
    known = [r for r in refs if r in c.refs]
    if known:
        clues.append(Clue("ticket", f"ticket {known[0]}, the number the business gave {a.token}"))
    if c.question and quotes_question(mail.quoted or mail.text, c.question):
        kind = "shared-quote" if shared else "quote"
        clues.append(Clue(kind, "quotes our question" + (" (other requests asked the same)" if shared else "")))
    if a.reply_to and a.reply_to.lower() in mail.recipients:
        clues.append(Clue("address", f"sent to the reply address of {_label(a)}"))
    return clues


def _contrary(mail: Mail, c: Conversation, kind: Kind, others: Sequence[Conversation]) -> list[Clue]:
    """What shows a weakly matched message is about something else."""
    a = c.attempt
    against = []
    strangers = [t for t in tokens(f"{mail.subject}\n{mail.text}") if t != a.token.upper()]
    if strangers:
        against.append(Clue("other-reference", f"names reference {strangers[0]}, not {a.token}"))
    known_elsewhere = {r for o in others if o.attempt.id != a.id for r in o.refs}
    subject_refs = ticket_refs(mail.subject)
    named = list(dict.fromkeys(subject_refs + about_refs(mail.fresh or mail.text)))
    for ref in named:
        if ref in c.refs:
            continue
        if kind.kind == "ticket-ack" and ref in subject_refs and ref not in known_elsewhere:
            continue  # the help desk's acknowledgement gives the request its own number
        against.append(Clue("other-reference", f"about #{ref}, which is not a number of {a.token}"))
        break
    foreign = [i for i in mail.in_reply_to if i not in c.message_ids]
    if mail.in_reply_to and len(foreign) == len(mail.in_reply_to):
        lead_reply = not a.message_id and _LEAD_SUBJECT.search(mail.subject) and not named
        if not lead_reply:
            against.append(Clue("foreign-thread", f"in reply to a message we never sent {foreign[0]}"))
    ours_quoted = (
        (c.question and quotes_question(mail.quoted, c.question))
        or a.token.upper() in tokens(mail.quoted)
        or any(r in c.refs for r in ticket_refs(mail.quoted))
    )
    if len(_words(mail.quoted)) >= 12 and not ours_quoted:
        against.append(Clue("foreign-quote", f"quotes a message we never sent: “{mail.quoted[:80].strip()}…”"))
    sent = a.sent_at or a.planned_at
    if mail.received_at < sent - EARLY:
        against.append(Clue("early", f"arrived before {a.token} was sent"))
    return against


def _describe(kind: Kind, clues: Sequence[Clue]) -> str:
    return "; ".join(c.detail for c in clues)


def attribute(
    mail: Mail,
    conversations: Sequence[Conversation],
    *,
    site_domains: Mapping[str, str] | None = None,
    kind: Kind | None = None,
) -> Attribution:
    kind = kind or classify(mail)
    found_tokens = tokens(f"{mail.subject}\n{mail.text}\n{mail.carried}")
    refs = list(dict.fromkeys(ticket_refs(mail.subject) + ticket_refs(mail.fresh or mail.text)))
    # The numbers it carries in its subject join the conversation; a help desk's acknowledgement
    # also gives the number it names in its text or its links (".../helpdesk/tickets/5127").
    given = ticket_refs(mail.subject)
    if kind.kind == "ticket-ack":
        given = list(dict.fromkeys(given + refs + link_refs(mail.fresh or mail.text)))
    asked: dict[str, int] = {}
    for c in conversations:
        key = " ".join(_words(c.question))[:400]
        asked[key] = asked.get(key, 0) + 1
    support: dict[int, list[Clue]] = {}
    by_id = {c.attempt.id: c for c in conversations}
    for c in conversations:
        shared = asked.get(" ".join(_words(c.question))[:400], 0) > 1
        clues = _support(mail, c, found_tokens, refs, shared)
        if clues:
            support[c.attempt.id] = clues
    addressed = [i for i, clues in support.items() if any(x.kind == "address" for x in clues)]
    via = addressed[0] if len(addressed) == 1 else None

    def score(i: int) -> int:
        return sum(STRENGTH[x.kind] for x in support[i])

    strong = [i for i in support if max(STRENGTH[x.kind] for x in support[i]) >= STRONG]
    if strong:
        ranked = sorted(strong, key=score, reverse=True)
        if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]):
            names = ", ".join(by_id[i].attempt.token for i in ranked[:2])
            return Attribution(
                None, via, kind, False, "ambiguous", f"names more than one of our requests ({names})", (), tuple(given)
            )
        best = by_id[ranked[0]]
        return _settled(mail, best, kind, support[best.attempt.id], via, weak=False, refs=given)
    if len(addressed) > 1:
        names = ", ".join(by_id[i].attempt.token for i in addressed)
        return Attribution(None, None, kind, False, "ambiguous", f"sent to the addresses of {names}", (), tuple(given))
    candidate = by_id[addressed[0]] if addressed else _by_domain(mail, conversations, site_domains or {})
    if candidate is None:
        return Attribution(None, None, kind, False, "not-ours", "nothing in it ties it to one of our requests")
    clues = support.get(candidate.attempt.id) or [
        Clue("domain", f"from the site's own domain ({_domain(mail.sender)}), the only request open there")
    ]
    if kind.kind == "bulk":  # a newsletter to the address the request gave: shown with it, not about it
        why = f"{kind.why}, sent to the address of {candidate.attempt.token}: not about the request"
        return Attribution(None, candidate.attempt.id, kind, False, "other-conversation", why, tuple(clues))
    against = _contrary(mail, candidate, kind, conversations)
    if against:
        why = f"about another conversation: {_describe(kind, against)}; only the {clues[0].kind} matched"
        return Attribution(
            None, candidate.attempt.id, kind, False, "other-conversation", why, tuple(clues + against), tuple(given)
        )
    return _settled(mail, candidate, kind, clues, None, weak=True, refs=given)


def _settled(
    mail: Mail, c: Conversation, kind: Kind, clues: list[Clue], via: int | None, *, weak: bool, refs: list[str]
) -> Attribution:
    a = c.attempt
    sent = a.sent_at or a.planned_at
    via_id = via if via is not None and via != a.id else None
    if not kind.person:
        verdict = "forward" if kind.kind == "forward" else "machine"
        why = f"{kind.why}: not a person's answer"
        return Attribution(a.id, via_id, kind, False, verdict, why, tuple(clues), tuple(refs))
    if mail.received_at < sent - EARLY:
        return Attribution(
            a.id, via_id, kind, False, "too-early", f"arrived before {a.token} was sent", tuple(clues), tuple(refs)
        )
    if weak:
        only = "address" if clues[0].kind == "address" else "the sender's domain"
        why = f"a person's answer, matched by {only} only (nothing in it contradicts)"
        return Attribution(a.id, None, kind, True, "address-only", why, tuple(clues), tuple(refs))
    why = f"a person's answer: {_describe(kind, [x for x in clues if x.kind != 'address'])}"
    return Attribution(a.id, via_id, kind, True, "answer", why, tuple(clues), tuple(refs))


def _by_domain(
    mail: Mail, conversations: Sequence[Conversation], site_domains: Mapping[str, str]
) -> Conversation | None:
    """The only open request to the sender's site, for mail to the shopper's plain address."""
    if any(re.search(r"\+tp[a-z0-9]{6}@|^tp[a-z0-9]{6}@", r) for r in mail.recipients):
        return None  # written to a per-request address that is none of these: not a guess to make
    sender = _domain(mail.sender)
    if not sender:
        return None
    there = [
        c
        for c in conversations
        if c.attempt.open and (_domain(c.attempt.target) == sender or site_domains.get(c.attempt.site, "") == sender)
    ]
    return there[0] if len(there) == 1 else None
