"""The window's frame around the screens: what it paints when a screen changes."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QWidget

from kiosk.session.state import Screen
from tests.ui.helpers import tap, wait_screen

SENTINEL = QColor(255, 0, 255)


def _paints_own_background(widget: QWidget) -> bool:
    """Whether `widget` alone (no children) changes a pixel, painted as the screen paints it: a
    window as the root (its system background), any other widget with its style only."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(SENTINEL)
    flags = QWidget.RenderFlag.DrawWindowBackground if widget.isWindow() else QWidget.RenderFlag(0)
    # QWidget's own render(): the screens have a render(state) of their own.
    QWidget.render(widget, image, QPoint(), QRegion(), flags)
    return any(
        image.pixelColor(x, y) != SENTINEL
        for x in range(0, widget.width(), max(1, widget.width() // 16))
        for y in range(0, widget.height(), max(1, widget.height() // 16))
    )


def _surface_painters(window) -> list[str]:
    chain: list[QWidget] = []
    widget: QWidget | None = window.stack.currentWidget()
    while widget is not None:
        chain.append(widget)
        widget = widget.parentWidget()
    return [
        type(w).__name__ + (f"#{w.objectName()}" if w.objectName() else "")
        for w in chain
        if _paints_own_background(w)
    ]


def test_the_surface_under_a_screen_is_painted_once(qtbot, window):
    # A screen change repaints the whole 1920x1080 window; each widget from the window down to
    # the screen that paints a background fills all of it again (it was three times). From the
    # second frame on: the first one is painted before the window's settings that need the `Qt`
    # namespace (MainWindow._after_first_frame).
    wait_screen(qtbot, window, Screen.START)
    qtbot.waitUntil(lambda: window.first_frame_done)
    assert _surface_painters(window) == ["QWidget#shell"]
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    assert _surface_painters(window) == ["QWidget#shell"]


def test_the_window_still_shows_the_surface_colour(qtbot, window):
    from ui.theme import COLORS

    wait_screen(qtbot, window, Screen.START)
    image = window.grab().toImage()
    corner = image.pixelColor(window.width() - 4, window.height() - 4)
    assert corner.name() == QColor(COLORS["surface"]).name()
