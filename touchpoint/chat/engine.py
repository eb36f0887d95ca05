"""Chat journeys: open the site's chat early, write as a customer, and keep listening while the
rest of the audit runs; at the end, time the first answer from a person against the chat's SLA.

A chat cannot be resumed the next day: one that gets no person's answer before the run ends is
`unanswered`. Every message is kept in the ledger with its verdict and why; this run's messages
become the templates later runs recognise.

    chats = ChatJourneys(profile, site="acme", ledger=ledger, run_id=run, executable=chromium, ...)
    started = chats.start("chat")
    result = chats.collect("chat")
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from touchpoint.attempts.engine import refusal
from touchpoint.attempts.shopper import identity_for
from touchpoint.chat.classify import Verdict, judge, template_hash
from touchpoint.chat.session import ChatSession, Transcript
from touchpoint.contacts.contact_page import same_site
from touchpoint.ledger import Attempt, Ledger
from touchpoint.profile.model import SiteProfile
from touchpoint.replies.sla import BusinessHours, due_at

__all__ = ["ChatJourneys", "ChatResult", "ChatStart"]


@dataclass
class ChatStart:
    channel: str
    state: str  # sent, not-found, failed, hidden, offline, dry-run, not-opted-in, skipped
    message: str
    transcript: Transcript | None = None
    attempt: Attempt | None = None


@dataclass
class ChatResult:
    channel: str
    outcome: str  # met, breached, unanswered, none
    message: str
    transcript: Transcript | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    attempt: Attempt | None = None
    first_human: Verdict | None = None


class ChatJourneys:
    def __init__(
        self,
        profile: SiteProfile,
        *,
        site: str,
        ledger: Ledger,
        run_id: int,
        executable: str | None,
        cdp_endpoint: str | None = None,
        dry_run: bool = False,
        max_wait: timedelta | None = None,
        on_offline: Callable[[], object] | None = None,
    ) -> None:
        self.profile = profile
        self.site = site
        self.ledger = ledger
        self.run_id = run_id
        self.executable = executable
        self.cdp_endpoint = cdp_endpoint
        self.dry_run = dry_run
        self.hours = BusinessHours(profile.hours, profile.timezone)
        # How long the run waits for an answer after asking, counted from each chat's own send.
        self.max_wait = max_wait if max_wait is not None else profile.audit.max_wait
        self.sessions: dict[str, ChatSession] = {}
        self.started: dict[str, ChatStart] = {}
        self.templates = ledger.templates(site)
        self.on_offline = on_offline

    def start(self, name: str, *, page: Callable[[], str | None] | None = None) -> ChatStart:
        channel = self.profile.channels[name]
        url = (
            self.profile.url_of(channel.page)
            if channel.page and self.profile.base_url
            else ((page() if page else None) or self.profile.base_url)
        )
        if not url:
            return self._done(ChatStart(name, "not-found", "No page to open the chat on"))
        send = channel.submit and not self.dry_run
        if send and not (self.profile.base_url and same_site(url, self.profile.base_url)):
            return self._done(ChatStart(name, "skipped", f"{url} is not on the profile's own site"))
        who = identity_for(
            self.profile.shopper.model_copy(update={"email": self.profile.shopper.email or "x@y.z"}),
            channel,
            site=self.profile.name,
            language=self.profile.language,
        )
        attempt = None
        if send:
            for old in self.ledger.unsettled(self.site, name):  # a live chat dies with its run
                if old.run_id != self.run_id and old.state == "sent" and not old.detail.get("offline_form"):
                    self.ledger.resolve(old.id, "unanswered")
            claim = self.ledger.claim_attempt(
                self.run_id,
                self.site,
                name,
                kind="chat",
                token=who.token,
                reply_to=who.reply_to,
                target=url,
                min_interval=channel.min_interval,
                detail={"message": who.message},
            )
            if claim.attempt is None:
                refused = refusal(self.ledger, self.run_id, datetime.now(UTC), name, channel, claim)
                return self._done(ChatStart(name, "skipped", refused.message))
            attempt = claim.attempt
        visitor = {"name": who.name, "email": who.reply_to, "phone": who.phone}
        session = ChatSession(
            url,
            message=who.message,
            executable=self.executable,
            cdp_endpoint=self.cdp_endpoint,
            send=send,
            visitor=visitor,
        ).start()
        self.sessions[name] = session
        session.wait_sent(90)
        transcript = session.snapshot()
        if transcript.finding or (send and transcript.sent_at is None):
            if attempt is not None:
                self.ledger.mark_not_sent(
                    attempt.id, "failed", {"finding": transcript.finding, "errors": transcript.errors}
                )
            session.stop()
            # A hidden chat, or an offline one that takes no email, is what visitors meet: reported as
            # such; a widget that failed to load, did not open or takes no text is a failure.
            state = (
                transcript.state
                if transcript.state in ("hidden", "offline")
                else ("failed" if transcript.vendor else "not-found")
            )
            return self._done(
                ChatStart(name, state, transcript.finding or "the question could not be sent", transcript)
            )
        if attempt is None:
            why = (
                "--audit-dry-run"
                if channel.submit
                else f"the profile does not opt in (submit = false in [channels.{name}])"
            )
            session.stop()
            return self._done(
                ChatStart(
                    name,
                    "dry-run" if channel.submit else "not-opted-in",
                    f"Found the {transcript.vendor} chat; nothing sent: {why}",
                    transcript,
                )
            )
        sent_at = transcript.sent_at or datetime.now(UTC)
        attempt = self.ledger.mark_sent(
            attempt.id,
            sent_at=sent_at,
            due_at=due_at(sent_at, channel.sla, self.hours),
            sla_seconds=channel.sla.total_seconds(),
            detail={
                "vendor": transcript.vendor,
                "status": transcript.status,
                "offline_form": transcript.sent_by == "offline form",
            },
        )
        if transcript.sent_by == "offline form" and self.on_offline is not None:
            self.on_offline()  # the answer will come by email: make sure the mailbox is watched
        status = f" (it says it is {transcript.status})" if transcript.status else ""
        return self._done(
            ChatStart(
                name,
                "sent",
                f"Wrote in the {transcript.vendor} chat{status} by "
                f"{transcript.sent_by}: “{who.message.splitlines()[0][:80]}”",
                transcript,
                attempt,
            )
        )

    def _done(self, started: ChatStart) -> ChatStart:
        self.started[started.channel] = started
        return started

    def collect(self, name: str) -> ChatResult:
        started = self.started.get(name)
        session = self.sessions.get(name)
        if started is None or started.attempt is None or session is None:
            return ChatResult(
                name,
                "none",
                started.message if started else "No chat was started",
                started.transcript if started else None,
            )
        channel = self.profile.channels[name]
        if started.transcript is not None and started.transcript.sent_by == "offline form":
            return self._collect_offline(name, started, session)

        def answered(transcript: Transcript) -> bool:
            return transcript.closed or any(
                v.human
                for v in judge(
                    transcript.messages,
                    sent_at=transcript.sent_at,
                    min_human=channel.min_human,
                    templates=self.templates,
                )
            )

        session.wait(answered, self._ends(started))
        transcript = session.stop()
        verdicts = judge(
            transcript.messages, sent_at=transcript.sent_at, min_human=channel.min_human, templates=self.templates
        )
        attempt = started.attempt
        for i, v in enumerate(verdicts):
            if v.message.author == "visitor":
                continue
            self.ledger.add_reply(
                attempt.id,
                source_id=f"chat:{attempt.token}:{i}",
                received_at=v.message.at,
                sender=v.message.name or v.message.author,
                subject=f"chat ({v.message.author})",
                excerpt=v.message.text[:600],
                human=v.human,
                why=v.why,
            )
        self.ledger.add_templates(
            self.site,
            {
                template_hash(v.message.text): v.message.text
                for v in verdicts
                if v.message.author != "visitor" and v.message.text.strip()
            },
        )
        first = next((v for v in verdicts if v.human), None)
        if first is not None:
            met = attempt.due_at is None or first.message.at <= attempt.due_at
            outcome = "met" if met else "breached"
            settled = self.ledger.resolve(attempt.id, outcome, human_reply_at=first.message.at)
        else:
            outcome = "unanswered"
            settled = self.ledger.resolve(attempt.id, outcome)
        closing = " The chat was closed before a person answered." if transcript.closed and first is None else ""
        return ChatResult(name, outcome, closing.strip(), transcript, verdicts, settled, first)

    def _ends(self, started: ChatStart) -> float:
        """The monotonic moment this run stops waiting for the chat's answer: `max_wait` after
        the question went out (by the browser's clock, converted to now)."""
        sent = started.transcript.sent_at if started.transcript is not None else None
        left = self.max_wait - (datetime.now(UTC) - sent) if sent is not None else self.max_wait
        return time.monotonic() + left.total_seconds()

    def _collect_offline(self, name: str, started: ChatStart, session: ChatSession) -> ChatResult:
        """The chat was offline and a message was left in its form: the answer comes by email
        (heard by the mailbox watcher), on the chat's own deadline."""
        attempt = started.attempt
        assert attempt is not None
        transcript = session.stop()
        ends = self._ends(started)
        while time.monotonic() < ends:
            attempt = self.ledger.attempt(attempt.id)
            if attempt.human_reply_at is not None or (attempt.due_at and datetime.now(UTC) > attempt.due_at):
                break
            time.sleep(0.5)
        attempt = self.ledger.attempt(attempt.id)
        if attempt.human_reply_at is not None:
            outcome = "met" if attempt.due_at is None or attempt.human_reply_at <= attempt.due_at else "breached"
        else:
            outcome = "breached" if attempt.due_at and datetime.now(UTC) > attempt.due_at else "pending"
        settled = self.ledger.resolve(attempt.id, outcome, human_reply_at=attempt.human_reply_at)
        note = "The chat was offline; the shopper left a message in its form, to be answered by email."
        return ChatResult(name, outcome, note, transcript, [], settled)

    def close(self) -> None:
        for session in self.sessions.values():
            session.stop()
