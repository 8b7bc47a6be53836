"""The kiosk window: a header, one screen per session state, the idle warning, and in simulation a
panel that drives the fake devices."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.state import Screen, SessionState
from ui.bridge import SessionBridge
from ui.messages import Messages
from ui.reflow import Box, PageStack, ReflowGrid
from ui.screens.account import AccountScreen
from ui.screens.base import ScreenWidget
from ui.screens.card import CardSlotScreen
from ui.screens.cash import CashScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.invoice import InvoiceResultScreen, InvoiceScreen
from ui.screens.mandate import MandateResultScreen, MandateScreen
from ui.screens.notice import BusyScreen, NoticeScreen, OutOfServiceScreen
from ui.screens.payment import AmountScreen, ConfirmScreen, MethodScreen
from ui.screens.result import ResultScreen
from ui.screens.start import StartScreen
from ui.screens.wallet import WalletQrScreen, WalletScanScreen, WalletWaitScreen
from ui.speech import Speaker, SpeechGuide
from ui.theme import stylesheet
from ui.translations import Translations
from ui.widgets import button, label

SimAction = tuple[str, str, Callable[[], None]]  # (objectName, label, action)


class MainWindow(QMainWindow):
    def __init__(
        self,
        bridge: SessionBridge,
        translations: Translations,
        *,
        receipt_url: str = "",
        sim_actions: list[SimAction] | None = None,
        tick_ms: int = 250,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.session = bridge.session
        self.translations = translations
        self.messages = Messages()
        self.setWindowTitle("PowerPay")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header())
        self.stack = PageStack()
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_warning())
        if sim_actions:
            column.addWidget(self._build_sim_panel(sim_actions))
        self.setCentralWidget(central)
        # speech-dispatcher on a kiosk; tests and CI set KIOSK_SPEECH_ENGINE=mock.
        self.speaker = Speaker(os.environ.get("KIOSK_SPEECH_ENGINE") or None)
        self.guide = SpeechGuide(self, self.speaker)
        busy = BusyScreen(self.session, self.messages)
        card_slot = CardSlotScreen(self.session, self.messages)
        self.screens: dict[Screen, ScreenWidget] = {
            Screen.START: StartScreen(self.session, self.messages),
            Screen.IDENTIFY: IdentifyScreen(self.session, self.messages),
            Screen.LOOKUP: busy,
            Screen.ACCOUNT: AccountScreen(self.session, self.messages),
            Screen.AMOUNT: AmountScreen(self.session, self.messages),
            Screen.METHOD: MethodScreen(self.session, self.messages),
            Screen.CONFIRM: ConfirmScreen(self.session, self.messages),
            Screen.PREPARING: busy,
            Screen.CASH: CashScreen(self.session, self.messages),
            Screen.WALLET_SCAN: WalletScanScreen(self.session, self.messages),
            Screen.WALLET_WAIT: WalletWaitScreen(self.session, self.messages),
            Screen.WALLET_QR: WalletQrScreen(self.session, self.messages),
            Screen.BANK_CARD_INSERT: card_slot,
            Screen.CARD_READING: card_slot,
            Screen.PIN: card_slot,
            Screen.CARD_AUTH: card_slot,
            Screen.CARD_WRITING: card_slot,
            Screen.POSTING: busy,
            Screen.RESULT: ResultScreen(self.session, self.messages, receipt_url=receipt_url),
            Screen.NOTICE: NoticeScreen(self.session, self.messages),
            Screen.INVOICE: InvoiceScreen(self.session, self.messages),
            Screen.INVOICE_RESULT: InvoiceResultScreen(self.session, self.messages),
            Screen.MANDATE: MandateScreen(self.session, self.messages),
            Screen.MANDATE_RESULT: MandateResultScreen(self.session, self.messages),
            Screen.OUT_OF_SERVICE: OutOfServiceScreen(self.session, self.messages),
        }
        for screen in dict.fromkeys(self.screens.values()):
            self.stack.addWidget(screen)
        self._senior: bool | None = None
        self._language: str | None = None
        bridge.session_did_change.connect(self.render)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.session.tick)
        self.timer.start(tick_ms)
        self.render(self.session.state)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        # Staff console (ui/staff): build_window sets the factory; a 3 s hold on the header's
        # top-left corner opens it.
        from ui.staff_entry import install_staff_entry

        self.staff_console: QWidget | None = None
        self.staff_console_factory: Callable[[], QWidget] | None = None
        install_staff_entry(self, self.open_staff_console)

    def open_staff_console(self) -> None:
        """The console over the whole window; residents see "out of service" while it is open."""
        if self.staff_console is not None or self.staff_console_factory is None:
            return
        console = self.staff_console_factory()
        console.setParent(self)
        console.setGeometry(self.rect())
        self.staff_console = console
        self.session.set_out_of_service(True)
        console.closed.connect(self.close_staff_console)  # type: ignore[attr-defined]
        console.show()
        console.raise_()

    def close_staff_console(self) -> None:
        console, self.staff_console = self.staff_console, None
        if console is not None:
            console.hide()
            console.deleteLater()
            self.session.set_out_of_service(bool(getattr(console, "keep_out_of_service", False)))

    # -- building --------------------------------------------------------------------------
    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setProperty("role", "header")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 10, 32, 10)
        # Brand and buttons side by side; on a narrow display the buttons go under the brand.
        reflow = ReflowGrid((2, 1), spacing=16, stretch=(1, 0))
        row.addWidget(reflow)
        self.brand = label("", None, wrap=False)
        self.language_button = button("toggle_language", "header", self._toggle_language)
        self.senior_button = button("toggle_senior", "header", self.session.toggle_senior)
        self.staff_button = button("call_staff", "header", self.session.call_staff)
        self.speak_button = button("speak", "speak", lambda: self.guide.start())
        buttons = Box()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(16)
        line.addStretch(1)
        for widget in (
            self.speak_button,
            self.language_button,
            self.senior_button,
            self.staff_button,
        ):
            line.addWidget(widget)
        reflow.add(self.brand)
        reflow.add(buttons)
        self.header_reflow = reflow
        return header

    def _build_warning(self) -> QFrame:
        self.warning = QFrame()
        self.warning.setProperty("role", "warning")
        row = QHBoxLayout(self.warning)
        row.setContentsMargins(32, 10, 32, 10)
        self.warning_text = label("")
        self.warning_text.setObjectName("warning_text")
        self.extend_button = button("extend", "primary", self.session.extend)
        row.addWidget(self.warning_text, 1)
        row.addWidget(self.extend_button)
        self.warning.hide()
        return self.warning

    def _build_sim_panel(self, actions: list[SimAction]) -> QFrame:
        panel = QFrame()
        row = QHBoxLayout(panel)
        row.setContentsMargins(16, 4, 16, 4)
        row.addWidget(label("SIMULATION", "muted", wrap=False))
        for name, text, action in actions:
            widget = button(name, "sim", action)
            widget.setText(text)
            row.addWidget(widget)
        row.addStretch(1)
        return panel

    # -- rendering -------------------------------------------------------------------------
    def _toggle_language(self) -> None:
        self.session.set_language("en" if self.session.state.language == "zh" else "zh")

    def render(self, _emitted: SessionState | None = None) -> None:
        """Draw the session's latest state. Signals from worker threads arrive late and out of
        order with touches on the GUI thread, so the state they carry may already be stale."""
        state = self.session.state
        if state.language != self._language:
            self._language = state.language
            self.translations.use(state.language)
        if state.senior != self._senior:
            self._senior = state.senior
            self.setStyleSheet(stylesheet(state.senior))
        self.brand.setText(self.tr("State Grid electricity · self-service"))
        self.language_button.setText("English" if state.language == "zh" else "中文")
        self.senior_button.setText(
            self.tr("Standard text") if state.senior else self.tr("Large text")
        )
        self.speak_button.setText(self.tr("Read aloud"))
        self.staff_button.setText(
            self.tr("Staff are coming") if state.staff_called else self.tr("Call staff")
        )
        screen = self.screens[state.screen]
        screen.render(state)
        self.stack.setCurrentWidget(screen)
        if state.warning_s is not None:
            text = (
                self.tr("Still there? Returning to the start in {n} s.")
                if state.screen is not Screen.CASH
                else self.tr("Insert a note or touch Done. Finishing in {n} s.")
            )
            self.warning_text.setText(text.format(n=state.warning_s))
            self.extend_button.setText(self.tr("More time"))
            self.warning.show()
        else:
            self.warning.hide()

    # -- lockdown: a resident cannot close or leave the kiosk ---------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "allow_close", False):
            event.accept()
        else:
            event.ignore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if _is_escape_key(event):
                return True
        return super().eventFilter(watched, event)


def _is_escape_key(event: QKeyEvent) -> bool:
    key, mods = event.key(), event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    return (
        key == Qt.Key.Key_Escape
        or (alt and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab))
        or (ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
        or (ctrl and alt and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete))
        or key == Qt.Key.Key_Super_L
        or key == Qt.Key.Key_Super_R
    )
