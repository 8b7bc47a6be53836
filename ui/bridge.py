"""Brings the session's state changes, made on any thread, onto the GUI thread as a Qt signal.

A change made on the GUI thread (a touch) is delivered at once, so the touch's screen is drawn
before the call returns. Changes made on worker threads are coalesced: one delivery is queued at a
time, and it carries the session's newest state. A worker often makes two or three changes in a
row (the account, then its history "loading"); drawing each would repeat the same screen's
layout and paint in one event-loop turn, a stall the resident sees. The window always draws the
newest state anyway, so nothing is lost by skipping the ones in between.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window shell is built before the core is imported
    from kiosk.session.machine import Session
    from kiosk.session.state import SessionState


class SessionBridge(QObject):
    session_did_change = Signal(object)
    _queued = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._gui_thread = threading.get_ident()  # made on the GUI thread
        self._lock = threading.Lock()
        self._pending = False
        # Emitted only on worker threads, so Qt queues each emit onto this object's (the GUI)
        # thread. Not `Qt.ConnectionType.QueuedConnection`: the start screen's session is
        # bridged before the `Qt` namespace is built (ui.widgets.set_enum_property).
        self._queued.connect(self._deliver)
        session.add_listener(self._changed)

    @property
    def state(self) -> SessionState:
        return self.session.state

    def _changed(self, state: SessionState) -> None:
        if threading.get_ident() == self._gui_thread:
            self.session_did_change.emit(state)
            return
        with self._lock:
            if self._pending:
                return  # the delivery already queued will carry this state or a newer one
            self._pending = True
        self._queued.emit()

    def _deliver(self) -> None:
        with self._lock:
            self._pending = False  # before reading: a change made from here on queues again
        self.session_did_change.emit(self.session.state)
