"""What `kiosk run` makes before the core: the resident's session and its worker.

Importing the core (SQLAlchemy, pydantic, httpx) and starting it (journal, recovery, devices, the
back end) takes a second or more. The session itself needs none of that to show the start screen
and take a typed account number, so it is made first, unbound (`Session.unbound`), and the window
works while the core starts; `Kiosk.build(..., session=, worker=)` binds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.clock import Clock, SystemClock
from kiosk.session.machine import Session
from kiosk.workers import SerialWorker


@dataclass(frozen=True)
class EarlySession:
    """The session, its worker and clock made before the core; the core binds to them."""

    session: Session
    worker: SerialWorker
    clock: Clock

    @classmethod
    def make(cls, language: str = "zh") -> EarlySession:
        clock = SystemClock()
        worker = SerialWorker()
        return cls(Session.unbound(clock=clock, executor=worker, language=language), worker, clock)

    def abandon(self, reason: str) -> None:
        """The core could not be built: free anything waiting for it, stop the worker."""
        self.session.bind_failed(reason)
        self.worker.stop(timeout=1.0)
