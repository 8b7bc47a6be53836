"""The voice made in its own process never stalls the GUI thread: a GUI-thread timer keeps firing
on time while a slow engine is built, while a hung speech-dispatcher (a real Unix socket that
never answers) is found out, and while a host that stops answering is killed and replaced."""

from __future__ import annotations

import itertools
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.session.state import Screen
from tests.ui.helpers import tap, wait_screen
from ui.app import attach_kiosk
from ui.main_window import MainWindow
from ui.speech import Speaker
from ui.translations import Translations

HOSTS = Path(__file__).with_name("speech_hosts.py")
ROOT = Path(__file__).resolve().parents[2]
LONGEST_GAP_S = 0.5  # the engine's build takes 2 s here: a GUI that waited would miss that


class Heartbeat:
    """A GUI-thread QTimer every 20 ms, noting when it fired."""

    def __init__(self) -> None:
        self.beats = [time.monotonic()]
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.beats.append(time.monotonic()))
        self.timer.start(20)

    def longest_gap(self) -> float:
        beats = [*self.beats, time.monotonic()]
        return max(b - a for a, b in itertools.pairwise(beats))


def slow_host(seconds: float, engine: str = "mock") -> list[str]:
    return [sys.executable, str(HOSTS), "slow", str(seconds), engine]


def test_the_gui_keeps_running_while_a_slow_engine_is_made(qtbot):
    heart = Heartbeat()
    made = time.monotonic()
    speaker = Speaker("mock", host=slow_host(2.0))
    assert time.monotonic() - made < 0.2  # the constructor only starts the process
    assert not speaker.ready and not speaker.say("too early", "en")
    with qtbot.waitSignal(speaker.available_changed, timeout=20000) as ready:
        pass
    assert ready.args == [True] and speaker.ready
    assert time.monotonic() - made >= 2.0  # it really was slow
    assert len(heart.beats) > 40  # ~100 expected in 2 s; a waiting GUI thread gives one
    assert heart.longest_gap() < LONGEST_GAP_S
    assert speaker.say("Now it speaks", "en")
    qtbot.waitUntil(lambda: speaker.state() == QTextToSpeech.State.Speaking, timeout=5000)
    assert speaker.last_text == "Now it speaks"
    speaker.close()


def test_the_read_aloud_button_waits_for_the_voice_and_touches_work_meanwhile(
    qtbot, kiosk, monkeypatch
):
    window = MainWindow(None, Translations(), language="en")
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    attach_kiosk(window, kiosk, simulation_panel=False, voice_later=True)
    monkeypatch.setattr(window, "_voice", lambda: Speaker("mock", host=slow_host(2.0)))
    heart = Heartbeat()
    called = time.monotonic()
    window.start_voice()
    assert time.monotonic() - called < 0.2
    slow = window.speaker
    assert slow is not None and slow.engine is not None and not window.speak_button.isEnabled()
    tap(qtbot, window, "start_type")  # a resident's touch while the voice is being made
    wait_screen(qtbot, window, Screen.IDENTIFY)
    assert not slow.ready
    qtbot.waitUntil(window.speak_button.isEnabled, timeout=20000)
    assert slow.ready and heart.longest_gap() < LONGEST_GAP_S
    tap(qtbot, window, "speak")
    assert window.screens[Screen.IDENTIFY].title.text() in slow.last_text
    slow.close()


@pytest.fixture
def fake_daemon(request: pytest.FixtureRequest, monkeypatch) -> Iterator[Path]:
    """A Unix socket where the host looks for speech-dispatcher. "hung": never answers anyone;
    "hangs_after_probe": answers the probe's first command, then never the engine."""
    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's speechd plugin is not installed")
    path = Path(f"/tmp/speechd-link-{os.getpid()}-{id(request)}.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(4)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        listener.settimeout(10)
        try:
            probe, _ = listener.accept()
            held.append(probe)
            probe.recv(256)
            probe.sendall(b"208 OK CLIENT NAME SET\r\n")
            engine, _ = listener.accept()  # the engine's connection: no answer, ever
            held.append(engine)
        except OSError:
            return
        stop.wait(60)

    thread = threading.Thread(target=serve, daemon=True)
    if request.param == "hangs_after_probe":
        thread.start()
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    yield path
    stop.set()
    if thread.is_alive():
        thread.join(15)
    for conn in held:
        conn.close()
    listener.close()
    path.unlink(missing_ok=True)


def pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("fake_daemon", ["hung"], indirect=True)
def test_a_hung_daemon_leaves_the_voice_off_and_nothing_frozen(qtbot, fake_daemon):
    heart = Heartbeat()
    speaker = Speaker("speechd", retry_s=600)
    became: list[bool] = []
    speaker.available_changed.connect(became.append)
    process = speaker.engine._process
    assert process is not None
    qtbot.waitUntil(lambda: speaker.engine._process is None, timeout=15000)  # the host gave up
    assert "does not answer" in speaker.engine.reason
    assert not speaker.ready and became == [] and not speaker.say("hello", "en")
    assert heart.longest_gap() < LONGEST_GAP_S
    speaker.close()


@pytest.mark.parametrize("fake_daemon", ["hangs_after_probe"], indirect=True)
def test_a_daemon_that_hangs_the_engine_gets_the_host_killed(qtbot, fake_daemon):
    heart = Heartbeat()
    speaker = Speaker("speechd", start_limit_s=3.0, retry_s=600)
    pid = speaker.engine._process.processId()
    qtbot.waitUntil(lambda: pid > 0 and speaker.engine._process is None, timeout=15000)
    assert "did not start in time" in speaker.engine.reason
    assert not speaker.ready and not speaker.say("hello", "en")
    qtbot.waitUntil(lambda: pid_gone(pid), timeout=5000)  # killed and reaped, not left stuck
    assert heart.longest_gap() < LONGEST_GAP_S
    speaker.close()


def test_a_host_that_stops_answering_is_replaced(qtbot):
    heart = Heartbeat()
    deaf = [sys.executable, str(HOSTS), "deaf", "mock"]
    speaker = Speaker("mock", host=deaf, command_limit_s=1.0, retry_s=0.5)
    became: list[bool] = []
    speaker.available_changed.connect(became.append)
    qtbot.waitUntil(lambda: became == [True], timeout=15000)
    first = speaker.engine._process.processId()
    assert speaker.say("Are you there?", "en")  # never answered
    qtbot.waitUntil(lambda: became[:2] == [True, False], timeout=5000)
    assert "did not answer a command in time" in speaker.engine.reason
    assert not speaker.say("hello", "en")  # off meanwhile
    qtbot.waitUntil(lambda: became == [True, False, True], timeout=15000)  # a new host
    assert speaker.engine._process.processId() != first
    qtbot.waitUntil(lambda: pid_gone(first), timeout=5000)
    assert heart.longest_gap() < LONGEST_GAP_S
    speaker.close()
