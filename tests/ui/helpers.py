"""Tapping widgets the way a resident does, and waiting for what the kiosk shows."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.session.state import Screen
from ui.a11y import check_window
from ui.main_window import MainWindow
from ui.theme import a11y_limits


def visible_button(window: MainWindow, name: str) -> QPushButton:
    found = [w for w in window.findChildren(QPushButton, name) if w.isVisible()]
    assert found, f"no visible button {name!r} on {window.session.state.screen}"
    return found[0]


def tap(qtbot, window: MainWindow, name: str) -> None:
    """Touch a button once it is shown, as a resident can only touch what is on the screen (a
    screen met in the other text size is drawn a turn or two after the touch that opened it:
    MainWindow._begin_split)."""

    def shown() -> bool:
        return any(w.isVisible() for w in window.findChildren(QPushButton, name))

    if not shown():
        with contextlib.suppress(qtbot.TimeoutError):  # then visible_button says what is shown
            qtbot.waitUntil(shown, timeout=5000)
    button = visible_button(window, name)
    assert button.isEnabled(), f"button {name!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_screen(qtbot, window: MainWindow, screen: Screen, timeout: int = 15000) -> None:
    qtbot.waitUntil(lambda: window.session.state.screen is screen, timeout=timeout)
    # ...and the widget on top is the one for that screen (the signal reached the GUI thread).
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens[screen], timeout=timeout)


def text_of(window: MainWindow, name: str) -> str:
    labels = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    assert labels, f"no visible label {name!r}"
    return labels[0].text()


def type_digits(qtbot, window: MainWindow, prefix: str, digits: str) -> None:
    for d in digits:
        tap(qtbot, window, f"{prefix}_key_{d}")


def open_account(qtbot, window: MainWindow, number: str = "3300000001") -> None:
    """A resident types the account number on the start screen and sees the account."""
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    type_digits(qtbot, window, "account", number)
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.ACCOUNT)


def type_pinyin(qtbot, window: MainWindow, keyboard, letters: str, *picks: str) -> None:
    """Type pinyin on the on-screen keyboard and pick each candidate, paging until it shows."""
    from ui.keyboard import key_name

    if keyboard.mode() != "zh":
        tap(qtbot, window, "kb_mode_zh")
    for ch in letters:
        tap(qtbot, window, key_name(ch))
    for text in picks:
        for _ in range(8):
            shown = keyboard.candidates()
            if text in shown:
                tap(qtbot, window, f"kb_cand_{shown.index(text)}")
                break
            tap(qtbot, window, "kb_cand_next")
        else:
            raise AssertionError(f"{text} is not among the candidates")
    assert keyboard.composition() == ""


# The four shapes a flow's screens are checked in: (language, senior, window size).
CHECKED_SHAPES = [
    ("zh", True, QSize(1920, 1080)),
    ("en", True, QSize(1280, 1024)),
    ("zh", False, QSize(1080, 1920)),
    ("en", True, QSize(1080, 1920)),
]


class ShapeCheck:
    """Puts the window in one shape (language, text size, window size), then runs the widget
    checker at each step of a flow (`check("step")`); `assert_clean` lists every finding."""

    def __init__(self, qtbot, window: MainWindow, flow: str, language: str, senior: bool, size):
        self.qtbot, self.window, self.flow = qtbot, window, flow
        self.language, self.senior, self.size = language, senior, size
        self.found: dict[str, list[str]] = {}
        window.resize(size)
        window.session.set_language(language)
        if senior:
            window.session.toggle_senior()

    def __call__(self, name: str) -> None:
        window, size = self.window, self.size
        window.resize(size)
        self.qtbot.wait(10)
        found = check_window(window, a11y_limits(self.senior), screen=size)
        self.found[name] = [str(v) for v in found]
        if os.environ.get("KIOSK_A11Y_SHOTS"):  # look at them: a PNG per step and shape
            shot = (
                f"{self.flow}-{name}-{self.language}-{int(self.senior)}-"
                f"{size.width()}x{size.height()}.png"
            )
            window.grab().save(str(Path(os.environ["KIOSK_A11Y_SHOTS"]) / shot))

    def assert_clean(self) -> None:
        failing = [f"[{name}] {v}" for name, seen in self.found.items() for v in seen]
        assert not failing, f"{len(failing)} violations:\n" + "\n".join(failing)
