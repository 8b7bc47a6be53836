"""The click a touch on any button makes, so a resident knows the kiosk felt it (the pressed look
is the other half). Switched off with `[ui] click_sound = false`.

The sound is played by `pacat` (PulseAudio's player, also served by PipeWire's pipewire-pulse):
one process, started once the kiosk has settled and kept for its life. A touch writes the click's
35 ms of PCM (1.5 KB) to the player's stdin; QProcess buffers the write and the GUI thread never
waits on audio. Not QtMultimedia inside the kiosk's process: there, QSoundEffect's PulseAudio
backend now and then left a socket notifier on a closed descriptor, and the GUI thread spun at
100% CPU for good (Qt 6.10.3; about one benchmark run in three against a PulseAudio null sink).
A player process that fails, fails alone: the click falls silent and a later touch starts a new
player (at most every RESTART_S).
"""

from __future__ import annotations

import logging
import time
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QProcess

log = logging.getLogger(__name__)

CLICK_WAV = Path(__file__).resolve().parent.parent / "assets" / "sounds" / "click.wav"
PLAYER = "pacat"
RESTART_S = 10.0  # a failed player is started again by a touch at most this often
LATENCY_MS = 30  # asked of the audio server: the click is heard this long after the touch
MAX_QUEUED = 16 * 1024  # bytes not yet taken by the player: beyond this, touches stay silent


class ClickSound:
    def __init__(
        self,
        path: Path = CLICK_WAV,
        player: str = PLAYER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        with wave.open(str(path)) as sound:  # a missing or broken file raises here
            if sound.getsampwidth() != 2:
                raise ValueError(f"{path}: 16-bit samples expected")
            rate, channels = sound.getframerate(), sound.getnchannels()
            # Silence after the click, twice the latency: a stream that ran dry starts again
            # only once it holds its latency's worth of sound (PulseAudio's prebuffer), and a
            # bare 35 ms click could sit in it, unheard, until the next touch.
            silence = bytes(2 * channels * rate * LATENCY_MS * 2 // 1000)
            self.pcm = sound.readframes(sound.getnframes()) + silence
        self.arguments = [
            "--playback",
            "--raw",
            "--format=s16le",
            f"--rate={rate}",
            f"--channels={channels}",
            f"--latency-msec={LATENCY_MS}",
            "--client-name=powerpay-kiosk",
            "--stream-name=click",
        ]
        self.player = player
        self.clock = clock
        self.process = QProcess()
        self.process.setStandardOutputFile(QProcess.nullDevice())
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.errorOccurred.connect(self._failed)
        self.process.finished.connect(self._finished)
        self._started_at = float("-inf")
        self._start()

    def _start(self) -> None:
        self._started_at = self.clock()
        self.process.start(self.player, self.arguments)

    def play(self) -> None:
        state = self.process.state()
        if state is QProcess.ProcessState.NotRunning:
            if self.clock() - self._started_at >= RESTART_S:
                self._start()  # this touch stays silent; the next one is heard
            return
        if state is QProcess.ProcessState.Running and self.process.bytesToWrite() <= MAX_QUEUED:
            self.process.write(self.pcm)

    def stop(self) -> None:
        """End the player: it plays what it holds and exits at the end of its input."""
        self.process.closeWriteChannel()

    def _failed(self, error: QProcess.ProcessError) -> None:
        log.warning("click player %s: %s", self.player, error.name)

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        log.warning("click player %s stopped (exit code %s)", self.player, code)
