"""Render a QR code as a QPixmap large enough to scan from a phone."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

BORDER = 4  # quiet zone, in modules


def qr_image(text: str, size_px: int = 360) -> QImage:
    """The code's module matrix straight into an 8-bit image, scaled up by Qt in C++.

    No PNG written and decoded in Python: that took 16-38 ms on the GUI thread per code.
    """
    import segno  # only the result and wallet screens need it

    code = segno.make_qr(text, error="m")  # never a Micro QR: phone cameras do not read those
    width = len(code.matrix[0]) + 2 * BORDER
    quiet = b"\xff" * width
    rows = [quiet] * BORDER
    side = b"\xff" * BORDER
    for row in code.matrix:
        rows.append(side + bytes(0 if dark else 255 for dark in row) + side)
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


@lru_cache(maxsize=16)
def qr_pixmap(text: str, size_px: int = 360) -> QPixmap:
    """Cached: the result screen re-renders often."""
    return QPixmap.fromImage(qr_image(text, size_px))
