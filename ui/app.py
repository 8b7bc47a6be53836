"""Starts the Qt application around the kiosk core.

`kiosk run` comes up in two steps so a resident can start at once: the window with a working
start screen first (`show_start`), its session made before any of the core is imported
(kiosk.session.early: no SQLAlchemy, pydantic or httpx), so the tiles and the keypad work from
the first frame; then a worker thread (`CoreStarter`) imports, builds and starts the core, which
binds that session and is attached last (simulation panel, staff console, voice). An account
number typed before then is looked up once the core has started. This module imports only Qt and
ui/ at the top; the core comes in inside functions.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.collector import collect_on_gui_thread
from ui.main_window import AfterPaint, MainWindow, SimAction
from ui.translations import Translations

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.session.early import EarlySession

log = logging.getLogger(__name__)

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")


# How long a thread may keep the GIL while another waits for it (Python's default: 5 ms). The
# GUI thread takes and drops the GIL at every call between Qt and Python; with worker threads
# busy in Python (receipt rendering, the journal) each take could wait 5 ms, and a screen
# change makes hundreds. 1 ms keeps those waits short; the workers lose little throughput.
GIL_SWITCH_S = 0.001


def make_application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    # The first of these that is installed (no enumeration of every font: 5 ms at start).
    font = QFont(CJK_FONTS[0])
    font.setFamilies(list(CJK_FONTS))
    app.setFont(font)
    collect_on_gui_thread(app)  # Qt objects in cycles must not be deleted on a worker thread
    return app


def sim_actions(kiosk: Kiosk) -> list[SimAction]:
    """Buttons that play the resident's hands in simulation mode."""
    from drivers.card.fake import FakeCardReader
    from drivers.card.pinpad import FakePinPad
    from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard, utility_test_card
    from drivers.cash.fake import FakeAcceptor
    from drivers.scanner.fake import FakeScanner

    actions: list[SimAction] = []
    acceptor = kiosk.acceptor
    if isinstance(acceptor, FakeAcceptor):
        for value in (100, 500, 1000, 2000, 5000, 10000):

            def insert(value: int = value) -> None:
                acceptor.insert(value)

            actions.append((f"sim_note_{value}", f"¥{value // 100}", insert))
        actions.append(("sim_jam", "Jam", acceptor.jam))
    reader = kiosk.card_reader
    if isinstance(reader, FakeCardReader):

        def insert(card: object) -> None:
            reader.remove()
            reader.insert(card)  # type: ignore[arg-type]

        actions.append(("sim_card_prepaid", "IC card", lambda: insert(utility_test_card())))
        actions.append(
            ("sim_card_bank", "Bank card", lambda: insert(EmvSimCard(TEST_PAN_APPROVED)))
        )
        actions.append(("sim_card_remove", "Remove card", reader.remove))
    if kiosk.cards is not None and isinstance(kiosk.cards.pinpad, FakePinPad):
        pinpad = kiosk.cards.pinpad
        actions.append(("sim_pin_ok", "PIN ✓", lambda: pinpad.enter("123456")))
    scanner = kiosk.scanner
    if isinstance(scanner, FakeScanner):
        bill = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"
        show: Callable[[], None] = lambda: scanner.show(bill)  # noqa: E731
        actions.append(("sim_scan_bill", "Bill QR", show))
        code: Callable[[], None] = lambda: scanner.show("134567890123451234")  # noqa: E731
        actions.append(("sim_scan_pay", "Pay code", code))
    return actions


def build_window(kiosk: Kiosk, *, simulation_panel: bool) -> MainWindow:
    """The whole window around a running core (tests, the demo, the self-test)."""
    window = MainWindow(None, Translations(), language=kiosk.session.state.language)
    attach_kiosk(window, kiosk, simulation_panel=simulation_panel)
    return window


_T = TypeVar("_T")


def first_set(at_kiosk: _T | None, configured: _T) -> _T:
    """A technician's setting made at the kiosk wins over the config file's."""
    return configured if at_kiosk is None else at_kiosk


def attach_kiosk(
    window: MainWindow, kiosk: Kiosk, *, simulation_panel: bool, voice_later: bool = False
) -> None:
    """Join a shell window to the running core: session, simulation panel, staff console.
    `voice_later`: see MainWindow.attach."""
    from kiosk.staff.desk import StaffDesk
    from ui.staff.console import StaffConsole

    if window.session is not kiosk.session:  # not attached early (tests, the demo)
        attach_session(window, kiosk.session)
    window.attach_core(
        receipt_url=kiosk.settings.kiosk.e_receipt_url,
        sim_actions=sim_actions(kiosk) if simulation_panel else None,
        voice_later=voice_later,
        click_sound=first_set(kiosk.local_at_start.click_sound, kiosk.settings.ui.click_sound),
        voice_volume=first_set(kiosk.local_at_start.voice_volume, kiosk.settings.ui.voice_volume),
    )

    def staff_console() -> StaffConsole:
        desk = StaffDesk(
            kiosk.journal,
            kiosk.clock,
            kiosk.settings.kiosk.id,
            forwarder=kiosk.forwarder,
            modes=kiosk.service_mode,
        )
        return StaffConsole(kiosk, desk)

    window.staff_console_factory = staff_console


