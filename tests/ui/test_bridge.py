"""The bridge: a touch's change is drawn at once; a worker's burst of changes is drawn once, in
its newest state."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.clock import ManualClock
from kiosk.session.machine import Session
from kiosk.session.state import Screen
from kiosk.workers import SerialWorker
from ui.bridge import SessionBridge


@pytest.fixture
def session() -> Iterator[Session]:
    worker = SerialWorker("test-bridge")
    made = Session.unbound(clock=ManualClock(), executor=worker)
    yield made
    made.bind_failed("test over")
    worker.stop()


def test_changes_made_on_the_gui_thread_are_delivered_at_once_each(qtbot, session):
    bridge = SessionBridge(session)
    seen: list[object] = []
    bridge.session_did_change.connect(lambda state: seen.append(state.screen))
    session.begin()
    session.type_digit("3")
    assert seen == [Screen.IDENTIFY, Screen.IDENTIFY]  # synchronous, no event loop needed
    assert len(seen) == 2


def test_a_burst_from_a_worker_is_delivered_once_with_the_newest_state(qtbot, session):
    bridge = SessionBridge(session)
    seen: list[str] = []
    bridge.session_did_change.connect(lambda state: seen.append(state.language))
    session.begin()
    seen.clear()

    def burst() -> None:  # on another thread, while the GUI thread does not run its loop
        for language in ("en", "zh", "en"):
            session.set_language(language)

    thread = threading.Thread(target=burst)
    thread.start()
    thread.join()
    assert seen == []  # nothing drawn from the worker's thread
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(50)  # nothing else is queued behind it
    assert seen == ["en"]
    assert len(seen) == 1  # one delivery for the burst of three
    thread = threading.Thread(target=lambda: session.set_language("zh"))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: seen == ["en", "zh"], timeout=5000)  # the next burst queues again
