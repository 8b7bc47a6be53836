"""Identify: an on-screen keypad for the account number; QR and card arrive as events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.session.state import SessionState
from ui.pictograms import Pictogram
from ui.reflow import Box, ReflowGrid
from ui.screens.base import ScreenWidget
from ui.widgets import Keypad, button, label


class IdentifyScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        row = ReflowGrid((2, 1), spacing=48, stretch=(3, 2))
        column = Box()
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(14)  # large English text on a 1280x1024 display: every pixel counts
        self.prompt = label("")
        self.display = label("", "display", wrap=False)
        self.display.setObjectName("account_display")
        self.display.setMinimumHeight(110)
        self.message = label("", "message")
        self.message.setObjectName("identify_message")
        self.hint = label("", "muted")
        # Where the bill or the card goes, for a resident who touched "scan" or "card".
        self.pictogram = Pictogram()
        left.addWidget(self.prompt)
        left.addWidget(self.display)
        left.addWidget(self.message)
        left.addWidget(self.pictogram, 1)
        left.addStretch(0)
        left.addWidget(self.hint)
        row.add(column)
        self.keypad = Keypad("account")
        self.keypad.digit.connect(self.session.type_digit)
        self.keypad.erase.connect(self.session.backspace)
        self.keypad.ok.connect(self.session.submit_account)
        row.add(self.keypad)
        self.body.addWidget(row)
        self.back_button = button("back", None, self.session.back)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        way = state.identify_way
        if way == "scan":
            self.title.setText(self.tr("Scan the QR code on your bill"))
            self.prompt.setText(self.tr("Hold it under the scanner below the screen."))
        elif way == "card":
            self.title.setText(self.tr("Insert your prepaid card"))
            self.prompt.setText(self.tr("Put it into the card slot below the screen."))
        else:
            self.title.setText(self.tr("Your account number"))
            self.prompt.setText(
                self.tr("Type the account number printed on your bill (10 to 13 digits)")
            )
        self.pictogram.set_kind({"scan": "scan_bill", "card": "insert_card"}.get(way))
        digits = state.account_input
        grouped = " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
        self.display.setText(grouped or "—")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message = self.messages.message(state.message, state.message_arg)
        self.message.setText(message)
        self.message.setVisible(bool(message))  # an empty line's height is missed in large text
        if way == "type":
            self.hint.setText(
                self.tr("You can also scan the QR code on your bill or insert your prepaid card.")
            )
        else:
            self.hint.setText(self.tr("Or type the account number (10 to 13 digits)."))
        self.keypad.ok_key.setText(self.tr("OK"))
        self.back_button.setText(self.tr("Back"))
