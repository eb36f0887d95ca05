"""The reply engine: fire this run's contact attempts, watch for answers while the rest of the
audit runs, and collect each outcome against its business-hours deadline.

The run, in DESIGN.md's words: resolve (attempts of earlier runs still waiting are looked up in
the mailbox first), fire (each attempt is written to the ledger before it is made), probe (the
watcher hears replies in the background), collect (wait for each reply, deadline or the run's
max wait; whatever is still waiting stays pending for the next run).

    engine = ReplyEngine(profile, site="acme", ledger=ledger, run_id=run, inbox=settings, ...)
    fired = engine.fire("callback", use_form=..., email_target=...)
    attempt = engine.collect("callback")
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from touchpoint.attempts.form_journey import FormResult
from touchpoint.attempts.mailer import OutboxSettings, send_inquiry
from touchpoint.attempts.shopper import Identity, identity_for
from touchpoint.budgets import format_duration
from touchpoint.contacts.contact_page import same_site
from touchpoint.ledger import Attempt, Claim, Ledger
from touchpoint.profile.model import Channel, SiteProfile
from touchpoint.replies.attribution import Conversation, attribute
from touchpoint.replies.imap_watch import InboxSettings, InboxWatcher
from touchpoint.replies.message import Mail
from touchpoint.replies.outcome import outcome
from touchpoint.replies.quality import Quality, judge_reply
from touchpoint.replies.sla import BusinessHours, due_at

__all__ = ["Fired", "ReplyEngine", "refusal"]

UseForm = Callable[[str, str, Identity, bool], FormResult]  # (page url, channel, identity, submit)


@dataclass
class Fired:
    """What this run did for a channel."""

    channel: str
    kind: str
    state: str  # sent, dry-run, not-opted-in, failed, needs-person, not-found, waiting, skipped, uncertain
    message: str
    attempt: Attempt | None = None
    form: FormResult | None = None
    notes: list[str] = field(default_factory=list)


# A planned attempt younger than this, of a run that has not finished, is being made by that run.
IN_FLIGHT = timedelta(minutes=15)


def _now() -> datetime:
    return datetime.now(UTC)


def refusal(ledger: Ledger, run_id: int, now: datetime, name: str, channel: Channel, claim: Claim) -> Fired:
    """Why a run does not make an attempt, as the owner reads it."""
    kind, a = channel.kind or "", claim.blocker
    if a is None:
        return Fired(name, kind, "skipped", "Another run is already asking this channel")
    if claim.why == "in-flight":
        alive = not ledger.run_finished(a.run_id) and now - a.planned_at < IN_FLIGHT
        if alive and a.run_id != run_id:
            return Fired(
                name,
                kind,
                "skipped",
                f"Another run (run {a.run_id}) is already asking this channel ({a.token}, since "
                f"{a.planned_at:%H:%M:%S} UTC): this run does not ask again",
            )
        return Fired(
            name,
            kind,
            "uncertain",
            f"An attempt ({a.token}) was being made when run {a.run_id} stopped; it may have gone out, so the "
            "audit does not send another. Check with the business, then settle it with `touchpoint reply record`.",
            a,
        )
    if claim.why == "waiting":
        sent = f"{a.sent_at:%Y-%m-%d %H:%M} UTC" if a.sent_at else "earlier"
        return Fired(
            name,
            kind,
            "waiting",
            f"Still waiting for a person to answer {a.token}, sent {sent}: no new attempt until it is settled",
            a,
        )
    return Fired(
        name,
        kind,
        "skipped",
        f"The last attempt ({a.token}) was at {a.planned_at:%Y-%m-%d %H:%M} UTC, inside the minimum interval "
        f"of {format_duration(channel.min_interval.total_seconds())}",
    )


class ReplyEngine:
    def __init__(
        self,
        profile: SiteProfile,
        *,
        site: str,
        ledger: Ledger,
        run_id: int,
        inbox: InboxSettings | None,
        outbox: OutboxSettings | None,
        dry_run: bool = False,
        max_wait: timedelta | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.profile = profile
        self.site = site
        self.ledger = ledger
        self.run_id = run_id
        self.inbox = inbox
        self.outbox = outbox
        self.dry_run = dry_run
        self.clock = clock
        self.started = clock()
        # How long the run waits for an answer after asking: counted from each attempt's own send,
        # so an attempt made late in a run (a slow browser start) waits as long as an early one.
        self.max_wait = max_wait if max_wait is not None else profile.audit.max_wait
        self.hours = BusinessHours(profile.hours, profile.timezone)
        self.fired: dict[str, Fired] = {}
        self.errors: list[str] = []
        self.earlier = self._earlier(ledger, site, run_id)  # attempts of earlier runs, still waiting
        self._changed = threading.Condition()
        self._watcher: InboxWatcher | None = None

    @staticmethod
    def _earlier(ledger: Ledger, site: str, run_id: int) -> list[Attempt]:
        """Earlier runs' attempts still open. Not this run's own (a chat journey may have
        started before this engine). A chat of an earlier run left open (the run was killed)
        cannot be resumed: it is unanswered."""
        earlier = []
        for attempt in ledger.open_attempts(site):
            if attempt.run_id == run_id:
                continue
            if attempt.kind == "chat" and not attempt.detail.get("offline_form"):
                # a live chat died with its run; one left in an offline form is answered by email
                attempt = ledger.resolve(attempt.id, "unanswered")
            earlier.append(attempt)
        return earlier

    # -- watching ---------------------------------------------------------------------------------

    def watch(self) -> bool:
        """Start the mailbox watcher (once); True when it caught up with what already arrived."""
        if self.inbox is None:
            return False
        if self._watcher is None:
            oldest = min((a.sent_at for a in self.earlier if a.sent_at), default=self.started)
            self._watcher = InboxWatcher(self.inbox, on_mail=self.on_mail, on_error=self.errors.append)
            self._watcher.start(since=min(oldest, self.started))
        return self._watcher.wait_ready(30)

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()

    def on_mail(self, mail: Mail) -> None:
        """A message landed in the shopper's mailbox (called from the watcher's thread): classified,
        attributed by evidence to one of our requests or to none, and recorded either way."""
        found = attribute(mail, self.conversations(), site_domains={self.site: self.profile.host})
        attempt = self.ledger.attempt(found.attempt_id) if found.attempt_id is not None else None

        def record(attempt_id: int, *, counted: bool, why: str, verdict: str, quality: Quality | None = None) -> bool:
            reply = self.ledger.add_reply(
                attempt_id,
                source_id=mail.source_id,
                received_at=mail.received_at,
                sender=f"{mail.sender_name} <{mail.sender}>".strip(),
                subject=mail.subject,
                excerpt=(mail.fresh or mail.text)[:600],
                human=counted,
                why=why,
                quality=quality.to_json() if quality is not None else None,
                message_id=mail.message_id,
                kind=found.kind.kind,
                verdict=verdict,
                evidence=found.evidence(),
                refs=found.refs if verdict not in ("other-conversation", "about-another") else (),
            )
            return reply is not None

        if attempt is not None:
            channel = self.profile.channels.get(attempt.channel) if attempt.site == self.site else None
            keywords = channel.keywords if channel else ()
            quality = judge_reply(mail.fresh or mail.text, company=self.profile.name, keywords=keywords)
            new = record(
                attempt.id,
                counted=found.counted,
                why=found.why,
                verdict=found.verdict,
                quality=quality if found.counted else None,
            )
            if new and found.counted and attempt.site == self.site:
                self._settle(self.ledger.attempt(attempt.id))
        if found.via_id is not None:  # shown with the request whose reply address it came to
            if attempt is None:
                record(found.via_id, counted=False, why=found.why, verdict="other-conversation")
            else:
                why = f"sent to this request's reply address, but about {attempt.token} ({attempt.channel})"
                record(found.via_id, counted=False, why=why, verdict="about-another")
        if attempt is None and found.via_id is None:
            self.ledger.add_stray(
                source_id=mail.source_id,
                message_id=mail.message_id,
                received_at=mail.received_at,
                sender=mail.sender,
                subject=mail.subject,
                kind=found.kind.kind,
                why=found.why,
            )
        with self._changed:
            self._changed.notify_all()

    def conversations(self) -> list[Conversation]:
        """Every request of ours a message may be about (any site's: they share the mailbox), with
        what the business has written in each so far; this run's attempts still being made too (an
        automatic reply can land before the form journey has written its attempt as sent)."""
        threads = self.ledger.threads()
        attempts = self.ledger.sent_attempts() + [
            a for a in self.ledger.attempts_of_run(self.run_id) if a.state == "planned"
        ]
        found = []
        for a in attempts:
            ids, refs = threads.get(a.id, (set(), set()))
            question = str(a.detail.get("message", "")).split("\n\n")[0]
            found.append(
                Conversation(a, frozenset(ids | ({a.message_id} if a.message_id else set())), frozenset(refs), question)
            )
        return found

    def _settle(self, attempt: Attempt) -> Attempt:
        """Write the attempt's outcome as of now; the first human reply closes it."""
        channel = self.profile.channels.get(attempt.channel)
        give_up = channel.give_up if channel else timedelta(days=7)
        replies = self.ledger.replies(attempt.id)
        result = outcome(attempt, replies, self.clock(), give_up)
        human = next((r for r in replies if r.human), None)
        if result != attempt.outcome or (human and attempt.human_reply_at is None):
            attempt = self.ledger.resolve(attempt.id, result, human_reply_at=human.received_at if human else None)
        return attempt

    # -- resolve ----------------------------------------------------------------------------------

    def resolve_earlier(self) -> list[Attempt]:
        """Attempts from earlier runs, looked up in the mailbox and settled as of now."""
        self.watch()
        return [
            a if a.kind == "chat" and a.outcome == "unanswered" else self._settle(self.ledger.attempt(a.id))
            for a in self.earlier
        ]

    # -- fire -------------------------------------------------------------------------------------

    def fire(
        self,
        name: str,
        *,
        form_page: Callable[[], str | None],
        use_form: UseForm,
        email_target: Callable[[], str | None],
    ) -> Fired:
        channel = self.profile.channels[name]
        fired = self._blocked(name, channel)
        if fired is None:
            fired = (
                self._form(name, channel, form_page, use_form)
                if channel.kind == "form"
                else (
                    self._email(name, channel, email_target)
                    if channel.kind == "email"
                    else Fired(
                        name, channel.kind or "", "skipped", f"{channel.kind} channels are audited by their own journey"
                    )
                )
            )
        self.fired[name] = fired
        if fired.attempt is not None and fired.attempt.state == "sent":
            self.watch()
        return fired

    def _blocked(self, name: str, channel: Channel) -> Fired | None:
        """Not again: an attempt still in the air, or one made inside the minimum interval (a first
        look; the claim when the attempt is planned decides, atomically)."""
        unsettled = self.ledger.unsettled(self.site, name)
        planned = [a for a in unsettled if a.state == "planned"]
        if planned:
            return self.refusal(name, channel, Claim(None, planned[0], "in-flight"))
        if unsettled:
            return self.refusal(name, channel, Claim(None, unsettled[-1], "waiting"))
        last = self.ledger.last_sent(self.site, name)
        if last is not None and self.clock() - last.planned_at < channel.min_interval:
            return self.refusal(name, channel, Claim(None, last, "interval"))
        return None

    def refusal(self, name: str, channel: Channel, claim: Claim) -> Fired:
        return refusal(self.ledger, self.run_id, self.clock(), name, channel, claim)

    def _plan(self, name: str, channel: Channel, target: str) -> tuple[Attempt, Identity] | Fired:
        """Claim the attempt in the ledger (atomically: two runs at once cannot both make it)."""
        who = identity_for(self.profile.shopper, channel, site=self.profile.name, language=self.profile.language)
        claim = self.ledger.claim_attempt(
            self.run_id,
            self.site,
            name,
            kind=channel.kind or "",
            token=who.token,
            reply_to=who.reply_to,
            target=target,
            min_interval=channel.min_interval,
            detail={"message": who.message, "subject": who.subject},
        )
        if claim.attempt is None:
            return self.refusal(name, channel, claim)
        return claim.attempt, who

    def _due(self, sent_at: datetime, channel: Channel) -> datetime:
        return due_at(sent_at, channel.sla, self.hours)

    def _form(self, name: str, channel: Channel, form_page: Callable[[], str | None], use_form: UseForm) -> Fired:
        url = form_page()
        if url is None:
            return Fired(
                name,
                "form",
                "not-found",
                f'No page to look for the form on: set page = "/contact" in [channels.{name}]',
            )
        submit = channel.submit and not self.dry_run
        if submit and not (self.profile.base_url and same_site(url, self.profile.base_url)):
            return Fired(name, "form", "skipped", f"{url} is not on the profile's own site: forms are only used there")
        if submit and not self.profile.shopper.email:
            return Fired(name, "form", "failed", "The profile has no [shopper] email to receive the answer at")
        planned = (
            self._plan(name, channel, url)
            if submit
            else (
                None,
                identity_for(
                    self.profile.shopper.model_copy(
                        update={"email": self.profile.shopper.email or "shopper@audit.example"}
                    ),
                    channel,
                    site=self.profile.name,
                    language=self.profile.language,
                ),
            )
        )
        if isinstance(planned, Fired):
            return planned
        attempt, who = planned
        result = use_form(url, name, who, submit)
        if attempt is None:
            why = (
                "--audit-dry-run"
                if channel.submit
                else f"the profile does not opt in (submit = false in [channels.{name}])"
            )
            if result.state in ("needs-person", "not-found", "failed"):
                return Fired(name, "form", result.state, result.message, form=result, notes=result.notes)
            state = "dry-run" if channel.submit else "not-opted-in"
            return Fired(name, "form", state, f"{result.message}. Not sent: {why}", form=result, notes=result.notes)
        detail = {
            "page": result.page_url,
            "form": result.form,
            "confirmation": result.confirmation,
            "network": result.network[-3:],
            "notes": result.notes,
        }
        if result.state == "sent" and result.sent_at is not None:
            sent = self.ledger.mark_sent(
                attempt.id,
                sent_at=result.sent_at,
                due_at=self._due(result.sent_at, channel),
                sla_seconds=channel.sla.total_seconds(),
                detail=detail,
            )
            return Fired(name, "form", "sent", result.message, sent, result, result.notes)
        state = {"needs-person": "needs-person", "not-found": "failed", "offsite": "skipped"}.get(
            result.state, "failed"
        )
        done = self.ledger.mark_not_sent(attempt.id, state, detail)
        return Fired(name, "form", result.state, result.message, done, result, result.notes)

    def _email(self, name: str, channel: Channel, email_target: Callable[[], str | None]) -> Fired:
        to = channel.address or email_target()
        if not to:
            return Fired(
                name,
                "email",
                "not-found",
                f"No email address on the site to write to, and none in [channels.{name}] address",
            )
        if not (channel.submit and not self.dry_run):
            why = (
                "--audit-dry-run"
                if channel.submit
                else f"the profile does not opt in (submit = false in [channels.{name}])"
            )
            return Fired(
                name,
                "email",
                "not-opted-in" if not channel.submit else "dry-run",
                f"Would write to {to}. Not sent: {why}",
            )
        if self.outbox is None or not self.profile.shopper.email:
            return Fired(
                name, "email", "failed", "Cannot send email: the profile needs [outbox] (SMTP) and a [shopper] email"
            )
        planned = self._plan(name, channel, to)
        if isinstance(planned, Fired):
            return planned
        attempt, who = planned
        try:
            message_id, sent_at = send_inquiry(self.outbox, who, sender=self.profile.shopper.email, to=to)
        except OSError as exc:  # smtplib errors are OSErrors
            done = self.ledger.mark_not_sent(attempt.id, "failed", {"error": str(exc)})
            return Fired(name, "email", "failed", f"The email to {to} could not be sent: {exc}", done)
        sent = self.ledger.mark_sent(
            attempt.id,
            sent_at=sent_at,
            due_at=self._due(sent_at, channel),
            sla_seconds=channel.sla.total_seconds(),
            message_id=message_id,
            detail={"to": to, "subject": who.subject},
        )
        return Fired(name, "email", "sent", f'Wrote to {to} ("{who.subject}"); the server accepted it', sent)

    # -- collect ----------------------------------------------------------------------------------

    def collect(self, name: str) -> Attempt | None:
        """Wait for this channel's answer: a person's reply, the deadline, or the run's max wait."""
        fired = self.fired.get(name)
        if fired is None or fired.attempt is None or fired.attempt.state != "sent":
            return fired.attempt if fired else None
        attempt_id = fired.attempt.id
        with self._changed:
            while True:
                attempt = self._settle(self.ledger.attempt(attempt_id))
                if attempt.human_reply_at is not None or attempt.outcome in ("breached", "unanswered"):
                    return attempt
                now = self.clock()
                give_up_at = self.wait_until(attempt)
                stop = min(give_up_at, attempt.due_at or give_up_at)
                if now >= give_up_at:
                    return attempt
                self._changed.wait(timeout=max(0.05, min(1.0, (stop - now).total_seconds())))

    def wait_until(self, attempt: Attempt) -> datetime:
        """When this run stops waiting for the attempt's answer: `max_wait` after it was sent."""
        return (attempt.sent_at or self.started) + self.max_wait

    def strays_seen(self) -> list[dict[str, Any]]:
        """Mail this run saw that is about none of our requests."""
        return self.ledger.strays(noticed_since=self.started)

    @property
    def watching(self) -> bool:
        return self._watcher is not None and self._watcher.connected
