"""Staff access to the banknote acceptor's events without taking them from the resident session.

`AcceptorTap` stands between the acceptor and the session (Kiosk.build hands the session the tap):
the session's listener still sees every event first (a STACKED note is journaled by it before
anyone else hears of it), then subscribers such as the `CashboxWatcher` do. A technician test
may override the escrow decision for its duration; the override can only return notes, and a note
the device stacks anyway still reaches the session's listener, which journals it for staff.

`CashboxWatcher` turns the device's CASHBOX_REMOVED / CASHBOX_REPLACED into the open cash
collection's steps (acting as the `device`), so a collection advances when the cashbox is really
pulled and pushed back, and tells listeners (the staff console) the new state.

`accept_and_return` is the technician's "take one note and give it back" test.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from drivers.cash.base import (
    AcceptorIdentity,
    BanknoteAcceptor,
    CashEvent,
    CashEventKind,
    CashListener,
    EscrowDecision,
    EscrowPolicy,
)
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import Principal
from kiosk.staff.collection import Collections, CollectionView
from kiosk.staff.errors import StaffError, WrongState

log = logging.getLogger(__name__)


def _return_all(_value_fen: int) -> EscrowDecision:
    return EscrowDecision.RETURN


class AcceptorTap:
    """A BanknoteAcceptor that forwards to the real one and shares its events."""

    def __init__(self, acceptor: BanknoteAcceptor) -> None:
        self.acceptor = acceptor
        self._lock = threading.Lock()
        self._primary: CashListener = lambda event: None
        self._policy: EscrowPolicy = _return_all
        self._override: EscrowPolicy | None = None
        self._subscribers: list[CashListener] = []
        acceptor.set_listener(self._dispatch)
        acceptor.set_escrow_policy(self._decide)

    # -- BanknoteAcceptor -------------------------------------------------------------------
    def open(self) -> None:
        self.acceptor.open()

    def close(self) -> None:
        self.acceptor.close()

    def identity(self) -> AcceptorIdentity:
        return self.acceptor.identity()

    def set_listener(self, listener: CashListener) -> None:
        self._primary = listener

    def set_escrow_policy(self, policy: EscrowPolicy) -> None:
        self._policy = policy

    def enable(self) -> None:
        self.acceptor.enable()

    def disable(self) -> None:
        self.acceptor.disable()

    def quiesce(self, timeout_s: float) -> bool:
        return self.acceptor.quiesce(timeout_s)

    def status(self) -> dict[str, object]:
        return self.acceptor.status()

    # -- sharing ----------------------------------------------------------------------------
    def subscribe(self, listener: CashListener) -> Callable[[], None]:
        """Hear every event after the session did; returns the unsubscribe function."""
        with self._lock:
            self._subscribers.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._subscribers:
                    self._subscribers.remove(listener)

        return unsubscribe

    @contextmanager
    def returning_notes(self) -> Iterator[None]:
        """Every escrowed note is returned while the block runs (a technician's test)."""
        with self._lock:
            if self._override is not None:
                raise WrongState("another acceptor test is running")
            self._override = _return_all
        try:
            yield
        finally:
            with self._lock:
                self._override = None

    @property
    def overridden(self) -> bool:
        with self._lock:
            return self._override is not None

    def _decide(self, value_fen: int) -> EscrowDecision:
        with self._lock:
            override = self._override
        if override is not None:
            return override(value_fen)
        return self._policy(value_fen)

    def _dispatch(self, event: CashEvent) -> None:
        self._primary(event)  # the session first: its STACKED handler journals the note
        with self._lock:
            subscribers = list(self._subscribers)
        for listener in subscribers:
            try:
                listener(event)
            except Exception:
                log.exception("acceptor event subscriber failed on %s", event.kind)


CollectionListener = Callable[[CollectionView], None]


class CashboxWatcher:
    """Advances the open collection on the acceptor's cashbox events (on the device's thread)."""

    def __init__(self, collections: Collections) -> None:
        self._collections = collections
        self._lock = threading.Lock()
        self._listeners: list[CollectionListener] = []

    def add_listener(self, listener: CollectionListener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def on_event(self, event: CashEvent) -> None:
        if event.kind is CashEventKind.CASHBOX_REMOVED:
            wanted, step = "started", self._collections.cashbox_removed
        elif event.kind is CashEventKind.CASHBOX_REPLACED:
            wanted, step = "counted", self._collections.cashbox_inserted
        else:
            return
        current = self._collections.current_collection()
        if current is None:
            log.warning("acceptor reports %s with no cash collection open", event.kind.value)
            return
        if current.state != wanted:
            log.info("acceptor reports %s; collection is %s", event.kind.value, current.state)
            return
        try:
            view = step(None)
        except StaffError as exc:  # a staff member's tap got there first
            log.info("collection step on %s not taken: %s", event.kind.value, exc)
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(view)
            except Exception:
                log.exception("collection listener failed")


@dataclass(frozen=True)
class NoteTestResult:
    outcome: str  # returned | rejected | stacked | jam | fault | no_note | cancelled
    value_fen: int | None = None
    detail: str = ""


_ENDINGS = {
    CashEventKind.RETURNED: "returned",
    CashEventKind.REJECTED: "rejected",
    CashEventKind.STACKED: "stacked",
    CashEventKind.JAM: "jam",
    CashEventKind.FAULT: "fault",
    CashEventKind.FRAUD: "fault",
    CashEventKind.CASHBOX_REMOVED: "fault",
}


def accept_and_return(
    tap: AcceptorTap,
    journal: Journal,
    by: Principal,
    *,
    timeout_s: float = 30.0,
    cancel: threading.Event | None = None,
    ready: Callable[[], None] | None = None,
) -> NoteTestResult:
    """Enable the acceptor, wait for one note in escrow and return it. Never credits anything:
    the escrow answer is RETURN throughout. Blocks up to `timeout_s` (call it off the GUI
    thread); `cancel` ends the wait early; `ready` is called once the acceptor takes notes."""
    actor = by.require("technician")
    events: queue.Queue[CashEvent] = queue.Queue()
    cancel = cancel or threading.Event()
    value: int | None = None
    result = NoteTestResult("no_note")
    with tap.returning_notes():
        unsubscribe = tap.subscribe(events.put)
        try:
            tap.enable()
            if ready is not None:
                ready()
            waited = 0.0
            while waited < timeout_s:
                if cancel.is_set():
                    result = NoteTestResult("cancelled", value)
                    break
                try:
                    event = events.get(timeout=0.1)
                except queue.Empty:
                    waited += 0.1
                    continue
                if event.kind is CashEventKind.ESCROWED:
                    value = event.value_fen
                    waited = 0.0  # the note is in: give the device the full time to return it
                elif event.kind in _ENDINGS:
                    result = NoteTestResult(
                        _ENDINGS[event.kind], event.value_fen or value, event.detail
                    )
                    break
        finally:
            try:
                tap.disable()
            finally:
                unsubscribe()
    if result.outcome == "stacked":
        log.error("the acceptor stacked a test note although told to return it")
    after = {"outcome": result.outcome, "value_fen": result.value_fen}
    audit.record(journal, actor, "tech_note_test", "cash_acceptor", None, after)
    return result
