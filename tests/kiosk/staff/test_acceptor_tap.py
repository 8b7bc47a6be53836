"""The acceptor tap: the technician's "take one note and give it back" test credits nothing, and
the acceptor's cashbox events advance an open cash collection. Against the whole kiosk with the
fake acceptor and against the real eSSP driver on the wire-level emulator (a PTY)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.cash.base import CashEventKind, EscrowDecision
from drivers.cash.essp import EsspAcceptor
from drivers.cash.fake import FakeAcceptor
from kiosk.app import Kiosk
from kiosk.clock import ManualClock, OffsetClock
from kiosk.journal import Journal
from kiosk.session.state import Screen
from kiosk.staff import audit
from kiosk.staff.acceptor_tap import (
    AcceptorTap,
    CashboxWatcher,
    NoteTestResult,
    accept_and_return,
)
from kiosk.staff.access import Actor
from kiosk.staff.collection import Collections, CollectionView
from kiosk.staff.errors import PermissionDenied, WrongState
from tests.drivers.cash.conftest import FAST, Collector
from tests.emulators.cash.essp import EsspEmulator
from tests.ui.conftest import kiosk_settings

from .conftest import KIOSK

TECH = Actor("wang.tech", "technician")
STAFF = Actor("li.ming", "staff")
WAIT = 10.0


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    built = Kiosk.build(kiosk_settings(tmp_path), clock=OffsetClock())
    built.start()
    yield built
    built.close()


class NoteTest:
    """Runs accept_and_return on a thread, like the console's worker does."""

    def __init__(self, tap: AcceptorTap, journal: Journal, **kwargs: object) -> None:
        self.ready = threading.Event()
        self.cancel = threading.Event()
        self.result: NoteTestResult | None = None
        self.error: BaseException | None = None

        def run() -> None:
            try:
                self.result = accept_and_return(
                    tap, journal, TECH, ready=self.ready.set, cancel=self.cancel, **kwargs
                )
            except BaseException as exc:
                self.error = exc
                self.ready.set()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def finish(self) -> NoteTestResult:
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


def test_a_test_note_is_returned_and_never_credited(kiosk: Kiosk) -> None:
    fake = kiosk.acceptor
    assert isinstance(fake, FakeAcceptor) and not fake.enabled
    run = NoteTest(kiosk.acceptor_tap, kiosk.journal)
    assert run.ready.wait(WAIT) and fake.enabled
    fake.insert(5000)
    result = run.finish()
    assert result == NoteTestResult("returned", 5000, "")
    assert fake.returned == [5000] and fake.stacked == []
    assert not fake.enabled and not kiosk.acceptor_tap.overridden
    assert kiosk.journal.all_notes() == []
    assert kiosk.journal.list_transactions() == []
    summary = kiosk.journal.cashbox_summary()
    assert summary is None or summary.total_fen == 0
    assert kiosk.session.state.screen is Screen.START and kiosk.session.state.notes == ()
    (entry,) = [e for e in audit.entries(kiosk.journal) if e.action == "tech_note_test"]
    assert entry.actor == "wang.tech" and entry.after == {"outcome": "returned", "value_fen": 5000}
    # the session's own policy is back in charge afterwards
    assert kiosk.acceptor_tap._decide(5000) is EscrowDecision.RETURN  # START: not taking cash


def test_no_note_times_out_and_a_cancel_ends_the_wait(kiosk: Kiosk) -> None:
    fake = kiosk.acceptor
    assert isinstance(fake, FakeAcceptor)
    timed_out = NoteTest(kiosk.acceptor_tap, kiosk.journal, timeout_s=0.3).finish()
    assert timed_out.outcome == "no_note" and timed_out.value_fen is None
    run = NoteTest(kiosk.acceptor_tap, kiosk.journal, timeout_s=60)
    assert run.ready.wait(WAIT)
    run.cancel.set()
    assert run.finish().outcome == "cancelled"
    assert not fake.enabled and fake.returned == [] and kiosk.journal.all_notes() == []


def test_only_technicians_and_one_test_at_a_time(kiosk: Kiosk) -> None:
    with pytest.raises(PermissionDenied):
        accept_and_return(kiosk.acceptor_tap, kiosk.journal, STAFF, timeout_s=0.1)
    with kiosk.acceptor_tap.returning_notes(), pytest.raises(WrongState):
        accept_and_return(kiosk.acceptor_tap, kiosk.journal, TECH, timeout_s=0.1)
    assert not kiosk.acceptor_tap.overridden


