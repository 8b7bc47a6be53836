"""Render a QR code as a QPixmap large enough to scan from a phone."""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from PySide6.QtGui import QPixmap


@lru_cache(maxsize=16)
def qr_pixmap(text: str, size_px: int = 360) -> QPixmap:
    """Cached: the result screen re-renders often and a QR is costly to draw in Python."""
    code = segno.make(text, error="m")
    modules = code.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, size_px // modules), border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap
