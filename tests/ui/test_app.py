"""Start-up in two steps: the shell with its start screen comes up before any of the core is
imported, and the core joins it from a worker thread; the tiles work only then."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.session.state import Screen
from ui.app import CoreStarter, attach_kiosk, show_shell

from .conftest import kiosk_settings

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "pydantic", "httpx", "kiosk.app", "kiosk.journal")


def test_the_shell_is_on_screen_without_the_core_imported():
    code = (
        "import sys; from ui.app import make_application, show_shell; "
        "app = make_application(); w = show_shell(windowed=True); app.processEvents(); "
        "s = w.start_screen; "
        "print(w.isVisible(), s.type_tile.isEnabled(), w.language_button.isEnabled()); "
        "print(s.subtitle.text()); "
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown, subtitle, heavy = done.stdout.strip().splitlines()
    assert shown == "True False False"  # visible; tiles and header buttons wait for the core
    assert subtitle == "正在启动，请稍候…"
    assert heavy == "[]"


def _started(qtbot, tmp_path: Path):
    window = show_shell(windowed=True, language="en")
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    built: list[Kiosk] = []

    def build() -> Kiosk:
        kiosk = Kiosk.build(kiosk_settings(tmp_path), clock=OffsetClock())
        built.append(kiosk)
        kiosk.start()
        return kiosk

    starter = CoreStarter(window, build)
    starter.ready.connect(lambda k: attach_kiosk(window, k, simulation_panel=False))
    return window, starter, built


def test_the_tiles_work_once_the_core_has_joined(qtbot, tmp_path):
    window, starter, built = _started(qtbot, tmp_path)
    tile = window.start_screen.type_tile
    assert not tile.isEnabled()
    QTest.mouseClick(window.start_screen, Qt.MouseButton.LeftButton)  # a touch does nothing yet
    starter.start()
    try:
        qtbot.waitUntil(tile.isEnabled, timeout=60_000)
        assert window.start_screen.subtitle.text() == "请触摸屏幕开始"  # the kiosk's language
        assert window.language_button.isEnabled()
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is window.screens[Screen.IDENTIFY], timeout=5000
        )
    finally:
        starter.join()
        for kiosk in built:
            kiosk.close()


def test_a_core_that_cannot_start_is_reported(qtbot, tmp_path):
    window = show_shell(windowed=True)
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)

    def build() -> Kiosk:
        raise OSError("journal directory not writable")

    starter = CoreStarter(window, build)
    with qtbot.waitSignal(starter.failed, timeout=10_000):
        starter.start()
    starter.join()
    assert isinstance(starter.error, OSError)
    assert not window.start_screen.type_tile.isEnabled()


class KeyProbe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key not in (Qt.Key.Key_Control, Qt.Key.Key_Alt):  # the modifier's own press
                self.keys.append(key)
        return False


def test_keys_from_the_platform_are_locked_down_before_any_widget_sees_them(qtbot):
    """Keys come through the QWindow: the window's filter there stops the leaving keys, and
    only those, without an application-wide filter."""
    window = show_shell(windowed=True)
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    field = QLineEdit(window.start_screen)
    field.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: field.hasFocus(), timeout=5000)
    probe = KeyProbe()
    field.installEventFilter(probe)
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_A)
    assert probe.keys == [Qt.Key.Key_A]  # ordinary keys reach the focused widget
    for key, mods in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ):
        QTest.keyClick(handle, key, mods)
    assert probe.keys == [Qt.Key.Key_A]
    assert window.isVisible()
