"""Alembic environment: runs on the connection Journal.open() hands over in config.attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kiosk.journal.models import Base


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("journal migrations run only through kiosk.journal.migrate")
_run(connection)
