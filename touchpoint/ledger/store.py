"""The ledger: the durable record of runs, checks, contact attempts and replies.

Every attempt is written before anything waits on it, and every reply the moment it is seen,
each in its own committed transaction, so a run killed at any point loses nothing and the next
run picks up where it stopped. SQLite by default (WAL mode, beside the reports); all SQL lives
in this module so that another engine (PostgreSQL, by URL) is one more implementation of it.

    ledger = Ledger.open("sqlite:///reports/ledger.sqlite")
    run = ledger.start_run("acme")
    attempt = ledger.plan_attempt(run, "acme", "email", token="TP-7K3Q9", reply_to="s+tp7k3q9@x.lt", ...)
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from touchpoint.errors import SetupError

__all__ = ["Attempt", "Claim", "Ledger", "Reply"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT
);
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL,
    subject TEXT NOT NULL,
    verdict TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    site TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    reply_to TEXT NOT NULL,
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    planned_at TEXT NOT NULL,
    sent_at TEXT,
    due_at TEXT,
    sla_seconds REAL,
    message_id TEXT,
    outcome TEXT NOT NULL DEFAULT 'pending',
    human_reply_at TEXT,
    resolved_at TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS attempts_open ON attempts(site, channel, outcome);
CREATE TABLE IF NOT EXISTS chat_templates (
    site TEXT NOT NULL,
    hash TEXT NOT NULL,
    text TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (site, hash)
);
CREATE TABLE IF NOT EXISTS replies (
    id INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    source_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    human INTEGER NOT NULL,
    why TEXT NOT NULL,
    quality TEXT NOT NULL DEFAULT '{}',
    message_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '[]',
    refs TEXT NOT NULL DEFAULT '[]',
    UNIQUE (attempt_id, source_id)
);
CREATE TABLE IF NOT EXISTS stray_mail (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE,
    message_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    why TEXT NOT NULL
);
"""
ONE_PLANNED = "CREATE UNIQUE INDEX IF NOT EXISTS one_planned ON attempts(site, channel) WHERE state = 'planned'"
SCHEMA_VERSION = 2
# Each step brings a ledger of the version before it up to this one (PRAGMA user_version).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: tuple(
        f"ALTER TABLE replies ADD COLUMN {column} TEXT NOT NULL DEFAULT '{default}'"
        for column, default in (
            ("message_id", ""),
            ("kind", ""),
            ("verdict", ""),
            ("evidence", "[]"),
            ("refs", "[]"),
        )
    ),
}

# Attempt states: planned (written, not yet submitted), sent, dry-run, failed, needs-person
# (a CAPTCHA), skipped. Outcomes: pending, met, breached, unanswered, none (nothing was sent).
OPEN_OUTCOMES = ("pending", "breached")


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


