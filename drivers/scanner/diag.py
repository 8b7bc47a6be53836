"""`kiosk diag scan`: run the real scanner on a camera, an image or a video and print JSON lines.

One line per decoded code (its classification, payment codes masked, and the frame rate so far),
then a summary line. For a technician at the kiosk: is the camera focused, lit, fast enough?
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import TextIO

from drivers.errors import DeviceError
from drivers.scanner.base import ScanEvent
from drivers.scanner.decoders import DEFAULT_DECODER, make_decoder
from drivers.scanner.qr import QrScanner
from drivers.scanner.sources import CameraSource, FrameSource, ImageFolderSource, VideoFileSource
from kiosk.clock import SystemClock
from kiosk.payload import classify, public_fields

EXIT_OK = 0
EXIT_NO_SOURCE = 1
EXIT_USAGE = 2


def _source(camera: int | None, image: str | None, video: str | None) -> FrameSource | None:
    chosen = [x for x in (camera, image, video) if x is not None]
    if len(chosen) != 1:
        return None
    if camera is not None:
        return CameraSource(camera)
    if image is not None:
        return ImageFolderSource(image)
    assert video is not None
    return VideoFileSource(video)


def run_diag(
    camera: int | None,
    image: str | None,
    video: str | None,
    out: TextIO,
    duration_s: float,
    *,
    decoder: str = DEFAULT_DECODER,
) -> int:
    """Scan for up to `duration_s` (files end sooner); the exit code for the command line."""
    write_lock = threading.Lock()

    def emit(record: dict[str, object]) -> None:
        with write_lock:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            out.flush()

    source = _source(camera, image, video)
    if source is None:
        emit({"type": "error", "error": "USAGE", "message": "give one of camera, image, video"})
        return EXIT_USAGE
    try:
        scanner = QrScanner(source, make_decoder(decoder), clock=SystemClock())
    except DeviceError as exc:
        emit({"type": "error", "error": exc.code, "message": str(exc)})
        return EXIT_NO_SOURCE

    def on_scan(event: ScanEvent) -> None:
        record: dict[str, object] = {"type": "code"}
        record.update(public_fields(classify(event.payload)))
        record["fps"] = scanner.status()["fps"]
        emit(record)

    scanner.set_listener(on_scan)
    try:
        scanner.open()
    except DeviceError as exc:
        emit({"type": "error", "error": exc.code, "message": str(exc)})
        return EXIT_NO_SOURCE
    try:
        scanner.wait_stopped(max(0.0, duration_s))
    finally:
        scanner.close()
    status = scanner.status()
    summary: dict[str, object] = {"type": "summary"}
    summary.update(status)
    emit(summary)
    return EXIT_OK if status["error"] is None else EXIT_NO_SOURCE


def main(argv: list[str] | None = None) -> int:
    """`python -m drivers.scanner.diag --image bill.png`; kiosk/cli.py wires the same options."""
    parser = argparse.ArgumentParser(prog="kiosk diag scan", description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--camera", type=int, metavar="N", help="camera device index")
    group.add_argument("--image", metavar="PATH", help="an image file or a folder of images")
    group.add_argument("--video", metavar="PATH", help="a video file")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--decoder", default=DEFAULT_DECODER, choices=["zxing", "pyzbar"])
    args = parser.parse_args(argv)
    return run_diag(
        args.camera, args.image, args.video, sys.stdout, args.duration, decoder=args.decoder
    )


if __name__ == "__main__":
    raise SystemExit(main())
