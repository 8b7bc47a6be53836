"""Technician: the effective settings, read-only, every secret masked (kiosk/staff/config_view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit

from kiosk.app import Kiosk
from kiosk.staff import audit
from kiosk.staff.config_view import settings_text
from kiosk.staff.desk import StaffDesk
from ui.staff.base import StaffPage


class ConfigPage(StaffPage):
    def __init__(self, kiosk: Kiosk, desk: StaffDesk, back: Callable[[], None]) -> None:
        super().__init__("config", back)
        self.kiosk, self.desk = kiosk, desk
        self.title.setText(self.tr("Settings in effect (read-only)"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("staff_config_text")
        self.text.setReadOnly(True)
        self.body.addWidget(self.text, 1)

    def refresh(self) -> None:
        self.text.setPlainText(settings_text(self.kiosk.settings))
        session = self.desk.session
        if session is not None:
            audit.record(self.kiosk.journal, session.actor, "tech_config_viewed", "kiosk")
