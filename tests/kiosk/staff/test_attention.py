"""Attention list actions: retry makes the queued request due now; resolve; both audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import ManualClock
from kiosk.journal import Journal, ops
from kiosk.payments.cash import CashPayments
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.attention import AttentionDesk
from kiosk.staff.errors import InvalidInput, NotFound, PermissionDenied, WrongState

from .conftest import KIOSK

TECH = Actor("wang.tech", "technician")


class _Wakes:
    def __init__(self) -> None:
        self.count = 0

    def wake(self) -> None:
        self.count += 1


def _stuck_payment(journal: Journal, clock: ManualClock) -> str:
    payments = CashPayments(journal, _Wakes(), KIOSK, clock)
    txn_id = payments.begin("3300000001", 0, 100000)
    payments.note_stacked(txn_id, 10000, "nv200", 1)
    payments.finish(txn_id)
    (item,) = journal.outbox_for(txn_id)
    later = clock.now() + timedelta(hours=1)
    journal.write(lambda s: ops.outbox_retry(s, item.id, "HTTP 503", later))
    journal.add_attention(txn_id, "outbox item unsent after 10 attempts")
    return txn_id


def test_retry_makes_the_request_due_now_and_wakes_the_forwarder(
    journal: Journal, clock: ManualClock
) -> None:
    txn_id = _stuck_payment(journal, clock)
    assert journal.due_outbox() == []
    wakes = _Wakes()
    desk = AttentionDesk(journal, forwarder=wakes)
    (item,) = desk.open_items()
    outcome = desk.retry(TECH, item)
    assert outcome.requeued == 1 and wakes.count == 1
    assert [i.txn_id for i in journal.due_outbox()] == [txn_id]
    assert desk.open_items() == [item]  # retrying does not resolve it
    (row,) = [e for e in audit.entries(journal) if e.action == "attention_retry"]
    assert row.actor == "wang.tech" and row.after == {"txn_id": txn_id, "requeued": 1}


def test_retry_without_anything_queued_says_so(journal: Journal) -> None:
    item = journal.add_attention(None, "note stacked after the payment closed")
    wakes = _Wakes()
    outcome = AttentionDesk(journal, forwarder=wakes).retry(TECH, item.id)
    assert outcome.requeued == 0 and "by hand" in outcome.note and wakes.count == 0


def test_resolve_is_audited_and_final(journal: Journal, clock: ManualClock) -> None:
    _stuck_payment(journal, clock)
    desk = AttentionDesk(journal)
    (item,) = desk.open_items()
    with pytest.raises(PermissionDenied):
        desk.resolve(Actor("device", "system"), item, "x")
    with pytest.raises(InvalidInput):
        desk.resolve(TECH, item, "   ")
    desk.resolve(TECH, item, "called the utility; payment confirmed by phone")
    assert desk.open_items() == []
    (resolved,) = journal.list_attention(include_resolved=True)
    assert resolved.resolved_by == "wang.tech"
    with pytest.raises(WrongState):
        desk.resolve(TECH, item, "again")
    with pytest.raises(NotFound):
        desk.retry(TECH, 999)
    assert [e.action for e in audit.entries(journal)] == ["attention_resolved"]
    assert audit.verify_chain(journal).ok
