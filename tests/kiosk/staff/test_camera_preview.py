"""The technician's camera preview on the real QR scanner thread fed by a fake camera (frames in
memory): each code outlined and labelled, payment codes masked and painted over."""

from __future__ import annotations

import threading

import cv2
import numpy as np

from drivers.scanner.decoders import ZxingDecoder
from drivers.scanner.fake import FakeScanner
from drivers.scanner.qr import QrScanner
from drivers.scanner.sources import FrameListSource
from drivers.scanner.synth import Frame, as_u8, qr_image
from kiosk.staff.camera_preview import CameraPreview, annotate, code_label

WECHAT = "134567890123450000"
BILL = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"
WAIT = 20.0


def two_codes() -> Frame:
    """A BGR camera frame with a wallet payment code on the left and a bill QR on the right."""
    canvas = np.full((520, 1000), 110, dtype=np.uint8)
    for payload, x in ((WECHAT, 60), (BILL, 520)):
        code = qr_image(payload, module_px=6)
        h, w = code.shape
        y = (520 - h) // 2
        canvas[y : y + h, x : x + w] = code
    return as_u8(cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))


def test_labels_are_masked_classifications() -> None:
    assert code_label(WECHAT) == "payment wechat 13************0000"
    assert code_label(BILL) == "bill account 3300000001 B-3300000001-2026-10"
    assert code_label("hello") == "unknown code (scan.unrecognised)"


def test_payment_codes_are_painted_over_and_bills_outlined() -> None:
    frame = two_codes()
    assert sorted(ZxingDecoder().decode(frame)) == sorted([WECHAT, BILL])
    image, labels = annotate(frame)
    assert sorted(labels) == sorted([code_label(WECHAT), code_label(BILL)])
    assert image.shape == frame.shape and not np.array_equal(image, frame)
    assert ZxingDecoder().decode(image) == [BILL]  # the payment code is unreadable on screen
    assert np.array_equal(two_codes(), frame)  # drawn on a copy


def test_preview_follows_the_scanner_thread() -> None:
    frame = two_codes()
    scanner = QrScanner(FrameListSource([frame], repeat=3), ZxingDecoder())
    preview = CameraPreview(scanner)
    assert preview.available and preview.snapshot() is None
    threads: set[str] = set()
    seen = threading.Event()
    original = preview._on_frame

    def spy(f: Frame, texts: list[str]) -> None:
        threads.add(threading.current_thread().name)
        original(f, texts)
        seen.set()

    scanner.set_frame_listener(spy)
    scanner.open()
    assert scanner.wait_stopped(WAIT) and seen.is_set()
    scanner.close()
    assert threads == {"qr-scanner"} and preview.frames_seen == 3
    shot = preview.snapshot()
    assert shot is not None and shot.frame_no == 3
    assert sorted(shot.labels) == sorted([code_label(WECHAT), code_label(BILL)])
    assert preview.snapshot() is None  # nothing new since
    preview.stop()


def test_preview_started_and_stopped_attaches_and_detaches() -> None:
    scanner = QrScanner(FrameListSource([two_codes()], repeat=2), ZxingDecoder())
    preview = CameraPreview(scanner)
    preview.start()
    preview.stop()  # detached again: frames no longer reach it
    scanner.open()
    assert scanner.wait_stopped(WAIT)
    scanner.close()
    assert preview.frames_seen == 0
    scanner = QrScanner(FrameListSource([two_codes()], repeat=2), ZxingDecoder())
    preview = CameraPreview(scanner)
    preview.start()
    scanner.open()
    assert scanner.wait_stopped(WAIT)
    scanner.close()
    assert preview.frames_seen == 2


def test_a_simulated_scanner_has_no_preview() -> None:
    preview = CameraPreview(FakeScanner())
    assert not preview.available
    preview.start()
    assert preview.snapshot() is None
