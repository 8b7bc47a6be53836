"""The window's end of the speech host (ui/speech_host.py): starts it, sends it commands, mirrors
what it reports, and ends it when it stops answering. Nothing here waits on the GUI thread: the
process is a QProcess whose output arrives as signals, and every wait is a QTimer.

Why not a thread of the window's own process: QTextToSpeech's constructor holds the GIL for its
2-3 s (measured: a Python thread and a GUI-thread QTimer both stood still for the whole time), so
a QThread owning the engine freezes the GUI just the same; and a thread stuck in a hung daemon
can never be stopped, while a process can be killed and started again.

Limits: the engine must be ready within `start_limit_s`, each command answered within
`command_limit_s`; otherwise the host is killed, the voice is off, and a new host is tried after
`retry_s` (doubling up to ten minutes) until `close`.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, QObject, QProcess, QProcessEnvironment, QTimer, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
MAX_RETRY_S = 600.0
# Every host not yet reaped. They have no Qt parent: Qt would kill them and wait when the parent
# goes; here they are killed without waiting, and dropped once Qt has reaped them.
_HOSTS: set[QProcess] = set()


def _kill(process: QProcess) -> None:
    """SIGKILL: gone at once even when stuck in the daemon; reaped later by Qt, no wait here."""
    if not shiboken6.isValid(process):  # Qt already deleted it (and killed the child with it)
        _HOSTS.discard(process)
        return
    if process.state() == QProcess.ProcessState.NotRunning:
        _HOSTS.discard(process)
        process.deleteLater()
        return

    def reaped(*_: object) -> None:
        _HOSTS.discard(process)
        process.deleteLater()

    process.finished.connect(reaped)
    process.kill()


@atexit.register
def _kill_all() -> None:
    """At interpreter exit (the event loop is over): kill the hosts left and reap them."""
    for process in list(_HOSTS):
        if not shiboken6.isValid(process):
            continue
        process.blockSignals(True)
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(1000)
    _HOSTS.clear()


def _silence(process: QProcess) -> None:
    """No more of the host's output or news for the engine: it is closing or already gone."""
    for signal in (
        process.readyReadStandardOutput,
        process.readyReadStandardError,
        process.finished,
        process.errorOccurred,
    ):
        signal.disconnect()


def _orphaned(current: list[QProcess], *_: object) -> None:
    """The HostEngine was deleted without `close` (a window dropped by the collector): its
    slots must not be called again."""
    while current:
        process = current.pop()
        if shiboken6.isValid(process):
            _silence(process)
        _kill(process)


