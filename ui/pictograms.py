"""Pictures of where the resident's hand goes: the bill or the phone under the scanner, a card or
a note into its slot, the PIN pad under a covering hand. Drawn with QPainter from the theme's
colours (no image files, sharp at any size, the same in both languages), in the room a screen
has left: a pictogram shrinks before any action is pushed off the screen.

Every kiosk puts its devices below the screen, so the arrows point down; the screens' texts say
"below the screen" too."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import COLORS

KINDS = ("scan_bill", "show_phone", "insert_card", "keep_card", "insert_note", "pin_pad")
WIDTH, HEIGHT = 400.0, 300.0  # the drawing's own units; scaled to fit, aspect kept
MIN_DRAWN_PX = 90  # below this height the picture says nothing: nothing is drawn

# Colours of things, not of text: the theme's where one fits.
_PAPER = "#FFFFFF"
_DEVICE = "#2B3240"
_SCAN_LIGHT = "#E5484D"
_CHIP = "#D9A441"
_NOTE = "#5BA37A"
_NOTE_DARK = "#2F6B4A"


class Pictogram(QWidget):
    """One of KINDS; `set_kind(None)` shows nothing (and takes no room)."""

    def __init__(self, kind: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pictogram")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMaximumHeight(360)
        self.kind: str | None = None
        self.setVisible(False)  # no kind, no room taken
        self.set_kind(kind)

    def set_kind(self, kind: str | None) -> None:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"no pictogram {kind!r}; choose from {', '.join(KINDS)}")
        if kind != self.kind:
            self.kind = kind
            self.setVisible(kind is not None)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)  # gives way to every text and action

    def drawn(self) -> bool:
        """Whether the picture is drawn at the size the layout gave it."""
        return self.kind is not None and self.isVisible() and self.height() >= MIN_DRAWN_PX

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.drawn():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(self.width() / WIDTH, self.height() / HEIGHT)
        painter.translate((self.width() - WIDTH * scale) / 2, (self.height() - HEIGHT * scale) / 2)
        painter.scale(scale, scale)
        _DRAW[self.kind or ""](painter)
        painter.end()


# -- the drawings, in a 400 x 300 box ----------------------------------------------------------
def _fill(painter: QPainter, color: str, outline: str | None = None, width: float = 4) -> None:
    painter.setBrush(QColor(color))
    if outline is None:
        painter.setPen(Qt.PenStyle.NoPen)
    else:
        painter.setPen(QPen(QColor(outline), width))


def _arrow_down(painter: QPainter, x: float, top: float, bottom: float) -> None:
    _fill(painter, COLORS["accent"])
    painter.drawRect(QRectF(x - 9, top, 18, bottom - top - 26))
    painter.drawPolygon(
        QPolygonF([QPointF(x - 28, bottom - 30), QPointF(x + 28, bottom - 30), QPointF(x, bottom)])
    )


def _slot(painter: QPainter, width: float = 260) -> None:
    """The front panel's slot, at the bottom."""
    _fill(painter, "#D5DAE3", COLORS["line"], 3)
    painter.drawRoundedRect(QRectF(200 - width / 2 - 20, 250, width + 40, 44), 10, 10)
    _fill(painter, _DEVICE)
    painter.drawRoundedRect(QRectF(200 - width / 2, 264, width, 16), 6, 6)


def _scanner(painter: QPainter) -> None:
    """The scanner's window, with its red light."""
    _fill(painter, _DEVICE)
    painter.drawRoundedRect(QRectF(110, 250, 180, 46), 10, 10)
    _fill(painter, _SCAN_LIGHT)
    painter.drawRoundedRect(QRectF(126, 268, 148, 8), 4, 4)


def _qr(painter: QPainter, left: float, top: float, size: float) -> None:
    """A QR-like pattern: three finder squares and a few modules (a picture, not a code)."""
    m = size / 7
    _fill(painter, COLORS["text"])
    for fx, fy in ((0, 0), (4, 0), (0, 4)):
        painter.drawRect(QRectF(left + fx * m, top + fy * m, 3 * m, 3 * m))
        _fill(painter, _PAPER)
        painter.drawRect(QRectF(left + (fx + 0.6) * m, top + (fy + 0.6) * m, 1.8 * m, 1.8 * m))
        _fill(painter, COLORS["text"])
        painter.drawRect(QRectF(left + (fx + 1) * m, top + (fy + 1) * m, m, m))
    for cx, cy in ((4, 4), (5, 5), (6, 4), (4, 6), (6, 6), (3.5, 2)):
        painter.drawRect(QRectF(left + cx * m, top + cy * m, m, m))


