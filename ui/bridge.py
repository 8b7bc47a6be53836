"""Brings the session's state changes, made on any thread, onto the GUI thread as a Qt signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window shell is built before the core is imported
    from kiosk.session.machine import Session
    from kiosk.session.state import SessionState


class SessionBridge(QObject):
    session_did_change = Signal(object)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        # Emitting from a worker thread queues delivery to this object's (the GUI) thread.
        session.add_listener(self.session_did_change.emit)

    @property
    def state(self) -> SessionState:
        return self.session.state
