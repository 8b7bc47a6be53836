"""Shared frame of a staff page: a title, a message line, a back button, a scrolling body."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.widgets import button, label


class StaffPage(QWidget):
    def __init__(self, name: str, back: Callable[[], None] | None) -> None:
        super().__init__()
        self.setObjectName(f"staff_page_{name}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(16)
        top = QHBoxLayout()
        self.title = label("", "title", wrap=False)
        top.addWidget(self.title, 1)
        self.back_button = button(f"staff_{name}_back", None, back)
        self.back_button.setMinimumSize(160, 72)
        self.back_button.setText(self.tr("Back"))
        if back is None:
            self.back_button.hide()
        top.addWidget(self.back_button)
        outer.addLayout(top)
        self.message: QLabel = label("", "message")
        self.message.setObjectName(f"staff_{name}_message")
        outer.addWidget(self.message)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)

    def refresh(self) -> None:
        """Called each time the page is shown."""

    def say(self, text: str) -> None:
        self.message.setText(text)


def reason_presets(
    name: str, field: QLineEdit, texts: list[str], parent: QVBoxLayout
) -> list[QPushButton]:
    """Touch buttons that fill a reason field (a kiosk has no keyboard; a USB one still works)."""
    row = QHBoxLayout()
    made = []
    for index, text in enumerate(texts):
        widget = button(f"{name}_preset_{index}", "sim")
        widget.setText(text)
        widget.setMinimumHeight(64)
        widget.clicked.connect(lambda _=False, t=text: field.setText(t))
        row.addWidget(widget)
        made.append(widget)
    parent.addLayout(row)
    return made
