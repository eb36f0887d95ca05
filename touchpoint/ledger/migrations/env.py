"""Alembic's environment for the ledger: always given an open connection by
`touchpoint.ledger.migrate` (in its transaction, holding its lock), never a URL from a file."""

from __future__ import annotations

from alembic import context

from touchpoint.ledger.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
