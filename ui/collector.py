"""Python's cycle collector, run on the GUI thread only.

CPython collects reference cycles on whichever thread happens to allocate when a generation's
count passes its threshold. With Qt that is a hazard: a cycle holding Qt objects (a dropped
window, its voice, their connections) collected on a worker thread deletes them away from the GUI
thread, while the GUI thread may be delivering a signal to one of them. Seen here: a segfault in
PySide's slot dispatch (a dropped window's speech host, `QProcess.readyReadStandardOutput`) while
the core's start-up thread was collecting, in about 1 of 8 runs of tests/ui/test_app.py.

So automatic collection is off, and a timer on the GUI thread applies the collector's own
thresholds (the oldest generation over its threshold is collected, as CPython would). Young
generations take well under a millisecond; after start-up the heap is frozen (`ui.app.settle`),
so an old-generation pass only walks what was made since.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250


class GuiCollector(QObject):
    """Turns automatic collection off (for good: the process ends with the application) and
    collects what is due every `interval_ms` on the thread it lives on, the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)
        gc.disable()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose count is over its threshold; which one, or None."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return generation
        return None


def collect_on_gui_thread(app: QCoreApplication) -> GuiCollector:
    """The application's collector (made once, owned by `app`). Kept as an attribute: Qt's
    `findChild` would first make a dozen PySide enums (~10 ms of start-up)."""
    found = getattr(app, "gui_collector", None)
    if isinstance(found, GuiCollector):
        return found
    collector = GuiCollector(app)
    app.gui_collector = collector  # type: ignore[attr-defined]
    return collector
