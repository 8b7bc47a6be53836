"""Journal facade: transactions and events, notes and cashbox, outbox, cache, attention."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.journal import Journal, JournalError, UnknownTransaction

from .conftest import KIOSK, new_payment


def test_ids_are_unique_across_restarts_and_days(tmp_path: Path) -> None:
    clock = ManualClock()
    path = tmp_path / "j.db"
    ids = []
    for _ in range(3):
        with Journal.open(path, clock) as journal:
            ids += [new_payment(journal) for _ in range(2)]
    assert ids == [f"T-{KIOSK}-20261126-{n:06d}" for n in range(1, 7)]
    clock.advance(86400)
    with Journal.open(path, clock) as journal:
        assert new_payment(journal) == f"T-{KIOSK}-20261127-000001"
        charge = journal.create_transaction(
            kiosk_id=KIOSK, kind="mobile_charge", account_no="3300000001", state="new"
        )
        assert charge.id == f"C-{KIOSK}-20261127-000001"


def test_set_state_appends_an_event_in_the_same_transaction(
    journal: Journal, clock: ManualClock
) -> None:
    txn = new_payment(journal)
    clock.advance(5)
    record = journal.set_state(txn, "posting", detail_update={"x": 1}, event_detail={"why": "t"})
    assert record.state == "posting"
    assert record.detail == {"x": 1}
    assert record.updated_at == clock.now()
    events = journal.events_for(txn)
    assert [(e.state, e.detail) for e in events] == [("collecting", {}), ("posting", {"why": "t"})]
    with pytest.raises(UnknownTransaction):
        journal.set_state("T-nope", "posting")


def test_unknown_kind_and_float_amount_refused(journal: Journal) -> None:
    with pytest.raises(JournalError):
        journal.create_transaction(kiosk_id=KIOSK, kind="bitcoin", account_no=None, state="x")
    with pytest.raises(TypeError):
        journal.create_transaction(
            kiosk_id=KIOSK,
            kind="payment",
            account_no=None,
            state="x",
            amount_fen=1.5,  # type: ignore[arg-type]
        )
    assert journal.list_transactions() == []


def test_notes_update_cashbox_counts(journal: Journal) -> None:
    txn = new_payment(journal)
    for value in (10000, 10000, 5000):
        journal.record_note(txn, value, "nv200", 4)
    orphan = journal.record_note(None, 2000, "nv200", 2)
    assert orphan.txn_id is None
    assert [n.value_fen for n in journal.notes_for(txn)] == [10000, 10000, 5000]
    assert [n.id for n in journal.notes_for(None)] == [orphan.id]
    summary = journal.cashbox_summary()
    assert summary is not None
    assert summary.counts == {10000: 2, 5000: 1, 2000: 1}
    assert (summary.notes, summary.total_fen) == (4, 27000)
    with pytest.raises(JournalError):
        journal.record_note(txn, 0, "nv200", 1)
    with pytest.raises(UnknownTransaction):
        journal.record_note("T-unknown-1", 100, "nv200", 1)
    assert journal.cashbox_summary() == summary
    journal.new_cashbox_period()
    fresh = journal.cashbox_summary()
    assert fresh is not None
    assert fresh.counts == {}
    assert fresh.period == summary.period + 1


def test_outbox_order_depth_and_duplicate_keys(journal: Journal, clock: ManualClock) -> None:
    a1, a2, b1 = (
        new_payment(journal, "3300000001"),
        new_payment(journal, "3300000001"),
        new_payment(journal, "3300000002"),
    )
    journal.enqueue(a1, "POST", "/v1/payments", {"n": 1}, a1, "3300000001")
    clock.advance(1)
    journal.enqueue(a2, "POST", "/v1/payments", {"n": 2}, a2, "3300000001")
    journal.enqueue(b1, "POST", "/v1/payments", {"n": 3}, b1, "3300000002")
    assert journal.outbox_depth() == 3
    assert journal.oldest_unsent() == clock.now() - timedelta(seconds=1)
    # only the head of each account is due
    assert [i.txn_id for i in journal.due_outbox()] == [a1, b1]
    assert [i.txn_id for i in journal.due_outbox(exclude_accounts={"3300000001"})] == [b1]
    assert [i.txn_id for i in journal.pending_outbox()] == [a1, a2, b1]
    with pytest.raises(JournalError):
        journal.enqueue(a2, "POST", "/v1/payments", {"n": 2}, a2, "3300000001")
    with pytest.raises(JournalError):
        journal.enqueue(a2, "POST", "/v1/payments", {"n": 2}, "bad key!", "3300000001")
    assert journal.outbox_depth() == 3
    item = journal.outbox_for(a1)[0]
    assert (item.body, item.idempotency_key, item.attempts) == ('{"n":1}', a1, 0)


def test_account_cache_expires_after_max_age(journal: Journal, clock: ManualClock) -> None:
    journal.cache_account("3300000001", {"account": {"amount_due_fen": 100}, "bills": []})
    assert journal.get_cached_account("3300000001") == {
        "account": {"amount_due_fen": 100},
        "bills": [],
    }
    clock.advance(24 * 3600 + 1)
    assert journal.get_cached_account("3300000001") is None
    assert journal.get_cached_account("3300000001", max_age=timedelta(days=2)) is not None
    journal.cache_account("3300000001", {"account": {"amount_due_fen": 5}})
    assert journal.get_cached_account("3300000001") == {"account": {"amount_due_fen": 5}}


def test_attention_list_add_resolve(journal: Journal) -> None:
    txn = new_payment(journal)
    item = journal.add_attention(txn, "check the cashbox")
    journal.add_attention(None, "power-up clear")
    assert [a.reason for a in journal.list_attention()] == ["check the cashbox", "power-up clear"]
    journal.resolve_attention(item.id, "staff-7", "counted, fine")
    assert [a.reason for a in journal.list_attention()] == ["power-up clear"]
    resolved = journal.list_attention(include_resolved=True)[0]
    assert (resolved.resolved_by, resolved.resolution) == ("staff-7", "counted, fine")
    with pytest.raises(JournalError):
        journal.resolve_attention(item.id, "staff-7", "again")
    assert journal.status().open_attention == 1
