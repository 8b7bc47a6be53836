"""The acceptor's real CASHBOX_REMOVED / CASHBOX_REPLACED events (from the fake acceptor's own
thread) move an open collection in the core, and the open console shows each step, with no
simulation buttons at all."""

from __future__ import annotations

from drivers.cash.fake import FakeAcceptor
from kiosk.app import Kiosk
from kiosk.staff import audit
from tests.ui.helpers import tap, text_of, type_digits
from tests.ui.test_staff_console import (
    STAFF,
    STAFF_PIN,
    console_of,
    make_desk,
    sign_in,
    stack_notes,
)
from ui.main_window import MainWindow
from ui.staff.console import StaffConsole


def test_device_cashbox_events_advance_the_collection_on_screen(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    stack_notes(kiosk, {5000: 2})
    window.session.set_language("en")
    window.render()
    desk = make_desk(kiosk)
    window.staff_console_factory = lambda: StaffConsole(
        kiosk, desk, idle_check_ms=50, simulation=False
    )
    window.open_staff_console()
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    console = console_of(window)
    tap(qtbot, window, "staff_menu_collection")
    tap(qtbot, window, "staff_collection_start")
    assert text_of(window, "staff_collection_step") == "Open the safe and remove the cashbox."
    assert not console.collection.removed_button.isVisible()  # no simulation stand-in
    acceptor.remove_cashbox()  # the device reports it, on its own thread
    qtbot.waitUntil(
        lambda: "Count the notes" in text_of(window, "staff_collection_step"), timeout=10000
    )
    assert text_of(window, "staff_collection_message") == "The acceptor reports the cashbox out."
    tap(qtbot, window, "staff_count_5000")
    type_digits(qtbot, window, "staff_count", "2")
    tap(qtbot, window, "staff_collection_record")
    acceptor.replace_cashbox()
    qtbot.waitUntil(lambda: console.collection.close_button.isVisible(), timeout=10000)
    assert "cashbox back in" in text_of(window, "staff_collection_message")
    tap(qtbot, window, "staff_collection_close")
    (txn,) = kiosk.journal.list_transactions(kind="collection")
    assert txn.state in ("posting", "posted", "done") and txn.detail["discrepancy_fen"] == 0
    steps = [(e.action, e.actor) for e in audit.entries(kiosk.journal) if "cashbox" in e.action]
    assert steps == [("cashbox_removed", "device"), ("cashbox_inserted", "device")]
    assert audit.verify_chain(kiosk.journal).ok


def test_a_closed_console_stops_listening(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    desk = make_desk(kiosk)
    window.staff_console_factory = lambda: StaffConsole(kiosk, desk, idle_check_ms=50)
    window.open_staff_console()
    assert len(kiosk.cashbox_watcher._listeners) == 1
    tap(qtbot, window, "staff_login_back")  # Exit
    assert window.staff_console is None
    assert kiosk.cashbox_watcher._listeners == []
