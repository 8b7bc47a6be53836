"""QR module matrices from zxing-cpp's C++ writer, for the receipt and the screens.

segno built the same codes in pure Python (5-25 ms each, holding the GIL while the GUI thread
painted the result screen); zxing-cpp takes well under a millisecond. Always a full QR at error
level M: phone cameras do not read Micro QR, and M survives a smudged thermal print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import zxingcpp

DARK = 0
LIGHT = 255


@dataclass(frozen=True)
class QrMatrix:
    """`size` x `size` modules, row by row, one byte each: DARK (0) or LIGHT (255); no border."""

    size: int
    modules: bytes

    def __post_init__(self) -> None:
        if self.size <= 0 or len(self.modules) != self.size * self.size:
            raise ValueError(f"{len(self.modules)} module bytes for a {self.size}-module code")

    def dark(self, x: int, y: int) -> bool:
        return self.modules[y * self.size + x] == DARK


def qr_matrix(text: str) -> QrMatrix:
    """The code for `text` (UTF-8). ValueError for empty text or more than a QR code holds."""
    if not text:
        raise ValueError("a QR code needs some text")
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    if height != width:
        raise ValueError(f"zxing-cpp made a {width}x{height} QR code")
    modules = bytes(memoryview(cast(Any, image)))  # the stubs do not declare the buffer
    if modules.translate(None, bytes((DARK, LIGHT))):  # anything left is neither
        raise ValueError("zxing-cpp made a QR code with grey modules")
    return QrMatrix(width, modules)
