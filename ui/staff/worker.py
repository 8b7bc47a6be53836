"""Run device I/O and HTTP off the GUI thread and hand the result back through a Qt signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """`run(job, done)`: `job()` on a daemon thread; `done(result, error)` on the GUI thread."""

    finished = Signal(object, object, object)  # done callback, result, exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.finished.connect(self._deliver)
        self._threads: list[threading.Thread] = []

    def run(self, job: Callable[[], Any], done: Callable[[Any, Exception | None], None]) -> None:
        def body() -> None:
            try:
                result = job()
            except Exception as exc:  # shown to the operator, never swallowed silently
                self.finished.emit(done, None, exc)
            else:
                self.finished.emit(done, result, None)

        thread = threading.Thread(target=body, name="staff-io", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _deliver(
        self, done: Callable[[Any, Exception | None], None], result: Any, error: Any
    ) -> None:
        done(result, error)
