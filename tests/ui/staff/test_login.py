"""The PIN check (argon2) runs on the worker: while it runs the GUI thread keeps turning, the
keypad is locked, and the answer arrives through the worker's signal."""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from PySide6.QtCore import QTimer

from kiosk.app import Kiosk
from kiosk.staff.desk import StaffDesk
from tests.ui.helpers import tap, text_of, type_digits
from tests.ui.test_staff_console import STAFF, STAFF_PIN, console_of, make_desk
from ui.main_window import MainWindow
from ui.staff.console import StaffConsole


class GatedHasher(PasswordHasher):
    """Real argon2id whose verify() first waits for the test to open the gate (bounded)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.threads: set[str] = set()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.threads.add(threading.current_thread().name)
        self.entered.set()
        assert self.gate.wait(20), "the test never opened the gate"
        return super().verify(hash, password)


def gated_console(window: MainWindow, kiosk: Kiosk) -> tuple[StaffDesk, GatedHasher]:
    window.session.set_language("en")
    window.render()
    make_desk(kiosk)  # adds the users
    hasher = GatedHasher()
    desk = StaffDesk(
        kiosk.journal, kiosk.clock, kiosk.settings.kiosk.id, hasher=hasher, modes=kiosk.service_mode
    )
    window.staff_console_factory = lambda: StaffConsole(kiosk, desk, idle_check_ms=50)
    window.open_staff_console()
    return desk, hasher


def start_sign_in(qtbot, window: MainWindow, pin: str) -> None:
    tap(qtbot, window, f"staff_user_{STAFF}")
    type_digits(qtbot, window, "staff_pin", pin)
    tap(qtbot, window, "staff_pin_key_ok")


def test_the_pin_is_checked_off_the_gui_thread(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    desk, hasher = gated_console(window, kiosk)
    console = console_of(window)
    start_sign_in(qtbot, window, STAFF_PIN)
    # the tap returned while argon2 is still held on another thread
    assert hasher.entered.wait(10)
    assert hasher.threads == {"staff-io"}
    assert desk.session is None and console.login.checking
    assert not console.login.keypad.isEnabled()
    assert text_of(window, "staff_login_message") == "Checking the PIN..."
    # the event loop keeps running meanwhile: a timer fires, a repaint happens
    fired: list[int] = []
    QTimer.singleShot(20, lambda: fired.append(1))
    qtbot.waitUntil(lambda: fired == [1], timeout=5000)
    assert not window.grab().isNull()
    assert desk.session is None
    # the answer comes back through the worker's signal, on the GUI thread
    with qtbot.waitSignal(console.worker.finished, timeout=10000):
        hasher.gate.set()
    qtbot.waitUntil(lambda: desk.session is not None, timeout=5000)
    assert console.stack.currentWidget() is console.staff_menu
    assert console.login.keypad.isEnabled() and not console.login.checking


def test_a_wrong_pin_answer_also_arrives_by_signal(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    desk, hasher = gated_console(window, kiosk)
    console = console_of(window)
    hasher.gate.set()
    with qtbot.waitSignal(console.worker.finished, timeout=10000):
        start_sign_in(qtbot, window, "111111")
    qtbot.waitUntil(lambda: not console.login.checking, timeout=5000)
    assert "Wrong name or PIN" in text_of(window, "staff_login_message")
    assert desk.session is None and console.stack.currentWidget() is console.login
    info = desk.users.get(STAFF)
    assert info is not None and info.failed_attempts == 1
