"""The pragmas are really set on writer and reader connections, and schema == migrations."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from kiosk.clock import ManualClock
from kiosk.journal import Journal, db
from kiosk.journal.models import Base


def _pragmas(session: Session | Connection) -> dict[str, object]:
    names = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "query_only")
    return {name: session.execute(text(f"PRAGMA {name}")).scalar() for name in names}


def test_writer_connection_has_wal_full_sync_foreign_keys(journal: Journal) -> None:
    pragmas = journal.write(_pragmas)
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": db.BUSY_TIMEOUT_MS,
        "query_only": 0,
    }


def test_reader_connection_is_query_only_with_same_pragmas(journal: Journal) -> None:
    with journal.reading() as session:
        pragmas = _pragmas(session)
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["synchronous"] == 2
    assert pragmas["foreign_keys"] == 1
    assert pragmas["query_only"] == 1


def test_foreign_keys_are_enforced(journal: Journal) -> None:
    import pytest
    from sqlalchemy.exc import IntegrityError

    from kiosk.journal import ops

    now = journal.now()
    with pytest.raises(IntegrityError):
        journal.write(
            lambda s: s.execute(
                text(
                    "INSERT INTO notes (txn_id, value_fen, device, channel, at, cashbox_period) "
                    "VALUES ('nope', 100, 'd', 1, :at, 99)"
                ),
                {"at": "2026-11-26T08:00:00.000000Z"},
            )
        )
    # the writer survives a failed job
    assert journal.write(lambda s: ops.current_period(s, now)) == 1


def test_models_match_migrated_schema(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    db.upgrade(path)
    engine = db.make_engine(path, pooled=False)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    # tables other packages add by later migrations (staff, ...) are theirs to check
    ours = set(Base.metadata.tables)
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name not in ours)]
    assert diff == []


def test_open_creates_data_dir_and_reaches_head(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "journal.db"
    Journal.open(path, ManualClock()).close()
    assert db.current_revision(path) == db.head_revision()
