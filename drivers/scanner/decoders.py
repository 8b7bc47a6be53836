"""QR decoders behind one protocol: zxing-cpp (default) and pyzbar (optional, needs libzbar0).

bench/qr/bench_decoders.py measures both on camera-like frames; zxing-cpp decodes more of them
and is about ten times faster, which is why it is the default.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Protocol

import cv2
import zxingcpp

from drivers.errors import DeviceError
from drivers.scanner.synth import Frame, as_u8

DEFAULT_DECODER = "zxing"
_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class DecoderUnavailable(DeviceError):
    code = "DECODER_UNAVAILABLE"


class Decoder(Protocol):
    name: str

    def decode(self, gray: Frame) -> list[str]:
        """Texts of every QR code found in a gray uint8 frame (empty when none)."""
        ...


def to_gray(frame: Frame) -> Frame:
    """BGR/BGRA camera frames to gray; gray frames unchanged."""
    if frame.ndim == 2:
        return frame
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return as_u8(cv2.cvtColor(frame, code))


class ZxingDecoder:
    """zxing-cpp: QR codes only, any orientation, light-on-dark too (phone screens in dark mode)."""

    name = "zxing-cpp"

    def __init__(self, *, try_rotate: bool = True, try_downscale: bool = True) -> None:
        self._try_rotate = try_rotate
        self._try_downscale = try_downscale

    def decode(self, gray: Frame) -> list[str]:
        results = zxingcpp.read_barcodes(
            to_gray(gray),
            formats=_QR_ONLY,
            try_rotate=self._try_rotate,
            try_downscale=self._try_downscale,
            try_invert=True,
        )
        return [r.text for r in results if r.valid]


def locate_codes(gray: Frame) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each QR code in the frame with its four corners (for drawing on a preview)."""
    found = []
    for result in zxingcpp.read_barcodes(to_gray(gray), formats=_QR_ONLY, try_invert=True):
        if not result.valid:
            continue
        pos = result.position
        corners = [pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left]
        found.append((result.text, [(int(p.x), int(p.y)) for p in corners]))
    return found


class PyzbarDecoder:
    """ZBar through pyzbar. Raises DecoderUnavailable when pyzbar or libzbar0 is missing."""

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            module: Any = importlib.import_module("pyzbar.pyzbar")
        except ImportError as exc:  # pyzbar not installed, or libzbar0 missing
            raise DecoderUnavailable(f"pyzbar unavailable: {exc}") from exc
        self._decode: Callable[..., list[Any]] = module.decode
        self._symbols = [module.ZBarSymbol.QRCODE]

    def decode(self, gray: Frame) -> list[str]:
        results = self._decode(to_gray(gray), symbols=self._symbols)
        # Invalid UTF-8 becomes U+FFFD, which classify() refuses as non-ASCII.
        return [bytes(r.data).decode("utf-8", errors="replace") for r in results]


DECODERS: dict[str, Callable[[], Decoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
}


def make_decoder(name: str = DEFAULT_DECODER) -> Decoder:
    """A decoder by configuration name ("zxing" or "pyzbar")."""
    try:
        factory = DECODERS[name]
    except KeyError:
        raise DecoderUnavailable(f"unknown QR decoder {name!r}") from None
    return factory()
