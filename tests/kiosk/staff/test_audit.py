"""The audit hash chain: intact, then broken by a direct edit, a deletion, a reorder, a cut tail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.journal.errors import SensitiveDataError
from kiosk.staff import audit
from kiosk.staff.access import Actor

ACTOR = Actor("li.ming", "staff")


def _fill(journal: Journal, clock: ManualClock, rows: int = 5) -> None:
    for n in range(rows):
        clock.advance(1)
        audit.record(journal, ACTOR, "test_action", f"thing {n}", {"n": n}, {"n": n + 1})


def _sql(path: Path, statement: str, *params: object) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(statement, params)
    con.close()


@pytest.fixture
def filled(journal: Journal, clock: ManualClock) -> Journal:
    _fill(journal, clock)
    result = audit.verify_chain(journal)
    assert result.ok and result.rows == 5, result
    return journal


def test_rows_are_chained_from_genesis(filled: Journal) -> None:
    entries = audit.entries(filled)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[2].before == {"n": 2} and entries[2].actor == "li.ming"
    assert audit.entries(filled, limit=2)[0].seq == 4
    assert audit.head(filled) is not None and audit.head(filled) == (5, _last_hash(filled))


def _last_hash(journal: Journal) -> str:
    con = sqlite3.connect(journal.path)
    (value,) = con.execute("SELECT hash FROM staff_audit ORDER BY seq DESC LIMIT 1").fetchone()
    con.close()
    return str(value)


def test_empty_log_verifies(journal: Journal) -> None:
    assert audit.verify_chain(journal).ok and audit.head(journal) is None


def test_edited_row_is_found(filled: Journal, db_path: Path) -> None:
    _sql(db_path, "UPDATE staff_audit SET after_json = '{\"n\":99}' WHERE seq = 3")
    result = audit.verify_chain(filled)
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert "changed" in result.reason


def test_edit_with_recomputed_hash_breaks_the_next_link(filled: Journal, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    row = con.execute(
        "SELECT seq, at, actor, role, action, target, before_json, after_json, prev_hash"
        " FROM staff_audit WHERE seq = 2"
    ).fetchone()
    seq, at, actor, role, action, target, before, _after, prev = row
    forged = audit.row_hash(seq, at, actor, role, action, target, before, '{"n":77}', prev)
    with con:
        con.execute(
            "UPDATE staff_audit SET after_json = '{\"n\":77}', hash = ? WHERE seq = 2", (forged,)
        )
    con.close()
    result = audit.verify_chain(filled)
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_deleted_row_is_found(filled: Journal, db_path: Path) -> None:
    _sql(db_path, "DELETE FROM staff_audit WHERE seq = 2")
    result = audit.verify_chain(filled)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "missing" in result.reason


def test_deleted_first_row_is_found(filled: Journal, db_path: Path) -> None:
    _sql(db_path, "DELETE FROM staff_audit WHERE seq = 1")
    assert audit.verify_chain(filled).first_bad_seq == 1


def test_reordered_rows_are_found(filled: Journal, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE staff_audit SET seq = -1 WHERE seq = 2")
        con.execute("UPDATE staff_audit SET seq = 2 WHERE seq = 3")
        con.execute("UPDATE staff_audit SET seq = 3 WHERE seq = -1")
    con.close()
    result = audit.verify_chain(filled)
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_truncated_tail_is_found(filled: Journal, db_path: Path) -> None:
    _sql(db_path, "DELETE FROM staff_audit WHERE seq >= 4")
    result = audit.verify_chain(filled)
    assert (result.ok, result.first_bad_seq) == (False, 4)
    assert "cut off" in result.reason


def test_new_row_after_a_cut_tail_still_shows_the_gap(
    filled: Journal, clock: ManualClock, db_path: Path
) -> None:
    _sql(db_path, "DELETE FROM staff_audit WHERE seq = 5")
    _fill(filled, clock, rows=1)
    assert audit.verify_chain(filled).first_bad_seq == 5


def test_deleted_head_record_is_found(filled: Journal, db_path: Path) -> None:
    _sql(db_path, "DELETE FROM staff_audit_head")
    assert not audit.verify_chain(filled).ok


def test_row_added_behind_the_heads_back_is_found(filled: Journal, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    (prev,) = con.execute("SELECT hash FROM staff_audit WHERE seq = 5").fetchone()
    at = "2026-11-26T09:00:00.000000Z"
    digest = audit.row_hash(6, at, "x", "admin", "forged", "t", "null", "null", prev)
    with con:
        con.execute(
            "INSERT INTO staff_audit VALUES (6, ?, 'x', 'admin', 'forged', 't', 'null', 'null',"
            " ?, ?)",
            (at, prev, digest),
        )
    con.close()
    assert audit.verify_chain(filled).first_bad_seq == 6


@pytest.mark.parametrize(
    "after",
    [
        {"pin": "482913"},
        {"pin_hash": "x"},
        {"service_card_id": "CARD-1"},
        {"note": "$argon2id$v=19$m=65536,t=2,p=2$abc"},
        {"card": "6222021234567890128"},  # a Luhn-valid card number
        {"nested": [{"secret": "s"}]},
    ],
)
def test_sensitive_values_are_refused_and_nothing_is_written(
    journal: Journal, after: dict[str, object]
) -> None:
    with pytest.raises(SensitiveDataError):
        audit.record(journal, ACTOR, "x", "y", None, after)
    assert audit.entries(journal) == []
    assert audit.verify_chain(journal).ok


def test_audit_is_atomic_with_the_change_it_records(journal: Journal, clock: ManualClock) -> None:
    def job(session: Session) -> None:
        audit.append(session, clock.now(), ACTOR, "will_fail", "t")
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        journal.write(job)
    assert audit.entries(journal) == []
