"""Start screen: the three ways to identify an account, and a tap anywhere to begin."""

from __future__ import annotations

from PySide6.QtGui import QMouseEvent

from kiosk.session.state import SessionState
from ui.reflow import ReflowGrid, tile_with_hint
from ui.screens.base import ScreenWidget
from ui.widgets import button, label, set_enum_property


class StartScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        # Qt's names, not `Qt.…` members: this screen is painted before the `Qt` namespace is
        # built (see set_enum_property).
        set_enum_property(self.title, "alignment", "AlignCenter")
        self.subtitle = label("", "muted")
        set_enum_property(self.subtitle, "alignment", "AlignCenter")
        self.body.addWidget(self.subtitle)
        # Three tiles side by side; on a narrow display two, then one per row.
        grid = ReflowGrid((3, 2, 1), spacing=32)
        self.type_tile = button("start_type", "tile", lambda: self._begin("type"))
        self.scan_tile = button("start_scan", "tile", lambda: self._begin("scan"))
        self.card_tile = button("start_card", "tile", lambda: self._begin("card"))
        self.hints = [label("", "muted") for _ in range(3)]
        tiles = (self.type_tile, self.scan_tile, self.card_tile)
        for tile, hint in zip(tiles, self.hints, strict=True):
            set_enum_property(hint, "alignment", "AlignHCenter|AlignTop")
            grid.add(tile_with_hint(tile, hint))
        self.body.addStretch(1)
        self.body.addWidget(grid)
        self.body.addStretch(2)

    def render(self, state: SessionState) -> None:
        # No session yet (the window shell, before anything is attached): tiles disabled.
        starting = self.session is None
        for tile in (self.type_tile, self.scan_tile, self.card_tile):
            tile.setEnabled(not starting)
        self.title.setText(self.tr("Pay your electricity bill"))
        self.subtitle.setText(
            self.tr("Starting, one moment…") if starting else self.tr("Touch the screen to begin")
        )
        self.type_tile.setText(self.tr("Enter account\nnumber"))
        self.scan_tile.setText(self.tr("Scan bill\nQR code"))
        self.card_tile.setText(self.tr("Insert\nprepaid card"))
        self.hints[0].setText(self.tr("The number is printed on your bill"))
        self.hints[1].setText(self.tr("Hold the QR code on your bill under the scanner"))
        self.hints[2].setText(self.tr("Put your electricity card into the card slot"))

    def _begin(self, way: str = "type") -> None:
        if self.session is not None:
            self.session.begin(way)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._begin()  # a touch beside the tiles: the keypad
        super().mousePressEvent(event)