def _collection_changes(
    watcher: CashboxWatcher,
) -> tuple[list[CollectionView], threading.Condition]:
    seen: list[CollectionView] = []
    changed = threading.Condition()

    def on_change(view: CollectionView) -> None:
        with changed:
            seen.append(view)
            changed.notify_all()

    watcher.add_listener(on_change)
    return seen, changed


def test_cashbox_events_of_the_fake_acceptor_advance_the_collection(kiosk: Kiosk) -> None:
    fake = kiosk.acceptor
    assert isinstance(fake, FakeAcceptor)
    seen, changed = _collection_changes(kiosk.cashbox_watcher)
    desk = Collections(kiosk.journal, kiosk.clock, kiosk.settings.kiosk.id)
    fake.remove_cashbox()  # no collection open: nothing happens
    assert fake.wait_idle(WAIT)
    assert seen == [] and kiosk.journal.list_transactions(kind="collection") == []
    desk.start(STAFF)
    fake.replace_cashbox()  # not the step the collection waits for: ignored
    fake.remove_cashbox()
    with changed:
        assert changed.wait_for(lambda: len(seen) == 1, WAIT)
    assert seen[0].state == "cashbox_removed"
    desk.count(STAFF, {})
    fake.replace_cashbox()
    with changed:
        assert changed.wait_for(lambda: len(seen) == 2, WAIT)
    assert seen[1].state == "cashbox_inserted"
    steps = [(e.action, e.actor) for e in audit.entries(kiosk.journal) if "cashbox" in e.action]
    assert steps == [("cashbox_removed", "device"), ("cashbox_inserted", "device")]


@pytest.fixture
def essp() -> Iterator[tuple[EsspEmulator, AcceptorTap, Collector]]:
    """The real eSSP driver on the emulator, behind a tap whose session is a recorder."""
    emu = EsspEmulator(encrypted=True).start()
    driver = EsspAcceptor(emu.port, encrypted=True, timing=FAST)
    tap = AcceptorTap(driver)
    session = Collector()
    tap.set_listener(session)
    tap.set_escrow_policy(lambda _value: EscrowDecision.STACK)  # a session taking cash
    try:
        driver.open()
        yield emu, tap, session
    finally:
        driver.close()
        emu.stop()


def test_the_note_test_over_the_wire_returns_the_note(
    essp: tuple[EsspEmulator, AcceptorTap, Collector], journal: Journal
) -> None:
    emu, tap, session = essp
    run = NoteTest(tap, journal)
    assert run.ready.wait(WAIT)
    emu.command(["insert", "5"])  # channel 5: 50 yuan
    result = run.finish()
    assert (result.outcome, result.value_fen) == ("returned", 5000)
    assert emu.stacked == []
    assert "stacked" not in [e.kind.value for e in session.drain()]
    # afterwards the session's STACK policy applies again: a real payment note is stacked
    tap.enable()
    emu.command(["insert", "2"])
    stacked = session.wait_for(CashEventKind.STACKED)
    assert stacked.value_fen == 500 and emu.stacked == [500]


def test_cashbox_pulled_on_the_wire_advances_the_collection(
    essp: tuple[EsspEmulator, AcceptorTap, Collector], journal: Journal, clock: ManualClock
) -> None:
    emu, tap, _session = essp
    desk = Collections(journal, clock, KIOSK)
    watcher = CashboxWatcher(desk)
    tap.subscribe(watcher.on_event)
    seen, changed = _collection_changes(watcher)
    desk.start(STAFF)
    emu.command(["cashbox", "out"])
    with changed:
        assert changed.wait_for(lambda: len(seen) == 1, WAIT)
    assert desk.current_collection() is not None
    assert desk.current_collection().state == "cashbox_removed"  # type: ignore[union-attr]
    desk.count(STAFF, {})
    emu.command(["cashbox", "in"])
    with changed:
        assert changed.wait_for(lambda: len(seen) == 2, WAIT)
    assert seen[-1].state == "cashbox_inserted"
    assert desk.close(STAFF).state == "closed"
