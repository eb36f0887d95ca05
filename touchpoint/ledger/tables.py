"""The ledger's schema, one for every engine (SQLite by default, PostgreSQL by URL).

Moments are ISO 8601 text in UTC (`2026-11-30T09:00:00.123456+00:00`): they sort as text on
both engines, and a ledger written before SQLAlchemy reads unchanged. Structured fields (an
attempt's detail, a reply's evidence) are JSON text for the same reason.

The Alembic migrations in `touchpoint/ledger/migrations` build exactly this; `HEAD` names the
last of them (a test checks that it does).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, Table, Text, UniqueConstraint

__all__ = [
    "HEAD",
    "attempts",
    "chat_templates",
    "checks",
    "incidents",
    "metadata",
    "replies",
    "runs",
    "speed_samples",
    "stray_mail",
]

HEAD = "0003"

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("outcome", Text),
)

checks = Table(
    "checks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("verdict", Text, nullable=False),
    Column("result", Text, nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("site", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("token", Text, nullable=False, unique=True),
    Column("reply_to", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("planned_at", Text, nullable=False),
    Column("sent_at", Text),
    Column("due_at", Text),
    Column("sla_seconds", Float),
    Column("message_id", Text),
    Column("outcome", Text, nullable=False, server_default="pending"),
    Column("human_reply_at", Text),
    Column("resolved_at", Text),
    Column("detail", Text, nullable=False, server_default="{}"),
)
Index("attempts_open", attempts.c.site, attempts.c.channel, attempts.c.outcome)
# One attempt of a site's channel in the air at once: the claim's last line of defence.
ONE_PLANNED = Index(
    "one_planned",
    attempts.c.site,
    attempts.c.channel,
    unique=True,
    sqlite_where=attempts.c.state == "planned",
    postgresql_where=attempts.c.state == "planned",
)

chat_templates = Table(
    "chat_templates",
    metadata,
    Column("site", Text, primary_key=True),
    Column("hash", Text, primary_key=True),
    Column("text", Text, nullable=False),
    Column("first_seen", Text, nullable=False),
)

replies = Table(
    "replies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("source_id", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("noticed_at", Text, nullable=False),
    Column("sender", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("excerpt", Text, nullable=False),
    Column("human", Integer, nullable=False),
    Column("why", Text, nullable=False),
    Column("quality", Text, nullable=False, server_default="{}"),
    Column("message_id", Text, nullable=False, server_default=""),
    Column("kind", Text, nullable=False, server_default=""),
    Column("verdict", Text, nullable=False, server_default=""),
    Column("evidence", Text, nullable=False, server_default="[]"),
    Column("refs", Text, nullable=False, server_default="[]"),
    UniqueConstraint("attempt_id", "source_id"),
)

stray_mail = Table(
    "stray_mail",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Text, nullable=False, unique=True),
    Column("message_id", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("noticed_at", Text, nullable=False),
    Column("sender", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("why", Text, nullable=False),
)

# Every Lighthouse run's value of each metric, page and device: the regression gate's samples.
speed_samples = Table(
    "speed_samples",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("site", Text, nullable=False),
    Column("page", Text, nullable=False),
    Column("device", Text, nullable=False),
    Column("metric", Text, nullable=False),
    Column("n", Integer, nullable=False),
    Column("value", Float, nullable=False),
    UniqueConstraint("run_id", "page", "device", "metric", "n"),
)
Index("speed_samples_of", speed_samples.c.site, speed_samples.c.page, speed_samples.c.device)

# Alerts: one incident a problem (a breach, a failed budget, a page down, a regression) from the
# run that found it to the run that found it fixed; each told once when opened and once when closed.
incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("opened_run", Integer),
    Column("opened_at", Text),
    Column("closed_run", Integer),
    Column("closed_at", Text),
    Column("notified_open", Text),
    Column("notified_close", Text),
)
# At most one open incident a site and key.
Index(
    "one_open_incident",
    incidents.c.site,
    incidents.c.key,
    unique=True,
    sqlite_where=incidents.c.closed_at.is_(None),
    postgresql_where=incidents.c.closed_at.is_(None),
)
