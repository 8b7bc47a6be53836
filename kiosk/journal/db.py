"""SQLite engines with the journal's pragmas, and the programmatic Alembic upgrade.

Alembic is imported only when the journal file is not already at the newest shipped revision:
importing it costs about 0.2 s of the kiosk's start-up, for a check that almost always finds
nothing to do. The check reads the version row with sqlite3 and the shipped revisions from the
migration files' text.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"""^revision\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision\s*=\s*(?:["']([^"']+)["']|None)""", re.MULTILINE)
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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database file at path to revision (creating it if needed)."""
    if revision == "head":
        head = shipped_head()
        if head is not None and stamped_revision(path) == head:
            return  # nothing to do: Alembic not even imported
    from alembic import command

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


def shipped_head() -> str | None:
    """The newest migration, read from the version files' text (no Alembic import); None when
    the files do not name exactly one head, and the caller must ask Alembic."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        down = _DOWN_REVISION.search(text)
        if down is None:
            return None
        revisions.add(found.group(1))
        if down.group(1):
            downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def stamped_revision(path: Path) -> str | None:
    """The revision in the file's alembic_version row; None for a missing or new file."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:  # no version table yet
        return None
    finally:
        connection.close()
    return str(rows[0][0]) if len(rows) == 1 else None
