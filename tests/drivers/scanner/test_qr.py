"""QrScanner: its own thread, dedup with a ManualClock, limits, counters, logs, failures."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.errors import DeviceNotConnected
from drivers.scanner.decoders import PyzbarDecoder, ZxingDecoder
from drivers.scanner.failed_frames import FailedFrameSaver
from drivers.scanner.qr import Deduplicator, QrScanner
from drivers.scanner.sources import FrameListSource, ImageFolderSource, VideoFileSource
from drivers.scanner.synth import Distortion, Frame, camera_frame, qr_image
from kiosk.clock import ManualClock
from tests.drivers.scanner.helpers import (
    ClockedSource,
    Collector,
    blank_frame,
    code_frame,
    write_video,
)

WECHAT = "134567890123450000"
ALIPAY = "286543210987654321"
BILL = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"
WAIT = 20.0


def run_to_end(scanner: QrScanner) -> Collector:
    events = Collector()
    scanner.set_listener(events)
    scanner.open()
    assert scanner.wait_stopped(WAIT)
    scanner.close()
    return events


@pytest.mark.parametrize("decoder_cls", [ZxingDecoder, PyzbarDecoder])
def test_image_folder_through_thread(tmp_path: Path, decoder_cls: type) -> None:
    rng = np.random.default_rng(21)
    for i, (payload, kind) in enumerate(
        [(WECHAT, Distortion.ROTATION), (BILL, Distortion.PERSPECTIVE), (ALIPAY, Distortion.CLEAN)]
    ):
        cv2.imwrite(str(tmp_path / f"{i}.png"), camera_frame(kind, rng, payload).frame)
    cv2.imwrite(str(tmp_path / "9-empty.png"), camera_frame(Distortion.NO_CODE, rng).frame)
    scanner = QrScanner(ImageFolderSource(tmp_path), decoder_cls(), clock=ManualClock())
    events = run_to_end(scanner)
    assert events.payloads == [WECHAT, BILL, ALIPAY]
    assert events.threads == {"qr-scanner"}
    status = scanner.status()
    assert status["frames"] == 4
    assert status["decoded"] == 3
    assert status["events"] == 3
    assert status["state"] == "ended"
    assert status["error"] is None


def test_video_file_through_thread(tmp_path: Path) -> None:
    frames = (
        [blank_frame()] * 2 + [code_frame(WECHAT)] * 5 + [blank_frame()] + [code_frame(BILL)] * 3
    )
    path = write_video(tmp_path / "scan.avi", frames)
    scanner = QrScanner(VideoFileSource(path), clock=ManualClock())
    events = run_to_end(scanner)
    assert events.payloads == [WECHAT, BILL]
    status = scanner.status()
    assert status["frames"] == 11
    assert status["decoded"] == 8
    assert status["duplicates"] == 6


@pytest.mark.parametrize(
    ("step_s", "expected_events"),
    [(0.1, 1), (2.9, 1), (3.0, 10), (5.0, 10)],
)
def test_dedup_window_with_manual_clock(step_s: float, expected_events: int) -> None:
    clock = ManualClock()
    source = ClockedSource([code_frame(WECHAT)] * 10, clock, step_s)
    scanner = QrScanner(source, clock=clock, dedup_window_s=3.0)
    events = run_to_end(scanner)
    assert len(events.payloads) == expected_events
    assert scanner.status()["duplicates"] == 10 - expected_events


def test_dedup_window_slides_and_codes_are_independent() -> None:
    clock = ManualClock()
    frames = [code_frame(WECHAT)] * 4 + [code_frame(BILL)] * 2 + [blank_frame()] * 3
    frames += [code_frame(WECHAT), code_frame(BILL)]
    source = ClockedSource(frames, clock, 1.0)
    events = run_to_end(QrScanner(source, clock=clock, dedup_window_s=3.0))
    # WECHAT seen at t=1..4, then at t=10 (6 s gap): again. BILL at t=5,6 then t=11 (5 s gap).
    assert events.payloads == [WECHAT, BILL, WECHAT, BILL]


def test_deduplicator_forgets_old_keys() -> None:
    dedup = Deduplicator(3.0)
    assert dedup.is_new("a", 0.0)
    assert not dedup.is_new("a", 2.0)
    assert not dedup.is_new("a", 4.9)  # sliding: last seen at 2.0
    assert dedup.is_new("a", 8.0)
    assert dedup.is_new("b", 8.0)


def test_too_long_payload_dropped() -> None:
    long_text = "X" * 600
    big = qr_image(long_text, module_px=4)
    frame = np.full((max(480, big.shape[0] + 20), max(640, big.shape[1] + 20)), 255, np.uint8)
    frame[10 : 10 + big.shape[0], 10 : 10 + big.shape[1]] = big
    assert ZxingDecoder().decode(frame) == [long_text]  # the decoder reads it...
    scanner = QrScanner(FrameListSource([frame, code_frame(WECHAT)]), clock=ManualClock())
    events = run_to_end(scanner)
    assert events.payloads == [WECHAT]  # ...the scanner drops it
    assert scanner.status()["too_long"] == 1


def test_raw_payload_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    frames = [code_frame(WECHAT), code_frame(BILL), code_frame("<script>secret</script>")]
    events = run_to_end(QrScanner(FrameListSource(frames), clock=ManualClock()))
    assert len(events.payloads) == 3
    assert WECHAT not in caplog.text
    assert "secret" not in caplog.text
    assert "13************0000" in caplog.text  # masked classification instead
    assert "scan.unrecognised" in caplog.text


def test_fps_and_counters_follow_clock() -> None:
    clock = ManualClock()
    source = ClockedSource([blank_frame()] * 20, clock, 0.05)
    scanner = QrScanner(source, clock=clock)
    run_to_end(scanner)
    status = scanner.status()
    assert status["fps"] == 20.0
    assert status["frames"] == 20
    assert status["decoded"] == 0
    assert status["decoder"] == "zxing-cpp"


def test_failed_frames_saved_rate_limited(tmp_path: Path) -> None:
    clock = ManualClock()
    saver = FailedFrameSaver(tmp_path / "failed", clock, min_interval_s=5.0, max_files=3)
    frames = [blank_frame()] * 30 + [code_frame(WECHAT)] * 10  # 1 s per frame
    scanner = QrScanner(ClockedSource(frames, clock, 1.0), clock=clock, failed_frames=saver)
    run_to_end(scanner)
    saved = sorted((tmp_path / "failed").iterdir())
    assert saver.saved == 6  # t=1, 6, 11, 16, 21, 26
    assert len(saved) == 3  # capped: oldest removed
    assert scanner.status()["failed_frames_saved"] == 6
    image = cv2.imread(str(saved[0]))
    assert image is not None
    assert image.shape == (480, 640, 3)


def test_listener_errors_do_not_stop_scanning() -> None:
    seen: list[str] = []

    def flaky(event: object) -> None:
        seen.append(str(getattr(event, "payload", "")))
        raise RuntimeError("listener bug")

    scanner = QrScanner(
        FrameListSource([code_frame(WECHAT), code_frame(BILL)]), clock=ManualClock()
    )
    scanner.set_listener(flaky)
    scanner.open()
    assert scanner.wait_stopped(WAIT)
    assert seen == [WECHAT, BILL]
    assert scanner.status()["state"] == "ended"


class ExplodingDecoder:
    name = "exploding"

    def __init__(self) -> None:
        self.calls = 0

    def decode(self, gray: Frame) -> list[str]:
        self.calls += 1
        if self.calls == 1:
            raise ValueError("bad frame")
        return ZxingDecoder().decode(gray)


def test_decoder_error_on_one_frame_is_counted() -> None:
    scanner = QrScanner(
        FrameListSource([code_frame(WECHAT), code_frame(BILL)]),
        ExplodingDecoder(),
        clock=ManualClock(),
    )
    events = run_to_end(scanner)
    assert events.payloads == [BILL]
    assert scanner.status()["decode_errors"] == 1


def test_open_failure_raises_and_reports(tmp_path: Path) -> None:
    scanner = QrScanner(ImageFolderSource(tmp_path / "missing"), clock=ManualClock())
    with pytest.raises(DeviceNotConnected):
        scanner.open()
    assert scanner.status()["state"] == "error"
    assert scanner.status()["error"] == "DEVICE_NOT_CONNECTED"


class LiveSource:
    """A live source (not finite): frames until told to go dark."""

    finite = False

    def __init__(self, frame: Frame | None) -> None:
        self.frame = frame
        self.reads = threading.Semaphore(0)
        self.closed = threading.Event()

    def open(self) -> None:
        self.closed.clear()

    def read(self) -> Frame | None:
        self.reads.release()
        return self.frame

    def close(self) -> None:
        self.closed.set()


def test_close_stops_a_live_source() -> None:
    source = LiveSource(code_frame(WECHAT))
    scanner = QrScanner(source, clock=ManualClock())
    events = Collector()
    scanner.set_listener(events)
    scanner.open()
    assert events.wait_for(1)
    for _ in range(5):
        assert source.reads.acquire(timeout=WAIT)
    scanner.close()
    assert source.closed.is_set()
    assert scanner.wait_stopped(WAIT)
    status = scanner.status()
    assert status["state"] == "closed"
    assert events.payloads == [WECHAT]  # held in front of the camera: one event
    assert isinstance(status["duplicates"], int)
    assert status["duplicates"] >= 4


def test_live_source_that_goes_dark_is_an_error() -> None:
    source = LiveSource(None)
    scanner = QrScanner(source, clock=ManualClock(), max_misses=5, miss_wait_s=0.0)
    scanner.open()
    assert scanner.wait_stopped(WAIT)
    assert scanner.status()["state"] == "error"
    assert scanner.status()["error"] == "DEVICE_NOT_CONNECTED"
    assert source.closed.is_set()
    scanner.close()


def test_reopen_resets_counters() -> None:
    scanner = QrScanner(FrameListSource([code_frame(WECHAT)]), clock=ManualClock())
    run_to_end(scanner)
    assert scanner.status()["frames"] == 1
    events = run_to_end(scanner)
    assert scanner.status()["frames"] == 1
    assert events.payloads == [WECHAT]
