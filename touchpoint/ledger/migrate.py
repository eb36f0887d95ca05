"""Bring any ledger up to the current schema with Alembic, in place, losing nothing.

A ledger written before the project used Alembic says its schema in SQLite's user_version
(1: replies without kinds and evidence; 2: with them): it is stamped at that revision first and
then upgraded like any other. Two runs opening the same new ledger at once take turns: the
upgrade runs in one transaction holding the engine's lock (BEGIN IMMEDIATE on SQLite, an
advisory lock on PostgreSQL).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from touchpoint.ledger.engines import lock, reading
from touchpoint.ledger.tables import HEAD

__all__ = ["alembic_config", "current_revision", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
LEGACY = {0: "0001", 1: "0001", 2: "0002"}  # PRAGMA user_version of a pre-Alembic ledger -> revision


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return head or ""


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def upgrade(engine: Engine) -> None:
    """Create the ledger or bring it up to HEAD. Cheap when it is already there."""
    with reading(engine) as probe:
        if current_revision(probe) == HEAD:
            return
    with engine.begin() as connection:
        lock(connection, "touchpoint-ledger-schema")
        revision = current_revision(connection)
        if revision == HEAD:  # another run upgraded it while this one waited
            return
        config = alembic_config(connection)
        if revision is None and inspect(connection).has_table("attempts"):
            version = connection.exec_driver_sql("PRAGMA user_version").scalar() if _sqlite(connection) else 2
            command.stamp(config, LEGACY.get(int(version or 0), "0002"))
        command.upgrade(config, "head")


def _sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"
