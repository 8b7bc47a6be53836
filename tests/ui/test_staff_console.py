"""Staff and technician screens over a real kiosk (journal, simulator over HTTP, fake devices),
driven by tapping their widgets; results checked in the journal, the audit chain and the
simulator's ledger."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QPoint, Qt

from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.session.state import Screen
from kiosk.staff import audit
from kiosk.staff.access import CLI_ACTOR
from kiosk.staff.desk import StaffDesk
from kiosk.staff.users import Users
from tests.ui.conftest import kiosk_settings
from tests.ui.helpers import tap, text_of, type_digits
from ui.app import build_window
from ui.main_window import MainWindow
from ui.staff.console import StaffConsole

STAFF, STAFF_PIN = "li.ming", "482913"
TECH, TECH_PIN = "wang.tech", "730518"
FAST = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)  # still argon2id


def make_desk(kiosk: Kiosk) -> StaffDesk:
    desk = StaffDesk(
        kiosk.journal,
        kiosk.clock,
        kiosk.settings.kiosk.id,
        forwarder=kiosk.forwarder,
        hasher=FAST,
    )
    if not desk.users.list():
        users = Users(kiosk.journal, kiosk.clock, hasher=FAST)
        users.add(CLI_ACTOR, STAFF, "staff", STAFF_PIN)
        users.add(CLI_ACTOR, TECH, "technician", TECH_PIN)
    return desk


def with_console(window: MainWindow, kiosk: Kiosk) -> StaffDesk:
    """The console as build_window will wire it; English, so tests can read the texts."""
    window.session.set_language("en")
    window.render()
    desk = make_desk(kiosk)
    window.staff_console_factory = lambda: StaffConsole(kiosk, desk, idle_check_ms=50)
    return desk


def console_of(window: MainWindow) -> StaffConsole:
    console = window.staff_console
    assert isinstance(console, StaffConsole)
    return console


def sign_in(qtbot, window: MainWindow, name: str, pin: str) -> None:
    tap(qtbot, window, f"staff_user_{name}")
    type_digits(qtbot, window, "staff_pin", pin)
    tap(qtbot, window, "staff_pin_key_ok")
    # the PIN is checked on the worker; its answer comes back through a signal
    login = console_of(window).login
    qtbot.waitUntil(lambda: not login.checking, timeout=10000)


def stack_notes(kiosk: Kiosk, notes: dict[int, int]) -> None:
    """Notes the acceptor stacked for a payment, journaled the way the cash flow does."""
    txn = kiosk.journal.create_transaction(
        kiosk_id=kiosk.settings.kiosk.id,
        kind="payment",
        account_no="3300000001",
        method="cash",
        state="collecting",
    )
    for value, count in notes.items():
        for _ in range(count):
            kiosk.journal.record_note(txn.id, value, "fake", 1)


def test_hidden_entry_opens_the_pin_screen_and_residents_see_out_of_service(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    desk = with_console(window, kiosk)
    assert window.session.state.screen is Screen.START
    window.staff_entry.timer.setInterval(100)  # type: ignore[attr-defined]
    brand = window.brand
    # a press outside the corner does nothing
    qtbot.mousePress(window.staff_button, Qt.MouseButton.LeftButton)
    qtbot.wait(250)
    qtbot.mouseRelease(window.staff_button, Qt.MouseButton.LeftButton)
    assert window.staff_console is None
    # a short tap in the corner does nothing either
    qtbot.mouseClick(brand, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    qtbot.wait(250)
    assert window.staff_console is None
    # held: the console opens on the sign-in page
    qtbot.mousePress(brand, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    qtbot.waitUntil(lambda: window.staff_console is not None, timeout=5000)
    qtbot.mouseRelease(brand, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    console = console_of(window)
    assert console.isVisible() and console.geometry() == window.rect()
    assert console.stack.currentWidget() is console.login
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.OUT_OF_SERVICE, timeout=5000)
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    assert desk.session is not None and console.stack.currentWidget() is console.staff_menu
    tap(qtbot, window, "staff_menu_logout")
    assert desk.session is None
    tap(qtbot, window, "staff_login_back")  # Exit
    assert window.staff_console is None
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.START, timeout=5000)
    actions = [e.action for e in audit.entries(kiosk.journal)]
    assert "login" in actions and "logout" in actions


def test_five_wrong_pins_lock_the_user(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    desk = with_console(window, kiosk)
    window.open_staff_console()
    for attempt in range(5):
        sign_in(qtbot, window, STAFF, "111111")
        assert "Wrong name or PIN" in text_of(window, "staff_login_message"), attempt
        assert desk.session is None
    info = desk.users.get(STAFF)
    assert info is not None and info.locked(kiosk.clock.now())
    sign_in(qtbot, window, STAFF, STAFF_PIN)  # even the right PIN is refused now
    assert desk.session is None
    assert console_of(window).stack.currentWidget() is console_of(window).login
    assert "user_locked" in [e.action for e in audit.entries(kiosk.journal)]


def test_idle_session_logs_out(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    desk = with_console(window, kiosk)
    window.open_staff_console()
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    assert desk.session is not None
    assert isinstance(kiosk.clock, OffsetClock)
    kiosk.clock.advance(121)
    qtbot.waitUntil(lambda: desk.session is None, timeout=5000)
    console = console_of(window)
    assert console.stack.currentWidget() is console.login
    assert [e.after for e in audit.entries(kiosk.journal) if e.action == "logout"]


def test_cash_collection_with_a_discrepancy(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    stack_notes(kiosk, {10000: 3, 2000: 1})
    with_console(window, kiosk)
    window.open_staff_console()
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    tap(qtbot, window, "staff_menu_cashbox")
    assert text_of(window, "staff_cashbox_total").endswith("¥320.00")
    tap(qtbot, window, "staff_cashbox_back")
    tap(qtbot, window, "staff_menu_collection")
    tap(qtbot, window, "staff_collection_start")
    tap(qtbot, window, "staff_collection_removed")
    # counted: three 100s, no 20 (stuck in the acceptor path)
    tap(qtbot, window, "staff_count_10000")
    type_digits(qtbot, window, "staff_count", "3")
    tap(qtbot, window, "staff_collection_record")
    assert "give a reason" in text_of(window, "staff_collection_message")
    assert "-¥20.00" in text_of(window, "staff_collection_totals")
    console = console_of(window)
    console.collection.reason.setText("20 yuan note stuck in the acceptor path")
    tap(qtbot, window, "staff_collection_record")
    tap(qtbot, window, "staff_collection_inserted")
    printed_before = len(kiosk.printer.printed)  # type: ignore[attr-defined]
    tap(qtbot, window, "staff_collection_close")
    qtbot.waitUntil(
        lambda: len(kiosk.printer.printed) == printed_before + 1,  # type: ignore[attr-defined]
        timeout=10000,
    )
    qtbot.waitUntil(lambda: "printed" in text_of(window, "staff_collection_message"), timeout=5000)
    (txn,) = kiosk.journal.list_transactions(kind="collection")
    assert txn.detail["discrepancy_fen"] == -2000
    assert txn.detail["counted"] == {"10000": 3}
    assert txn.detail["reason"] == "20 yuan note stuck in the acceptor path"
    assert audit.verify_chain(kiosk.journal).ok
    actions = [e.action for e in audit.entries(kiosk.journal)]
    for step in (
        "collection_started",
        "cashbox_removed",
        "collection_counted",
        "collection_closed",
    ):
        assert step in actions
    kiosk.forwarder.drain_once()  # the running forwarder may have sent it already

    def on_server() -> list[dict]:
        ledger = httpx.get(f"{kiosk.simulator.url}/v1/sim/ledger", timeout=10).json()
        return [c for c in ledger["cash_collections"] if c["collection_id"] == txn.id]

    qtbot.waitUntil(lambda: len(on_server()) == 1, timeout=10000)
    assert on_server()[0]["discrepancy_fen"] == -2000
    assert console.collection.desk.collections.current_collection() is None


def test_settlement_shows_a_payment_missing_on_the_server(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    kiosk.forwarder.stop()  # so the journal's "posted" payment never reaches the server
    txn_id = kiosk.cash.begin("3300000001", 0, 1_000_000)
    kiosk.cash.note_stacked(txn_id, 5000, "fake", 1)
    kiosk.cash.finish(txn_id)
    kiosk.journal.set_state(txn_id, "posted")
    desk = with_console(window, kiosk)
    window.open_staff_console()
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    tap(qtbot, window, "staff_menu_settlement")
    tap(qtbot, window, "staff_settle")
    console = console_of(window)
    qtbot.waitUntil(lambda: console.settlement.report is not None, timeout=15000)
    report = console.settlement.report
    assert report is not None and report.status == "mismatch"
    assert report.missing_on_server == [txn_id]
    shown = text_of(window, "staff_settlement_result")
    assert txn_id in shown and "Mismatch" in shown
    assert audit.verify_chain(kiosk.journal).ok
    # the mismatch is on the attention list; resolve it with a reason
    tap(qtbot, window, "staff_settlement_back")
    tap(qtbot, window, "staff_menu_attention")
    assert console.attention.items.count() == 1
    tap(qtbot, window, "staff_attention_resolve")
    assert "reason" in text_of(window, "staff_attention_message")
    console.attention.reason.setText("payment re-sent by hand")
    tap(qtbot, window, "staff_attention_resolve")
    assert desk.attention.open_items() == []


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    return tmp_path / "restart"


def _built(root: Path) -> Kiosk:
    kiosk = Kiosk.build(kiosk_settings(root), clock=OffsetClock())
    kiosk.start()
    return kiosk


def test_interrupted_collection_resumes_after_a_restart(qtbot, data_root: Path) -> None:
    first = _built(data_root)
    try:
        stack_notes(first, {5000: 2})
        win = build_window(first, simulation_panel=False)
        win.allow_close = True  # type: ignore[attr-defined]
        qtbot.addWidget(win)
        with_console(win, first)
        win.show()
        win.open_staff_console()
        sign_in(qtbot, win, STAFF, STAFF_PIN)
        tap(qtbot, win, "staff_menu_collection")
        tap(qtbot, win, "staff_collection_start")
        tap(qtbot, win, "staff_collection_removed")
        win.close()
    finally:
        first.close()
    second = _built(data_root)
    try:
        win2 = build_window(second, simulation_panel=False)
        win2.allow_close = True  # type: ignore[attr-defined]
        qtbot.addWidget(win2)
        with_console(win2, second)
        win2.show()
        qtbot.waitUntil(lambda: win2.session.state.screen is Screen.OUT_OF_SERVICE, timeout=5000)
        win2.open_staff_console()
        sign_in(qtbot, win2, STAFF, STAFF_PIN)
        tap(qtbot, win2, "staff_menu_collection")
        assert "Count the notes" in text_of(win2, "staff_collection_step")
        tap(qtbot, win2, "staff_count_5000")
        type_digits(qtbot, win2, "staff_count", "2")
        assert "difference ¥0.00" in text_of(win2, "staff_collection_totals")
        tap(qtbot, win2, "staff_collection_record")
        tap(qtbot, win2, "staff_collection_inserted")
        tap(qtbot, win2, "staff_collection_close")
        (txn,) = second.journal.list_transactions(kind="collection")
        assert txn.state in ("posting", "posted", "done") and txn.detail["discrepancy_fen"] == 0
        tap(qtbot, win2, "staff_collection_back")
        tap(qtbot, win2, "staff_menu_logout")
        tap(qtbot, win2, "staff_login_back")
        qtbot.waitUntil(lambda: win2.session.state.screen is Screen.START, timeout=5000)
        win2.close()
    finally:
        second.close()


def test_technician_status_and_printer_test_page(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    with_console(window, kiosk)
    window.open_staff_console()
    sign_in(qtbot, window, TECH, TECH_PIN)
    console = console_of(window)
    assert console.stack.currentWidget() is console.technician
    qtbot.waitUntil(lambda: console.technician.last_status is not None, timeout=10000)
    status = text_of(window, "staff_tech_status")
    for part in ("Banknote acceptor: ok", "Printer:", "Outbox: 0 unsent", "Software version"):
        assert part in status
    tap(qtbot, window, "staff_tech_ping")
    qtbot.waitUntil(lambda: "OK" in text_of(window, "staff_tech_link"), timeout=10000)
    before = len(kiosk.printer.printed)  # type: ignore[attr-defined]
    tap(qtbot, window, "staff_tech_print")
    qtbot.waitUntil(
        lambda: text_of(window, "staff_tech_result") == "Test page printed.", timeout=10000
    )
    assert len(kiosk.printer.printed) == before + 1  # type: ignore[attr-defined]
    tap(qtbot, window, "staff_tech_out")
    assert kiosk.service_mode.stored().mode == "out_of_service"
    tap(qtbot, window, "staff_tech_in")
    assert kiosk.service_mode.stored().mode == "in_service"
    actions = [e.action for e in audit.entries(kiosk.journal)]
    assert "tech_printer_test" in actions and "tech_backend_ping" in actions
    assert audit.verify_chain(kiosk.journal).ok
