"""The forwarder's workers when there is little to send: one of them looks at the journal on a
timer, the others wait to be woken, and nobody looks again and again at an account another worker
is sending for. Each look is a few ms of Python that the window's thread waits for (the GIL)."""

from __future__ import annotations

import random
import threading
import time
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


class HeldClient:
    """A back end that holds each send until the test lets it go, then is unreachable."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.sends = 0

    def send_stored(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> ApiResponse:
        with self.lock:
            self.sends += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            self.released.wait(10)
        finally:
            with self.lock:
                self.in_flight -= 1
        raise BackendUnavailable("held, then let go")


class Looks:
    """Counts the forwarder's looks at the journal, by thread."""

    def __init__(self, journal: Journal) -> None:
        self.lock = threading.Lock()
        self.calls: list[tuple[str, str]] = []
        for name in ("next_outbox_due", "due_outbox"):
            setattr(journal, name, self._counted(name, getattr(journal, name)))

    def _counted(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            with self.lock:
                self.calls.append((threading.current_thread().name, name))
            return method(*args, **kwargs)

        return counted

    def take(self) -> list[tuple[str, str]]:
        with self.lock:
            calls, self.calls = self.calls, []
        return calls


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


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
        wait_for(lambda: sum(1 for _, name in looks.calls if name == "next_outbox_due") >= 5)
        time.sleep(0.1)  # each worker has looked once at start and is waiting now
        looks.take()
        wait_for(lambda: len(looks.calls) >= 10)  # the poller: about two looks per 20 ms
    finally:
        forwarder.stop()
    threads = {thread for thread, _ in looks.take()}
    assert threads == {"outbox-forwarder-0"}


def test_nobody_looks_again_and_again_while_an_account_is_being_sent_for(
    journal: Journal, clock: ManualClock, held: HeldClient
) -> None:
    """Its head is due, but only to the worker sending it: before, the idle workers asked the
    journal every 10 ms for as long as the send took."""
    looks = Looks(journal)
    forwarder = Forwarder(
        journal, held, clock, random.Random(1), policy=RetryPolicy(max_s=60), idle_poll_s=1.0
    )
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    forwarder.start()
    try:
        pay(cash, ACCOUNTS[0])
        wait_for(lambda: held.in_flight == 1)
        looks.take()
        time.sleep(0.3)  # the send takes a while; the back end is slow today
        during = looks.take()
        held.released.set()
        wait_for(lambda: held.in_flight == 0)
    finally:
        forwarder.stop()
    assert held.sends == 1
    assert len(during) <= 2, during  # at most the poller's look on its 1 s timer


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
        wait_for(lambda: looks.calls.count(("outbox-forwarder-0", "next_outbox_due")) >= 3)
        held.released.clear()  # the back end is back, and slow
        clock.advance(120)  # every retry is due (backoff at most 60 s); nobody calls wake()
        wait_for(lambda: held.in_flight == len(ACCOUNTS))
    finally:
        held.released.set()
        forwarder.stop()
    assert held.most_in_flight == len(ACCOUNTS)
