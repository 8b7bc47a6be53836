"""Cash collection: the walk with a discrepancy, resumption after a restart, the report sent."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock, SystemClock
from kiosk.journal import Journal
from kiosk.outbox.forwarder import Forwarder
from kiosk.payments.recovery import recover
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.cashbox import cashbox_now
from kiosk.staff.collection import Collections
from kiosk.staff.errors import InvalidInput, PermissionDenied, WrongState
from kiosk.staff.recovery import RECOVERY_HOOKS
from kiosk.staff.service_mode import ServiceMode

from .conftest import KIOSK

STAFF = Actor("li.ming", "staff")
SECRET = "dev-secret-change-me"


class _NoWake:
    def wake(self) -> None:
        pass


def _stack(journal: Journal, notes: dict[int, int]) -> None:
    txn = journal.create_transaction(
        kiosk_id=KIOSK, kind="payment", account_no="3300000001", method="cash", state="collecting"
    )
    for value, count in notes.items():
        for _ in range(count):
            journal.record_note(txn.id, value, "nv200", 1)


def test_cashbox_now_counts_notes_since_the_last_collection(journal: Journal) -> None:
    assert cashbox_now(journal).total_fen == 0
    _stack(journal, {10000: 2, 2000: 1})
    now = cashbox_now(journal)
    assert (now.counts, now.notes, now.total_fen) == ({10000: 2, 2000: 1}, 3, 22000)
    assert now.lines() == ["¥100.00 x 2 = ¥200.00", "¥20.00 x 1 = ¥20.00"]


def test_collection_walk_with_a_discrepancy(
    journal: Journal, clock: ManualClock, tmp_path: Path
) -> None:
    _stack(journal, {10000: 3, 2000: 1})
    modes = ServiceMode(journal)
    desk = Collections(journal, clock, KIOSK)
    with pytest.raises(PermissionDenied):
        desk.start(Actor("wang.tech", "technician"))
    opened = desk.start(STAFF)
    assert opened.state == "started" and modes.mode() == "out_of_service"
    with pytest.raises(WrongState):
        desk.start(STAFF)
    with pytest.raises(WrongState):
        desk.count(STAFF, {10000: 3})
    clock.advance(30)
    removed = desk.cashbox_removed()
    assert removed.expected == {10000: 3, 2000: 1} and removed.expected_total_fen == 32000
    clock.advance(120)
    with pytest.raises(InvalidInput, match="-2000 fen: a reason is required"):
        desk.count(STAFF, {10000: 3})
    with pytest.raises(InvalidInput):
        desk.count(STAFF, {3000: 1}, "no such note")
    assert desk.current_collection() == removed  # refused counts changed nothing
    counted = desk.count(STAFF, {10000: 3}, "20 yuan note stuck in the acceptor path")
    assert (counted.counted_total_fen, counted.discrepancy_fen) == (30000, -2000)
    with pytest.raises(WrongState):
        desk.close(STAFF)
    desk.cashbox_inserted()
    clock.advance(10)
    period_before = cashbox_now(journal).period
    closed = desk.close(STAFF)
    assert closed.state == "closed" and desk.current_collection() is None
    assert modes.mode() == "in_service"
    after = cashbox_now(journal)
    assert after.total_fen == 0 and after.period is not None and after.period != period_before

    (item,) = journal.outbox_for(closed.collection_id)
    assert item.idempotency_key == closed.collection_id
    assert item.path == f"/v1/kiosks/{KIOSK}/cash-collections"
    body = json.loads(item.body)
    assert body == {
        "collection_id": closed.collection_id,
        "opened_at": "2026-11-26T08:00:00Z",
        "closed_at": "2026-11-26T08:02:40Z",
        "staff_id": "li.ming",
        "expected": {"10000": 3, "2000": 1},
        "counted": {"10000": 3},
        "expected_total_fen": 32000,
        "counted_total_fen": 30000,
        "note": "20 yuan note stuck in the acceptor path",
    }
    actions = [e.action for e in audit.entries(journal)]
    assert actions == [
        "mode_changed",
        "collection_started",
        "cashbox_removed",
        "collection_counted",
        "cashbox_inserted",
        "mode_changed",
        "collection_closed",
    ]
    assert audit.verify_chain(journal).ok

    # the queued report goes to the real simulator through the real forwarder
    with (
        SimulatorServer(port=0, state_path=tmp_path / "sim.db") as sim,
        UtilityClient(sim.url, KIOSK, SECRET, clock=SystemClock()) as client,
    ):
        summary = Forwarder(journal, client, clock, random.Random(1)).drain_once()
    assert summary.sent == 1
    txn = journal.get_transaction(closed.collection_id)
    assert txn is not None and txn.state == "done"
    (sent,) = journal.outbox_for(closed.collection_id)
    assert sent.response is not None and sent.response["discrepancy_fen"] == -2000


def test_collection_resumes_after_reopening_the_journal(db_path: Path, clock: ManualClock) -> None:
    with Journal.open(db_path, clock) as journal:
        _stack(journal, {5000: 2})
        desk = Collections(journal, clock, KIOSK)
        collection_id = desk.start(STAFF).collection_id
        desk.cashbox_removed(STAFF)
    # the app restarts mid-collection
    with Journal.open(db_path, clock) as journal:
        report = recover(journal, _NoWake(), hooks=RECOVERY_HOOKS)
        assert report.attention == []  # an open collection is not an error
        assert ServiceMode(journal).mode() == "out_of_service"
        desk = Collections(journal, clock, KIOSK)
        current = desk.current_collection()
        assert current is not None and current.collection_id == collection_id
        assert (current.state, current.expected) == ("cashbox_removed", {5000: 2})
        desk.count(STAFF, {5000: 2})
        desk.cashbox_inserted(STAFF)
    with Journal.open(db_path, clock) as journal:
        desk = Collections(journal, clock, KIOSK)
        current = desk.current_collection()
        assert current is not None and current.state == "cashbox_inserted"
        assert current.discrepancy_fen == 0
        closed = desk.close(STAFF)
        assert closed.state == "closed" and ServiceMode(journal).mode() == "in_service"
        assert audit.verify_chain(journal).ok
        report = recover(journal, _NoWake(), hooks=RECOVERY_HOOKS)
        assert collection_id in report.resent and report.attention == []


def test_cancel_only_before_the_cashbox_comes_out(journal: Journal, clock: ManualClock) -> None:
    modes = ServiceMode(journal)
    modes.set_mode(Actor("wang.tech", "technician"), "maintenance", "check")
    desk = Collections(journal, clock, KIOSK)
    desk.start(STAFF)
    cancelled = desk.cancel(STAFF, "wrong key brought")
    assert cancelled.state == "cancelled" and modes.mode() == "maintenance"
    desk.start(STAFF)
    desk.cashbox_removed()
    with pytest.raises(WrongState):
        desk.cancel(STAFF, "changed my mind")


def test_note_journaled_after_removal_goes_on_the_attention_list(
    journal: Journal, clock: ManualClock
) -> None:
    _stack(journal, {10000: 1})
    desk = Collections(journal, clock, KIOSK)
    desk.start(STAFF)
    desk.cashbox_removed()
    journal.record_note(None, 1000, "nv200", 3)  # e.g. an escrowed note cleared at power-up
    desk.count(STAFF, {10000: 1})
    desk.cashbox_inserted()
    closed = desk.close(STAFF)
    (item,) = journal.list_attention()
    assert item.txn_id == closed.collection_id and "{'1000': 1}" in item.reason
