"""Technician: the effective settings, read-only, every secret masked (kiosk/staff/config_view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit

from kiosk.app import Kiosk
from kiosk.staff.config_view import local_settings_lines, settings_text
from kiosk.staff.desk import StaffDesk
from kiosk.staff.local_settings import LocalSettings
from ui.staff.base import StaffPage
from ui.staff.worker import Background, audit_later


class ConfigPage(StaffPage):
    def __init__(self, kiosk: Kiosk, desk: StaffDesk, back: Callable[[], None]) -> None:
        super().__init__("config", back)
        self.kiosk, self.desk = kiosk, desk
        self.worker = Background(self)
        self.title.setText(self.tr("Settings in effect (read-only)"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("staff_config_text")
        self.text.setReadOnly(True)
        self.body.addWidget(self.text, 1)

    def refresh(self) -> None:
        """The config file's settings, then what technicians set at this kiosk (which wins):
        read and audited on a worker thread."""
        config = settings_text(self.kiosk.settings)
        self.text.setPlainText(config)
        session, store = self.desk.session, self.kiosk.local_settings
        if session is not None:
            audit_later(
                self.worker, self.kiosk.journal, session.actor, "tech_config_viewed", "kiosk"
            )
        if store is not None:
            self.worker.run(store.stored, lambda local, error: self._show(config, local, error))

    def _show(self, config: str, local: LocalSettings | None, error: Exception | None) -> None:
        lines = [] if error is not None or local is None else local_settings_lines(local)
        if lines:
            heading = self.tr("Set at this kiosk by a technician (these win):")
            self.text.setPlainText(f"{config}\n\n# {heading}\n" + "\n".join(lines))
