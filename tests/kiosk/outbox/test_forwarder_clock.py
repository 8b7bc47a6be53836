"""A wall clock that jumps backwards does not strand retries far in the future."""

from __future__ import annotations

import random
import socket

from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder, RetryPolicy
from kiosk.payments import CashPayments

from .conftest import KIOSK


def _dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_retry_after_a_backwards_clock_jump_is_due_again(
    journal: Journal, clock: ManualClock
) -> None:
    with UtilityClient(_dead_url(), KIOSK, "s", clock=clock) as dead:
        policy = RetryPolicy(base_s=100, max_s=100)
        forwarder = Forwarder(journal, dead, clock, random.Random(1), policy=policy)
        cash = CashPayments(journal, forwarder, KIOSK, clock)
        txn = cash.begin("3300000001", 0, 100000)
        cash.note_stacked(txn, 100, "nv200", 1)
        cash.finish(txn)
        forwarder.drain_once()
        assert journal.outbox_for(txn)[0].attempts == 1
        forwarder.drain_once()
        assert journal.outbox_for(txn)[0].attempts == 1  # backoff: 50-100 s
        clock.advance(-3600)  # NTP corrected a clock that ran an hour fast
        forwarder.drain_once()
    assert journal.outbox_for(txn)[0].attempts == 2