class Ledger:
    """One connection a thread; every write is its own committed transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SetupError(
                f"the ledger's folder {path.parent} cannot be made ({exc.strerror or exc}): point --audit-ledger "
                "(or [ledger] url) at a folder you can write, e.g. sqlite:///reports/ledger.sqlite"
            ) from None
        try:
            self._open_with_patience()
        except sqlite3.DatabaseError as exc:
            raise SetupError(
                f"the ledger {path} cannot be read as a ledger ({exc}): move the file aside (the audit deletes "
                "nothing) so the next run starts a new one, or point --audit-ledger at another file"
            ) from None

    def _open_with_patience(self, seconds: float = 30.0) -> None:
        """Open and migrate; another run opening the same new ledger at the same moment holds it
        for a moment (SQLite answers "database is locked" to a journal-mode change): wait for it."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._migrate()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                db = getattr(self._local, "db", None)
                if db is not None:
                    with contextlib.suppress(sqlite3.Error):
                        db.close()
                self._local.db = None
                time.sleep(0.1)

    def _migrate(self) -> None:
        """Create a new ledger, or bring an older one up to SCHEMA_VERSION, step by step."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            existed = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'replies'").fetchone() is not None
            if existed and version < SCHEMA_VERSION:
                for step in range(max(version, 1) + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS.get(step, ()):
                        db.execute(statement)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            # one attempt of a site's channel in the air at once (an old ledger may hold a past race)
            with contextlib.suppress(sqlite3.IntegrityError):
                db.execute(ONE_PLANNED)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @classmethod
    def open(cls, url: str) -> Ledger:
        """The ledger at a URL; a bad URL, a folder that cannot be made or a file that is not a
        ledger is a SetupError that says what to do."""
        parts = urlsplit(url)
        if parts.scheme == "sqlite":
            path = url.split("sqlite:///", 1)[1] if "sqlite:///" in url else parts.path
            if not path:
                raise SetupError(f"ledger URL {url!r} names no file: write sqlite:///path/to/ledger.sqlite")
            return cls(Path(path))
        scheme = parts.scheme or "(none)"
        raise SetupError(
            f"ledger URL scheme {scheme}:// is not supported yet: use sqlite:///path/to/ledger.sqlite "
            "(a PostgreSQL ledger comes with the shared-ledger work)"
        )

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- runs and checks ----------------------------------------------------------------------

    def start_run(self, site: str) -> int:
        with self._tx() as db:
            cursor = db.execute("INSERT INTO runs (site, started_at) VALUES (?, ?)", (site, _iso(now())))
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, outcome: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?", (_iso(now()), outcome, run_id))

    def record_check(self, run_id: int, result: Mapping[str, Any]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO checks (run_id, name, subject, verdict, result) VALUES (?, ?, ?, ?, ?)",
                (
                    run_id,
                    result["name"],
                    result["subject"],
                    result["verdict"],
                    json.dumps(result, ensure_ascii=False),
                ),
            )

    def runs(self, site: str, limit: int = 30) -> list[dict[str, Any]]:
        """The site's last finished runs that recorded checks, oldest first."""
        rows = self._db().execute(
            "SELECT r.id, r.started_at, r.finished_at FROM runs r WHERE r.site = ? AND r.finished_at IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM checks c WHERE c.run_id = r.id) ORDER BY r.id DESC LIMIT ?",
            (site, limit),
        )
        return [dict(r) for r in reversed(rows.fetchall())]

    def checks(self, run_id: int) -> list[dict[str, Any]]:
        """A run's check results, as recorded (CheckResult.to_json)."""
        rows = self._db().execute("SELECT result FROM checks WHERE run_id = ? ORDER BY id", (run_id,))
        return [json.loads(r["result"]) for r in rows]

    def settled_attempts(self, site: str, since: datetime | None = None) -> list[Attempt]:
        """The site's attempts that went out and have an outcome (met, breached or unanswered)."""
        query = (
            "SELECT * FROM attempts WHERE site = ? AND state = 'sent' AND outcome IN ('met', 'breached', 'unanswered')"
        )
        args: tuple[Any, ...] = (site,)
        if since is not None:
            query, args = query + " AND sent_at >= ?", (site, _iso(since))
        return [self._row(r) for r in self._db().execute(query + " ORDER BY sent_at", args)]

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
        The check and the write are one IMMEDIATE transaction (one writer at a time), and at most
        one attempt of a site's channel can be planned at once (a unique index), so two runs
        started together cannot both send."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT * FROM attempts WHERE site = ? AND channel = ? AND (state = 'planned' OR (state = 'sent'"
                " AND human_reply_at IS NULL AND outcome IN ('pending', 'breached'))) ORDER BY id",
                (site, channel),
            ).fetchall()
            unsettled = [self._row(r) for r in rows]
            planned = [a for a in unsettled if a.state == "planned"]
            if planned:
                return Claim(None, planned[0], "in-flight")
            if unsettled:
                return Claim(None, unsettled[-1], "waiting")
            last = db.execute(
                "SELECT * FROM attempts WHERE site = ? AND channel = ? AND state IN ('sent', 'planned')"
                " ORDER BY planned_at DESC LIMIT 1",
                (site, channel),
            ).fetchone()
            if last is not None and now() - (self._row(last).planned_at) < min_interval:
                return Claim(None, self._row(last), "interval")
            try:
                attempt_id = _insert_planned(db, (run_id, site, channel, kind, token, reply_to, target), detail)
            except sqlite3.IntegrityError:  # another run's claim, in a ledger shared without this lock
                row = db.execute(
                    "SELECT * FROM attempts WHERE site = ? AND channel = ? AND state = 'planned'", (site, channel)
                ).fetchone()
                return Claim(None, self._row(row) if row else None, "in-flight")
            return Claim(self._attempt(db, attempt_id), None, "")

    def run_finished(self, run_id: int) -> bool:
        row = self._db().execute("SELECT finished_at FROM runs WHERE id = ?", (run_id,)).fetchone()
        return bool(row and row["finished_at"])

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
        with self._tx() as db:
            attempt_id = _insert_planned(db, (run_id, site, channel, kind, token, reply_to, target), detail)
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
        with self._tx() as db:
            db.execute(
                "UPDATE attempts SET state = 'sent', sent_at = ?, due_at = ?, sla_seconds = ?, message_id = ?,"
                " detail = json_patch(detail, ?) WHERE id = ?",
                (_iso(sent_at), _iso(due_at), sla_seconds, message_id, json.dumps(detail or {}), attempt_id),
            )
            return self._attempt(db, attempt_id)

    def mark_not_sent(self, attempt_id: int, state: str, detail: Mapping[str, Any] | None = None) -> Attempt:
        """dry-run, failed, needs-person or skipped: nothing will answer it."""
        with self._tx() as db:
            db.execute(
                "UPDATE attempts SET state = ?, outcome = 'none', resolved_at = ?, detail = json_patch(detail, ?)"
                " WHERE id = ?",
                (state, _iso(now()), json.dumps(detail or {}), attempt_id),
            )
            return self._attempt(db, attempt_id)

    def resolve(self, attempt_id: int, outcome: str, *, human_reply_at: datetime | None = None) -> Attempt:
        with self._tx() as db:
            db.execute(
                "UPDATE attempts SET outcome = ?, human_reply_at = COALESCE(?, human_reply_at), resolved_at = ?"
                " WHERE id = ?",
                (outcome, _iso(human_reply_at), _iso(now()), attempt_id),
            )
            return self._attempt(db, attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        return self._attempt(self._db(), attempt_id)

    def open_attempts(self, site: str | None = None) -> list[Attempt]:
        """Sent attempts still waiting for a human reply (pending, or breached and unanswered)."""
        query = (
            "SELECT * FROM attempts WHERE state = 'sent' AND human_reply_at IS NULL"
            " AND outcome IN ('pending', 'breached')"
        )
        args: tuple[Any, ...] = ()
        if site is not None:
            query += " AND site = ?"
            args = (site,)
        return [self._row(r) for r in self._db().execute(query + " ORDER BY id", args)]

    def unsettled(self, site: str, channel: str) -> list[Attempt]:
        """Attempts of a channel that may still be in the air: planned (maybe submitted before a
        crash) or sent and open."""
        rows = self._db().execute(
            "SELECT * FROM attempts WHERE site = ? AND channel = ? AND (state = 'planned' OR (state = 'sent'"
            " AND human_reply_at IS NULL AND outcome IN ('pending', 'breached'))) ORDER BY id",
            (site, channel),
        )
        return [self._row(r) for r in rows]

    def last_sent(self, site: str, channel: str) -> Attempt | None:
        row = (
            self._db()
            .execute(
                "SELECT * FROM attempts WHERE site = ? AND channel = ? AND state IN ('sent', 'planned')"
                " ORDER BY planned_at DESC LIMIT 1",
                (site, channel),
            )
            .fetchone()
        )
        return self._row(row) if row else None

    def attempts_of_run(self, run_id: int) -> list[Attempt]:
        return [
            self._row(r) for r in self._db().execute("SELECT * FROM attempts WHERE run_id = ? ORDER BY id", (run_id,))
        ]

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
        with self._tx() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO replies (attempt_id, source_id, received_at, noticed_at, sender, subject,"
                " excerpt, human, why, quality, message_id, kind, verdict, evidence, refs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    source_id,
                    _iso(received_at),
                    _iso(now()),
                    sender,
                    subject,
                    excerpt,
                    int(human),
                    why,
                    json.dumps(quality or {}, ensure_ascii=False),
                    message_id,
                    kind,
                    verdict,
                    json.dumps(list(evidence), ensure_ascii=False),
                    json.dumps(list(refs)),
                ),
            )
            if not cursor.rowcount:
                return None
            row = db.execute("SELECT * FROM replies WHERE id = ?", (cursor.lastrowid,)).fetchone()
            return _reply(row)

    def replies(self, attempt_id: int) -> list[Reply]:
        rows = self._db().execute("SELECT * FROM replies WHERE attempt_id = ? ORDER BY received_at", (attempt_id,))
        return [_reply(r) for r in rows]

    def sent_attempts(self) -> list[Attempt]:
        """Every attempt that went out, of every site: the requests a message may be about."""
        return [self._row(r) for r in self._db().execute("SELECT * FROM attempts WHERE state = 'sent' ORDER BY id")]

    def threads(self) -> dict[int, tuple[set[str], set[str]]]:
        """attempt id -> (Message-IDs, reference numbers) the business wrote in its conversation.
        Messages about another conversation are not part of it."""
        found: dict[int, tuple[set[str], set[str]]] = {}
        rows = self._db().execute(
            "SELECT attempt_id, message_id, refs FROM replies WHERE verdict != 'other-conversation'"
            " AND verdict != 'about-another'"
        )
        for row in rows:
            ids, refs = found.setdefault(int(row["attempt_id"]), (set(), set()))
            if row["message_id"]:
                ids.add(row["message_id"])
            refs.update(json.loads(row["refs"] or "[]"))
        return found

    def add_stray(
        self, *, source_id: str, message_id: str, received_at: datetime, sender: str, subject: str, kind: str, why: str
    ) -> bool:
        """Record a message that is about none of our requests (once); False if already known."""
        with self._tx() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO stray_mail (source_id, message_id, received_at, noticed_at, sender, subject,"
                " kind, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (source_id, message_id, _iso(received_at), _iso(now()), sender, subject, kind, why),
            )
            return bool(cursor.rowcount)

    def strays(self, noticed_since: datetime | None = None) -> list[dict[str, Any]]:
        """Messages about none of our requests, noticed since a moment (all, without one)."""
        query, args = "SELECT * FROM stray_mail", tuple[str | None, ...]()
        if noticed_since is not None:
            query, args = query + " WHERE noticed_at >= ?", (_iso(noticed_since),)
        return [dict(r) for r in self._db().execute(query + " ORDER BY received_at", args)]

    # -- chat templates -------------------------------------------------------------------------

    def templates(self, site: str) -> set[str]:
        """Hashes of chat messages seen on earlier runs: a repeat is a template, not a person."""
        return {r["hash"] for r in self._db().execute("SELECT hash FROM chat_templates WHERE site = ?", (site,))}

    def add_templates(self, site: str, texts: Mapping[str, str]) -> None:
        """Remember this run's chat messages (hash -> text) for the next runs."""
        with self._tx() as db:
            db.executemany(
                "INSERT OR IGNORE INTO chat_templates (site, hash, text, first_seen) VALUES (?, ?, ?, ?)",
                [(site, h, t[:500], _iso(now())) for h, t in texts.items()],
            )

    # -- rows -----------------------------------------------------------------------------------

    def _attempt(self, db: sqlite3.Connection, attempt_id: int) -> Attempt:
        row = db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise KeyError(attempt_id)
        return self._row(row)

    @staticmethod
    def _row(row: sqlite3.Row) -> Attempt:
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


def _insert_planned(db: sqlite3.Connection, row: tuple[Any, ...], detail: Mapping[str, Any] | None) -> int:
    """(run_id, site, channel, kind, token, reply_to, target) written as a planned attempt."""
    cursor = db.execute(
        "INSERT INTO attempts (run_id, site, channel, kind, token, reply_to, target, state, planned_at, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)",
        (*row, _iso(now()), json.dumps(detail or {})),
    )
    return int(cursor.lastrowid or 0)


def _reply(row: sqlite3.Row) -> Reply:
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
