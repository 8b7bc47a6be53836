"""The staff tables as migration 0003 creates them match the ORM models; 0003 downgrades."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kiosk.journal import db
from kiosk.journal.models import Base
from kiosk.staff import models

STAFF_TABLES = {"staff_users", "staff_audit", "staff_audit_head", "kiosk_mode"}


def _table_of(diff: Any) -> str | None:
    if isinstance(diff, list):  # column modifications come as lists of tuples
        return _table_of(diff[0])
    for part in diff[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return str(table.name)
        if name in STAFF_TABLES:
            return str(name)
    if len(diff) > 2 and isinstance(diff[2], str):
        return diff[2]
    return None


def test_migration_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    db.upgrade(path)
    assert {t.name for t in Base.metadata.sorted_tables} >= STAFF_TABLES
    assert models.USERS.name == "staff_users"
    engine = db.make_engine(path, read_only=True, pooled=False)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    ours = [d for d in diffs if _table_of(d) in STAFF_TABLES]
    assert ours == []


def test_downgrade_removes_only_the_staff_tables(tmp_path: Path) -> None:
    import sqlite3

    from alembic import command

    path = tmp_path / "j.db"
    db.upgrade(path)
    engine = db.make_engine(path, pooled=False)
    try:
        with engine.connect() as conn:
            config = db.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
            conn.commit()
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert not tables & STAFF_TABLES and "transactions" in tables
    db.upgrade(path)
    assert db.current_revision(path) == db.head_revision()
