"""Starts the Qt application around an assembled kiosk core."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from drivers.card.fake import FakeCardReader
from drivers.card.pinpad import FakePinPad
from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard, utility_test_card
from drivers.cash.fake import FakeAcceptor
from drivers.scanner.fake import FakeScanner
from kiosk.app import Kiosk
from kiosk.staff.desk import StaffDesk
from powerpay.sdnotify import Notifier
from ui.bridge import SessionBridge
from ui.main_window import MainWindow, SimAction
from ui.staff.console import StaffConsole
from ui.translations import Translations

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            app.setFont(QFont(family))
            break
    return app


def sim_actions(kiosk: Kiosk) -> list[SimAction]:
    """Buttons that play the resident's hands in simulation mode."""
    actions: list[SimAction] = []
    acceptor = kiosk.acceptor
    if isinstance(acceptor, FakeAcceptor):
        for value in (100, 500, 1000, 2000, 5000, 10000):

            def insert(value: int = value) -> None:
                acceptor.insert(value)

            actions.append((f"sim_note_{value}", f"¥{value // 100}", insert))
        actions.append(("sim_jam", "Jam", acceptor.jam))
    reader = kiosk.card_reader
    if isinstance(reader, FakeCardReader):

        def insert(card: object) -> None:
            reader.remove()
            reader.insert(card)  # type: ignore[arg-type]

        actions.append(("sim_card_prepaid", "IC card", lambda: insert(utility_test_card())))
        actions.append(
            ("sim_card_bank", "Bank card", lambda: insert(EmvSimCard(TEST_PAN_APPROVED)))
        )
        actions.append(("sim_card_remove", "Remove card", reader.remove))
    if kiosk.cards is not None and isinstance(kiosk.cards.pinpad, FakePinPad):
        pinpad = kiosk.cards.pinpad
        actions.append(("sim_pin_ok", "PIN ✓", lambda: pinpad.enter("123456")))
    scanner = kiosk.scanner
    if isinstance(scanner, FakeScanner):
        bill = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"
        show: Callable[[], None] = lambda: scanner.show(bill)  # noqa: E731
        actions.append(("sim_scan_bill", "Bill QR", show))
        code: Callable[[], None] = lambda: scanner.show("134567890123451234")  # noqa: E731
        actions.append(("sim_scan_pay", "Pay code", code))
    return actions


def build_window(kiosk: Kiosk, *, simulation_panel: bool) -> MainWindow:
    bridge = SessionBridge(kiosk.session)
    window = MainWindow(
        bridge,
        Translations(),
        receipt_url=kiosk.settings.kiosk.e_receipt_url,
        sim_actions=sim_actions(kiosk) if simulation_panel else None,
    )
    window.bridge_ref = bridge  # type: ignore[attr-defined]  # keep the bridge alive

    def staff_console() -> StaffConsole:
        desk = StaffDesk(
            kiosk.journal,
            kiosk.clock,
            kiosk.settings.kiosk.id,
            forwarder=kiosk.forwarder,
            modes=kiosk.service_mode,
        )
        return StaffConsole(kiosk, desk)

    window.staff_console_factory = staff_console
    return window


def run(kiosk: Kiosk, *, windowed: bool) -> int:
    app = make_application()
    window = build_window(kiosk, simulation_panel=kiosk.settings.ui.simulation_panel)
    ui = kiosk.settings.ui
    if windowed or not ui.fullscreen:
        window.resize(ui.width, ui.height)
        window.show()
    else:
        window.showFullScreen()
    # Under systemd (Type=notify): ready once the window is up; the watchdog is fed from the GUI
    # thread, so a frozen event loop gets the kiosk restarted.
    notifier = Notifier()
    notifier.ready()
    interval = notifier.watchdog_interval_s()
    watchdog = QTimer()
    if interval:
        watchdog.timeout.connect(notifier.watchdog)
        watchdog.start(int(interval * 1000))
    code = app.exec()
    notifier.stopping()
    return int(code)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
