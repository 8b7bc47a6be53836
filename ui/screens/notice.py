"""Messages with a way back, the busy screens, and out of service."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.session.state import Screen, SessionState
from ui.screens.base import ScreenWidget
from ui.widgets import button, label


class NoticeScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.text = label("", "title")
        self.text.setObjectName("notice_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.text)
        self.body.addStretch(2)
        self.back_button = button("back", None, self.session.back)
        self.home_button = button("done", "primary", self.session.done)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.home_button)

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Sorry"))
        self.text.setText(self.messages.message(state.message, state.message_arg))
        self.back_button.setText(self.tr("Try again"))
        self.home_button.setText(self.tr("Start over"))


class BusyScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.text = label("", "title")
        self.text.setObjectName("busy_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.text)
        self.body.addStretch(2)

    def render(self, state: SessionState) -> None:
        self.title.setText("")
        self.text.setText(
            {
                Screen.LOOKUP: self.tr("Finding your account…"),
                Screen.PREPARING: self.tr("Getting the cash acceptor ready…"),
                Screen.POSTING: self.tr("Crediting your payment, please wait…"),
            }.get(state.screen, self.tr("Please wait…"))
        )


class OutOfServiceScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.text = label("", "title")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.text)
        self.body.addStretch(2)

    def render(self, state: SessionState) -> None:
        self.title.setText("")
        self.text.setText(
            self.tr(
                "This kiosk is out of service. Please use another kiosk or the service counter."
            )
        )
