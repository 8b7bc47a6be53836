"""FakeScanner: a Scanner for the demo and unit tests, fed by `show(payload)`.

Events arrive on the fake's own worker thread, like the real scanner's, so listeners meet the
same threading. It can be unplugged on demand to exercise fault screens.
"""

from __future__ import annotations

import logging
import queue
import threading

from drivers.errors import DeviceNotConnected
from drivers.scanner.base import ScanEvent, ScanListener
from kiosk.payload import MAX_PAYLOAD_CHARS

log = logging.getLogger(__name__)

_STOP = object()


class FakeScanner:
    def __init__(self, *, max_payload_chars: int = MAX_PAYLOAD_CHARS) -> None:
        self._max_chars = max_payload_chars
        self._queue: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._listener: ScanListener | None = None
        self._thread: threading.Thread | None = None
        self._unplugged = False
        self._shown = 0
        self._events = 0
        self._too_long = 0

    def open(self) -> None:
        if self._unplugged:
            raise DeviceNotConnected("fake scanner unplugged")
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="fake-scanner", daemon=True)
        self._thread.start()

    def close(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout=5.0)

    def set_listener(self, listener: ScanListener) -> None:
        with self._lock:
            self._listener = listener

    def status(self) -> dict[str, object]:
        with self._lock:
            if self._unplugged:
                state = "error"
            else:
                state = "running" if self._thread is not None else "closed"
            return {
                "state": state,
                "error": DeviceNotConnected.code if self._unplugged else None,
                "decoder": "fake",
                "shown": self._shown,
                "events": self._events,
                "too_long": self._too_long,
            }

    def show(self, payload: str) -> None:
        """Hold a code in front of the (fake) camera: one ScanEvent on the worker thread."""
        if self._thread is None or self._unplugged:
            raise DeviceNotConnected("fake scanner is not open")
        with self._lock:
            self._shown += 1
            self._pending += 1
        self._queue.put(payload)

    def unplug(self) -> None:
        """Simulate a camera that vanished: status reports the error, show() raises."""
        with self._lock:
            self._unplugged = True

    def replug(self) -> None:
        with self._lock:
            self._unplugged = False

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every shown payload has been delivered (or dropped)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP or not isinstance(item, str):
                return
            try:
                self._deliver(item)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _deliver(self, payload: str) -> None:
        with self._lock:
            if len(payload) > self._max_chars:
                self._too_long += 1
                return
            self._events += 1
            listener = self._listener
        if listener is not None:
            try:
                listener(ScanEvent(payload=payload))
            except Exception:
                log.exception("scan listener failed")
