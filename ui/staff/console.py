"""The staff console: PIN login, then the staff or technician menu and their pages.

Shown over the resident window while open; it holds one StaffDesk and calls
`desk.check_idle()` from a timer, so an idle session (2 minutes, on the core's clock) logs out.
It listens to the core's CashboxWatcher: when the acceptor reports the cashbox out or back in,
the core advances the open collection and the console shows the new step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.app import Kiosk
from kiosk.staff.collection import CollectionView
from kiosk.staff.desk import StaffDesk
from powerpay.logging_setup import log_dir_for
from ui.speech import Speaker
from ui.staff.attention import AttentionPage
from ui.staff.base import StaffPage
from ui.staff.camera import CameraPage
from ui.staff.cashbox import CashboxPage
from ui.staff.collection import CollectionPage
from ui.staff.config import ConfigPage
from ui.staff.login import LoginPage
from ui.staff.logs import LogsPage
from ui.staff.report import ReportPage
from ui.staff.reprint import ReprintPage
from ui.staff.settlement import SettlementPage
from ui.staff.technician import TechnicianPage
from ui.staff.worker import Background
from ui.theme import COLORS
from ui.widgets import button, label

# The console's own touches over the window's theme: an opaque page, and a thick outline on the
# selected (checked) user or denomination.
CONSOLE_STYLE = f"""
#staff_console {{ background: {COLORS["surface"]}; }}
#staff_console QPushButton:checked {{ border: 6px solid {COLORS["warning_text"]};
    background: {COLORS["warning_bg"]}; color: {COLORS["text"]}; }}
