"""The hidden way into the staff console: hold the top-left corner of the header for 3 s.

Residents never see a button; a press elsewhere, or a release before the time, does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

HOLD_MS = 3000
CORNER_PX = 160  # the square in the header's top-left corner that listens


class StaffEntry(QObject):
    """`timer` is the hold timer (tests shorten its interval)."""

    def __init__(
        self, header: QWidget, open_console: Callable[[], None], hold_ms: int = HOLD_MS
    ) -> None:
        super().__init__(header)
        self.header = header
        self.open_console = open_console
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self._fire)
        for widget in (header, *header.findChildren(QWidget)):
            widget.installEventFilter(self)

    def _in_corner(self, watched: QWidget, event: QMouseEvent) -> bool:
        at = (
            watched.mapTo(self.header, event.position().toPoint())
            if watched is not self.header
            else event.position().toPoint()
        )
        return 0 <= at.x() < CORNER_PX and 0 <= at.y() < max(CORNER_PX, self.header.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            assert isinstance(event, QMouseEvent)
            if self._in_corner(watched, event):
                if not self.timer.isActive():
                    self.timer.start()
            else:
                self.timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self.timer.stop()
        elif kind == QEvent.Type.MouseMove and isinstance(watched, QWidget):
            assert isinstance(event, QMouseEvent)
            if not self._in_corner(watched, event):
                self.timer.stop()
        return False

    def _fire(self) -> None:
        self.open_console()


def header_of(window: QMainWindow) -> QWidget:
    """The header frame (the one with role "header") of the resident window."""
    for frame in window.findChildren(QWidget):
        if frame.property("role") == "header" and frame.metaObject().className() == "QFrame":
            return frame
    raise LookupError("the window has no header")


def install_staff_entry(
    window: QMainWindow, open_console: Callable[[], None], *, hold_ms: int = HOLD_MS
) -> StaffEntry:
    entry = StaffEntry(header_of(window), open_console, hold_ms)
    window.staff_entry = entry  # type: ignore[attr-defined]
    return entry


__all__ = ["HOLD_MS", "StaffEntry", "install_staff_entry"]
