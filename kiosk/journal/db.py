"""SQLite engines with the journal's pragmas, and the programmatic Alembic upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000
# Durability settings every connection gets; tests read them back with PRAGMA queries.
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def make_engine(path: Path, *, read_only: bool = False, pooled: bool = True) -> Engine:
    """An engine whose connections have WAL, synchronous=FULL, foreign keys and a busy timeout.

    pysqlite's own transaction handling is switched off so that BEGIN is ours: writers take
    the lock up front (BEGIN IMMEDIATE) instead of failing half-way on an upgrade to write.
    """
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if not pooled:
        kwargs["poolclass"] = NullPool
    engine = create_engine(f"sqlite:///{path}", **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in PRAGMAS:
                cursor.execute(pragma)
            if read_only:
                cursor.execute("PRAGMA query_only=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database file at path to revision (creating it if needed)."""
    engine = make_engine(path, pooled=False)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest migration shipped with this code."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(path: Path) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(path, read_only=True, pooled=False)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
