"""Start screen: the three ways to identify an account, and a tap anywhere to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout

from kiosk.session.state import SessionState
from ui.screens.base import ScreenWidget
from ui.widgets import button, label


class StartScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("", "muted")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setSpacing(32)
        self._starting = False
        self.type_tile = button("start_type", "primary", self._begin)
        self.type_tile.setProperty("role", "tile")
        self.scan_tile = button("start_scan", "tile", self._begin)
        self.card_tile = button("start_card", "tile", self._begin)
        for column, tile in enumerate((self.type_tile, self.scan_tile, self.card_tile)):
            grid.addWidget(tile, 0, column)
        self.hints = [label("", "muted") for _ in range(3)]
        for column, hint in enumerate(self.hints):
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(hint, 1, column)
        self.body.addStretch(1)
        self.body.addLayout(grid)
        self.body.addStretch(2)

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Pay your electricity bill"))
        self.subtitle.setText(
            self.tr("Starting, one moment…")
            if self._starting
            else self.tr("Touch the screen to begin")
        )
        self.type_tile.setText(self.tr("Enter account number"))
        self.scan_tile.setText(self.tr("Scan bill QR code"))
        self.card_tile.setText(self.tr("Insert prepaid card"))
        self.hints[0].setText(self.tr("The number is printed on your bill"))
        self.hints[1].setText(self.tr("Hold the QR code on your bill under the scanner"))
        self.hints[2].setText(self.tr("Put your electricity card into the card slot"))

    def set_starting(self, starting: bool) -> None:
        """While the core starts (no session yet): tiles disabled, the subtitle says so."""
        self._starting = starting
        for tile in (self.type_tile, self.scan_tile, self.card_tile):
            tile.setEnabled(not starting)

    def _begin(self) -> None:
        if not self._starting and self.session is not None:
            self.session.begin()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._begin()
        super().mousePressEvent(event)
