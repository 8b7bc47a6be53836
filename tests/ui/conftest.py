"""A whole kiosk (journal, client, forwarder, simulator over HTTP, fake devices) behind real Qt
widgets on the offscreen platform."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.config import DEFAULT_CONFIG, load_config
from ui.app import build_window
from ui.collector import collect_on_gui_thread
from ui.main_window import MainWindow
from ui.translations import Translations
from ui.widgets import TOUCH


def kiosk_settings(tmp_path: Path, **session: float):
    settings = load_config(DEFAULT_CONFIG, env={})
    return settings.model_copy(
        update={
            "kiosk": settings.kiosk.model_copy(update={"data_dir": tmp_path / "data"}),
            "backend": settings.backend.model_copy(
                update={
                    "simulate": True,
                    "sim_state": tmp_path / "sim.db",
                    "url": "http://127.0.0.1:0",
                }
            ),
            "session": settings.session.model_copy(update=session),
        }
    )


@pytest.fixture(scope="session")
def gui_thread_collector(qapp):
    """As `kiosk run` (ui.app.make_application): cycles are collected on the GUI thread only, or
    a worker's collection could delete an earlier test's widgets under the GUI thread."""
    return collect_on_gui_thread(qapp)


@pytest.fixture(autouse=True)
def collect_between_tests(gui_thread_collector):
    """Also between tests, on this (the GUI) thread: a test need not run the event loop."""
    yield
    gui_thread_collector.collect_due()


@pytest.fixture(autouse=True)
def no_click_left_installed():
    """The click an earlier test's `settle` made would play on every later test's touches."""
    yield
    TOUCH.click = None


@pytest.fixture(autouse=True)
def english_to_start_with():
    """No translator left installed by an earlier test's window (the application keeps it)."""
    Translations().use("en")
    yield
    Translations().use("en")


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    built = Kiosk.build(kiosk_settings(tmp_path, wallet_poll_s=0.2), clock=OffsetClock())
    built.start()
    yield built
    built.close()


@pytest.fixture
def window(qtbot, kiosk: Kiosk) -> MainWindow:
    win = build_window(kiosk, simulation_panel=False)
    win.allow_close = True  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    return win