def attach_session(window: MainWindow, session: object) -> None:
    from ui.bridge import SessionBridge

    window.attach_session(SessionBridge(session))  # type: ignore[arg-type]  # the window keeps it


class CoreStarter(QObject):
    """Builds and starts the core around the early session on a worker thread, once the start
    screen's first frame is painted, then hands it to the GUI thread (`ready`). A failure is
    kept in `error`, the session is freed and `failed` is emitted; `run` then ends the event
    loop and re-raises it."""

    ready = Signal(object)
    failed = Signal()

    def __init__(
        self, window: MainWindow, build: Callable[[EarlySession], Kiosk], early: EarlySession
    ) -> None:
        super().__init__()
        self.window = window
        self.build = build
        self.early = early
        self.kiosk: Kiosk | None = None
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Wait for the first frame (the core's imports would slow its paint), at most 300 ms."""
        AfterPaint(self.window, self._spawn)

    def _spawn(self) -> None:
        if self.thread is not None:
            return
        self.thread = threading.Thread(target=self._run, name="core-start", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            kiosk = self.build(self.early)
        except BaseException as exc:  # handed to the GUI thread, re-raised by the caller
            self.error = exc
            self.early.abandon(type(exc).__name__)
            self.failed.emit()  # queued to the GUI thread
            return
        self.kiosk = kiosk
        self.ready.emit(kiosk)  # queued: the receiver lives on the GUI thread

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def settle(window: MainWindow, on_done: Callable[[], None] | None = None) -> None:
    """Once the working start screen is painted: the voice's helper process (attach_core), the
    click of a touch, then the other screens, built and warmed one per event-loop turn; then the
    heap is frozen.

    `gc.freeze` moves every object alive after start-up (the core, the widgets: ~130,000) out of
    the collector's reach. A full collection over them took ~100 ms, on whichever thread set it
    off, holding the GIL: a GUI stall at a random moment of some resident's session. The
    collector still finds cycles among objects made later."""

    def done() -> None:
        gc.freeze()
        if on_done is not None:
            on_done()

    window.start_voice()
    window.start_click_sound()
    window.prebuild(on_done=done)


def show_start(
    *, windowed: bool, language: str = "zh", size: tuple[int, int] = (1920, 1080)
) -> tuple[MainWindow, EarlySession]:
    """`kiosk run`'s first step: the window with a working start screen, its session made
    before any of the core is imported (kiosk.session.early); `CoreStarter` does the rest."""
    from kiosk.session.early import EarlySession

    early = EarlySession.make(language)
    window = MainWindow(None, Translations(), language=language)
    attach_session(window, early.session)
    _show(window, windowed, size)
    return window, early


def show_shell(
    *, windowed: bool, language: str = "zh", size: tuple[int, int] = (1920, 1080)
) -> MainWindow:
    """The window with its start screen saying "Starting…", on screen; no core imported (the
    demo, which attaches a whole core at once)."""
    window = MainWindow(None, Translations(), language=language)
    _show(window, windowed, size)
    return window


def _show(window: MainWindow, windowed: bool, size: tuple[int, int]) -> None:
    if windowed:
        window.resize(*size)
        window.show()
    else:
        window.showFullScreen()


def run(build: Callable[[EarlySession], Kiosk], *, windowed: bool, language: str = "zh") -> int:
    """`kiosk run`: the shell at once, then the early session, then the core (`build` imports,
    builds and starts it around the early session) on a worker thread. Closes the core on the
    way out."""
    app = make_application()
    window, early = show_start(windowed=windowed, language=language)
    starter = CoreStarter(window, build, early)
    from powerpay.sdnotify import Notifier  # after the first frame is built: 7 ms of imports

    notifier = Notifier()

    def on_ready(kiosk: Kiosk) -> None:
        ui = kiosk.settings.ui
        attach_kiosk(window, kiosk, simulation_panel=ui.simulation_panel, voice_later=True)
        if not windowed and not ui.fullscreen:
            window.showNormal()
        if windowed or not ui.fullscreen:
            window.resize(ui.width, ui.height)
        AfterPaint(window, lambda: settle(window))
        # Under systemd (Type=notify): ready once the core serves the window.
        notifier.ready()

    starter.ready.connect(on_ready)
    starter.failed.connect(lambda: app.exit(1))
    starter.start()
    # The watchdog is fed from the GUI thread, so a frozen event loop gets the kiosk restarted.
    interval = notifier.watchdog_interval_s()
    watchdog = QTimer()
    if interval:
        watchdog.timeout.connect(notifier.watchdog)
        watchdog.start(int(interval * 1000))
    try:
        code = app.exec()
    finally:
        notifier.stopping()
        starter.join()
        if starter.kiosk is not None:
            starter.kiosk.close()
    if starter.error is not None:
        raise starter.error
    return int(code)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
