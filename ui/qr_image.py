"""Render a QR code as a QPixmap large enough to scan from a phone.

The module matrix comes from zxing-cpp's C++ writer (kiosk.qr_matrix, under a millisecond; segno
took 5-10 ms of pure Python, more while the session worker rendered the receipt). `show_qr` still
makes the code on a worker thread, so the result screen never waits for it; the label is cleared
at once, so no earlier resident's code stays on screen meanwhile.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, Signal
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


class _Painter(QObject):
    """Lives on the GUI thread: receives codes made on worker threads, shows them."""

    made = Signal(object, object)  # (Key, QImage)

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[Key, list[QLabel]] = {}
        self.made.connect(self._show)

    def request(self, target: QLabel, key: Key) -> None:
        labels = self.waiting.setdefault(key, [])
        labels.append(target)
        if len(labels) == 1:
            threading.Thread(target=self._make, args=(key,), name="qr", daemon=True).start()

    def _make(self, key: Key) -> None:
        self.made.emit(key, qr_image(*key))  # queued to the GUI thread

    def _show(self, key: Key, image: QImage) -> None:
        pixmap = _remember(key, QPixmap.fromImage(image))
        for label in self.waiting.pop(key, []):
            try:
                if label.property("qr_for") == _tag(key):  # still the code it wants
                    label.setPixmap(pixmap)
            except RuntimeError:  # the label was deleted meanwhile
                continue


_painter: _Painter | None = None


def _tag(key: Key) -> str:
    return f"{key[1]}:{key[0]}"


def show_qr(target: QLabel, text: str, size_px: int) -> None:
    """Show the code for `text` on `target`: at once if cached, else when made (a worker thread);
    the newest request for a label wins. Call on the GUI thread."""
    global _painter
    key = (text, size_px)
    target.setProperty("qr_for", _tag(key))
    cached = _cache.get(key)
    if cached is not None:
        target.setPixmap(cached)
        return
    target.clear()
    if _painter is None:
        _painter = _Painter()
    _painter.request(target, key)
