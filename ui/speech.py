"""Spoken guidance: reads the current screen aloud (title, texts, amounts in words, the buttons)
for residents who cannot read it, through QtTextToSpeech (speech-dispatcher + espeak-ng on a kiosk,
the built-in "mock" engine in tests), which runs in a helper process (see `Speaker`).

What is spoken is built from what is visibly on screen, so speech and screen never disagree and a
language switch changes both. Amounts are read as money ("384元1角1分", "384 yuan 11 fen"),
long digit runs (account numbers) digit by digit.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Signal
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.session.state import Screen, SessionState
from ui.speech_link import HostEngine

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)
_AMOUNT = re.compile(r"(-?)¥\s?(\d[\d,]*)(?:\.(\d{1,2}))?")
_NOTES = re.compile(r"(¥\s?\d[\d,]*(?:\.\d{1,2})?)\s*×\s*(\d+)")
_DIGITS = re.compile(r"(?<!\d)(?<!\d[.,])\d(?: ?\d){4,}(?!\d|[.,]\d)")
_KEY = re.compile(r"_key_(\d|back)$")
_BUTTONS = {"zh": "可以按：", "en": "Buttons: "}
_NOTE_WORDS = {"zh": "{amount}{n}张", "en": "{n} × {amount}"}
_SENTENCE = {"zh": "。", "en": ". "}


# -- numbers in words --------------------------------------------------------------------------
def amount_words(fen: int, language: str) -> str:
    """An amount of money as it is said: 38411 -> '384元1角1分' / '384 yuan 11 fen'."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"amounts are integer fen, got {fen!r}")
    sign = ("负" if language == "zh" else "minus ") if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    if language == "zh":
        jiao, cents = divmod(rest, 10)
        parts = [f"{yuan}元"] if yuan or not rest else []
        if jiao:
            parts.append(f"{jiao}角")
        if cents:
            parts.append(("零" if yuan and not jiao else "") + f"{cents}分")
        return sign + "".join(parts)
    words = [f"{yuan} yuan"] if yuan or not rest else []
    if rest:
        words.append(f"{rest} fen")
    return sign + " ".join(words)


def _amount_fen(match: re.Match[str]) -> int:
    yuan = int(match[2].replace(",", ""))
    cents = int((match[3] or "0").ljust(2, "0"))
    value = yuan * 100 + cents
    return -value if match[1] else value


def speakable(text: str, language: str) -> str:
    """Screen text made fit to be spoken: amounts in words, account numbers digit by digit."""
    held: list[str] = []

    def hold(words: str) -> str:
        held.append(words)
        return f"\x00{len(held) - 1}\x00"

    def notes(match: re.Match[str]) -> str:
        amount = _AMOUNT.match(match[1])
        words = amount_words(_amount_fen(amount), language) if amount else match[1]
        return hold(_NOTE_WORDS.get(language, _NOTE_WORDS["en"]).format(amount=words, n=match[2]))

    text = _NOTES.sub(notes, text)
    text = _AMOUNT.sub(lambda m: hold(amount_words(_amount_fen(m), language)), text)
    text = _DIGITS.sub(lambda m: " ".join(m[0].replace(" ", "")), text)
    text = text.replace("—", "").replace(" · ", ", ").replace("·", ",").replace("⌫", "")
    text = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m[1])], text)
    end = _SENTENCE.get(language, ". ")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    spoken = ""
    for line in lines:
        if spoken:
            spoken += " " if spoken[-1] in ".!?:。！？：" and language != "zh" else ""
            spoken += "" if spoken[-1:] in tuple(".!?:。！？： ") else end
        spoken += line
    return spoken


