"""A database made by the first schema (0001) is upgraded in place with its data kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.journal import Journal, db

from .conftest import KIOSK


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
