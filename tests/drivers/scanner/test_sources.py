"""Frame sources: memory, image folders, video files, and a 'camera' opened on a file path."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.errors import DeviceNotConnected
from drivers.scanner.sources import (
    CameraSource,
    FrameListSource,
    ImageFolderSource,
    VideoFileSource,
)
from tests.drivers.scanner.helpers import blank_frame, code_frame, drain, write_video


def test_frame_list_repeats_then_ends() -> None:
    frames = [blank_frame(level=10), blank_frame(level=20)]
    source = FrameListSource(frames, repeat=2)
    assert source.read() is None  # not open yet
    source.open()
    levels = []
    while (frame := source.read()) is not None:
        levels.append(int(frame[0, 0, 0]))
    assert levels == [10, 20, 10, 20]
    source.close()
    assert source.finite


def test_image_folder_sorted_skips_unreadable(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "b.png"), blank_frame(level=50))
    cv2.imwrite(str(tmp_path / "a.jpg"), blank_frame(level=200))
    (tmp_path / "c.png").write_bytes(b"not a png at all")
    (tmp_path / "notes.txt").write_text("ignored")
    source = ImageFolderSource(tmp_path)
    source.open()
    first, second = source.read(), source.read()
    assert first is not None
    assert second is not None
    assert abs(int(first[0, 0, 0]) - 200) < 5  # a.jpg first
    assert int(second[0, 0, 0]) == 50
    assert source.read() is None
    assert source.unreadable == 1
    source.close()


def test_image_single_file(tmp_path: Path) -> None:
    path = tmp_path / "bill.png"
    cv2.imwrite(str(path), code_frame("3300000001"))
    source = ImageFolderSource(path, repeat=3)
    source.open()
    assert len(drain(source)) == 3


def test_image_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(DeviceNotConnected):
        ImageFolderSource(tmp_path / "nope").open()


def test_video_file_frames(tmp_path: Path) -> None:
    frames = [blank_frame(level=40 + 10 * i) for i in range(6)]
    path = write_video(tmp_path / "v.avi", frames)
    source = VideoFileSource(path)
    source.open()
    read = drain(source)
    source.close()
    assert len(read) == 6
    assert read[0].shape == (480, 640, 3)
    assert [round(float(np.median(f)) / 10) for f in read] == [4, 5, 6, 7, 8, 9]
    assert source.read() is None  # closed


def test_video_missing_or_garbage_raises(tmp_path: Path) -> None:
    with pytest.raises(DeviceNotConnected):
        VideoFileSource(tmp_path / "missing.avi").open()
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"\x00" * 1000)
    with pytest.raises(DeviceNotConnected):
        VideoFileSource(junk).open()


def test_camera_source_settings_and_open_on_path(tmp_path: Path) -> None:
    path = write_video(tmp_path / "cam.avi", [blank_frame()] * 3)
    camera = CameraSource(
        str(path), width=320, height=240, auto_exposure=False, exposure=150, autofocus=False
    )
    assert not camera.finite
    assert camera.settings[cv2.CAP_PROP_FRAME_WIDTH] == 320.0
    assert camera.settings[cv2.CAP_PROP_AUTO_EXPOSURE] == 1.0
    assert camera.settings[cv2.CAP_PROP_AUTOFOCUS] == 0.0
    camera.open()
    assert set(camera.applied) == set(camera.settings)
    assert camera.read() is not None
    camera.close()


def test_camera_missing_device_raises() -> None:
    with pytest.raises(DeviceNotConnected):
        CameraSource("/dev/video-does-not-exist").open()
