"""Alembic environment: run by `warbrief.store.engine.migrate` with the open connection in
`config.attributes["connection"]` (never from a URL in an ini file)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None,
                  version_table_schema=context.config.attributes.get("schema"))
with context.begin_transaction():
    context.run_migrations()
