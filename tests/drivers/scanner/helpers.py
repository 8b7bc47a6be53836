"""Shared helpers for the scanner tests: videos on disk, sources that move a ManualClock."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from drivers.scanner.base import ScanEvent
from drivers.scanner.sources import FrameListSource, FrameSource
from drivers.scanner.synth import Frame, as_u8, qr_image
from kiosk.clock import ManualClock


def code_frame(payload: str, module_px: int = 6, size: tuple[int, int] = (640, 480)) -> Frame:
    """A clean BGR frame with one QR code in the middle of a mid-gray scene."""
    width, height = size
    canvas = np.full((height, width), 110, dtype=np.uint8)
    code = qr_image(payload, module_px=module_px)
    h, w = code.shape
    y, x = (height - h) // 2, (width - w) // 2
    canvas[y : y + h, x : x + w] = code
    return as_u8(cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))


def blank_frame(size: tuple[int, int] = (640, 480), level: int = 110) -> Frame:
    width, height = size
    return np.full((height, width, 3), level, dtype=np.uint8)


def write_video(path: Path, frames: list[Frame], fps: float = 10.0) -> Path:
    """Motion-JPEG in AVI: written and read back by headless OpenCV without codecs."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


class ClockedSource(FrameListSource):
    """Frames from a list; each read advances a ManualClock by `step_s` (a camera's frame time)."""

    def __init__(self, frames: list[Frame], clock: ManualClock, step_s: float) -> None:
        super().__init__(frames)
        self._clock = clock
        self._step_s = step_s

    def read(self) -> Frame | None:
        frame = super().read()
        if frame is not None:
            self._clock.advance(self._step_s)
        return frame


class Collector:
    """A scan listener that records events and the thread that delivered them."""

    def __init__(self) -> None:
        self.events: list[ScanEvent] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def __call__(self, event: ScanEvent) -> None:
        with self._cond:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: len(self.events) >= count, timeout)

    @property
    def payloads(self) -> list[str]:
        with self._cond:
            return [e.payload for e in self.events]


def drain(source: FrameSource) -> list[Frame]:
    """Every frame a finite source still has."""
    frames: list[Frame] = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    return frames
