"""Run device I/O and HTTP off the GUI thread and hand the result back through a Qt signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.journal import Journal
from kiosk.journal.journal import WRITE_TIMEOUT_S
from kiosk.staff import audit
from kiosk.staff.access import Actor


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


def when_written(
    worker: Background,
    queued: Future[Any],
    done: Callable[[Any], None] | None = None,
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Wait for a job queued on the journal's writer on a worker thread, then call `done` (or
    `failed`) on the GUI thread: the GUI thread never waits for the disk."""

    def delivered(result: Any, error: Exception | None) -> None:
        if error is not None:
            if failed is not None:
                failed(error)
        elif done is not None:
            done(result)

    worker.run(lambda: queued.result(WRITE_TIMEOUT_S), delivered)


def audit_later(
    worker: Background,
    journal: Journal,
    actor: Actor,
    action: str,
    target: str,
    after: Any = None,
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """An audit row queued on the journal's writer now (so rows keep the order of the actions)
    and committed there, without the GUI thread waiting for it."""
    now = journal.now()
    queued = journal.submit(lambda s: audit.append(s, now, actor, action, target, None, after))
    when_written(worker, queued, failed=failed)
