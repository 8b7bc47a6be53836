"""The pictures of where the hand goes: each kind draws, differently from the others; none is
drawn when there is too little room; an unknown kind is refused."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pictograms import KINDS, MIN_DRAWN_PX, Pictogram


def grab(qtbot, kind: str | None, width: int = 400, height: int = 300) -> np.ndarray:
    host = QWidget()
    host.setStyleSheet("background: #F4F6FA;")
    QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
    picture = Pictogram(kind)
    host.layout().addWidget(picture)
    qtbot.addWidget(host)
    host.resize(width, height)
    host.show()
    qtbot.waitExposed(host)
    image = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    return pixels.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].copy()


def inked(pixels: np.ndarray) -> float:
    """The share of pixels not the background's."""
    background = np.array([0xFA, 0xF6, 0xF4, 0xFF], dtype=np.uint8)  # BGRA of #F4F6FA
    quads = pixels.reshape(pixels.shape[0], -1, 4)
    return float(np.any(quads != background, axis=2).mean())


def test_each_kind_draws_its_own_picture(qtbot):
    drawn = {kind: grab(qtbot, kind) for kind in KINDS}
    for kind, pixels in drawn.items():
        assert 0.05 < inked(pixels) < 0.7, kind
    for a in KINDS:
        for b in KINDS:
            if a < b:
                assert not np.array_equal(drawn[a], drawn[b]), (a, b)


def test_nothing_is_drawn_without_room_or_without_a_kind(qtbot):
    assert inked(grab(qtbot, "insert_card", height=MIN_DRAWN_PX - 10)) == 0
    assert inked(grab(qtbot, "insert_card", height=MIN_DRAWN_PX + 10)) > 0
    assert inked(grab(qtbot, None)) == 0
    picture = Pictogram()
    assert picture.isHidden() and not picture.drawn()


def test_an_unknown_kind_is_refused_and_changes_nothing(qtbot):
    picture = Pictogram("pin_pad")
    qtbot.addWidget(picture)
    with pytest.raises(ValueError, match="no pictogram 'hologram'"):
        picture.set_kind("hologram")
    assert picture.kind == "pin_pad"
