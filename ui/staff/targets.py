"""Choosing where an export goes: the USB sticks found mounted, or a folder typed by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QVBoxLayout, QWidget

from kiosk.staff.access import Actor, Principal, Role
from kiosk.staff.errors import StaffError
from kiosk.staff.usb import removable_folders
from ui.widgets import button


class TargetPicker(QWidget):
    """The typed path is the choice; tapping a found stick fills it in."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.found = QListWidget()
        self.found.setObjectName(f"{name}_targets")
        self.found.setMaximumHeight(120)
        self.found.currentTextChanged.connect(self._picked)
        layout.addWidget(self.found)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName(f"{name}_path")
        self.path.setMinimumHeight(64)
        self.path.setPlaceholderText(self.tr("Folder to write to, e.g. /media/kiosk/USB"))
        row.addWidget(self.path, 1)
        self.rescan_button = button(f"{name}_rescan", None, self.rescan)
        self.rescan_button.setText(self.tr("Look for USB sticks"))
        self.rescan_button.setMinimumHeight(64)
        row.addWidget(self.rescan_button)
        layout.addLayout(row)

    def rescan(self) -> None:
        self.found.clear()
        for folder in removable_folders():
            self.found.addItem(str(folder))

    def _picked(self, text: str) -> None:
        if text:
            self.path.setText(text)

    def chosen(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None

    def request(
        self, session: Principal | None, role: Role, say: Callable[[str], None]
    ) -> tuple[Actor, Path] | None:
        """Who exports and where to, for an export page's button; None after saying what is
        missing (no folder chosen, or a role the logged-in person lacks)."""
        target = self.chosen()
        if session is None:
            return None
        if target is None:
            say(self.tr("Choose or type a folder first."))
            return None
        try:
            return session.require(role), target
        except StaffError as exc:
            say(str(exc))
            return None
