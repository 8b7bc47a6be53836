"""The speech host: a small process that owns the QTextToSpeech engine, driven by the kiosk
window through its stdin/stdout, one JSON object per line (ui/speech_link.py is the other end).

Why a process of its own: building speech-dispatcher's engine takes 2-3 s (libspeechd reads the
1600-voice list one byte per system call) and holds the GIL all that time, so on any thread of
the window's process it freezes the GUI; with a stuck daemon it never returns at all. Here it
freezes only this process, which the window kills when it does not answer in time.

In:  {"n": 1, "do": "say", "text": "...", "language": "zh"} | {"n": 2, "do": "stop"}
     | {"n": 3, "do": "volume", "value": 0.8}; every command is answered {"ack": n} once done.
Out: {"event": "ready", "state": "Ready", "volume": 0.8, "locale": "en_US"} once the engine is
     built; then "state", "word", "locale", "volume" events; {"event": "off", "reason": ...}
     and exit when there is no voice (a hung daemon, an engine in error).
Run: python -m ui.speech_host ENGINE (the frozen build: kiosk speech-host ENGINE).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
from typing import Any

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A host stuck inside the engine must not outlive the kiosk that started it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the window kills it on exit anyway
        pass


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m ui.speech_host ENGINE", file=sys.stderr)
        return 2
    name = argv[0]
    _die_with_parent()
    if name == "speechd":
        from ui.speechd_probe import socket_path, speechd_state

        if speechd_state(socket_path()) == "hung":
            _send({"event": "off", "reason": "speech-dispatcher does not answer"})
            return 3
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication(sys.argv[:1])
    host = Host(name)
    if not host.start():
        return 3
    return int(app.exec())


class Host:
    """The engine and the command loop (stdin watched by a socket notifier, never blocking)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.buffer = b""
        self.mandarin: Any = None  # espeak-ng's Mandarin voice, False if there is none

    def start(self) -> bool:
        from PySide6.QtCore import QSocketNotifier
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.name not in QTextToSpeech.availableEngines():
            _send({"event": "off", "reason": f"no text-to-speech engine {self.name!r}"})
            return False
        self.engine = QTextToSpeech(self.name)
        if self.engine.state() == QTextToSpeech.State.Error:
            _send({"event": "off", "reason": f"engine error: {self.engine.errorString()}"})
            return False
        self.engine.stateChanged.connect(
            lambda state: _send({"event": "state", "state": state.name})
        )
        self.engine.sayingWord.connect(lambda word, *_: _send({"event": "word", "word": word}))
        self.engine.localeChanged.connect(
            lambda locale: _send({"event": "locale", "name": locale.name()})
        )
        self.engine.volumeChanged.connect(lambda value: _send({"event": "volume", "value": value}))
        os.set_blocking(0, False)
        self.notifier = QSocketNotifier(0, QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._readable)
        _send(
            {
                "event": "ready",
                "state": self.engine.state().name,
                "volume": self.engine.volume(),
                "locale": self.engine.locale().name(),
            }
        )
        return True

    def _readable(self) -> None:
        from PySide6.QtCore import QCoreApplication

        try:
            chunk = os.read(0, 65536)
        except BlockingIOError:
            return
        if not chunk:  # the window closed the pipe (or is gone): done
            self.notifier.setEnabled(False)
            self.engine.stop()
            QCoreApplication.quit()
            return
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self.run(line)

    def run(self, line: bytes) -> None:
        """One command; a malformed one is answered with an error and changes nothing."""
        try:
            command = json.loads(line)
            number = command["n"]
            self._do(command)
        except (ValueError, KeyError, TypeError) as exc:
            _send({"event": "error", "error": f"bad command: {exc}"})
            return
        _send({"ack": number})

    def _do(self, command: dict[str, Any]) -> None:
        what = command["do"]
        if what == "say":
            text, language = str(command["text"]), str(command["language"])
            self.engine.stop()
            self._use_language(language)
            self.engine.say(text)
        elif what == "stop":
            self.engine.stop()
        elif what == "volume":
            value = float(command["value"])
            if not 0 <= value <= 1:
                raise ValueError(f"volume {value}")
            self.engine.setVolume(value)
        else:
            raise ValueError(f"unknown command {what!r}")

    def _use_language(self, language: str) -> None:
        """The engine's locale for the language; espeak-ng's Mandarin voices have no locale Qt
        knows ("cmn" comes out as C), so for Chinese they are found by name."""
        from PySide6.QtCore import QLocale

        wanted = QLocale.Language.Chinese if language == "zh" else QLocale.Language.English
        if self.engine.locale().language() == wanted:
            return
        for locale in self.engine.availableLocales():
            if locale.language() == wanted:
                self.engine.setLocale(locale)
                return
        if language == "zh":
            if self.mandarin is None:  # looked up once: all voices of all locales, ~40 ms
                found = [
                    voice
                    for voice in self.engine.allVoices(None)  # type: ignore[arg-type]  # None: all
                    if voice.name().startswith("Chinese (Mandarin") and "+" not in voice.name()
                ]
                self.mandarin = found[0] if found else False
            if self.mandarin and self.engine.voice().name() != self.mandarin.name():
                self.engine.setVoice(self.mandarin)


if __name__ == "__main__":
    raise SystemExit(main())
