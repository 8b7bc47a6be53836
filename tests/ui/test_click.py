"""The click of a touch, heard through a real audio server (a PulseAudio null sink, recorded)."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from array import array
from functools import partial
from pathlib import Path

from PySide6.QtCore import QProcess

import ui.click
from kiosk.session.state import Screen
from tests.emulators.audio.pulse import PulseServer, peak, pulse
from tests.ui.helpers import tap, wait_screen
from tests.waiting import wait_until
from ui.click import CLICK_WAV, RESTART_S, ClickSound
from ui.widgets import TOUCH

__all__ = ["pulse"]

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter, its player reaching the test's audio server through PULSE_SERVER: the
# start screen with its early session, the core's part of the window (no core needed for a
# click), the click made as `settle` makes it; then one touch on a start tile when told.
TOUCH_ONCE = """
import sys, time
from PySide6.QtCore import QProcess, Qt
from PySide6.QtTest import QTest
from ui.app import make_application, show_start
from ui.widgets import TOUCH
app = make_application()
window, early = show_start(windowed=True)
window.allow_close = True
window.attach_core(click_sound={wanted})
window.start_click_sound()
def pump(seconds, until=lambda: False):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
if TOUCH.click is not None:
    player = TOUCH.click.__self__.process
    pump(10, lambda: player.state() is not QProcess.ProcessState.Starting)
    print("player", player.state().name, flush=True)
else:
    print("player none", flush=True)
sys.stdin.readline()
QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
pump(2, lambda: TOUCH.click is None or not player.bytesToWrite())  # handed to the player
print("screen", early.session.state.screen.value, flush=True)
sys.stdin.readline()  # the player keeps playing until the test has heard it
"""


def _touch(pulse: PulseServer, wanted: bool) -> tuple[str, str, list[str], array[int]]:
    """One touch in a fresh kiosk window playing into `pulse`: what the window said, the streams
    open on the server just after the touch, and what the null sink received meanwhile."""
    # An earlier test's player may still be playing out its last click: the sink's monitor
    # would hand its tail to this recording.
    assert wait_until(lambda: pulse.streams() == [], 10), pulse.streams()
    recording = pulse.record()  # first: a recorder attached to a sink already playing can
    # hear nothing at all
    with subprocess.Popen(
        [sys.executable, "-c", TOUCH_ONCE.format(wanted=wanted)],
        cwd=ROOT,
        env={**pulse.env(), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            loaded = child.stdout.readline().strip()
            if wanted:  # the player's stream is open on the server before the touch
                assert pulse.wait_for_stream("click"), f"no click stream ({loaded})"
            child.stdin.write("touch\n")
            child.stdin.flush()
            screen = child.stdout.readline().strip()
            streams = pulse.streams()
            if wanted:
                recording.wait_for_sound()
            heard = recording.stop()
            child.stdin.write("done\n")
            child.stdin.flush()
            child.wait(10)  # and its player with it
        finally:
            if child.poll() is None:
                child.kill()
    return loaded, screen, streams, heard


def test_a_player_that_failed_is_started_again_by_a_touch_at_most_every_restart_s(qtbot):
    now = [1000.0]
    sound = ClickSound(player="false", clock=lambda: now[0])  # a player that exits at once
    qtbot.waitUntil(lambda: sound.process.state() is QProcess.ProcessState.NotRunning)
    now[0] += RESTART_S - 1
    sound.play()
    assert sound.process.state() is QProcess.ProcessState.NotRunning
    now[0] += 1
    sound.play()  # silent, but a new player is on its way
    assert sound.process.state() is not QProcess.ProcessState.NotRunning
    qtbot.waitUntil(lambda: sound.process.state() is QProcess.ProcessState.NotRunning)


def test_a_missing_click_leaves_the_buttons_silent_and_working(
    qtbot, kiosk, window, monkeypatch, caplog
):
    monkeypatch.setattr(ui.click, "ClickSound", partial(ClickSound, Path("/nonexistent.wav")))
    window.start_click_sound()  # as `settle` does; the kiosk's settings want the click
    assert TOUCH.click is None
    assert "no click sound" in caplog.text
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)


def test_the_click_is_short_quiet_and_mono():
    with wave.open(str(CLICK_WAV)) as sound:
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
        length_s = sound.getnframes() / sound.getframerate()
        samples = array("h", sound.readframes(sound.getnframes()))
    assert 0.01 <= length_s <= 0.08  # felt at once, over before the next touch
    assert 4000 <= peak(samples) <= 20000  # heard, and not a beep
    assert abs(samples[-1]) < 200  # ends near silence: no pop


def test_a_touch_on_a_button_clicks_and_does_its_action(pulse: PulseServer):
    loaded, screen, streams, heard = _touch(pulse, wanted=True)
    assert loaded == "player Running"
    assert screen == "screen identify"
    assert peak(heard) > 1000, "nothing was heard from the null sink"


def test_no_click_when_it_is_switched_off(pulse: PulseServer):
    loaded, screen, streams, heard = _touch(pulse, wanted=False)
    assert loaded == "player none"
    assert screen == "screen identify"
    assert streams == []  # nothing was even opened on the audio server
    assert peak(heard) == 0


def test_without_an_audio_server_a_touch_still_works(tmp_path: Path):
    # No audio server at that address: the player gives up; the tile works as ever.
    child = subprocess.run(
        [sys.executable, "-c", TOUCH_ONCE.format(wanted=True)],
        cwd=ROOT,
        env={
            **os.environ,
            "PULSE_SERVER": f"unix:{tmp_path / 'nothing'}",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
        },
        input="touch\ndone\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert child.stdout.splitlines()[-1] == "screen identify"
