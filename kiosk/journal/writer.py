"""The journal's single writer thread: all writes run here, one durable commit per batch.

Other threads submit callables and wait on the returned future; the future completes only
after COMMIT returned (WAL + synchronous=FULL: the data is on disk). Jobs queued together are
committed together (group commit), each inside its own SAVEPOINT so that one failing job does
not undo the others. A job submitted with core=True promises to run only Core/raw SQL on
session.connection() (no ORM unit of work); its SAVEPOINT is then plain SQL on the driver
connection, which costs a fraction of SQLAlchemy's nested transaction (the forwarder's hot path).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kiosk.journal.errors import JournalError

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_BATCH = 64


SAVEPOINT = "SAVEPOINT core_job"
RELEASE = "RELEASE core_job"
ROLLBACK_TO = "ROLLBACK TO core_job"


@dataclass
class _Job:
    fn: Callable[[Session], Any]
    future: Future[Any]
    core: bool = False


class _BatchBroken(Exception):
    """Undoing one job failed: nothing of the batch may be committed."""


class WriterClosed(JournalError):
    """The writer thread was stopped; nothing more can be written."""


class WriterThread:
    def __init__(self, engine: Engine, name: str = "journal-writer") -> None:
        self._engine = engine
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._closed = False
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread.start()

    def submit(self, fn: Callable[[Session], T], *, core: bool = False) -> Future[T]:
        """Queue fn(session) for the writer; the future resolves after its commit.

        core=True: fn uses only Core/raw SQL on session.connection(), never ORM objects."""
        if threading.current_thread() is self._thread:
            raise JournalError("the writer thread may not submit to itself")
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise WriterClosed("journal is closed")
            self._queue.put(_Job(fn, future, core))
        return future

    def stop(self, timeout_s: float = 10.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        # One connection held for the writer's life: no pool checkout and reset per batch.
        with (
            self._engine.connect() as connection,
            Session(connection, expire_on_commit=False, autoflush=True) as session,
        ):
            running = True
            while running:
                first = self._queue.get()
                if first is None:
                    break
                batch = [first]
                while len(batch) < MAX_BATCH:
                    try:
                        job = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        running = False
                        break
                    batch.append(job)
                self._run_batch(session, batch)

    def _run_batch(self, session: Session, batch: list[_Job]) -> None:
        outcomes: list[tuple[_Job, Any, BaseException | None]] = []
        try:
            session.begin()
            alone = len(batch) == 1  # no neighbours to protect: skip the SAVEPOINT
            for job in batch:
                if not job.future.set_running_or_notify_cancel():
                    continue
                try:
                    if alone:
                        result = job.fn(session)
                        session.flush()
                    elif job.core:
                        result = _run_core(session, job)
                    else:
                        with session.begin_nested():
                            result = job.fn(session)
                    outcomes.append((job, result, None))
                except _BatchBroken:
                    raise
                except Exception as exc:  # the job's own error goes back to its caller
                    if alone:
                        session.rollback()
                        job.future.set_exception(exc)
                        return
                    outcomes.append((job, None, exc))
            session.commit()
        except Exception as exc:
            log.exception("journal commit failed")
            session.rollback()
            for job in batch:
                if not job.future.done():
                    job.future.set_exception(exc)
            return
        finally:
            session.expunge_all()
        for job, result, error in outcomes:
            if error is None:
                job.future.set_result(result)
            else:
                job.future.set_exception(error)


def _run_core(session: Session, job: _Job) -> Any:
    """Run a core job inside a plain SQL savepoint on the writer's driver connection."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    raw.execute(SAVEPOINT)
    try:
        result = job.fn(session)
    except BaseException:
        try:
            raw.execute(ROLLBACK_TO)
            raw.execute(RELEASE)
        except Exception as undo:
            raise _BatchBroken("could not undo a failed journal job") from undo
        raise
    raw.execute(RELEASE)
    return result
