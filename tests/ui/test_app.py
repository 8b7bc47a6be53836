"""Start-up in three steps: the shell with its start screen comes up before any of the core is
imported, the early session makes it work, and the core joins from a worker thread."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit

from kiosk.app import Kiosk
from kiosk.session.early import EarlySession
from kiosk.session.state import Screen
from ui.app import CoreStarter, attach_kiosk, build_window, settle, show_shell, show_start
from ui.main_window import MainWindow
from ui.warm_sample import SAMPLE_ACCOUNT_NO

from .conftest import kiosk_settings
from .helpers import tap, type_digits

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "pydantic", "httpx", "kiosk.app", "kiosk.journal")


def _fresh_interpreter(code: str) -> list[str]:
    """Run `code` in a new offscreen interpreter; its output lines, then the heavy modules it
    imported (one more line)."""
    code += f"; print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))"
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
    return done.stdout.strip().splitlines()


def test_the_shell_is_on_screen_without_the_core_imported():
    shown, subtitle, heavy = _fresh_interpreter(
        "import sys; from ui.app import make_application, show_shell; "
        "app = make_application(); w = show_shell(windowed=True); app.processEvents(); "
        "s = w.start_screen; "
        "print(w.isVisible(), s.type_tile.isEnabled(), w.language_button.isEnabled()); "
        "print(s.subtitle.text())"
    )
    assert shown == "True False False"  # visible; tiles and header buttons wait for a session
    assert subtitle == "正在启动，请稍候…"
    assert heavy == "[]"


def test_the_start_screen_works_from_its_first_frame_without_the_core_imported():
    working, heavy = _fresh_interpreter(
        "import sys; from ui.app import make_application, show_start; "
        "app = make_application(); w, early = show_start(windowed=True); app.processEvents(); "
        "s = w.start_screen; tile = s.type_tile.isEnabled(); s.type_tile.click(); "
        "app.processEvents(); "
        "print(tile, w.language_button.isEnabled(), early.session.state.screen)"
    )
    assert working == "True True identify"
    assert heavy == "[]"


FIRST_FRAME = """
import sys
import PySide6.QtCore as core
from PySide6.QtCore import QEvent, QObject, QTimer
from ui.app import make_application, show_start
app = make_application()
window, early = show_start(windowed=False)
window.allow_close = True
seen = []
class Spy(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append(("Qt" in vars(core), window.start_screen.type_tile.isEnabled()))
        return False
spy = Spy()
window.installEventFilter(spy)
def wait():
    if window.first_frame_done:
        app.quit()
    else:
        QTimer.singleShot(10, wait)
wait()
app.exec()
print(*seen[0])
print(bool(window.windowHandle().flags() & core.Qt.WindowType.FramelessWindowHint))
print(bool(window.windowFlags() & core.Qt.WindowType.FramelessWindowHint))"""


def test_the_start_screen_is_painted_before_the_qt_namespace_is_built():
    # The first use of PySide's `Qt` builds all its 93 enums in Python (20-35 ms here); the
    # full-screen start screen, working, is painted before that, and the window is frameless.
    at_first_paint, frameless, recorded, heavy = _fresh_interpreter(FIRST_FRAME)
    assert at_first_paint == "False True"  # `Qt` not built yet; the tiles work
    assert frameless == "True"
    assert recorded == "True"  # once the first frame is done
    assert heavy == "[]"


def _started(qtbot, tmp_path: Path, release: threading.Event | None = None):
    window, early = show_start(windowed=True, language="en")
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    built: list[Kiosk] = []

    def build(early: EarlySession) -> Kiosk:
        if release is not None:
            assert release.wait(60), "the test never let the core start"
        kiosk = Kiosk.build(kiosk_settings(tmp_path), early=early)
        built.append(kiosk)
        kiosk.start()
        return kiosk

    starter = CoreStarter(window, build, early)
    starter.ready.connect(lambda k: attach_kiosk(window, k, simulation_panel=False))
    return window, starter, built


def test_the_kiosk_language_applies_once_the_core_joins_if_nobody_chose_one(qtbot, tmp_path):
    window, starter, built = _started(qtbot, tmp_path)
    assert window.start_screen.type_tile.isEnabled()
    assert window.start_screen.subtitle.text() == "Touch the screen to begin"
    with qtbot.waitSignal(starter.ready, timeout=60_000):
        starter.start()
    try:
        assert window.start_screen.subtitle.text() == "请触摸屏幕开始"  # the kiosk's language
        QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is window.screens[Screen.IDENTIFY], timeout=5000
        )
    finally:
        starter.join()
        for kiosk in built:
            kiosk.close()


def test_a_resident_types_an_account_while_the_core_starts_and_sees_it_once_started(
    qtbot, tmp_path
):
    release = threading.Event()
    window, starter, built = _started(qtbot, tmp_path, release)
    starter.start()
    try:
        QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
        identify = window.screens[Screen.IDENTIFY]
        qtbot.waitUntil(lambda: window.stack.currentWidget() is identify, timeout=5000)
        type_digits(qtbot, window, "account", "3300000001")
        tap(qtbot, window, "account_key_ok")
        assert not built  # the core is held back: only the early session exists
        assert window.session is not None
        assert window.session.state.screen is Screen.LOOKUP
        assert window.language_button.text() == "中文"  # still the resident's English
        release.set()
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is window.screens.get(Screen.ACCOUNT),
            timeout=60_000,
        )
        assert window.session.state.account.account_no == "3300000001"
        assert window.session.state.language == "en"  # chosen before the core: kept
    finally:
        release.set()
        starter.join()
        for kiosk in built:
            kiosk.close()


def test_a_core_that_cannot_start_is_reported_and_frees_the_waiting_resident(qtbot):
    window, early = show_start(windowed=True, language="en")
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    release = threading.Event()

    def build(early: EarlySession) -> Kiosk:
        assert release.wait(60)
        raise OSError("journal directory not writable")

    starter = CoreStarter(window, build, early)
    starter.start()
    QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window, "account", "3300000001")
    tap(qtbot, window, "account_key_ok")
    with qtbot.waitSignal(starter.failed, timeout=10_000):
        release.set()
    starter.join()
    assert isinstance(starter.error, OSError)
    assert not early.session.bound
    qtbot.waitUntil(lambda: early.session.state.screen is Screen.NOTICE, timeout=5000)
    assert early.session.state.message == "backend_error"


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


def test_settling_builds_the_screens_and_freezes_the_start_up_heap(qtbot, tmp_path, caplog):
    window, starter, built = _started(qtbot, tmp_path)
    with qtbot.waitSignal(starter.ready, timeout=60_000):
        starter.start()
    settled: list[bool] = []
    gc.unfreeze()
    try:
        settle(window, lambda: settled.append(True))
        qtbot.waitUntil(lambda: bool(settled), timeout=30_000)
        assert gc.get_freeze_count() > 10_000  # the core and the widgets, out of the collector
        assert Screen.ACCOUNT in window.screens and Screen.CASH in window.screens
        assert "warming" not in caplog.text  # every screen took the made-up account
        # The warmed screens show the real account, not the made-up one they were drawn with.
        QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
        type_digits(qtbot, window, "account", "3300000001")
        tap(qtbot, window, "account_key_ok")
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is window.screens[Screen.ACCOUNT], timeout=20_000
        )
        texts = [label.text() for label in window.screens[Screen.ACCOUNT].findChildren(QLabel)]
        assert "3300000001" in texts
        assert not any(SAMPLE_ACCOUNT_NO in text for text in texts)
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
        starter.join()
        for kiosk in built:
            kiosk.close()


def test_screens_are_not_warmed_while_a_resident_is_at_the_kiosk(qtbot, tmp_path):
    window, starter, built = _started(qtbot, tmp_path)
    with qtbot.waitSignal(starter.ready, timeout=60_000):
        starter.start()
    settled: list[bool] = []
    try:
        QTest.mouseClick(window.start_screen.type_tile, Qt.MouseButton.LeftButton)
        assert window.session is not None
        assert window.session.state.screen is Screen.IDENTIFY
        settle(window, lambda: settled.append(True))
        qtbot.wait(300)
        assert not settled and Screen.ACCOUNT not in window.screens  # paused for the resident
        window.session.cancel()  # back to the start screen: the kiosk is idle again
        qtbot.waitUntil(lambda: bool(settled), timeout=30_000)
        assert Screen.ACCOUNT in window.screens
    finally:
        gc.unfreeze()
        starter.join()
        for kiosk in built:
            kiosk.close()


def started_window(qtbot, settings) -> tuple[Kiosk, MainWindow]:
    """A kiosk started from `settings` and its whole window, the voice made at once."""
    kiosk = Kiosk.build(settings)
    kiosk.start()
    window = build_window(kiosk, simulation_panel=False)  # the voice at once (not `later`)
    window.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    return kiosk, window


def voice_volume(qtbot, window: MainWindow) -> float:
    """The volume the voice was made with, once its helper process has it too."""
    speaker = window.speaker
    assert speaker is not None
    qtbot.waitUntil(lambda: speaker.ready, timeout=15000)
    volume = speaker.volume
    qtbot.waitUntil(lambda: speaker.engine.volume() == pytest.approx(volume), timeout=5000)
    speaker.close()
    return volume


def test_the_voice_starts_at_the_configured_volume_until_a_technician_sets_one(
    qtbot, tmp_path: Path
):
    from kiosk.staff.access import Actor

    settings = kiosk_settings(tmp_path)
    settings = settings.model_copy(
        update={"ui": settings.ui.model_copy(update={"voice_volume": 0.3, "click_sound": True})}
    )
    kiosk, window = started_window(qtbot, settings)
    try:
        assert kiosk.local_at_start.voice_volume is None  # nothing set at this kiosk yet
        assert voice_volume(qtbot, window) == 0.3 and window.click_sound_on()
        kiosk.local_settings.set(Actor("wang.tech", "technician"), "voice_volume", 0.9)
        kiosk.local_settings.set(Actor("wang.tech", "technician"), "click_sound", False)
    finally:
        kiosk.close()
    kiosk, window = started_window(qtbot, settings)  # the restart: the same data directory
    try:
        assert voice_volume(qtbot, window) == 0.9 and not window.click_sound_on()
    finally:
        kiosk.close()
