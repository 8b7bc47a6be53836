"""Where frames come from: a camera, a video file, a folder of images, or a list in memory.

One small protocol so the scanner thread, the diagnostics and the tests do not care which.
`read()` returns None when no frame is available; `finite` sources (files, lists) are then
exhausted, a live camera may just have missed a frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import cv2

from drivers.errors import DeviceNotConnected
from drivers.scanner.synth import Frame, as_u8

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".tif", ".tiff"})


class FrameSource(Protocol):
    """A stream of BGR or gray uint8 frames. Owned and called by one thread at a time."""

    @property
    def finite(self) -> bool:
        """True when read() -> None means the end (files); False for live cameras."""
        ...

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class FrameListSource:
    """Frames from memory, in order, `repeat` times over (tests and the demo)."""

    finite = True

    def __init__(self, frames: Iterable[Frame], repeat: int = 1) -> None:
        self._frames: Sequence[Frame] = list(frames)
        self._repeat = repeat
        self._index = 0
        self._open = False

    def open(self) -> None:
        self._open = True
        self._index = 0

    def read(self) -> Frame | None:
        if not self._open or self._index >= len(self._frames) * self._repeat:
            return None
        frame = self._frames[self._index % len(self._frames)]
        self._index += 1
        return frame

    def close(self) -> None:
        self._open = False


class ImageFolderSource:
    """Image files from a folder (sorted by name) or a single image file.

    Unreadable files are skipped and counted, never fatal: a diagnosis folder may hold anything.
    """

    finite = True

    def __init__(self, path: str | Path, repeat: int = 1) -> None:
        self._path = Path(path)
        self._repeat = repeat
        self._files: list[Path] = []
        self._index = 0
        self.unreadable = 0

    def open(self) -> None:
        if self._path.is_file():
            self._files = [self._path]
        elif self._path.is_dir():
            self._files = sorted(
                p for p in self._path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
            )
        else:
            raise DeviceNotConnected(f"no image file or folder at {self._path}")
        self._index = 0
        self.unreadable = 0

    def read(self) -> Frame | None:
        while self._index < len(self._files) * self._repeat:
            path = self._files[self._index % len(self._files)]
            self._index += 1
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is not None:
                return as_u8(image)
            self.unreadable += 1
        return None

    def close(self) -> None:
        self._files = []


class _CaptureSource:
    """Shared VideoCapture handling: open checks, read() -> None on a failed grab."""

    finite = True

    def __init__(self, target: int | str) -> None:
        self._target = target
        self._cap: cv2.VideoCapture | None = None

    def _configure(self, cap: cv2.VideoCapture) -> None:
        """Apply capture settings after open (cameras override)."""

    def open(self) -> None:
        cap = cv2.VideoCapture(self._target)
        if not cap.isOpened():
            cap.release()
            raise DeviceNotConnected(f"cannot open video source {self._target!r}")
        self._configure(cap)
        self._cap = cap

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        if not ok or frame is None:
            return None
        return as_u8(frame)

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class VideoFileSource(_CaptureSource):
    """Frames of a video file, once through."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(str(path))

    def open(self) -> None:
        if not Path(str(self._target)).is_file():
            raise DeviceNotConnected(f"no video file at {self._target}")
        super().open()


class CameraSource(_CaptureSource):
    """A live camera (V4L2 device index or device path) with the kiosk's capture settings.

    Settings the driver does not support are ignored by OpenCV; `applied` tells what stuck.
    exposure uses the backend's units (V4L2: 100 µs steps with auto exposure off).
    """

    finite = False

    def __init__(
        self,
        device: int | str = 0,
        *,
        width: int = 640,
        height: int = 480,
        fps: float | None = None,
        auto_exposure: bool | None = None,
        exposure: float | None = None,
        autofocus: bool | None = None,
        focus: float | None = None,
    ) -> None:
        super().__init__(device)
        self.settings: dict[int, float] = {
            cv2.CAP_PROP_FRAME_WIDTH: float(width),
            cv2.CAP_PROP_FRAME_HEIGHT: float(height),
        }
        if fps is not None:
            self.settings[cv2.CAP_PROP_FPS] = fps
        if auto_exposure is not None:
            # V4L2 convention through OpenCV: 3 = aperture priority (auto), 1 = manual.
            self.settings[cv2.CAP_PROP_AUTO_EXPOSURE] = 3.0 if auto_exposure else 1.0
        if exposure is not None:
            self.settings[cv2.CAP_PROP_EXPOSURE] = exposure
        if autofocus is not None:
            self.settings[cv2.CAP_PROP_AUTOFOCUS] = 1.0 if autofocus else 0.0
        if focus is not None:
            self.settings[cv2.CAP_PROP_FOCUS] = focus
        self.applied: dict[int, bool] = {}

    def _configure(self, cap: cv2.VideoCapture) -> None:
        self.applied = {prop: bool(cap.set(prop, value)) for prop, value in self.settings.items()}
