"""The on-screen QR codes decode to what they encode, at the size asked for."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PySide6.QtGui import QImage

from ui.qr_image import qr_image, qr_pixmap


def _gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)
    return rows[:, :width].copy()


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("https://e.utility.example/receipt?no=R-20261127-000123", 300),
        ("https://e.utility.example/receipt?no=R-20261127-000123", 420),
        ("https://pay.wallet.example/qr/" + "x" * 120, 520),
    ],
)
def test_the_code_decodes_to_its_text(qapp, text, size):
    image = qr_image(text, size)
    assert image.width() == image.height()
    assert size // 2 < image.width() <= size  # whole modules, as large as fits
    found = zxingcpp.read_barcodes(_gray(image))
    assert [r.text for r in found] == [text]


def test_the_quiet_zone_is_white_and_the_finder_corner_dark(qapp):
    image = _gray(qr_image("PowerPay", 300))
    module = image.shape[0] // (21 + 8)  # version 1: 21 modules and a 4-module border each side
    assert (image[: 4 * module, :] == 255).all()
    assert image[4 * module + 1, 4 * module + 1] == 0  # the top-left finder pattern


def test_pixmaps_are_cached(qapp):
    assert qr_pixmap("PowerPay receipt", 300) is qr_pixmap("PowerPay receipt", 300)


def test_show_qr_replaces_the_code_at_once_without_a_thread(qtbot):
    import threading

    from PySide6.QtWidgets import QLabel

    from ui.qr_image import show_qr

    target = QLabel()
    qtbot.addWidget(target)
    threads = {t.ident for t in threading.enumerate()}
    for text in ("PowerPay first resident", "PowerPay second resident " + "y" * 40):
        show_qr(target, text, 300)
        # The earlier resident's code is gone at once: this resident's is already there.
        found = zxingcpp.read_barcodes(_gray(target.pixmap().toImage()))
        assert [r.text for r in found] == [text]
    # Starting a thread waits for the GIL, which the receipt's worker may hold.
    assert {t.ident for t in threading.enumerate()} <= threads
