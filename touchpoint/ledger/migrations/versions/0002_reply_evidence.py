"""Schema 2: each reply keeps its Message-ID, kind, verdict, evidence and reference numbers;
mail about none of our requests is kept (stray_mail); one planned attempt a channel at once.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REPLY_COLUMNS = (("message_id", ""), ("kind", ""), ("verdict", ""), ("evidence", "[]"), ("refs", "[]"))


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    have = {c["name"] for c in inspector.get_columns("replies")}
    for column, default in REPLY_COLUMNS:
        if column not in have:
            op.add_column("replies", sa.Column(column, sa.Text, nullable=False, server_default=default))
    if not inspector.has_table("stray_mail"):
        op.create_table(
            "stray_mail",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("source_id", sa.Text, nullable=False, unique=True),
            sa.Column("message_id", sa.Text, nullable=False),
            sa.Column("received_at", sa.Text, nullable=False),
            sa.Column("noticed_at", sa.Text, nullable=False),
            sa.Column("sender", sa.Text, nullable=False),
            sa.Column("subject", sa.Text, nullable=False),
            sa.Column("kind", sa.Text, nullable=False),
            sa.Column("why", sa.Text, nullable=False),
        )
    # A ledger written before claims were atomic may hold two planned attempts of one channel
    # (a past race): keep them all, and leave the index to the claim's lock in that ledger.
    indexes = {i["name"] for i in inspector.get_indexes("attempts")}
    doubled = bind.execute(
        sa.text("SELECT 1 FROM attempts WHERE state = 'planned' GROUP BY site, channel HAVING COUNT(*) > 1")
    ).first()
    if "one_planned" not in indexes and doubled is None:
        op.create_index(
            "one_planned",
            "attempts",
            ["site", "channel"],
            unique=True,
            sqlite_where=sa.text("state = 'planned'"),
            postgresql_where=sa.text("state = 'planned'"),
        )


def downgrade() -> None:
    op.drop_index("one_planned", table_name="attempts")
    op.drop_table("stray_mail")
    for column, _ in reversed(REPLY_COLUMNS):
        op.drop_column("replies", column)