"""


class MenuPage(StaffPage):
    def __init__(self, name: str, entries: list[tuple[str, str, Callable[[], None]]]) -> None:
        super().__init__(name, None)
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, (key, text, slot) in enumerate(entries):
            widget = button(f"staff_menu_{key}", "tile", slot)
            widget.setText(text)
            widget.setMinimumHeight(120)
            grid.addWidget(widget, index // 3, index % 3)
        self.body.addLayout(grid)
        self.who = label("", "muted")
        self.body.addWidget(self.who)
        self.body.addStretch(1)


class StaffConsole(QWidget):
    """`closed` is emitted when the operator leaves (after logging out)."""

    closed = Signal()
    # The core's CashboxWatcher reports on the acceptor's thread; this carries it to the GUI's.
    collection_moved = Signal(object)

    def __init__(
        self,
        kiosk: Kiosk,
        desk: StaffDesk,
        *,
        idle_check_ms: int = 1000,
        simulation: bool | None = None,
        speaker: Speaker | None = None,
        log_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staff_console")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(CONSOLE_STYLE)
        self.kiosk, self.desk = kiosk, desk
        self.worker = Background(self)
        if simulation is None:
            simulation = kiosk.simulator is not None
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.login = LoginPage(desk, self._logged_in, self.leave, self.worker)

        def menu() -> None:
            self.show_page()

        def technician() -> None:
            self.show_page(self.technician)

        self.cashbox = CashboxPage(kiosk, menu)
        self.collection = CollectionPage(kiosk, desk, self.worker, menu, simulation=simulation)
        self.settlement = SettlementPage(kiosk, desk, self.worker, menu)
        self.attention = AttentionPage(desk, menu)
        self.reprint = ReprintPage(kiosk, desk, self.worker, menu)
        self.report = ReportPage(kiosk, desk, self.worker, menu)
        self.technician = TechnicianPage(
            kiosk, desk, self.worker, self.logout, open_page=self._open_tech, speaker=speaker
        )
        self.camera = CameraPage(kiosk, desk, self.worker, technician)
        self.logs = LogsPage(
            kiosk, desk, self.worker, technician, log_dir or log_dir_for(kiosk.settings.data_dir)
        )
        self.config = ConfigPage(kiosk, desk, technician)
        self.staff_menu = MenuPage(
            "staff",
            [
                ("cashbox", self.tr("Cashbox now"), lambda: self.show_page(self.cashbox)),
                ("collection", self.tr("Cash collection"), lambda: self.show_page(self.collection)),
                (
                    "settlement",
                    self.tr("End-of-day settlement"),
                    lambda: self.show_page(self.settlement),
                ),
                ("attention", self.tr("Attention list"), lambda: self.show_page(self.attention)),
                ("report", self.tr("Day report"), lambda: self.show_page(self.report)),
                ("reprint", self.tr("Reprint receipts"), lambda: self.show_page(self.reprint)),
                ("technician", self.tr("Technician"), lambda: self.show_page(self.technician)),
                ("logout", self.tr("Log out"), self.logout),
            ],
        )
        self.staff_menu.title.setText(self.tr("Staff menu"))
        self.technician.back_button.setText(self.tr("Log out"))
        for page in (
            self.login,
            self.staff_menu,
            self.cashbox,
            self.collection,
            self.settlement,
            self.attention,
            self.reprint,
            self.report,
            self.technician,
            self.camera,
            self.logs,
            self.config,
        ):
            self.stack.addWidget(page)
        self.collection_moved.connect(self._collection_moved)
        self._unwatch = kiosk.cashbox_watcher.add_listener(self.collection_moved.emit)
        self.destroyed.connect(lambda *_: self._unwatch())
        self.keep_out_of_service = False
        self._tracking = False
        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start(idle_check_ms)
        self.show_page(self.login)

    # -- navigation -------------------------------------------------------------------------
    def show_page(self, page: StaffPage | None = None) -> None:
        """Show `page` (default: the menu of the signed-in role)."""
        if page is None:
            page = self._home()
        if self.desk.session is not None:
            self.desk.session.touch()
        page.say("")
        page.refresh()
        self.stack.setCurrentWidget(page)

    def _home(self) -> StaffPage:
        session = self.desk.session
        if session is None:
            return self.login
        if session.role == "technician":
            return self.technician
        return self.staff_menu

    def _logged_in(self) -> None:
        session = self.desk.session
        if session is not None:
            self.staff_menu.who.setText(
                self.tr("Signed in: {name} ({role})").format(name=session.who, role=session.role)
            )
            # The technician entry is for admins (their role passes every check) and technicians.
            entry = self.findChild(QWidget, "staff_menu_technician")
            if entry is not None:
                entry.setVisible(session.role == "admin")
        self.show_page()

    def logout(self) -> None:
        self.desk.logout()
        self.show_page(self.login)

    def check_idle(self) -> None:
        if self.desk.check_idle():
            self.show_page(self.login)
            self.login.say(self.tr("Signed out after 2 minutes without activity."))

    def _open_tech(self, name: str) -> None:
        pages: dict[str, StaffPage] = {
            "camera": self.camera,
            "logs": self.logs,
            "config": self.config,
        }
        self.show_page(pages[name])

    def leave(self) -> None:
        """Exit back to the resident screens (logs out first)."""
        self._unwatch()
        self.idle_timer.stop()
        if self.desk.session is not None:
            self.desk.logout()
        # e.g. a collection still open, or a technician took the kiosk out of service
        self.keep_out_of_service = self.kiosk.service_mode.mode() != "in_service"
        self.closed.emit()

    # -- overlay: follow the window's size -------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        parent = self.parentWidget()
        if parent is not None and not self._tracking:
            parent.installEventFilter(self)
            self._tracking = True
            self.setGeometry(parent.rect())
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    # -- device events: the core already took the step; show it ---------------------------
    def _collection_moved(self, view: CollectionView) -> None:
        if view.state == "cashbox_removed":
            self.cashbox_removed()
        elif view.state == "cashbox_inserted":
            self.cashbox_inserted()

    def cashbox_removed(self) -> None:
        self.collection.device_cashbox_removed()

    def cashbox_inserted(self) -> None:
        self.collection.device_cashbox_inserted()
