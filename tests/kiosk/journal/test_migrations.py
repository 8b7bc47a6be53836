"""A database made by the first schema (0001) is upgraded in place with its data kept."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.journal import Journal, db

from .conftest import KIOSK

ROOT = Path(__file__).resolve().parents[3]


def _fill_first_schema(path: Path) -> None:
    db.upgrade(path, "0001")
    assert db.current_revision(path) == "0001"
    con = sqlite3.connect(path)
    with con:
        at = "2026-11-26T07:00:00.000000Z"
        for seq in (1, 7):
            con.execute(
                "INSERT INTO transactions VALUES (?, 'payment', '3300000001', 10000, 'cash',"
                " 'posting', ?, ?, '{}')",
                (f"T-{KIOSK}-20261126-{seq:06d}", at, at),
            )
        con.execute("INSERT INTO cashbox_periods (opened_at) VALUES (?)", (at,))
        con.execute(
            "INSERT INTO notes (txn_id, value_fen, device, channel, at, cashbox_period)"
            " VALUES (?, 10000, 'nv200', 4, ?, 1)",
            (f"T-{KIOSK}-20261126-000007", at),
        )
        con.execute(
            "INSERT INTO outbox (txn_id, method, path, body, idempotency_key, account_no, state,"
            " attempts, next_attempt_at, created_at) VALUES (?, 'POST', '/v1/payments', '{}', ?,"
            " '3300000001', 'pending', 0, ?, ?)",
            (f"T-{KIOSK}-20261126-000007", f"T-{KIOSK}-20261126-000007", at, at),
        )
    con.close()


def test_upgrade_from_first_schema_keeps_rows_and_continues_ids(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    _fill_first_schema(path)
    with Journal.open(path, ManualClock()) as journal:
        assert db.current_revision(path) == db.head_revision()
        assert [t.id for t in journal.list_transactions()] == [
            f"T-{KIOSK}-20261126-000001",
            f"T-{KIOSK}-20261126-000007",
        ]
        assert len(journal.notes_for(f"T-{KIOSK}-20261126-000007")) == 1
        assert journal.outbox_depth() == 1
        fresh = journal.create_transaction(
            kiosk_id=KIOSK, kind="payment", account_no="3300000002", state="collecting"
        )
    # 0002 seeded the counter from the existing ids, so no id is reused
    assert fresh.id == f"T-{KIOSK}-20261126-000008"


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    _fill_first_schema(path)
    db.upgrade(path)
    db.upgrade(path)
    assert db.current_revision(path) == db.head_revision()


def test_the_shipped_head_read_from_the_files_is_alembics(tmp_path: Path) -> None:
    assert db.shipped_head() is not None
    assert db.shipped_head() == db.head_revision()


def test_the_stamped_revision_is_read_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    assert db.stamped_revision(path) is None  # no file: nothing stamped, nothing created
    assert not path.exists()
    db.upgrade(path, "0001")
    assert db.stamped_revision(path) == "0001"
    db.upgrade(path)
    assert db.stamped_revision(path) == db.head_revision()


def test_an_up_to_date_journal_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db.upgrade(path)
    code = (
        "import sys; from pathlib import Path; from kiosk.clock import ManualClock; "
        "from kiosk.journal import Journal; "
        f"j = Journal.open(Path({str(path)!r}), ManualClock()); j.close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_an_old_journal_is_still_upgraded_on_open(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db.upgrade(path, "0003")
    journal = Journal.open(path, ManualClock())
    journal.close()
    assert db.current_revision(path) == db.head_revision()
