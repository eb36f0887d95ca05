"""The ledger: the durable record of runs, checks, contact attempts and replies.

Every attempt is written before anything waits on it, and every reply the moment it is seen,
each in its own committed transaction, so a run killed at any point loses nothing and the next
run picks up where it stopped. SQLAlchemy Core over SQLite by default (WAL, beside the reports)
or PostgreSQL by URL, a shared ledger for runners on many machines; Alembic keeps the schema.

    ledger = Ledger.open("sqlite:///reports/ledger.sqlite")   # or postgresql://user@host/db
    run = ledger.start_run("acme")
    claim = ledger.claim_attempt(run, "acme", "email", token="TP-7K3Q9", ..., min_interval=timedelta(days=7))
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Insert, RowMapping, Table, and_, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from touchpoint.errors import SetupError
from touchpoint.ledger import migrate
from touchpoint.ledger.engines import engine_for, lock, reading, redacted, sqlite_url
from touchpoint.ledger.tables import (
    attempts,
    chat_templates,
    checks,
    incidents,
    replies,
    runs,
    speed_samples,
    stray_mail,
)

__all__ = ["Attempt", "Claim", "Ledger", "Reply"]

# Attempt states: planned (written, not yet submitted), sent, dry-run, failed, needs-person
# (a CAPTCHA), skipped. Outcomes: pending, met, breached, unanswered, none (nothing was sent).
OPEN_OUTCOMES = ("pending", "breached")
SETTLED_OUTCOMES = ("met", "breached", "unanswered")


def now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class Attempt:
    id: int
    run_id: int
    site: str
    channel: str
    kind: str
    token: str
    reply_to: str
    target: str
    state: str
    planned_at: datetime
    sent_at: datetime | None
    due_at: datetime | None
    sla_seconds: float | None
    message_id: str | None
    outcome: str
    human_reply_at: datetime | None
    resolved_at: datetime | None
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return self.state == "sent" and self.outcome in OPEN_OUTCOMES and self.human_reply_at is None


@dataclass(frozen=True, slots=True)
class Claim:
    """The answer to "may this run make an attempt on the channel now?"."""

    attempt: Attempt | None  # the new attempt, planned: this run may make it
    blocker: Attempt | None  # else what stops it
    why: str  # "" (claimed), "in-flight" (planned, maybe being made), "waiting" (sent, open), "interval"


@dataclass(frozen=True, slots=True)
class Reply:
    id: int
    attempt_id: int
    source_id: str
    received_at: datetime
    noticed_at: datetime
    sender: str
    subject: str
    excerpt: str
    human: bool
    why: str
    quality: Mapping[str, Any] = field(default_factory=dict)
    message_id: str = ""
    kind: str = ""  # person, auto-reply, bounce, bulk, ticket-ack, forward (see touchpoint.replies.kinds)
    verdict: str = ""  # answer, address-only, other-conversation, machine, ... (touchpoint.replies.attribution)
    evidence: tuple[Mapping[str, str], ...] = ()
    refs: tuple[str, ...] = ()  # the business's reference numbers it gave this conversation


# An attempt that may still be in the air: planned (maybe submitted before a crash) or sent and open.
_UNSETTLED = or_(
    attempts.c.state == "planned",
    and_(
        attempts.c.state == "sent",
        attempts.c.human_reply_at.is_(None),
        attempts.c.outcome.in_(OPEN_OUTCOMES),
    ),
)


class Ledger:
    """A ledger at a URL. Thread-safe: each call takes a pooled connection; every write is its
    own committed transaction."""

    def __init__(self, where: Path | str) -> None:
        self.url = sqlite_url(where) if isinstance(where, Path) else where
        self._engine = engine_for(self.url)
        try:
            migrate.upgrade(self._engine)
        except OperationalError as exc:
            raise SetupError(self._unreachable(exc)) from None
        except DatabaseError as exc:
            raise SetupError(
                f"the ledger {redacted(self.url)} cannot be read as a ledger ({exc.orig or exc}): move the file "
                "aside (the audit deletes nothing) so the next run starts a new one, or point --audit-ledger at "
                "another"
            ) from None

    def _unreachable(self, exc: OperationalError) -> str:
        first = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else type(exc).__name__
        if self._engine.dialect.name == "sqlite":
            return (
                f"the ledger {redacted(self.url)} cannot be opened ({first}): move the file aside (the audit "
                "deletes nothing) or point --audit-ledger at another"
            )
        return (
            f"the ledger database {redacted(self.url)} cannot be reached ({first}): check the URL, that the "
            "server runs and accepts this user, or leave --audit-ledger out to use a SQLite file"
        )

    @classmethod
    def open(cls, url: str) -> Ledger:
        """The ledger at a URL; a bad URL, a folder that cannot be made, a file that is not a
        ledger or a database that does not answer is a SetupError that says what to do."""
        return cls(url)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._engine.begin() as db:
            yield db

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with reading(self._engine) as db:
            yield db

    def _insert(self, table: Table) -> Insert:
        """INSERT ... ON CONFLICT DO NOTHING in this engine's words."""
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()  # type: ignore[no-any-return]

    # -- runs and checks ----------------------------------------------------------------------

    def start_run(self, site: str) -> int:
        with self._write() as db:
            row = db.execute(runs.insert().values(site=site, started_at=_iso(now())).returning(runs.c.id)).one()
            return int(row.id)

    def finish_run(self, run_id: int, outcome: str) -> None:
        with self._write() as db:
            db.execute(runs.update().where(runs.c.id == run_id).values(finished_at=_iso(now()), outcome=outcome))

    def record_check(self, run_id: int, result: Mapping[str, Any]) -> None:
        with self._write() as db:
            db.execute(
                checks.insert().values(
                    run_id=run_id,
                    name=result["name"],
                    subject=result["subject"],
                    verdict=result["verdict"],
                    result=json.dumps(result, ensure_ascii=False),
                )
            )

    def runs(self, site: str, limit: int = 30) -> list[dict[str, Any]]:
        """The site's last finished runs that recorded checks, oldest first."""
        query = (
            select(runs.c.id, runs.c.started_at, runs.c.finished_at)
            .where(
                runs.c.site == site,
                runs.c.finished_at.is_not(None),
                exists().where(checks.c.run_id == runs.c.id),
            )
            .order_by(runs.c.id.desc())
            .limit(limit)
        )
        with self._read() as db:
            return [dict(r) for r in reversed(db.execute(query).mappings().all())]

    def checks(self, run_id: int) -> list[dict[str, Any]]:
        """A run's check results, as recorded (CheckResult.to_json)."""
        with self._read() as db:
            rows = db.execute(select(checks.c.result).where(checks.c.run_id == run_id).order_by(checks.c.id))
            return [json.loads(r.result) for r in rows]

    def run_finished(self, run_id: int) -> bool:
        with self._read() as db:
            finished = db.execute(select(runs.c.finished_at).where(runs.c.id == run_id)).scalar()
        return bool(finished)

    # -- attempts -----------------------------------------------------------------------------

    def claim_attempt(
        self,
        run_id: int,
        site: str,
        channel: str,
        *,
        kind: str,
        token: str,
        reply_to: str,
        target: str,
        min_interval: timedelta,
        detail: Mapping[str, Any] | None = None,
    ) -> Claim:
        """Claim the right to make an attempt, and write it as planned, in one step: no attempt of
        the channel in the air (planned, or sent and waiting) and none planned inside `min_interval`.
        The check and the write are one transaction holding the site's channel (SQLite: BEGIN
        IMMEDIATE; PostgreSQL: an advisory lock, so runners on other machines wait their turn),
        and a unique index allows one planned attempt a channel, so two runs never both send."""
        with self._write() as db:
            lock(db, "claim", site, channel)
            unsettled = self._attempts(db, attempts.c.site == site, attempts.c.channel == channel, _UNSETTLED)
            planned = [a for a in unsettled if a.state == "planned"]
            if planned:
                return Claim(None, planned[0], "in-flight")
            if unsettled:
                return Claim(None, unsettled[-1], "waiting")
            last = self._last_planned(db, site, channel)
            if last is not None and now() - last.planned_at < min_interval:
                return Claim(None, last, "interval")
            try:
                with db.begin_nested():
                    attempt_id = self._insert_planned(db, run_id, site, channel, kind, token, reply_to, target, detail)
            except IntegrityError:  # a planned attempt that came in without this lock (an old ledger)
                found = self._attempts(
                    db, attempts.c.site == site, attempts.c.channel == channel, attempts.c.state == "planned"
                )
                return Claim(None, found[0] if found else None, "in-flight")
            return Claim(self._attempt(db, attempt_id), None, "")

    def plan_attempt(
        self,
        run_id: int,
        site: str,
        channel: str,
        *,
        kind: str,
        token: str,
        reply_to: str,
        target: str,
        detail: Mapping[str, Any] | None = None,
    ) -> Attempt:
        """Write the attempt before it is made: if the run dies while submitting, the next run
        sees it and does not submit again."""
        with self._write() as db:
            attempt_id = self._insert_planned(db, run_id, site, channel, kind, token, reply_to, target, detail)
            return self._attempt(db, attempt_id)

    def mark_sent(
        self,
        attempt_id: int,
        *,
        sent_at: datetime,
        due_at: datetime | None,
        sla_seconds: float | None,
        message_id: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> Attempt:
        with self._write() as db:
            merged = self._merged_detail(db, attempt_id, detail)
            db.execute(
                update(attempts)
                .where(attempts.c.id == attempt_id)
                .values(
                    state="sent",
                    sent_at=_iso(sent_at),
                    due_at=_iso(due_at),
                    sla_seconds=sla_seconds,
                    message_id=message_id,
                    detail=merged,
                )
            )
            return self._attempt(db, attempt_id)

    def mark_not_sent(self, attempt_id: int, state: str, detail: Mapping[str, Any] | None = None) -> Attempt:
        """dry-run, failed, needs-person or skipped: nothing will answer it."""
        with self._write() as db:
            merged = self._merged_detail(db, attempt_id, detail)
            db.execute(
                update(attempts)
                .where(attempts.c.id == attempt_id)
                .values(state=state, outcome="none", resolved_at=_iso(now()), detail=merged)
            )
            return self._attempt(db, attempt_id)

    def resolve(self, attempt_id: int, outcome: str, *, human_reply_at: datetime | None = None) -> Attempt:
        with self._write() as db:
            values = {"outcome": outcome, "resolved_at": _iso(now())}
            if human_reply_at is not None:
                values["human_reply_at"] = _iso(human_reply_at)
            db.execute(update(attempts).where(attempts.c.id == attempt_id).values(**values))
            return self._attempt(db, attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        with self._read() as db:
            return self._attempt(db, attempt_id)

    def open_attempts(self, site: str | None = None) -> list[Attempt]:
        """Sent attempts still waiting for a human reply (pending, or breached and unanswered)."""
        where = [
            attempts.c.state == "sent",
            attempts.c.human_reply_at.is_(None),
            attempts.c.outcome.in_(OPEN_OUTCOMES),
        ]
        if site is not None:
            where.append(attempts.c.site == site)
        with self._read() as db:
            return self._attempts(db, *where)

    def unsettled(self, site: str, channel: str) -> list[Attempt]:
        """Attempts of a channel that may still be in the air: planned (maybe submitted before a
        crash) or sent and open."""
        with self._read() as db:
            return self._attempts(db, attempts.c.site == site, attempts.c.channel == channel, _UNSETTLED)

    def last_sent(self, site: str, channel: str) -> Attempt | None:
        with self._read() as db:
            return self._last_planned(db, site, channel)

    def attempts_of_run(self, run_id: int) -> list[Attempt]:
        with self._read() as db:
            return self._attempts(db, attempts.c.run_id == run_id)

    def sent_attempts(self) -> list[Attempt]:
        """Every attempt that went out, of every site: the requests a message may be about."""
        with self._read() as db:
            return self._attempts(db, attempts.c.state == "sent")

    def settled_attempts(self, site: str, since: datetime | None = None) -> list[Attempt]:
        """The site's attempts that went out and have an outcome (met, breached or unanswered)."""
        where = [attempts.c.site == site, attempts.c.state == "sent", attempts.c.outcome.in_(SETTLED_OUTCOMES)]
        if since is not None:
            where.append(attempts.c.sent_at >= _iso(since))
        with self._read() as db:
            return self._attempts(db, *where, order=attempts.c.sent_at)

    # -- replies ------------------------------------------------------------------------------

    def add_reply(
        self,
        attempt_id: int,
        *,
        source_id: str,
        received_at: datetime,
        sender: str,
        subject: str,
        excerpt: str,
        human: bool,
        why: str,
        quality: Mapping[str, Any] | None = None,
        message_id: str = "",
        kind: str = "",
        verdict: str = "",
        evidence: Sequence[Mapping[str, str]] = (),
        refs: Sequence[str] = (),
    ) -> Reply | None:
        """Record a message under an attempt once (the same message seen again is ignored); None if
        already known. `human`: it is a person's answer to this attempt and stops its clock."""
        values = {
            "attempt_id": attempt_id,
            "source_id": source_id,
            "received_at": _iso(received_at),
            "noticed_at": _iso(now()),
            "sender": sender,
            "subject": subject,
            "excerpt": excerpt,
            "human": int(human),
            "why": why,
            "quality": json.dumps(quality or {}, ensure_ascii=False),
            "message_id": message_id,
            "kind": kind,
            "verdict": verdict,
            "evidence": json.dumps(list(evidence), ensure_ascii=False),
            "refs": json.dumps(list(refs)),
        }
        with self._write() as db:
            new = db.execute(self._insert(replies).values(**values).returning(replies.c.id)).first()
            if new is None:
                return None
            row = db.execute(select(replies).where(replies.c.id == new.id)).mappings().one()
            return _reply(row)

    def replies(self, attempt_id: int) -> list[Reply]:
        query = select(replies).where(replies.c.attempt_id == attempt_id).order_by(replies.c.received_at)
        with self._read() as db:
            return [_reply(r) for r in db.execute(query).mappings()]

    def threads(self) -> dict[int, tuple[set[str], set[str]]]:
        """attempt id -> (Message-IDs, reference numbers) the business wrote in its conversation.
        Messages about another conversation are not part of it."""
        found: dict[int, tuple[set[str], set[str]]] = {}
        query = select(replies.c.attempt_id, replies.c.message_id, replies.c.refs).where(
            replies.c.verdict.not_in(("other-conversation", "about-another"))
        )
        with self._read() as db:
            for row in db.execute(query):
                ids, refs = found.setdefault(int(row.attempt_id), (set(), set()))
                if row.message_id:
                    ids.add(row.message_id)
                refs.update(json.loads(row.refs or "[]"))
        return found

    def add_stray(
        self, *, source_id: str, message_id: str, received_at: datetime, sender: str, subject: str, kind: str, why: str
    ) -> bool:
        """Record a message that is about none of our requests (once); False if already known."""
        values = {
            "source_id": source_id,
            "message_id": message_id,
            "received_at": _iso(received_at),
            "noticed_at": _iso(now()),
            "sender": sender,
            "subject": subject,
            "kind": kind,
            "why": why,
        }
        with self._write() as db:
            return db.execute(self._insert(stray_mail).values(**values).returning(stray_mail.c.id)).first() is not None

    def strays(self, noticed_since: datetime | None = None) -> list[dict[str, Any]]:
        """Messages about none of our requests, noticed since a moment (all, without one)."""
        query = select(stray_mail).order_by(stray_mail.c.received_at)
        if noticed_since is not None:
            query = query.where(stray_mail.c.noticed_at >= _iso(noticed_since))
        with self._read() as db:
            return [dict(r) for r in db.execute(query).mappings()]

    # -- chat templates -------------------------------------------------------------------------

    def templates(self, site: str) -> set[str]:
        """Hashes of chat messages seen on earlier runs: a repeat is a template, not a person."""
        with self._read() as db:
            return set(db.execute(select(chat_templates.c.hash).where(chat_templates.c.site == site)).scalars())

    def add_templates(self, site: str, texts: Mapping[str, str]) -> None:
        """Remember this run's chat messages (hash -> text) for the next runs."""
        if not texts:
            return
        rows = [{"site": site, "hash": h, "text": t[:500], "first_seen": _iso(now())} for h, t in texts.items()]
        with self._write() as db:
            db.execute(self._insert(chat_templates), rows)

    # -- speed samples (regression gate) --------------------------------------------------------

    def record_samples(
        self, run_id: int, site: str, page: str, device: str, values: Mapping[str, Sequence[float]]
    ) -> None:
        """Every Lighthouse run's value (metric -> one value a run, in run order), once a run."""
        rows = [
            {"run_id": run_id, "site": site, "page": page, "device": device, "metric": m, "n": n, "value": v}
            for m, series in values.items()
            for n, v in enumerate(series, start=1)
        ]
        if rows:
            with self._write() as db:
                db.execute(self._insert(speed_samples), rows)

    def sample_runs(
        self, site: str, *, before_run: int, last: int, page: str | None = None, device: str | None = None
    ) -> list[int]:
        """The last `last` runs of the site before `before_run` that recorded samples (of the page
        and device, when named), oldest first."""
        where = [speed_samples.c.site == site, speed_samples.c.run_id < before_run]
        if page is not None:
            where.append(speed_samples.c.page == page)
        if device is not None:
            where.append(speed_samples.c.device == device)
        query = (
            select(speed_samples.c.run_id)
            .where(*where)
            .group_by(speed_samples.c.run_id)
            .order_by(speed_samples.c.run_id.desc())
            .limit(last)
        )
        with self._read() as db:
            return sorted(int(r) for r in db.execute(query).scalars())

    def samples(self, site: str, page: str, device: str, run_ids: Sequence[int]) -> dict[str, list[float]]:
        """metric -> the values those runs recorded for a page and device (pooled, in run order)."""
        query = (
            select(speed_samples.c.metric, speed_samples.c.value)
            .where(
                speed_samples.c.site == site,
                speed_samples.c.page == page,
                speed_samples.c.device == device,
                speed_samples.c.run_id.in_(list(run_ids)),
            )
            .order_by(speed_samples.c.run_id, speed_samples.c.n)
        )
        found: dict[str, list[float]] = {}
        with self._read() as db:
            for row in db.execute(query):
                found.setdefault(row.metric, []).append(float(row.value))
        return found

    # -- incidents (alerts) ---------------------------------------------------------------------

    def open_incidents(self, site: str) -> list[dict[str, Any]]:
        """The site's incidents not yet closed, oldest first."""
        query = select(incidents).where(incidents.c.site == site, incidents.c.closed_at.is_(None))
        with self._read() as db:
            return [dict(r) for r in db.execute(query.order_by(incidents.c.id)).mappings()]

    def open_incident(self, site: str, key: str, title: str, run_id: int) -> int | None:
        """Open an incident; None when one of the same key is already open (a unique index)."""
        values = {"site": site, "key": key, "title": title, "opened_run": run_id, "opened_at": _iso(now())}
        with self._write() as db:
            row = db.execute(self._insert(incidents).values(**values).returning(incidents.c.id)).first()
        return int(row.id) if row is not None else None

    def close_incident(self, incident_id: int, run_id: int) -> None:
        with self._write() as db:
            db.execute(
                update(incidents)
                .where(incidents.c.id == incident_id, incidents.c.closed_at.is_(None))
                .values(closed_run=run_id, closed_at=_iso(now()))
            )

    def incidents_to_notify(self, site: str) -> list[dict[str, Any]]:
        """Incidents whose opening or closing message has not gone out yet (a failed send retries)."""
        query = select(incidents).where(
            incidents.c.site == site,
            or_(
                incidents.c.notified_open.is_(None),
                and_(incidents.c.closed_at.is_not(None), incidents.c.notified_close.is_(None)),
            ),
        )
        with self._read() as db:
            return [dict(r) for r in db.execute(query.order_by(incidents.c.id)).mappings()]

    def claim_notice(self, incident_id: int, which: str) -> bool:
        """Take the sending of the incident's opening ("open") or closing ("close") message: one
        conditional UPDATE, so of two runs ending together one sends it; False when it is taken."""
        column = _notice(which)
        with self._write() as db:
            done = db.execute(
                update(incidents).where(incidents.c.id == incident_id, column.is_(None)).values({column: _iso(now())})
            )
            return bool(done.rowcount)

    def release_notice(self, incident_id: int, which: str) -> None:
        """Give a claimed message back (no receiver took it): the next run sends it again."""
        with self._write() as db:
            db.execute(update(incidents).where(incidents.c.id == incident_id).values({_notice(which): None}))

    # -- rows -----------------------------------------------------------------------------------

    def _insert_planned(
        self,
        db: Connection,
        run_id: int,
        site: str,
        channel: str,
        kind: str,
        token: str,
        reply_to: str,
        target: str,
        detail: Mapping[str, Any] | None,
    ) -> int:
        row = db.execute(
            attempts.insert()
            .values(
                run_id=run_id,
                site=site,
                channel=channel,
                kind=kind,
                token=token,
                reply_to=reply_to,
                target=target,
                state="planned",
                planned_at=_iso(now()),
                detail=json.dumps(detail or {}),
            )
            .returning(attempts.c.id)
        ).one()
        return int(row.id)

    def _merged_detail(self, db: Connection, attempt_id: int, detail: Mapping[str, Any] | None) -> str:
        """The attempt's detail with `detail` laid over it (read under this transaction's lock)."""
        current = db.execute(
            select(attempts.c.detail).where(attempts.c.id == attempt_id).with_for_update()
        ).scalar_one_or_none()
        if current is None:
            raise KeyError(attempt_id)
        merged = json.loads(current or "{}")
        merged.update(detail or {})
        return json.dumps(merged, ensure_ascii=False)

    def _last_planned(self, db: Connection, site: str, channel: str) -> Attempt | None:
        found = self._attempts(
            db,
            attempts.c.site == site,
            attempts.c.channel == channel,
            attempts.c.state.in_(("sent", "planned")),
            order=attempts.c.planned_at.desc(),
            limit=1,
        )
        return found[0] if found else None

    def _attempts(self, db: Connection, *where: Any, order: Any = None, limit: int | None = None) -> list[Attempt]:
        query = select(attempts).where(*where).order_by(order if order is not None else attempts.c.id)
        if limit is not None:
            query = query.limit(limit)
        return [_attempt(r) for r in db.execute(query).mappings()]

    def _attempt(self, db: Connection, attempt_id: int) -> Attempt:
        row = db.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().first()
        if row is None:
            raise KeyError(attempt_id)
        return _attempt(row)


def _notice(which: str) -> Any:
    """The incidents column that says its opening ("open") or closing ("close") message went out."""
    return incidents.c[{"open": "notified_open", "close": "notified_close"}[which]]


def _attempt(row: RowMapping) -> Attempt:
    return Attempt(
        id=row["id"],
        run_id=row["run_id"],
        site=row["site"],
        channel=row["channel"],
        kind=row["kind"],
        token=row["token"],
        reply_to=row["reply_to"],
        target=row["target"],
        state=row["state"],
        planned_at=_dt(row["planned_at"]) or now(),
        sent_at=_dt(row["sent_at"]),
        due_at=_dt(row["due_at"]),
        sla_seconds=row["sla_seconds"],
        message_id=row["message_id"],
        outcome=row["outcome"],
        human_reply_at=_dt(row["human_reply_at"]),
        resolved_at=_dt(row["resolved_at"]),
        detail=json.loads(row["detail"] or "{}"),
    )


def _reply(row: RowMapping) -> Reply:
    return Reply(
        id=row["id"],
        attempt_id=row["attempt_id"],
        source_id=row["source_id"],
        received_at=_dt(row["received_at"]) or now(),
        noticed_at=_dt(row["noticed_at"]) or now(),
        sender=row["sender"],
        subject=row["subject"],
        excerpt=row["excerpt"],
        human=bool(row["human"]),
        why=row["why"],
        quality=json.loads(row["quality"] or "{}"),
        message_id=row["message_id"],
        kind=row["kind"],
        verdict=row["verdict"],
        evidence=tuple(json.loads(row["evidence"] or "[]")),
        refs=tuple(json.loads(row["refs"] or "[]")),
    )
