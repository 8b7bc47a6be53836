"""Cycles are collected on the GUI thread, never on a worker (ui.collector)."""

from __future__ import annotations

import gc
import threading

from ui.collector import GuiCollector, collect_on_gui_thread


class Cycle:
    """Garbage that only the cycle collector frees; notes the thread that freed it."""

    freed_on: list[int] = []  # noqa: RUF012  (shared on purpose: the finalizer reports here)

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.get_ident())


def test_the_application_has_one_collector_and_automatic_collection_is_off(qapp):
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector
    assert isinstance(collector, GuiCollector)
    assert not gc.isenabled()


def test_a_cycle_dropped_on_a_worker_is_freed_on_the_gui_thread(qapp, qtbot):
    collect_on_gui_thread(qapp)
    Cycle.freed_on.clear()

    kept: list[list[object]] = []

    def worker() -> None:
        Cycle()  # garbage at once
        # Enough new containers, kept, that CPython would collect here, on this thread, if it
        # could; they also leave a collection due for the GUI thread's timer.
        kept.extend([] for _ in range(5 * gc.get_threshold()[0]))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert Cycle.freed_on == []  # the worker did not collect
    qtbot.waitUntil(lambda: Cycle.freed_on != [], timeout=5000)  # the GUI thread's timer did
    assert Cycle.freed_on == [threading.get_ident()]


def test_the_collector_picks_the_oldest_generation_due(qapp):
    collector = GuiCollector(None, interval_ms=60_000)
    try:
        gc.collect()
        assert collector.collect_due() is None  # nothing due just after a full collection
        collector.thresholds = (0, 0, 0)
        gc.collect(0)  # generation 1 now counts one young collection
        assert collector.collect_due() == 1
    finally:
        collector.timer.stop()
        collector.deleteLater()