# -- what is on screen -------------------------------------------------------------------------
def _reading_order(widgets: Sequence[W], root: QWidget) -> list[W]:
    """Card by card (a card is read whole before the one beside it), then top to bottom and left
    to right inside; widgets centred on one line count as one line."""

    def line(widget: QWidget) -> tuple[int, int]:
        top_left = widget.mapTo(root, QPoint(0, 0))
        return ((top_left.y() + widget.height() // 2) // 24, top_left.x())

    def key(widget: QWidget) -> tuple[int, int, int, int]:
        block = widget.parentWidget()
        while block is not None and block is not root and block.property("role") != "card":
            block = block.parentWidget()
        if block is None or block is root:
            block = widget
        return (*line(block), *line(widget))

    return sorted(widgets, key=key)


def _visible_texts(root: QWidget) -> tuple[list[str], list[str]]:
    labels = [
        w
        for w in root.findChildren(QLabel)
        if w.isVisible() and w.pixmap().isNull() and w.text().strip()
    ]
    buttons = [
        w
        for w in root.findChildren(QAbstractButton)
        if w.isVisible() and w.isEnabled() and w.text().strip() and not _KEY.search(w.objectName())
    ]
    return (
        [w.text() for w in _reading_order(labels, root)],
        [w.text() for w in _reading_order(buttons, root)],
    )


def spoken_text(window_or_screen: QWidget, state: SessionState) -> str:
    """What to say for the screen shown now: the idle warning first, then the title, the texts
    and amounts in reading order, then the buttons the resident can press."""
    language = state.language
    screens: Any = getattr(window_or_screen, "screens", None)
    screen: QWidget = window_or_screen
    parts: list[str] = []
    if screens is not None:
        screen = screens[state.screen]
        warning: Any = getattr(window_or_screen, "warning", None)
        warning_text: Any = getattr(window_or_screen, "warning_text", None)
        if warning is not None and warning.isVisible() and warning_text is not None:
            parts.append(warning_text.text())
    texts, buttons = _visible_texts(screen)
    if screens is not None and state.warning_s is not None:
        extend: Any = getattr(window_or_screen, "extend_button", None)
        if extend is not None and extend.isVisible():
            buttons.insert(0, extend.text())
    parts.extend(texts)
    if buttons:
        parts.append(
            _BUTTONS.get(language, _BUTTONS["en"])
            + ", ".join(b.replace("\n", " ") for b in buttons)
        )
    return speakable("\n".join(parts), language)


# -- the voice ---------------------------------------------------------------------------------
def default_engine() -> str | None:
    """speech-dispatcher on a kiosk; otherwise whatever Qt has (None: no speech at all)."""
    engines = QTextToSpeech.availableEngines()
    if "speechd" in engines:
        return "speechd"
    return engines[0] if engines else None


SILENT = "none"  # Speaker("none"): no voice (a stand-in while the real one is being made)


class Speaker(QObject):
    """One voice for the kiosk. `say` interrupts whatever is being said: the newest screen wins.

    The engine lives in a helper process (ui/speech_host.py, driven by ui/speech_link.py), so no
    call here waits for it: making it, saying, stopping, the locale and the volume are messages.
    Until the engine is ready (and whenever the host is gone) the voice is off: `say` returns
    False, and `available_changed` tells the window when to enable the read-aloud button."""

    available_changed = Signal(bool)

    def __init__(
        self,
        engine: str | None = None,
        parent: QObject | None = None,
        *,
        host: Sequence[str] | None = None,
        start_limit_s: float = 20.0,
        command_limit_s: float = 5.0,
        retry_s: float = 30.0,
    ) -> None:
        super().__init__(parent)
        name = engine if engine is not None else default_engine()
        if name == SILENT:
            name = None
        if name is not None and name not in QTextToSpeech.availableEngines():
            raise ValueError(
                f"no text-to-speech engine {name!r}; have {QTextToSpeech.availableEngines()}"
            )
        self.engine: HostEngine | None = None
        self._volume = 0.8
        self._enabled = name is not None
        self.last_text = ""
        self.last_language = "zh"
        if name is not None:
            self.engine = HostEngine(
                name,
                self,
                command=host,
                start_limit_s=start_limit_s,
                command_limit_s=command_limit_s,
                retry_s=retry_s,
            )
            self.engine.ready_changed.connect(self._ready_changed)
            self.engine.start()
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.close)

    @property
    def ready(self) -> bool:
        """The engine is built and answering: what is said now is spoken."""
        return self.engine is not None and self.engine.ready

    def close(self) -> None:
        """End the helper process (the kiosk is closing)."""
        if self.engine is not None:
            self.engine.close()

    def _ready_changed(self, ready: bool) -> None:
        if ready and self.engine is not None:
            self.engine.send("volume", value=self._volume)
        self.available_changed.emit(ready)

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        if not isinstance(value, (int, float)) or math.isnan(value) or not 0 <= value <= 1:
            raise ValueError(f"volume is from 0 to 1, got {value!r}")
        self._volume = float(value)
        if self.engine is not None:
            self.engine.send("volume", value=self._volume)

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = bool(on) and self.engine is not None
        if not self._enabled:
            self.stop()

    def state(self) -> QTextToSpeech.State:
        return self.engine.state() if self.engine is not None else QTextToSpeech.State.Error

    def say(self, text: str, language: str) -> bool:
        """Speak `text` in `language` ("zh" or "en"); False when nothing was said (switched
        off, blank, or no engine ready)."""
        if not self._enabled or not self.ready or not text.strip():
            return False
        assert self.engine is not None
        self.last_text, self.last_language = text, language
        return self.engine.send("say", text=text, language=language)

    def repeat(self) -> bool:
        return self.say(self.last_text, self.last_language)

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.send("stop")

    def speak_window(self, window: QWidget) -> str:
        """What the header's speak button calls: read the current screen aloud, again and again."""
        state: SessionState = window.session.state  # type: ignore[attr-defined]
        text = spoken_text(window, state)
        self.say(text, state.language)
        return text


class SpeechGuide(QObject):
    """Once a resident starts speech, every new screen is read out until the session ends; the
    idle warning is always spoken when it appears (warn visibly and audibly)."""

    def __init__(self, window: QWidget, speaker: Speaker) -> None:
        super().__init__(window)
        self.window = window
        self.speaker = speaker
        self.following = False
        self._screen: Screen | None = None
        self._warning = False
        window.bridge.session_did_change.connect(self._on_state)  # type: ignore[attr-defined]

    def start(self) -> str:
        """The speak button: read this screen now, and the following ones as they come."""
        self.following = True
        return self.speaker.speak_window(self.window)

    def _on_state(self, state: SessionState) -> None:
        screen_changed = state.screen is not self._screen
        self._screen = state.screen
        warning = state.warning_s is not None
        warning_appeared = warning and not self._warning
        self._warning = warning
        if state.screen is Screen.START and screen_changed:
            self.following = False
            self.speaker.stop()
            return
        if warning_appeared or (self.following and screen_changed):
            self.speaker.speak_window(self.window)
