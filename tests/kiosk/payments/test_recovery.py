"""Start-up recovery: one test per rule, and a crash between send and answer."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal, TransactionRecord
from kiosk.payments import CashPayments, RecoveryReport, recover
from tests.kiosk.conftest import KIOSK, WakeCounter, forwarder_for


def test_collecting_with_notes_is_finished_as_credited(
    journal: Journal, waker: WakeCounter, clock: ManualClock
) -> None:
    cash = CashPayments(journal, waker, KIOSK, clock)
    txn = cash.begin("3300000001", 0, 100000)
    cash.note_stacked(txn, 10000, "nv200", 4)
    clock.advance(7)
    cash.note_stacked(txn, 5000, "nv200", 3)
    last_note_at = journal.notes_for(txn)[-1].at
    clock.advance(600)  # the kiosk was down for a while
    report = recover(journal, waker)
    assert report.finished == [txn]
    assert report.changed
    (item,) = journal.outbox_for(txn)
    assert item.idempotency_key == txn
    body = json.loads(item.body)
    assert body["amount_fen"] == 15000
    assert body["cash_notes"] == {"10000": 1, "5000": 1}
    assert body["occurred_at"] == last_note_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert cash.outcome(txn).state == "posting"
    assert journal.events_for(txn)[-1].detail["recovered"] is True
    assert waker.wakes == 1


def test_collecting_without_notes_is_cancelled(journal: Journal, waker: WakeCounter) -> None:
    cash = CashPayments(journal, waker, KIOSK, journal.clock)
    txn = cash.begin("3300000002", 0, 100000)
    report = recover(journal, waker)
    assert report.cancelled == [txn]
    assert cash.outcome(txn).state == "cancelled"
    assert journal.outbox_depth() == 0
    assert waker.wakes == 0


def test_undecidable_go_to_attention_once(journal: Journal, waker: WakeCounter) -> None:
    orphan = journal.create_transaction(
        kiosk_id=KIOSK, kind="payment", account_no="3300000001", method="cash", state="posting"
    ).id
    charge = journal.create_transaction(
        kiosk_id=KIOSK, kind="mobile_charge", account_no="3300000001", state="querying"
    ).id
    done = journal.create_transaction(
        kiosk_id=KIOSK, kind="payment", account_no="3300000001", method="cash", state="posted"
    ).id
    first = recover(journal, waker)
    second = recover(journal, waker)
    assert sorted(first.attention) == sorted(second.attention) == sorted([orphan, charge])
    reasons = {a.txn_id: a.reason for a in journal.list_attention()}
    assert set(reasons) == {orphan, charge}
    assert len(journal.list_attention()) == 2  # not duplicated by the second run
    assert "no pending outbox item" in reasons[orphan]
    assert done not in reasons


def test_hooks_handle_other_kinds(journal: Journal, waker: WakeCounter) -> None:
    charge = journal.create_transaction(
        kiosk_id=KIOSK, kind="mobile_charge", account_no="3300000001", state="querying"
    ).id
    seen: list[str] = []

    def hook(j: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
        seen.append(txn.id)
        j.set_state(txn.id, "failed")

    report = recover(journal, waker, hooks={"mobile_charge": hook})
    assert seen == [charge]
    assert report.attention == []
    assert journal.list_unfinished() == []


def test_posting_is_resent_with_same_key_after_a_crash(
    journal_path: Path, tmp_path: Path, clock: ManualClock
) -> None:
    """The server committed, the answer was lost, the kiosk died: one payment, not two."""
    with (
        SimulatorServer(port=0, state_path=tmp_path / "sim.db", clock=clock) as sim,
        UtilityClient(sim.url, KIOSK, "dev-secret-change-me", clock=clock) as client,
    ):
        faults = {"fail_before_commit_rate": 0.0, "drop_response_after_commit_rate": 1.0}
        httpx.post(f"{sim.url}/v1/sim/faults", json=faults, timeout=5).raise_for_status()
        with Journal.open(journal_path, clock) as journal:
            forwarder = forwarder_for(journal, client, clock)
            cash = CashPayments(journal, forwarder, KIOSK, clock)
            txn = cash.begin("3300000001", 0, 100000)
            cash.note_stacked(txn, 10000, "nv200", 4)
            cash.finish(txn)
            forwarder.drain_once()
            (before,) = journal.outbox_for(txn)
        faults["drop_response_after_commit_rate"] = 0.0
        httpx.post(f"{sim.url}/v1/sim/faults", json=faults, timeout=5).raise_for_status()
        clock.advance(120)
        with Journal.open(journal_path, clock) as journal:  # the restart
            forwarder = forwarder_for(journal, client, clock)
            report = recover(journal, forwarder)
            assert report.resent == [txn]
            (item,) = journal.outbox_for(txn)
            assert (item.id, item.idempotency_key, item.body) == (
                before.id,
                before.idempotency_key,
                before.body,
            )
            assert forwarder.drain_once().sent == 1
            outcome = CashPayments(journal, forwarder, KIOSK, clock).outcome(txn)
            assert outcome.state == "posted"
            assert journal.get_transaction(txn).detail["replayed"] is True  # type: ignore[union-attr]
        ledger = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=5).json()["payments"]
    assert [p["transaction_id"] for p in ledger if p.get("channel") == "kiosk"] == [txn]
