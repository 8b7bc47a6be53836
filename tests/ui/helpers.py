"""Tapping widgets the way a resident does, and waiting for what the kiosk shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.session.state import Screen
from ui.main_window import MainWindow


def visible_button(window: MainWindow, name: str) -> QPushButton:
    found = [w for w in window.findChildren(QPushButton, name) if w.isVisible()]
    assert found, f"no visible button {name!r} on {window.session.state.screen}"
    return found[0]


def tap(qtbot, window: MainWindow, name: str) -> None:
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
