"""A resident cannot close or leave the kiosk with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.session.state import Screen

KEYS = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
]


@pytest.mark.parametrize(("key", "mods"), KEYS)
def test_escape_keys_do_nothing(qtbot, kiosk, window, key, mods):
    window.allow_close = False
    kiosk.session.begin()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens[Screen.IDENTIFY])
    qtbot.keyClick(window, key, mods)
    QApplication.processEvents()
    assert window.isVisible()
    assert kiosk.session.state.screen is Screen.IDENTIFY
    window.allow_close = True


def test_close_request_is_refused(qtbot, kiosk, window):
    window.allow_close = False
    assert window.close() is False
    assert window.isVisible()
    window.allow_close = True


def test_window_has_no_decorations_from_the_first_frame(qtbot, window):
    assert not window.first_frame_done
    assert window.windowHandle().flags() & Qt.WindowType.FramelessWindowHint
    qtbot.waitUntil(lambda: window.first_frame_done)
    assert window.windowHandle().flags() & Qt.WindowType.FramelessWindowHint
    # Recorded on the widget too, so a QWindow made anew would be frameless as well.
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
