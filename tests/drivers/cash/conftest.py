"""Shared helpers for the acceptor tests: an event collector with bounded waits, fast timings."""

from __future__ import annotations

import queue

import pytest

from drivers.cash.base import CashEvent, CashEventKind
from drivers.cash.poller import Timing

FAST = Timing(poll_interval_s=0.01, reply_timeout_s=0.1, retries=5, escrow_hold_limit_s=30.0)
WAIT = 5.0


class Collector:
    """The listener: records every event; tests wait for a kind with a deadline."""

    def __init__(self) -> None:
        self.queue: queue.Queue[CashEvent] = queue.Queue()
        self.seen: list[CashEvent] = []

    def __call__(self, event: CashEvent) -> None:
        self.queue.put(event)

    def wait_for(self, kind: CashEventKind, timeout: float = WAIT) -> CashEvent:
        while True:
            try:
                event = self.queue.get(timeout=timeout)
            except queue.Empty:
                kinds = [e.kind.value for e in self.seen]
                raise AssertionError(
                    f"no {kind.value} event within {timeout}s; saw {kinds}"
                ) from None
            self.seen.append(event)
            if event.kind is kind:
                return event

    def drain(self) -> list[CashEvent]:
        while True:
            try:
                self.seen.append(self.queue.get_nowait())
            except queue.Empty:
                return self.seen

    def kinds(self) -> list[CashEventKind]:
        return [e.kind for e in self.drain()]

    def credits(self) -> list[int]:
        return [e.value_fen or 0 for e in self.drain() if e.kind is CashEventKind.STACKED]


@pytest.fixture
def events() -> Collector:
    return Collector()
