"""Speed samples for the regression gate, and incidents for alerts.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("speed_samples"):
        op.create_table(
            "speed_samples",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
            sa.Column("site", sa.Text, nullable=False),
            sa.Column("page", sa.Text, nullable=False),
            sa.Column("device", sa.Text, nullable=False),
            sa.Column("metric", sa.Text, nullable=False),
            sa.Column("n", sa.Integer, nullable=False),
            sa.Column("value", sa.Float, nullable=False),
            sa.UniqueConstraint("run_id", "page", "device", "metric", "n"),
        )
        op.create_index("speed_samples_of", "speed_samples", ["site", "page", "device"])
    if not inspector.has_table("incidents"):
        op.create_table(
            "incidents",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("site", sa.Text, nullable=False),
            sa.Column("key", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("opened_run", sa.Integer),
            sa.Column("opened_at", sa.Text),
            sa.Column("closed_run", sa.Integer),
            sa.Column("closed_at", sa.Text),
            sa.Column("notified_open", sa.Text),
            sa.Column("notified_close", sa.Text),
        )
        op.create_index(
            "one_open_incident",
            "incidents",
            ["site", "key"],
            unique=True,
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        )


def downgrade() -> None:
    op.drop_table("incidents")
    op.drop_table("speed_samples")