def _scan_bill(painter: QPainter) -> None:
    _fill(painter, _PAPER, COLORS["line"], 3)
    painter.drawRect(QRectF(140, 4, 120, 158))
    _fill(painter, COLORS["line"])
    for y in (20, 36):
        painter.drawRect(QRectF(154, y, 92, 7))
    _qr(painter, 165, 62, 70)
    _arrow_down(painter, 200, 172, 244)
    _scanner(painter)


def _show_phone(painter: QPainter) -> None:
    _fill(painter, _DEVICE)
    painter.drawRoundedRect(QRectF(150, 0, 100, 166), 14, 14)
    _fill(painter, _PAPER)
    painter.drawRoundedRect(QRectF(158, 14, 84, 138), 6, 6)
    _qr(painter, 172, 50, 56)
    _arrow_down(painter, 200, 174, 244)
    _scanner(painter)


def _card(painter: QPainter, top: float) -> None:
    _fill(painter, COLORS["brand"])
    painter.drawRoundedRect(QRectF(120, top, 160, 104), 12, 12)
    _fill(painter, _CHIP, "#9C7424", 2)
    painter.drawRoundedRect(QRectF(140, top + 62, 34, 26), 5, 5)


def _insert_card(painter: QPainter) -> None:
    _card(painter, 8)
    _arrow_down(painter, 200, 126, 248)
    _slot(painter, 200)


def _keep_card(painter: QPainter) -> None:
    """The card half in the slot and an hourglass: it stays in while the kiosk works."""
    _card(painter, 166)
    _slot(painter, 200)
    _fill(painter, "#D5DAE3", COLORS["line"], 3)  # the slot's panel in front of the card
    painter.drawRect(QRectF(78, 252, 244, 40))
    _fill(painter, _DEVICE)
    painter.drawRoundedRect(QRectF(100, 264, 200, 16), 6, 6)
    _fill(painter, COLORS["brand"])
    painter.drawRoundedRect(QRectF(160, 4, 80, 12), 4, 4)
    painter.drawRoundedRect(QRectF(160, 136, 80, 12), 4, 4)
    glass = QPainterPath(QPointF(168, 16))
    glass.lineTo(QPointF(232, 16))
    glass.lineTo(QPointF(206, 76))
    glass.lineTo(QPointF(232, 136))
    glass.lineTo(QPointF(168, 136))
    glass.lineTo(QPointF(194, 76))
    glass.closeSubpath()
    _fill(painter, _PAPER, COLORS["brand"], 5)
    painter.drawPath(glass)
    sand = QPolygonF([QPointF(180, 132), QPointF(220, 132), QPointF(200, 104)])
    _fill(painter, _CHIP)
    painter.drawPolygon(sand)


def _insert_note(painter: QPainter) -> None:
    _fill(painter, _NOTE, _NOTE_DARK, 3)
    painter.drawRect(QRectF(80, 4, 240, 116))
    _fill(painter, "#8CC5A3")
    painter.drawEllipse(QPointF(260, 62), 32, 32)
    _fill(painter, _NOTE_DARK)
    painter.drawRect(QRectF(100, 30, 90, 12))
    painter.drawRect(QRectF(100, 82, 60, 12))
    _arrow_down(painter, 200, 132, 248)
    _slot(painter, 260)


def _pin_pad(painter: QPainter) -> None:
    _fill(painter, "#D5DAE3", COLORS["line"], 3)
    painter.drawRoundedRect(QRectF(110, 60, 180, 236), 14, 14)
    _fill(painter, _PAPER, COLORS["line"], 2)
    for row in range(4):
        for col in range(3):
            painter.drawRoundedRect(QRectF(128 + col * 52, 120 + row * 42, 42, 32), 5, 5)
    # The hand's cover over the keys: an arch, open at the resident's side.
    path = QPainterPath(QPointF(90, 160))
    path.cubicTo(QPointF(100, 10), QPointF(300, 10), QPointF(310, 160))
    path.lineTo(QPointF(290, 160))
    path.cubicTo(QPointF(280, 40), QPointF(120, 40), QPointF(110, 160))
    path.closeSubpath()
    _fill(painter, COLORS["brand"])
    painter.drawPath(path)


_DRAW = {
    "scan_bill": _scan_bill,
    "show_phone": _show_phone,
    "insert_card": _insert_card,
    "keep_card": _keep_card,
    "insert_note": _insert_note,
    "pin_pad": _pin_pad,
}
