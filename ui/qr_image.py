"""Render a QR code as a QPixmap large enough to scan from a phone.

The module matrix comes from zxing-cpp's C++ writer (kiosk.qr_matrix, under a millisecond; segno
took 5-10 ms of pure Python, more while the session worker rendered the receipt), so a code is
made where it is shown, on the GUI thread, and replaces the previous one at once.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel

from kiosk.qr_matrix import qr_matrix

BORDER = 4  # quiet zone, in modules
CACHE_SIZE = 16
Key = tuple[str, int]  # (text, size_px)


def qr_image(text: str, size_px: int = 360) -> QImage:
    """The code's module matrix straight into an 8-bit image, scaled up by Qt in C++ (no PNG
    written and decoded in Python). Safe on any thread: a QImage, not a QPixmap."""
    code = qr_matrix(text)  # always a full QR, level M: phone cameras do not read Micro QR
    width = code.size + 2 * BORDER
    quiet = b"\xff" * width
    side = b"\xff" * BORDER
    rows = [quiet] * BORDER
    for start in range(0, len(code.modules), code.size):
        rows.append(side + code.modules[start : start + code.size] + side)
    rows.extend([quiet] * BORDER)
    data = b"".join(rows)
    image = QImage(data, width, len(rows), width, QImage.Format.Format_Grayscale8).copy()
    scale = max(1, size_px // width)
    return image.scaled(
        width * scale,
        len(rows) * scale,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


_cache: OrderedDict[Key, QPixmap] = OrderedDict()


def _remember(key: Key, pixmap: QPixmap) -> QPixmap:
    _cache[key] = pixmap
    _cache.move_to_end(key)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return pixmap


def qr_pixmap(text: str, size_px: int = 360) -> QPixmap:
    """The code now, on the calling (GUI) thread; cached, the screens re-render often."""
    key = (text, size_px)
    cached = _cache.get(key)
    return cached if cached is not None else _remember(key, QPixmap.fromImage(qr_image(*key)))


def show_qr(target: QLabel, text: str, size_px: int) -> None:
    """Show the code for `text` on `target`, made now on the calling (GUI) thread: about 1 ms.

    It used to be made on a worker thread; but starting a thread waits until the new thread
    runs, which needs the GIL, and at the result screen the session worker was rendering the
    receipt: the GUI thread waited up to 26 ms in `Thread.start` for a 1 ms job.
    """
    target.setPixmap(qr_pixmap(text, size_px))
