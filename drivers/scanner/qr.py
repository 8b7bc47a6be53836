"""QrScanner: the Scanner that reads a FrameSource and decodes QR codes on its own thread.

The thread owns the source (opens, reads, closes it) and calls the listener; nothing here blocks
the caller except open(), which waits a bounded time for the source to open. A code held in front
of the camera is decoded many times a second; reads of the same payload less than `dedup_window_s`
apart (a sliding window: the code must be gone that long before it counts again) are one event.
Raw payloads are never logged: logs carry a keyed hash and the masked classification.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable

from drivers.errors import DeviceError, DeviceNotConnected, DeviceTimeout
from drivers.scanner.base import ScanEvent, ScanListener
from drivers.scanner.decoders import Decoder, ZxingDecoder, to_gray
from drivers.scanner.failed_frames import FailedFrameSaver
from drivers.scanner.sources import FrameSource
from drivers.scanner.synth import Frame
from kiosk.clock import Clock, SystemClock
from kiosk.payload import MAX_PAYLOAD_CHARS, classify, public_fields

log = logging.getLogger(__name__)

_FPS_WINDOW = 30
# Sees every frame and the texts decoded from it, on the scanner's thread (the technician's
# camera preview); it must return fast and must not keep or log the texts.
FrameListener = Callable[[Frame, list[str]], None]


class Deduplicator:
    """Remembers keyed hashes (never payloads) of recent reads for a sliding window."""

    def __init__(self, window_s: float) -> None:
        self._window_s = window_s
        self._last_seen: dict[str, float] = {}

    def is_new(self, key: str, now: float) -> bool:
        stale = [k for k, t in self._last_seen.items() if now - t >= self._window_s]
        for k in stale:
            del self._last_seen[k]
        new = key not in self._last_seen
        self._last_seen[key] = now
        return new


class QrScanner:
    def __init__(
        self,
        source: FrameSource,
        decoder: Decoder | None = None,
        *,
        clock: Clock | None = None,
        dedup_window_s: float = 3.0,
        max_payload_chars: int = MAX_PAYLOAD_CHARS,
        failed_frames: FailedFrameSaver | None = None,
        max_misses: int = 100,
        miss_wait_s: float = 0.02,
        open_timeout_s: float = 10.0,
    ) -> None:
        self._source = source
        self._decoder = decoder or ZxingDecoder()
        self._clock = clock or SystemClock()
        self._dedup_window_s = dedup_window_s
        self._dedup = Deduplicator(dedup_window_s)
        self._open_error: str | None = None
        self._max_chars = max_payload_chars
        self._failed = failed_frames
        self._max_misses = max_misses
        self._miss_wait_s = miss_wait_s
        self._open_timeout_s = open_timeout_s
        self._salt = os.urandom(16)
        self._lock = threading.Lock()
        self._listener: ScanListener | None = None
        self._frame_listener: FrameListener | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._opened = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        self._reset_counters()

    def _reset_counters(self) -> None:
        self._state = "closed"
        self._error: str | None = None
        self._frames = 0
        self._decoded = 0
        self._events = 0
        self._duplicates = 0
        self._too_long = 0
        self._decode_errors = 0
        self._frame_times: deque[float] = deque(maxlen=_FPS_WINDOW)
        self._open_error = None
        self._dedup = Deduplicator(self._dedup_window_s)

    # --- Scanner interface ----------------------------------------------------------------------

    def open(self) -> None:
        """Start the thread; wait (bounded) until the source is open. Raises DeviceError."""
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            self._reset_counters()
            self._state = "opening"
        self._stop.clear()
        self._opened.clear()
        self._stopped.clear()
        self._thread = threading.Thread(target=self._run, name="qr-scanner", daemon=True)
        self._thread.start()
        if not self._opened.wait(self._open_timeout_s):
            self._stop.set()
            raise DeviceTimeout("frame source did not open in time")
        with self._lock:
            error = self._open_error
        if error is not None:
            raise DeviceNotConnected(f"QR scanner could not open its source: {error}")

    def close(self) -> None:
        """Stop the thread and wait for it (bounded); the thread closes the source."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
            if thread.is_alive():
                log.warning("QR scanner thread did not stop within 5 s")
        self._thread = None

    def set_listener(self, listener: ScanListener) -> None:
        with self._lock:
            self._listener = listener

    def set_frame_listener(self, listener: FrameListener | None) -> None:
        with self._lock:
            self._frame_listener = listener

    def status(self) -> dict[str, object]:
        with self._lock:
            times = list(self._frame_times)
            span = times[-1] - times[0] if len(times) > 1 else 0.0
            return {
                "state": self._state,
                "error": self._error,
                "decoder": self._decoder.name,
                "frames": self._frames,
                "decoded": self._decoded,
                "events": self._events,
                "duplicates": self._duplicates,
                "too_long": self._too_long,
                "decode_errors": self._decode_errors,
                "failed_frames_saved": self._failed.saved if self._failed else 0,
                "fps": round((len(times) - 1) / span, 1) if span > 0 else 0.0,
            }

    # --- extras ---------------------------------------------------------------------------------

    def wait_stopped(self, timeout: float) -> bool:
        """Wait until the thread has ended (finite source exhausted, error, or close())."""
        return self._stopped.wait(timeout)

    # --- the thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._source.open()
        except DeviceError as exc:
            self._set_state("error", exc.code)
            with self._lock:
                self._open_error = exc.code
            self._opened.set()
            self._stopped.set()
            return
        self._set_state("running")
        self._opened.set()
        try:
            self._loop()
        except Exception:
            log.exception("QR scanner thread failed")
            self._set_state("error", "SCANNER_FAILED")
        finally:
            self._source.close()
            with self._lock:
                if self._state == "running":
                    self._state = "closed"
            self._stopped.set()

    def _loop(self) -> None:
        misses = 0
        while not self._stop.is_set():
            frame = self._source.read()
            if frame is None:
                if self._source.finite:
                    self._set_state("ended")
                    return
                misses += 1
                if misses >= self._max_misses:
                    self._set_state("error", DeviceNotConnected.code)
                    return
                self._stop.wait(self._miss_wait_s)
                continue
            misses = 0
            self._process(frame)

    def _set_state(self, state: str, error: str | None = None) -> None:
        with self._lock:
            self._state = state
            self._error = error
        if error is not None:
            log.warning("QR scanner %s: %s", state, error)

    def _process(self, frame: Frame) -> None:
        try:
            texts = self._decoder.decode(to_gray(frame))
        except Exception as exc:  # a decoder must not end scanning over one odd frame
            log.warning("QR decoder raised %s on a frame", type(exc).__name__)
            with self._lock:
                self._decode_errors += 1
            texts = []
        now = self._clock.monotonic()
        with self._lock:
            self._frames += 1
            self._frame_times.append(now)
            if texts:
                self._decoded += 1
            watcher = self._frame_listener
        if watcher is not None:
            try:
                watcher(frame, list(texts))
            except Exception:
                log.exception("frame listener failed")
        if not texts:
            if self._failed is not None:
                self._failed.offer(frame)
            return
        for text in texts:
            self._handle(text, now)

    def _handle(self, text: str, now: float) -> None:
        if len(text) > self._max_chars:
            with self._lock:
                self._too_long += 1
            log.info("QR payload of %d chars dropped (limit %d)", len(text), self._max_chars)
            return
        key = hashlib.blake2b(text.encode("utf-8", "replace"), key=self._salt, digest_size=8)
        tag = key.hexdigest()
        with self._lock:
            new = self._dedup.is_new(tag, now)
            if not new:
                self._duplicates += 1
                return
            self._events += 1
            listener = self._listener
        log.info("QR scan %s: %s", tag, public_fields(classify(text)))
        if listener is None:
            return
        try:
            listener(ScanEvent(payload=text))
        except Exception:
            log.exception("scan listener failed")
