"""An in-process card reader driving the simulated cards: for the demo and fast unit tests.

It behaves like PcscCardReader towards callers (events on its own thread, T=0 handling in the
channel, CardRemoved when the card goes mid-session) but needs no pcscd.
"""

from __future__ import annotations

import queue
import threading

from drivers.card.apdu import exchange
from drivers.card.base import CardEvent, CardEventKind, CardListener
from drivers.card.errors import CardAbsent, CardRemoved, ReaderUnavailable
from drivers.card.sim_cards import ApduProcessor


class FakeChannel:
    def __init__(self, reader: FakeCardReader, generation: int, atr: bytes) -> None:
        self._reader = reader
        self._generation = generation
        self.atr = atr
        self.reader = reader.name
        self.protocol = "T=1"
        self._closed = False

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._closed:
            raise CardAbsent("the card channel is closed")
        return exchange(lambda raw: self._reader._raw(self._generation, raw), bytes(apdu))

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> FakeChannel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeCardReader:
    """One reader slot; `insert(card)`, `remove()`, `pull_after(n)`, `unplug()`, `plug()`."""

    def __init__(self, name: str = "Fake Reader 0") -> None:
        self.name = name
        self._lock = threading.RLock()
        self._card: ApduProcessor | None = None
        self._generation = 0
        self._plugged = True
        self._pull_after: int | None = None
        self._pull_mid = False
        self._listener: CardListener | None = None
        self._queue: queue.Queue[CardEvent | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.commands = 0

    # --- CardReader -------------------------------------------------------------------

    def set_listener(self, listener: CardListener) -> None:
        self._listener = listener

    def open(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._dispatch, name="fake-card", daemon=True)
            self._thread.start()
            if self._plugged:
                self._emit(CardEventKind.READER_ADDED)
                if self._card is not None:
                    self._emit(CardEventKind.CARD_INSERTED, self._card.atr)

    def close(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=5)

    def readers(self) -> list[str]:
        return [self.name] if self._plugged else []

    def connect(self, reader: str | None = None) -> FakeChannel:
        with self._lock:
            if not self._plugged or (reader is not None and reader != self.name):
                raise ReaderUnavailable(f"reader {reader or self.name!r} is not connected")
            if self._card is None:
                raise CardAbsent(f"no card in {self.name!r}")
            return FakeChannel(self, self._generation, self._card.atr)

    def status(self) -> dict[str, object]:
        with self._lock:
            card = self._card
            return {
                "driver": "fake",
                "monitoring": self._thread is not None,
                "readers": {self.name: {"card": card is not None}} if self._plugged else {},
            }

    # --- test and demo controls -------------------------------------------------------

    def insert(self, card: ApduProcessor) -> None:
        with self._lock:
            if not self._plugged:
                raise ReaderUnavailable("cannot insert a card into an unplugged reader")
            if self._card is not None:
                raise RuntimeError("a card is already in the reader")
            card.power_on()
            self._card = card
            self._generation += 1
            self._pull_after = None
            self._emit(CardEventKind.CARD_INSERTED, card.atr)

    def remove(self) -> None:
        with self._lock:
            if self._card is None:
                return
            self._card = None
            self._generation += 1
            self._emit(CardEventKind.CARD_REMOVED)

    def pull_after(self, n_commands: int, *, mid_command: bool = False) -> None:
        """The card answers `n_commands` more APDUs and then leaves.

        With `mid_command` the next APDU still reaches the card (it acts on it) but the answer is
        lost, so the caller sees CardRemoved for a command the card did execute.
        """
        with self._lock:
            if n_commands == 0 and not mid_command:
                self.remove()
                return
            self._pull_after = n_commands
            self._pull_mid = mid_command

    def unplug(self) -> None:
        with self._lock:
            self.remove()
            if self._plugged:
                self._plugged = False
                self._emit(CardEventKind.READER_REMOVED)

    def plug(self) -> None:
        with self._lock:
            if not self._plugged:
                self._plugged = True
                self._emit(CardEventKind.READER_ADDED)

    # --- internals --------------------------------------------------------------------

    def _emit(self, kind: CardEventKind, atr: bytes | None = None) -> None:
        if self._thread is not None:
            self._queue.put(CardEvent(kind, self.name, atr.hex().upper() if atr else None))

    def _dispatch(self) -> None:
        while True:
            event = self._queue.get()
            if event is None:
                return
            listener = self._listener
            if listener is not None:
                try:
                    listener(event)
                except Exception:  # noqa: S112 - a faulty listener must not stop events
                    continue

    def _raw(self, generation: int, apdu: bytes) -> bytes:
        with self._lock:
            if not self._plugged:
                raise ReaderUnavailable(f"reader {self.name!r} was unplugged")
            card = self._card
            if card is None or generation != self._generation:
                raise CardRemoved("the card was removed")
            if self._pull_after == 0:
                if self._pull_mid:
                    card.process(apdu)
                    self.commands += 1
                self.remove()
                raise CardRemoved("the card was removed during the command")
            answer = card.process(apdu)
            self.commands += 1
            if self._pull_after is not None:
                self._pull_after -= 1
                if self._pull_after == 0 and not self._pull_mid:
                    self.remove()
            return answer
