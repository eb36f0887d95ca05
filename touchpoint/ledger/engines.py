"""Ledger URLs to SQLAlchemy engines, and the two things engines do differently.

    sqlite:///reports/ledger.sqlite                  a file beside the reports (the default)
    postgresql://user@db.example/touchpoint          a shared ledger (psycopg 3)

SQLite: WAL mode, and every write transaction starts with BEGIN IMMEDIATE, so one writer holds
the file from its first read to its commit (a claim's check and its insert are one step).
PostgreSQL: a claim takes a transaction-scoped advisory lock on its site and channel, which
serialises claims from runners on different machines the same way.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from touchpoint.errors import SetupError

__all__ = ["engine_for", "lock", "reading", "redacted", "sqlite_url"]

READ = "ledger_read"  # execution option: a read-only transaction (SQLite: a plain, deferred BEGIN)

_ENGINES: dict[tuple[int, str], Engine] = {}
_GUARD = threading.Lock()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def redacted(url: str) -> str:
    """The URL as it may be printed: never a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url


def engine_for(url: str) -> Engine:
    """One engine a URL and process (engines pool connections; a forked child makes its own)."""
    key = (os.getpid(), url)
    with _GUARD:
        if key not in _ENGINES:
            _ENGINES[key] = _create(url)
        return _ENGINES[key]


def _create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SetupError(
            f"ledger URL {redacted(url)!r} cannot be read: write sqlite:///path/to/ledger.sqlite or "
            "postgresql://user@host/database"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise SetupError(f"ledger URL {url!r} names no file: write sqlite:///path/to/ledger.sqlite")
        path = Path(parsed.database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SetupError(
                f"the ledger's folder {path.parent} cannot be made ({exc.strerror or exc}): point --audit-ledger "
                "(or [ledger] url) at a folder you can write, e.g. sqlite:///reports/ledger.sqlite"
            ) from None
        engine = create_engine(parsed.set(drivername="sqlite+pysqlite"), connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend in ("postgresql", "postgres"):
        if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.drivername != "postgresql+psycopg":
            raise SetupError(f"ledger URL {redacted(url)!r}: the PostgreSQL ledger uses psycopg 3 (postgresql://...)")
        return create_engine(parsed, pool_pre_ping=True, pool_size=2, max_overflow=4)
    raise SetupError(
        f"ledger URL scheme {parsed.drivername}:// is not supported: use sqlite:///path/to/ledger.sqlite "
        "or postgresql://user@host/database"
    )


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the begin hook below says BEGIN, not the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    read = connection.get_execution_options().get(READ, False)
    connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


def reading(engine: Engine) -> Connection:
    """A connection for reads only: on SQLite its transactions do not take the write lock."""
    return engine.connect().execution_options(**{READ: True})


def lock(connection: Connection, *names: str) -> None:
    """Hold the named lock until this transaction ends. SQLite's BEGIN IMMEDIATE already holds
    the whole file; PostgreSQL takes an advisory lock (a 64-bit key from the names)."""
    if connection.dialect.name != "postgresql":
        return
    digest = hashlib.blake2b("\x1f".join(names).encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
