"""The forwarder's workers when there is little to send: one of them looks at the journal on a
timer, the others wait to be woken, and nobody looks again and again at an account another worker
is sending for. Each look is a few ms of Python that the window's thread waits for (the GIL)."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kiosk.backend.errors import BackendUnavailable
from kiosk.backend.wire import ApiResponse
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder, RetryPolicy
from kiosk.payments import CashPayments

from .conftest import KIOSK

ACCOUNTS = ("3300000001", "3300000002", "3300000003", "3300000004")


# Notified on each send and each look at the journal: the tests wait on it, not on the time.
CHANGED = threading.Condition()


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    with CHANGED:
        assert CHANGED.wait_for(condition, seconds), "timed out"


class HeldClient:
    """A back end that holds each send until the test lets it go, then is unreachable."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.in_flight = 0
        self.most_in_flight = 0
        self.sends = 0

    def send_stored(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> ApiResponse:
        with CHANGED:
            self.sends += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            CHANGED.notify_all()
        try:
            self.released.wait(10)
        finally:
            with CHANGED:
                self.in_flight -= 1
                CHANGED.notify_all()
        raise BackendUnavailable("held, then let go")


class Looks:
    """The forwarder's looks at the journal: (thread, method, answer)."""

    def __init__(self, journal: Journal) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        for name in ("next_outbox_due", "due_outbox"):
            setattr(journal, name, self._counted(name, getattr(journal, name)))

    def _counted(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            answer = method(*args, **kwargs)
            with CHANGED:
                self.calls.append((threading.current_thread().name, name, answer))
                CHANGED.notify_all()
            return answer

        return counted

    def take(self) -> list[tuple[str, str, Any]]:
        with CHANGED:
            calls, self.calls = self.calls, []
        return calls

    def count(self, thread: str, name: str) -> int:
        return sum(1 for who, what, _ in self.calls if (who, what) == (thread, name))


@pytest.fixture
def held() -> Iterator[HeldClient]:
    client = HeldClient()
    yield client
    client.released.set()


def pay(cash: CashPayments, account_no: str) -> str:
    txn = cash.begin(account_no, 0, 100000)
    cash.note_stacked(txn, 100, "nv200", 1)
    cash.finish(txn)
    return txn


def test_only_one_worker_looks_at_the_journal_while_idle(
    journal: Journal, clock: ManualClock, held: HeldClient
) -> None:
    looks = Looks(journal)
    forwarder = Forwarder(journal, held, clock, random.Random(1), idle_poll_s=0.02)
    forwarder.start()
    try:
        # Each worker looks once at start (its first claim); then only a poller looks again.
        others = [f"outbox-forwarder-{n}" for n in (1, 2, 3)]
        wait_for(lambda: all(looks.count(name, "due_outbox") >= 1 for name in others))
        wait_for(lambda: looks.count("outbox-forwarder-0", "next_outbox_due") >= 2)
        looks.take()
        wait_for(lambda: len(looks.calls) >= 10)  # the poller: about two looks per 20 ms
    finally:
        forwarder.stop()
    threads = {thread for thread, _, _ in looks.take()}
    assert threads == {"outbox-forwarder-0"}


def test_an_account_being_sent_for_is_not_due_to_the_poller(
    journal: Journal, clock: ManualClock, held: HeldClient
) -> None:
    """Its head is due, but only to the worker sending it: before, the poller was told it was
    due and the idle workers asked the journal every 10 ms for as long as the send took. Here
    the test's thread plays the sending worker, and then the idle poller."""
    forwarder = Forwarder(journal, held, clock, random.Random(1), idle_poll_s=0.02)
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    txn = pay(cash, ACCOUNTS[0])  # stored; the forwarder's threads are not started
    looks = Looks(journal)
    item = forwarder._claim(set())
    assert item is not None and item.txn_id == txn  # being sent
    looks.take()
    forwarder._idle_wait(forwarder._wakes, True)  # meanwhile, the poller: its timer, once
    assert [(what, answer) for _, what, answer in looks.take()] == [("next_outbox_due", None)]
    forwarder._release(item)  # the send failed: the item is due again, to anyone
    forwarder._idle_wait(forwarder._wakes, True)
    [(what, answer)] = [(what, answer) for _, what, answer in looks.take()]
    assert what == "next_outbox_due" and answer is not None


def test_retries_falling_due_together_still_go_out_side_by_side(
    journal: Journal, clock: ManualClock, held: HeldClient
) -> None:
    """The poller finds them due (no wake: time passed) and wakes the others to take the rest."""
    forwarder = Forwarder(
        journal, held, clock, random.Random(1), policy=RetryPolicy(max_s=60), idle_poll_s=0.02
    )
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    looks = Looks(journal)
    held.released.set()  # the back end is unreachable: each first send fails at once
    forwarder.start()
    try:
        txns = [pay(cash, account_no) for account_no in ACCOUNTS]
        wait_for(lambda: all(journal.outbox_for(txn)[0].attempts == 1 for txn in txns))
        looks.take()  # the poller's timer runs on, the others settle into waiting for a wake:
        wait_for(lambda: looks.count("outbox-forwarder-0", "next_outbox_due") >= 3)
        held.released.clear()  # the back end is back, and slow
        clock.advance(120)  # every retry is due (backoff at most 60 s); nobody calls wake()
        wait_for(lambda: held.in_flight == len(ACCOUNTS))
    finally:
        held.released.set()
        forwarder.stop()
    assert held.most_in_flight == len(ACCOUNTS)
