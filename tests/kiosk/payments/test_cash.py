"""Cash payments: notes journaled before they count, one outbox item per payment."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import InvalidRequest
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.payments import CashPayments
from tests.kiosk.conftest import KIOSK, WakeCounter, forwarder_for


@pytest.fixture
def cash(journal: Journal, waker: WakeCounter, clock: ManualClock) -> CashPayments:
    return CashPayments(journal, waker, KIOSK, clock)


def test_begin_refuses_bad_input_and_journals_nothing(cash: CashPayments, journal: Journal) -> None:
    with pytest.raises(InvalidRequest):
        cash.begin("33000", 100, 1000)
    with pytest.raises(InvalidRequest):
        cash.begin("3300000001", 100, 10.5)  # type: ignore[arg-type]
    assert journal.list_transactions() == []


def test_notes_are_durable_and_ceiling_is_respected(cash: CashPayments, journal: Journal) -> None:
    txn = cash.begin("3300000001", due_fen=28812, ceiling_fen=30000)
    record = journal.get_transaction(txn)
    assert record is not None
    assert (record.state, record.detail) == ("collecting", {"due_fen": 28812, "ceiling_fen": 30000})
    assert cash.would_accept(txn, 10000)
    assert cash.note_stacked(txn, 10000, "nv200", 4) == 10000
    assert cash.note_stacked(txn, 10000, "nv200", 4) == 20000
    # durable the moment note_stacked returned: another connection sees both rows
    con = sqlite3.connect(journal.path)
    try:
        rows = con.execute("SELECT value_fen FROM notes WHERE txn_id = ?", (txn,)).fetchall()
    finally:
        con.close()
    assert rows == [(10000,), (10000,)]
    assert cash.would_accept(txn, 10000)
    assert not cash.would_accept(txn, 10001)
    assert cash.note_stacked(txn, 10000, "nv200", 4) == 30000
    assert not cash.would_accept(txn, 100)
    assert not cash.would_accept("T-unknown", 100)


def test_finish_without_notes_cancels(
    cash: CashPayments, journal: Journal, waker: WakeCounter
) -> None:
    txn = cash.begin("3300000001", 0, 10000)
    cash.finish(txn)
    assert cash.outcome(txn).state == "cancelled"
    assert cash.outcome(txn).decided
    assert journal.outbox_depth() == 0
    assert waker.wakes == 0


def test_finish_enqueues_exact_body_with_transaction_id_as_key(
    cash: CashPayments, journal: Journal, waker: WakeCounter, clock: ManualClock
) -> None:
    txn = cash.begin("1300000000008", 8070, 100000)
    for value in (5000, 2000, 1000, 100):
        cash.note_stacked(txn, value, "nv200", 2)
    cash.note_stacked(txn, 5000, "nv200", 3)
    clock.advance(30)
    cash.finish(txn)
    cash.finish(txn)  # a second finish changes nothing
    items = journal.outbox_for(txn)
    assert len(items) == 1
    assert (items[0].method, items[0].path, items[0].idempotency_key) == (
        "POST",
        "/v1/payments",
        txn,
    )
    assert json.loads(items[0].body) == {
        "transaction_id": txn,
        "account_no": "1300000000008",
        "amount_fen": 13100,
        "method": "cash",
        "method_ref": None,
        "occurred_at": "2026-11-26T08:00:30Z",
        "cash_notes": {"5000": 2, "2000": 1, "1000": 1, "100": 1},
    }
    outcome = cash.outcome(txn)
    assert (outcome.state, outcome.amount_fen, outcome.receipt_no) == ("posting", 13100, None)
    assert waker.wakes == 1
    assert [e.state for e in journal.events_for(txn)][-1] == "posting"


def test_note_after_finish_is_kept_but_not_credited(cash: CashPayments, journal: Journal) -> None:
    txn = cash.begin("3300000001", 0, 100000)
    cash.note_stacked(txn, 10000, "nv200", 4)
    cash.finish(txn)
    assert cash.note_stacked(txn, 5000, "nv200", 3) == 10000
    assert json.loads(journal.outbox_for(txn)[0].body)["amount_fen"] == 10000
    assert [n.value_fen for n in journal.notes_for(None)] == [5000]
    summary = journal.cashbox_summary()
    assert summary is not None
    assert summary.total_fen == 15000
    (attention,) = journal.list_attention()
    assert attention.txn_id == txn
    assert "not credited" in attention.reason


def test_power_up_clear_is_journaled_with_attention(cash: CashPayments, journal: Journal) -> None:
    note = cash.record_power_up_clear(2000, "nv200", 2)
    assert note.txn_id is None
    assert journal.notes_for(None) == [note]
    summary = journal.cashbox_summary()
    assert summary is not None
    assert summary.counts == {2000: 1}
    (attention,) = journal.list_attention()
    assert attention.txn_id is None
    assert "power-up" in attention.reason


def test_cash_end_to_end_posted_and_suspense(
    journal: Journal, client: UtilityClient, sim: SimulatorServer, clock: ManualClock
) -> None:
    forwarder = forwarder_for(journal, client, clock)
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    results = {}
    for account in ("3300000007", "3300000006"):  # disconnected -> posted; closed -> suspense
        txn = cash.begin(account, 31000, 100000)
        cash.note_stacked(txn, 10000, "nv200", 4)
        cash.finish(txn)
        results[account] = txn
    assert forwarder.drain_once().sent == 2
    paid = cash.outcome(results["3300000007"])
    assert paid.state == "posted"
    assert paid.receipt_no is not None
    assert cash.outcome(results["3300000006"]).state == "suspense"
    ledger = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=5).json()["payments"]
    kiosk = {p["transaction_id"]: p for p in ledger if p.get("channel") == "kiosk"}
    assert kiosk[results["3300000007"]]["receipt_no"] == paid.receipt_no
    assert kiosk[results["3300000006"]]["status"] == "suspense"
