"""A credit the acceptor repeats after a crash is recognised by its journaled, unacknowledged
marker and not counted twice; a marker nobody repeats is forgotten."""

from __future__ import annotations

from kiosk.payments.cash import CashPayments

DEVICE = "essp:/dev/ttyUSB0"


def test_repeat_of_the_unacknowledged_note_is_recognised_once(journal, waker, clock):
    cash = CashPayments(journal, waker, "K-330106-0001", clock)
    txn = cash.begin("3300000001", 10000, 5_000_000)
    cash.note_stacked(txn, 5000, DEVICE, 5, ack_pending=True)
    # The kiosk died before the acknowledgement; the acceptor reports the note again.
    assert cash.repeated_at_startup(DEVICE, 5000, 5) is True
    assert cash.repeated_at_startup(DEVICE, 5000, 5) is False  # only once
    assert [n.value_fen for n in journal.notes_for(txn)] == [5000]


def test_acknowledged_note_is_not_taken_for_a_repeat(journal, waker, clock):
    cash = CashPayments(journal, waker, "K-330106-0001", clock)
    txn = cash.begin("3300000001", 10000, 5_000_000)
    cash.note_stacked(txn, 5000, DEVICE, 5, ack_pending=True)
    cash.acknowledged(DEVICE)
    assert cash.repeated_at_startup(DEVICE, 5000, 5) is False


def test_a_different_note_is_not_a_repeat_and_stale_markers_are_forgotten(journal, waker, clock):
    cash = CashPayments(journal, waker, "K-330106-0001", clock)
    txn = cash.begin("3300000001", 10000, 5_000_000)
    cash.note_stacked(txn, 5000, DEVICE, 5, ack_pending=True)
    assert cash.repeated_at_startup(DEVICE, 10000, 6) is False
    cash.forget_unacked(DEVICE)
    assert cash.repeated_at_startup(DEVICE, 5000, 5) is False
    assert cash.interrupted() == txn
