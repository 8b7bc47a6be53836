"""FailedFrameSaver: one frame per interval, a cap on files, only its own files removed."""

from __future__ import annotations

from pathlib import Path

import cv2

from drivers.scanner.failed_frames import FailedFrameSaver
from kiosk.clock import ManualClock
from tests.drivers.scanner.helpers import blank_frame


def test_rate_limit_and_cap(tmp_path: Path) -> None:
    clock = ManualClock()
    folder = tmp_path / "failed"
    folder.mkdir()
    keep = folder / "operator-note.png"
    keep.write_bytes(b"not ours")
    saver = FailedFrameSaver(folder, clock, min_interval_s=2.0, max_files=2)
    paths = []
    for _ in range(10):  # 0.5 s apart: saves at t=0, 2, 4
        paths.append(saver.offer(blank_frame(level=77)))
        clock.advance(0.5)
    saved = [p for p in paths if p is not None]
    assert len(saved) == 3
    assert saver.saved == 3
    assert not saved[0].exists()
    assert saved[1].exists()
    assert saved[2].exists()
    assert keep.exists()
    image = cv2.imread(str(saved[2]))
    assert image is not None
    assert int(image[0, 0, 0]) == 77


def test_creates_folder_and_names_by_time(tmp_path: Path) -> None:
    saver = FailedFrameSaver(tmp_path / "a" / "b", ManualClock(), min_interval_s=0.0)
    path = saver.offer(blank_frame())
    assert path is not None
    assert path.parent == tmp_path / "a" / "b"
    assert path.name.startswith("failed-20261126T080000-")


def test_write_failures_return_none(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    saver = FailedFrameSaver(not_a_folder, ManualClock(), min_interval_s=0.0)
    assert saver.offer(blank_frame()) is None
    saver = FailedFrameSaver(tmp_path / "ok", ManualClock(), min_interval_s=0.0)
    assert saver.offer(blank_frame()[:0]) is None  # an empty image cannot be written
    assert saver.saved == 0
