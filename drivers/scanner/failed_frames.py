"""Keeping a few frames that did not decode, so a technician can see what the camera saw.

Off unless configured. Rate-limited (one frame per interval) and capped (oldest of our own files
removed first), because at 30 frames a second almost every frame "fails" while nobody is scanning.
Frames may show part of a payment code: the folder belongs on the kiosk's private disk only.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path

import cv2

from drivers.scanner.synth import Frame
from kiosk.clock import Clock

log = logging.getLogger(__name__)


class FailedFrameSaver:
    def __init__(
        self, folder: str | Path, clock: Clock, *, min_interval_s: float = 10.0, max_files: int = 50
    ) -> None:
        self.folder = Path(folder)
        self._clock = clock
        self._min_interval_s = min_interval_s
        self._max_files = max_files
        self._last: float | None = None
        self._written: deque[Path] = deque()
        self._counter = 0
        self.saved = 0

    def offer(self, frame: Frame) -> Path | None:
        """Save `frame` if the interval since the last save has passed; the path, or None."""
        now = self._clock.monotonic()
        if self._last is not None and now - self._last < self._min_interval_s:
            return None
        self._last = now
        self._counter += 1
        stamp = self._clock.now().strftime("%Y%m%dT%H%M%S")
        path = self.folder / f"failed-{stamp}-{self._counter:05d}.png"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            written = bool(cv2.imwrite(str(path), frame))
        except (OSError, cv2.error) as exc:
            log.warning("could not write failed frame to %s: %s", self.folder, type(exc).__name__)
            return None
        if not written:
            log.warning("could not write failed frame to %s", self.folder)
            return None
        self.saved += 1
        self._written.append(path)
        while len(self._written) > self._max_files:
            self._written.popleft().unlink(missing_ok=True)
        return path
