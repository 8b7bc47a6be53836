"""The session's worker: one thread that runs waits (HTTP, journal, device I/O) in order."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class SerialWorker:
    """Runs submitted work one item at a time on its own thread, so the GUI thread never waits."""

    def __init__(self, name: str = "session-worker") -> None:
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[], None]) -> None:
        with self._idle:
            self._pending += 1
        self._queue.put(work)

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is None:
                return
            try:
                work()
            except Exception:
                log.exception("session work failed")
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
