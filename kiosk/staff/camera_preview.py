"""The technician's camera preview: the scanner's latest frame with each QR code found in it
outlined and labelled, so the camera's aim, focus and light can be checked at the kiosk.

Labels never show a payment code: they are the masked classification the logs use
(`kiosk.payload.public_fields`), and a payment code's square is painted over on the picture too
(a readable payment QR on the screen would be the code itself). Bill codes keep their outline.
Frames come from `QrScanner.set_frame_listener` on the scanner's thread; the preview keeps only
the newest frame, and `snapshot()` (any thread) draws on a copy.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from drivers.scanner.decoders import locate_codes
from drivers.scanner.qr import FrameListener
from drivers.scanner.synth import Frame, as_u8
from kiosk.payload import classify, public_fields

GREEN = (40, 160, 40)
ORANGE = (0, 120, 230)
GRAY = (128, 128, 128)


class FrameTap(Protocol):
    def set_frame_listener(self, listener: FrameListener | None) -> None: ...


@dataclass(frozen=True)
class PreviewImage:
    image: Frame  # BGR uint8, with outlines and labels drawn
    labels: list[str]  # masked, one per code found
    frame_no: int


def code_label(text: str) -> str:
    """What the preview writes next to a code: kind and masked fields, ASCII only."""
    fields = public_fields(classify(text))
    kind = fields.get("kind")
    if kind == "payment":
        return f"payment {fields.get('wallet')} {fields.get('code')}"
    if kind == "bill":
        return f"bill account {fields.get('account_no')} {fields.get('bill_id') or ''}".strip()
    return f"unknown code ({fields.get('reason')})"


def _label_box(image: Frame, text: str, left: int, top: int) -> None:
    """White text on a dark box just above the code (kept inside the picture)."""
    font, scale, thick = cv2.FONT_HERSHEY_SIMPLEX, 0.6, 1
    (width, height), base = cv2.getTextSize(text, font, scale, thick)
    x = max(0, min(left, image.shape[1] - width - 8))
    y = max(height + base + 8, top - 6)
    cv2.rectangle(image, (x, y - height - base - 6), (x + width + 8, y), (30, 30, 30), cv2.FILLED)
    cv2.putText(
        image, text, (x + 4, y - base - 2), font, scale, (255, 255, 255), thick, cv2.LINE_AA
    )


def annotate(frame: Frame) -> tuple[Frame, list[str]]:
    """A copy of `frame` (gray or BGR) with every QR code outlined and labelled."""
    image = frame.copy() if frame.ndim == 3 else as_u8(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))
    labels = []
    for text, corners in locate_codes(frame):
        label = code_label(text)
        labels.append(label)
        points = np.array(corners, dtype=np.int32).reshape(-1, 1, 2)
        payment = label.startswith("payment")
        if payment:
            cv2.fillPoly(image, [points], GRAY)
        cv2.polylines(image, [points], True, ORANGE if payment else GREEN, 4)
        _label_box(image, label, min(p[0] for p in corners), min(p[1] for p in corners))
    return as_u8(image), labels


class CameraPreview:
    def __init__(self, scanner: object) -> None:
        self._tap: FrameTap | None = scanner if hasattr(scanner, "set_frame_listener") else None
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._count = 0
        self._shown = -1

    @property
    def available(self) -> bool:
        """False for scanners without a camera (the simulated one)."""
        return self._tap is not None

    def start(self) -> None:
        if self._tap is not None:
            self._tap.set_frame_listener(self._on_frame)

    def stop(self) -> None:
        if self._tap is not None:
            self._tap.set_frame_listener(None)
        with self._lock:
            self._frame = None

    @property
    def frames_seen(self) -> int:
        with self._lock:
            return self._count

    def _on_frame(self, frame: Frame, _texts: list[str]) -> None:
        with self._lock:
            self._frame = frame
            self._count += 1

    def snapshot(self) -> PreviewImage | None:
        """The newest frame, annotated; None before the first frame or if nothing new came."""
        with self._lock:
            frame, number = self._frame, self._count
            if frame is None or number == self._shown:
                return None
            self._shown = number
        image, labels = annotate(frame)
        return PreviewImage(image, labels, number)
