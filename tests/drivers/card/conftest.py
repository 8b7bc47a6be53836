"""Fixtures for the card tests: the real pcscd + vpcd rig and an event recorder."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from drivers.card.base import CardEvent, CardEventKind
from drivers.card.pcsc import PcscCardReader
from drivers.card.sim_cards import ApduProcessor
from tests.emulators.card.pcscd_fixture import READER_0, PcscdDaemon, pcscd, wait_card
from tests.emulators.card.vpcd_card import VpcdCard

__all__ = ["pcscd"]


class EventRecorder:
    """Collects CardEvents from the driver thread; tests wait on it with a bounded timeout."""

    def __init__(self) -> None:
        self.events: list[CardEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: CardEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self, kind: CardEventKind, reader: str | None = None, *, after: int = 0, timeout: float = 5
    ) -> CardEvent:
        def match() -> CardEvent | None:
            for event in self.events[after:]:
                if event.kind == kind and (reader is None or event.reader == reader):
                    return event
            return None

        with self._cond:
            found = self._cond.wait_for(match, timeout)
        if found is None:
            raise AssertionError(f"no {kind} for {reader} within {timeout}s: {self.events}")
        return found

    def mark(self) -> int:
        with self._cond:
            return len(self.events)


@pytest.fixture
def rig(pcscd: PcscdDaemon) -> Iterator[PcscdDaemon]:
    """The running daemon, with reader 0 empty at start and end of the test."""
    pcscd.ensure_running()
    assert wait_card(READER_0, present=False, timeout=5), "a card is left in the vpcd reader"
    yield pcscd
    pcscd.ensure_running()


@pytest.fixture
def vcard(rig: PcscdDaemon) -> Iterator[Callable[[ApduProcessor], VpcdCard]]:
    """Factory: put a simulated card into vpcd slot 0 and wait until pcscd sees it."""
    made: list[VpcdCard] = []

    def insert(card: ApduProcessor) -> VpcdCard:
        vc = VpcdCard(card, port=rig.port)
        made.append(vc)
        vc.insert()
        assert wait_card(READER_0, present=True, timeout=5), "pcscd did not see the card"
        return vc

    yield insert
    for vc in made:
        vc.remove()
    if rig.running:
        assert wait_card(READER_0, present=False, timeout=5)


@pytest.fixture
def events() -> EventRecorder:
    return EventRecorder()


@pytest.fixture
def reader(rig: PcscdDaemon, events: EventRecorder) -> Iterator[PcscCardReader]:
    r = PcscCardReader(poll_interval_s=0.2, retry_interval_s=0.1)
    r.set_listener(events)
    r.open()
    yield r
    r.close()