def host_command(engine: str) -> list[str]:
    """How to start the host: the frozen build answers `kiosk speech-host ENGINE`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "speech-host", engine]
    return [sys.executable, "-m", "ui.speech_host", engine]


class HostEngine(QObject):
    """Stands for the QTextToSpeech in the host: state(), volume(), locale() and the signals
    stateChanged and sayingWord as the host last reported them."""

    stateChanged = Signal(QTextToSpeech.State)
    sayingWord = Signal(str)
    ready_changed = Signal(bool)  # the host's engine is ready (True) or gone (False)

    def __init__(
        self,
        engine: str,
        parent: QObject | None = None,
        *,
        command: Sequence[str] | None = None,
        start_limit_s: float = 20.0,
        command_limit_s: float = 5.0,
        retry_s: float = 30.0,
    ) -> None:
        super().__init__(parent)
        self.name = engine
        self.command = list(command) if command is not None else host_command(engine)
        self.start_limit_s = start_limit_s
        self.command_limit_s = command_limit_s
        self.retry_s = retry_s
        self.ready = False
        self.reason = "starting"  # why there is no voice, while there is none
        self._state = QTextToSpeech.State.Error
        self._volume = 0.0
        self._locale = QLocale(QLocale.Language.C)
        self._closed = False
        self._sent = 0
        self._answered = 0
        self._out = b""
        self._off = ""
        self._process: QProcess | None = None
        self._current: list[QProcess] = []  # the same, for `_orphaned`
        self.destroyed.connect(partial(_orphaned, self._current))
        self._delay_s = retry_s
        self._deadline = QTimer(self)  # the start, or the oldest command not yet answered
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._too_late)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.start)

    # -- what the host last said ----------------------------------------------------------
    def state(self) -> QTextToSpeech.State:
        return self._state if self.ready else QTextToSpeech.State.Error

    def volume(self) -> float:
        return self._volume

    def locale(self) -> QLocale:
        return self._locale

    # -- the process ----------------------------------------------------------------------
    def start(self) -> None:
        """Start a host (returns at once; `ready_changed(True)` when its engine is built)."""
        if self._closed or self._process is not None:
            return
        process = QProcess()
        _HOSTS.add(process)
        environment = QProcessEnvironment.systemEnvironment()
        path = environment.value("PYTHONPATH")
        environment.insert("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), path) if p))
        process.setProcessEnvironment(environment)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._readable)
        process.readyReadStandardError.connect(self._log_errors)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed_to_start)
        self._process = process
        self._current[:] = [process]
        self._out = b""
        self._off = ""
        self._sent = self._answered = 0
        self.reason = "starting"
        process.start(self.command[0], self.command[1:])
        self._deadline.start(int(self.start_limit_s * 1000))

    def send(self, what: str, **fields: Any) -> bool:
        """One command to the ready host; False if there is none to send it to."""
        if not self.ready or self._process is None:
            return False
        self._sent += 1
        line = json.dumps({"n": self._sent, "do": what, **fields}, ensure_ascii=False) + "\n"
        self._process.write(line.encode())
        if not self._deadline.isActive():
            self._deadline.start(int(self.command_limit_s * 1000))
        return True

    def close(self) -> None:
        """End the host for good (the window is closing): no more retries."""
        self._closed = True
        self._retry.stop()
        self._end("closed", retry=False)

    def _end(self, reason: str, *, retry: bool) -> None:
        self._deadline.stop()
        process, self._process = self._process, None
        self._current.clear()
        if process is not None:
            _silence(process)
            _kill(process)
        self.reason = reason
        was_ready, self.ready = self.ready, False
        if was_ready:
            self._set_state(QTextToSpeech.State.Error)
            self.ready_changed.emit(False)
        if retry and not self._closed:
            log.warning(
                "spoken guidance is off (%s); trying again in %.0f s", reason, self._delay_s
            )
            self._retry.start(int(self._delay_s * 1000))
            self._delay_s = min(self._delay_s * 2, MAX_RETRY_S)

    def _too_late(self) -> None:
        what = "start" if not self.ready else "answer a command"
        self._end(f"the speech host did not {what} in time", retry=True)

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(f"the speech host could not be started: {self.command[0]}", retry=True)

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._readable()  # its last words (an "off" event says why)
        if self._process is not None:
            self._end(self._off or f"the speech host ended (exit code {code})", retry=True)

    def _log_errors(self) -> None:
        if self._process is not None:
            text = bytes(self._process.readAllStandardError().data()).decode(errors="replace")
            for line in text.splitlines():
                if line.strip() and "symbolsresolver" not in line:
                    log.info("speech host: %s", line)

    def _readable(self) -> None:
        if self._process is None:
            return
        self._out += bytes(self._process.readAllStandardOutput().data())
        *lines, self._out = self._out.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                log.warning("speech host: unreadable line %r", line[:80])
                continue
            try:
                self._handle(message)
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                log.warning("speech host: unexpected message %r (%s)", line[:80], exc)

    def _handle(self, message: dict[str, Any]) -> None:
        if "ack" in message:
            self._answered = int(message["ack"])
            self._deadline.stop()
            if self._answered < self._sent:  # the next one still waits: a fresh limit
                self._deadline.start(int(self.command_limit_s * 1000))
            return
        event = message.get("event")
        if event == "ready":
            self._deadline.stop()
            self._delay_s = self.retry_s
            self._volume = float(message.get("volume", 0.0))
            self._locale = QLocale(str(message.get("locale", "C")))
            self.ready = True
            self.reason = ""
            self._set_state(QTextToSpeech.State[str(message.get("state", "Ready"))])
            self.ready_changed.emit(True)
        elif event == "state":
            self._set_state(QTextToSpeech.State[str(message["state"])])
        elif event == "word":
            self.sayingWord.emit(str(message["word"]))
        elif event == "volume":
            self._volume = float(message["value"])
        elif event == "locale":
            self._locale = QLocale(str(message["name"]))
        elif event == "off":
            self._off = str(message.get("reason", "no voice"))
        elif event == "error":
            log.warning("speech host: %s", message.get("error"))

    def _set_state(self, state: QTextToSpeech.State) -> None:
        if state != self._state:
            self._state = state
            if self.ready or state == QTextToSpeech.State.Error:
                self.stateChanged.emit(state)
