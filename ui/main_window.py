"""The kiosk window: a header, one screen per session state, the idle warning, and in simulation a
panel that drives the fake devices.

The window comes up in two steps so the start screen is on screen before the core is imported:
`MainWindow(None, ...)` is the shell (header and the start screen, tiles showing "Starting…"),
`attach(bridge)` joins the session once the core is running. Screens other than the start screen
are built on first use, or ahead of it in idle moments (`prebuild`).
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.state import DRAWN_SCREENS, Screen, SessionState
from ui.messages import Messages
from ui.reflow import Box, PageStack, ReflowGrid
from ui.screens.base import ScreenWidget
from ui.screens.start import StartScreen
from ui.theme import stylesheet
from ui.translations import Translations
from ui.widgets import TOUCH, button, label, set_enum_property

if TYPE_CHECKING:
    from kiosk.session.machine import Session
    from ui.bridge import SessionBridge
    from ui.click import ClickSound
    from ui.speech import Speaker, SpeechGuide

log = logging.getLogger(__name__)

SimAction = tuple[str, str, Callable[[], None]]  # (objectName, label, action)
# Screens drawn with a made-up account when warmed (see MainWindow._warm).
WARM_WITH_SAMPLE = frozenset(
    {Screen.ACCOUNT, Screen.AMOUNT, Screen.METHOD, Screen.CONFIRM, Screen.CASH, Screen.RESULT}
)
ScreenFactory = Callable[[], ScreenWidget]
PREBUILD_PAUSE_MS = 1000  # how often a paused prebuild looks again for an idle kiosk
AHEAD_IDLE_MS = 250  # no render this long (a resident reading): one more screen to the text size
# A text-size switch re-polishes the screen shown a piece at a time, about this long per
# event-loop turn (the account screen in one go: 28-34 ms, its widest piece 10 ms).
SPLIT_TURN_S = 0.010
PIECE_WIDGETS = 30  # a container with more widgets under it than this is styled in pieces


class ScreenTable(dict[Screen, ScreenWidget]):
    """The screen for each state, built on first use (a lookup builds a missing one)."""

    def __init__(self, build: Callable[[Screen], ScreenWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, screen: Screen) -> ScreenWidget:
        widget = self._build(screen)
        self[screen] = widget
        return widget


class AfterPaint(QObject):
    """Calls `callback` once, on the event-loop turn after `widget`'s next paint (or after
    `fallback_ms` if no paint comes, e.g. a hidden window)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int = 300):
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        self._widget.removeEventFilter(self)
        if callback is not None:
            callback()


class MainWindow(QMainWindow):
    def __init__(
        self,
        bridge: SessionBridge | None,
        translations: Translations,
        *,
        receipt_url: str = "",
        sim_actions: list[SimAction] | None = None,
        tick_ms: int = 250,
        language: str = "zh",
    ) -> None:
        """With `bridge` None this is the shell: call `attach` once the core runs."""
        super().__init__()
        self.bridge: SessionBridge | None = None
        self.session: Session | None = None
        self.translations = translations
        self.messages = Messages()
        self.setWindowTitle("PowerPay")
        central = QWidget()
        central.setObjectName("shell")
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.header = self._build_header()
        self._column.addWidget(self.header)
        self.stack = PageStack()
        self._column.addWidget(self.stack, 1)
        self._column.addWidget(self._build_warning())
        self.setCentralWidget(central)
        # One stylesheet for the window, set once: the normal sizes. Large text is a stylesheet
        # on each part (header, warning, the screen shown), applied when that part is shown, so
        # a switch re-polishes the widgets on screen instead of every widget of every screen.
        self.setStyleSheet(stylesheet(False))
        self._parts: list[QWidget] = [self.header, self.warning]
        self._part_senior: dict[int, bool] = {}
        self._pieces_of: dict[int, list[QWidget]] = {}  # a part's pieces (`_pieces`)
        self.split_turn_s = SPLIT_TURN_S  # the re-polish a text-size switch does per turn
        self._factories: dict[Screen, ScreenFactory] = {}
        self._built: dict[int, ScreenWidget] = {}
        self.screens = ScreenTable(self._build_screen)
        self.start_screen = StartScreen(None, self.messages)  # type: ignore[arg-type]
        self.screens[Screen.START] = self.start_screen
        self.stack.addWidget(self.start_screen)
        self.speaker: Speaker | None = None
        self.receipt_url = receipt_url
        self.guide: SpeechGuide | None = None
        self._click_wanted = False
        self._voice_volume = 0.8
        self._click: ClickSound | None = None
        self.timer = QTimer(self)
        self._tick_ms = tick_ms
        self._senior: bool | None = None
        self._splitting = False  # a text-size switch is being drawn over several turns
        self._ahead = QTimer(self)  # restarted by each render: fires once the window is idle
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(AHEAD_IDLE_MS)
        self._ahead.timeout.connect(self._restyle_ahead)
        self._language: str | None = None
        self._shown: Screen | None = None
        self._shell_state = SessionState(language=language)
        self.render()
        self._install_lockdown()
        # Staff console (ui/staff): build_window sets the factory; a 3 s hold on the header's
        # top-left corner opens it.
        from ui.staff_entry import install_staff_entry

        self.staff_console: QWidget | None = None
        self.staff_console_factory: Callable[[], QWidget] | None = None
        install_staff_entry(self, self.open_staff_console)
        if bridge is not None:
            self.attach(bridge, receipt_url=receipt_url, sim_actions=sim_actions)

    def attach(
        self,
        bridge: SessionBridge,
        *,
        receipt_url: str = "",
        sim_actions: list[SimAction] | None = None,
        voice_later: bool = False,
    ) -> None:
        """Join a running core's session in one step (tests, the demo, the self-test)."""
        self.attach_session(bridge)
        self.attach_core(receipt_url=receipt_url, sim_actions=sim_actions, voice_later=voice_later)

    def attach_session(self, bridge: SessionBridge) -> None:
        """The resident's session: the start tiles, the keypad and the header work from here on,
        also while the core is still starting (kiosk.session.early); `attach_core` follows."""
        self.bridge = bridge
        self.session = session = bridge.session
        session.wait_for_window()
        self.start_screen.session = session
        self._register_screens(session)
        for widget in (self.language_button, self.senior_button, self.staff_button):
            widget.setEnabled(True)
        self.extend_button.setEnabled(True)
        bridge.session_did_change.connect(self.render)
        self.timer.timeout.connect(session.tick)
        self.timer.start(self._tick_ms)
        self.render(session.state)

    def attach_core(
        self,
        *,
        receipt_url: str = "",
        sim_actions: list[SimAction] | None = None,
        voice_later: bool = False,
        click_sound: bool = False,
        voice_volume: float = 0.8,
    ) -> None:
        """What needs the running core: the receipt link, the simulation panel, the voice, the
        click of a touch (made by `start_click_sound`, once the kiosk has settled).

        `voice_later`: the voice's helper process (ui/speech_link.py; speech-dispatcher's engine
        takes seconds to build and holds the GIL meanwhile) is started once the working start
        screen has been painted (`start_voice`), not during start-up. Until the voice is ready
        the read-aloud button stays disabled: none is needed earlier, as no idle warning runs
        before the core (kiosk.session.early)."""
        from ui.speech import SILENT, Speaker, SpeechGuide

        assert self.bridge is not None, "attach_session first"
        self.guide = SpeechGuide(self, Speaker(SILENT))
        self.speaker = self.guide.speaker
        self.receipt_url = receipt_url
        if sim_actions:
            panel = self._build_sim_panel(sim_actions)
            self._column.addWidget(panel)
            self._parts.append(panel)
            if self._senior:
                self._style(panel, True)
        self._click_wanted = click_sound
        self._voice_volume = voice_volume
        if not voice_later:
            self.start_voice()

    @staticmethod
    def _voice() -> Speaker:
        from ui.speech import Speaker

        # speech-dispatcher on a kiosk; tests and CI set KIOSK_SPEECH_ENGINE=mock.
        return Speaker(os.environ.get("KIOSK_SPEECH_ENGINE") or None)

    def start_click_sound(self) -> None:
        """The click of every touch on a button (ui/click.py), if the settings want one: its
        player process is started once the kiosk has settled, not during start-up. It lasts as
        long as the application: every button plays it through `ui.widgets.TOUCH`."""
        if not self._click_wanted or TOUCH.click is not None:
            return
        from ui.click import ClickSound

        try:
            self._click = ClickSound()
        except Exception:  # a missing sound never keeps the kiosk from serving
            log.exception("no click sound")
            return
        TOUCH.click = self._click.play

    def click_sound_on(self) -> bool:
        return self._click_wanted

    def set_click_sound(self, on: bool) -> None:
        """A technician's switch (ui/staff/technician.py): on, the next touches click; off, the
        player is told to end (its end of input) and touches are silent at once."""
        self._click_wanted = on
        if on:
            self.start_click_sound()
            return
        TOUCH.click = None
        if self._click is not None:
            self._click.stop()

    def start_voice(self) -> None:
        """The real voice in place of the silent one (see `attach`). It is made in a helper
        process (ui/speech.py `Speaker`), so this returns at once; the read-aloud button is
        enabled while the voice is ready."""
        if self.guide is None or self.guide.speaker.engine is not None:
            return
        speaker = self._voice()
        speaker.volume = self._voice_volume
        speaker.available_changed.connect(self.speak_button.setEnabled)
        self.speaker = self.guide.speaker = speaker
        self.speak_button.setEnabled(speaker.ready)

    def _register_screens(self, session: Session) -> None:
        """A factory per state; each screen's module is imported when it is first built, so
        attaching the session (the start screen's first touch) costs no imports."""
        m = self.messages

        def make(module: str, name: str) -> ScreenFactory:
            def build() -> ScreenWidget:
                screen_class = getattr(importlib.import_module(f"ui.screens.{module}"), name)
                widget: ScreenWidget = screen_class(session, m)
                return widget

            return build

        def shared(make: ScreenFactory) -> ScreenFactory:
            """One widget for several states (the busy screen, the card slot)."""
            made: list[ScreenWidget] = []

            def get() -> ScreenWidget:
                if not made:
                    made.append(make())
                return made[0]

            return get

        def result() -> ScreenWidget:
            from ui.screens.result import ResultScreen

            # The receipt link comes with the core; no payment's result shows before it.
            return ResultScreen(session, m, receipt_url=self.receipt_url)

        busy = shared(make("notice", "BusyScreen"))
        card_slot = shared(make("card", "CardSlotScreen"))
        self._factories = {
            Screen.IDENTIFY: make("identify", "IdentifyScreen"),
            Screen.LOOKUP: busy,
            Screen.ACCOUNT: make("account", "AccountScreen"),
            Screen.AMOUNT: make("payment", "AmountScreen"),
            Screen.METHOD: make("payment", "MethodScreen"),
            Screen.CONFIRM: make("payment", "ConfirmScreen"),
            Screen.PREPARING: busy,
            Screen.CASH: make("cash", "CashScreen"),
            Screen.WALLET_SCAN: make("wallet", "WalletScanScreen"),
            Screen.WALLET_WAIT: make("wallet", "WalletWaitScreen"),
            Screen.WALLET_QR: make("wallet", "WalletQrScreen"),
            Screen.BANK_CARD_INSERT: card_slot,
            Screen.CARD_READING: card_slot,
            Screen.PIN: card_slot,
            Screen.CARD_AUTH: card_slot,
            Screen.CARD_WRITING: card_slot,
            Screen.POSTING: busy,
            Screen.RESULT: result,
            Screen.NOTICE: make("notice", "NoticeScreen"),
            Screen.INVOICE: make("invoice", "InvoiceScreen"),
            Screen.INVOICE_RESULT: make("invoice", "InvoiceResultScreen"),
            Screen.MANDATE: make("mandate", "MandateScreen"),
            Screen.MANDATE_RESULT: make("mandate", "MandateResultScreen"),
            Screen.OUT_OF_SERVICE: make("notice", "OutOfServiceScreen"),
        }

    def _build_screen(self, screen: Screen) -> ScreenWidget:
        factory = self._factories.get(screen)
        if factory is None:
            raise KeyError(f"{screen}: the core is not attached yet")
        widget = factory()
        if self.stack.indexOf(widget) < 0:
            self.stack.addWidget(widget)
        return widget

    def _ensure(self, screen: Screen) -> None:
        if screen not in self.screens:
            self.screens[screen] = self._build_screen(screen)

    def build_all_screens(self) -> int:
        """Every screen now (the self-test: a frozen build must have every screen's module)."""
        for screen in self._factories:
            self._ensure(screen)
        return len({id(self.screens[screen]) for screen in self._factories})

    def prebuild(
        self,
        screens: list[Screen] | None = None,
        *,
        gap_ms: int = 0,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Build the screens not built yet, one per event-loop turn, so no build is a long stall
        and the first session does not pay for them. Default: the common screens, in the order a
        session meets them; the invoice and card screens are left for first use."""
        todo = [
            s
            for s in screens
            or [
                Screen.IDENTIFY,
                Screen.LOOKUP,
                Screen.ACCOUNT,
                Screen.AMOUNT,
                Screen.METHOD,
                Screen.CONFIRM,
                Screen.CASH,
                Screen.RESULT,
                Screen.NOTICE,
                Screen.WALLET_SCAN,
                Screen.WALLET_WAIT,
                Screen.WALLET_QR,
                Screen.OUT_OF_SERVICE,
            ]
            if s not in self.screens
        ]
        # Then each is drawn once in large text and put back, a turn each: a screen's first
        # large-text polish met its texts at new sizes (font engines, glyphs), 45 ms instead of
        # 17-25 for the account screen. Start-up idle time: prebuild takes 500-720 ms instead of
        # 370-380; the longest of these turns, the account screen's large text, ~60 ms (its
        # first build and warm: ~115 ms).
        steps = [(screen, "build") for screen in todo]
        for screen in todo:
            steps += [(screen, "large"), (screen, "back")]

        def next_one() -> None:
            if self.session is not None and self.session.state.screen is not Screen.START:
                # A resident is here (the early session takes touches during start-up): no
                # 30-60 ms builds between their taps; the screens they reach are built on use.
                QTimer.singleShot(PREBUILD_PAUSE_MS, next_one)
                return
            while steps:
                screen, step = steps.pop(0)
                if step == "build" and screen in self.screens:
                    continue  # a resident's session built it meanwhile
                if step == "back":
                    self._style(self.screens[screen], bool(self._senior))
                else:
                    self._warm(screen, senior=step == "large")
                break
            if steps:
                QTimer.singleShot(gap_ms, next_one)
            elif on_done is not None:
                on_done()

        if steps:
            QTimer.singleShot(gap_ms, next_one)
        elif on_done is not None:
            on_done()

    def _warm(self, screen: Screen, *, senior: bool = False) -> None:
        """Build a screen if need be, then style, lay out and paint it once off screen, at the
        window's size (in large text with `senior`): the first time a screen is shown otherwise
        costs 40-80 ms of stylesheet polish, layout and glyph rasterising on the GUI thread, in
        front of a resident. The screens that show an account are drawn with a made-up one
        (ui/warm_sample.py); every screen is drawn again from the real state before it is
        shown."""
        self._ensure(screen)
        widget = self.screens[screen]
        widget.resize(self.stack.size())
        if senior:
            self._style(widget, True)
        if screen in WARM_WITH_SAMPLE and self.session is not None:
            from ui.warm_sample import sample_state

            try:
                widget.warm(sample_state(screen, self.session.state.language, senior))
            except Exception:  # warming is an optimisation: never a reason to fail
                log.exception("warming %s with a sample account failed", screen)
        widget.grab()

    def open_staff_console(self) -> None:
        """The console over the whole window; residents see "out of service" while it is open."""
        if self.staff_console is not None or self.staff_console_factory is None:
            return
        if self.session is None:
            return
        console = self.staff_console_factory()
        console.setParent(self)
        if self._senior:
            console.setStyleSheet(stylesheet(True))
        console.setGeometry(self.rect())
        self.staff_console = console
        self.session.set_out_of_service(True)
        console.closed.connect(self.close_staff_console)  # type: ignore[attr-defined]
        console.show()
        console.raise_()

    def close_staff_console(self) -> None:
        console, self.staff_console = self.staff_console, None
        if console is not None and self.session is not None:
            console.hide()
            console.deleteLater()
            self.session.set_out_of_service(bool(getattr(console, "keep_out_of_service", False)))

    # -- building --------------------------------------------------------------------------
    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setProperty("role", "header")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 10, 32, 10)
        # Brand and buttons side by side; on a narrow display the buttons go under the brand.
        reflow = ReflowGrid((2, 1), spacing=16, stretch=(1, 0))
        row.addWidget(reflow)
        self.brand = label("", None, wrap=False)
        # Until the core is attached the session does not exist: these stay disabled.
        self.language_button = button("toggle_language", "header", self._toggle_language)
        self.senior_button = button("toggle_senior", "header", self._toggle_senior)
        self.staff_button = button("call_staff", "header", self._call_staff)
        self.speak_button = button("speak", "speak", self._speak)
        buttons = Box()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(16)
        line.addStretch(1)
        for widget in (
            self.speak_button,
            self.language_button,
            self.senior_button,
            self.staff_button,
        ):
            widget.setEnabled(False)
            line.addWidget(widget)
        reflow.add(self.brand)
        reflow.add(buttons)
        self.header_reflow = reflow
        return header

    def _build_warning(self) -> QFrame:
        self.warning = QFrame()
        self.warning.setProperty("role", "warning")
        row = QHBoxLayout(self.warning)
        row.setContentsMargins(32, 10, 32, 10)
        self.warning_text = label("")
        self.warning_text.setObjectName("warning_text")
        self.extend_button = button("extend", "primary", self._extend)
        self.extend_button.setEnabled(False)
        row.addWidget(self.warning_text, 1)
        row.addWidget(self.extend_button)
        self.warning.hide()
        return self.warning

    def _build_sim_panel(self, actions: list[SimAction]) -> QFrame:
        panel = QFrame()
        row = QHBoxLayout(panel)
        row.setContentsMargins(16, 4, 16, 4)
        row.addWidget(label("SIMULATION", "muted", wrap=False))
        for name, text, action in actions:
            widget = button(name, "sim", action)
            widget.setText(text)
            row.addWidget(widget)
        row.addStretch(1)
        return panel

    # -- rendering -------------------------------------------------------------------------
    def _toggle_language(self) -> None:
        if self.session is not None:
            self.session.set_language("en" if self.session.state.language == "zh" else "zh")

    def _toggle_senior(self) -> None:
        if self.session is not None:
            self.session.toggle_senior()

    def _call_staff(self) -> None:
        if self.session is not None:
            self.session.call_staff()

    def _extend(self) -> None:
        if self.session is not None:
            self.session.extend()

    def _speak(self) -> None:
        if self.guide is not None:
            self.guide.start()

    def _style(self, part: QWidget, senior: bool) -> None:
        """Give `part` the large-text stylesheet (or back to the window's) if it has not it yet.
        Only that part's widgets are re-polished."""
        self._style_some(part, senior, budget_s=None)

    def _style_some(self, part: QWidget, senior: bool, budget_s: float | None) -> bool:
        """Style `part` piece by piece (`_pieces`) until `budget_s` is spent (None: all of it);
        True when pieces are left for another turn."""
        if self._part_senior.get(id(part), False) is senior:
            return False
        sheet = stylesheet(True) if senior else ""
        start, styled = time.perf_counter(), False
        for piece in self._pieces(part):
            if self._part_senior.get(id(piece), False) is senior:
                continue
            if styled and budget_s is not None and time.perf_counter() - start >= budget_s:
                return True  # at least one piece a turn
            self._part_senior[id(piece)] = senior
            piece.setStyleSheet(sheet)
            styled = True
        self._part_senior[id(part)] = senior
        return False

    def _pieces(self, part: QWidget) -> list[QWidget]:
        """`part` as pieces that each take the stylesheet (`_split`), the same ones each time: a
        part split differently on the way back (its widgets grew or shrank in number) would keep
        large-text sheets on the pieces of the way there. Pieces deleted since are left out."""
        pieces = self._pieces_of.get(id(part))
        if pieces is None:
            pieces = self._pieces_of[id(part)] = self._split(part)
        return [piece for piece in pieces if shiboken6.isValid(piece)]

    def _split(self, part: QWidget) -> list[QWidget]:
        """`part` itself when small, else (when it is a container that draws no text: a screen,
        a box, a scroll area, a page stack) its children in pieces. A container split so keeps
        the window's stylesheet, which gives it nothing that depends on the text size."""
        if len(part.findChildren(QWidget)) <= PIECE_WIDGETS:
            return [part]
        if not isinstance(part, (ScreenWidget, Box, PageStack, QScrollArea)) and (
            type(part) is not QWidget
        ):
            return [part]
        children = [c for c in part.children() if isinstance(c, QWidget) and not c.isWindow()]
        if any(c.styleSheet() and not self._part_senior.get(id(c), False) for c in children):
            return [part]  # a child's own stylesheet (the invoice's fields) is not ours to replace
        pieces: list[QWidget] = []
        for child in children:
            pieces += self._split(child)
        return pieces

    def _begin_split(self) -> None:
        """The screen to show is in the other text size (the switch was touched on it, or it is
        shown for the first time since). Re-polishing it, laying it out and painting it in one
        go held the GUI thread 45-80 ms, past the 50 ms a touch may wait; so it is re-polished
        a piece at a time over the next event-loop turns (about `split_turn_s` each; the
        account screen took 28-34 ms in one) and drawn on the turn after, and the window keeps
        its last frame meanwhile (no half-switched frame is shown). A render asked for in
        between (a touch, a worker's news) waits for the last turn, which draws the latest
        state."""
        self._splitting = True  # only `draw` ends it: one switch at a time, no stale turns
        self.setUpdatesEnabled(False)

        def restyle() -> None:
            state = self._latest()
            more = self._style_some(self.screens[state.screen], state.senior, self.split_turn_s)
            QTimer.singleShot(1, self, restyle if more else draw)

        def draw() -> None:
            self._splitting = False
            self.setUpdatesEnabled(True)
            self.render()

        # 1 ms, not 0: a zero timer is a posted event, run in the same event-loop pass as this
        # turn; a timer lets the loop take pending touches and timers between the turns.
        QTimer.singleShot(1, self, restyle)

    def _restyle_ahead(self) -> None:
        """Put one screen not shown into the window's text size, the next the resident is
        likely to meet first (the order they were built in), while the window is idle: a
        screen met in the other size costs its re-polish at the touch that opens it (20-45 ms,
        a turn of its own: `_begin_split`). One per idle spell, so a touch that comes
        meanwhile waits for one re-polish at most. Also puts screens back after a session in
        large text."""
        if self._splitting or self._senior is None:
            return
        shown = self.stack.currentWidget()
        for widget in dict.fromkeys(self.screens.values()):
            if widget is not shown and self._part_senior.get(id(widget), False) is not self._senior:
                self._style(widget, self._senior)
                self._ahead.start()
                return

    def showing_latest(self) -> bool:
        """The latest state's screen is the one shown, and no text-size switch is half done (its
        turns hold the last frame): what a screenshot should wait for."""
        if self._splitting:
            return False
        screen = self.screens.get(self._latest().screen)
        return screen is not None and self.stack.currentWidget() is screen

    def _latest(self) -> SessionState:
        return self.session.state if self.session is not None else self._shell_state

    def render(self, _emitted: SessionState | None = None) -> None:
        """Draw the session's latest state. Signals from worker threads arrive late and out of
        order with touches on the GUI thread, so the state they carry may already be stale."""
        if self._splitting:
            return  # a text-size switch is being drawn over several turns; its last draws this
        state = self._latest()
        if state.language != self._language:
            self._language = state.language
            self.translations.use(state.language)
        if state.senior != self._senior:
            self._senior = state.senior
            for part in self._parts:
                self._style(part, state.senior)
        self.brand.setText(self.tr("State Grid electricity · self-service"))
        self.language_button.setText("English" if state.language == "zh" else "中文")
        self.senior_button.setText(
            self.tr("Standard text") if state.senior else self.tr("Large text")
        )
        self.speak_button.setText(self.tr("Read aloud"))
        self.staff_button.setText(
            self.tr("Staff are coming") if state.staff_called else self.tr("Call staff")
        )
        screen = self.screens[state.screen]
        if self._part_senior.get(id(screen), False) is not state.senior:
            self._begin_split()
            return
        self._style(screen, state.senior)
        screen.render(state)
        self.stack.setCurrentWidget(screen)
        self._ahead.start()
        if state.screen in DRAWN_SCREENS and self._shown is not state.screen:
            session = self.session
            if session is not None:  # the receipt or the history waits for this (`wait_for_window`)
                AfterPaint(screen, partial(session.drawn, state.screen))
        self._shown = state.screen
        if state.warning_s is not None:
            text = (
                self.tr("Still there? Returning to the start in {n} s.")
                if state.screen is not Screen.CASH
                else self.tr("Insert a note or touch Done. Finishing in {n} s.")
            )
            self.warning_text.setText(text.format(n=state.warning_s))
            self.extend_button.setText(self.tr("More time"))
            self.warning.show()
        else:
            self.warning.hide()

    # -- lockdown: a resident cannot close or leave the kiosk ---------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "allow_close", False):
            event.accept()
        else:
            event.ignore()

    def _install_lockdown(self) -> None:
        """Swallow the keys that would close or leave the kiosk.

        Not an application-wide event filter: that calls into Python for every event of every
        widget (thousands per screen change), each call waiting for the GIL while worker threads
        run. Key events from the platform all pass through this window's QWindow first, so a
        filter there sees every key a resident can press and little else; the filter on the
        window itself catches keys sent straight to it.
        """
        self.installEventFilter(self)
        self.winId()  # creates the QWindow now, so the filter is on it before the first key
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
            # No title bar or frame to drag or close, from the first frame. Set on the QWindow
            # by name: QWidget.setWindowFlag needs the `Qt` namespace, which the first frame
            # does without (ui.widgets.set_enum_property); `_after_first_frame` records it on
            # the widget too.
            set_enum_property(handle, "flags", "Window|FramelessWindowHint")
        self.first_frame_done = False
        AfterPaint(self, self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The window settings that need PySide's `Qt` namespace, whose first use costs 20-35 ms:
        after the first frame, so the start screen is not kept waiting for them."""
        from PySide6.QtCore import Qt

        # Already the QWindow's (`_install_lockdown`); recorded on the widget so a new QWindow,
        # should Qt make one, is frameless too.
        self.overrideWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        # Each screen change repaints the whole window, and every styled widget in the stack
        # paints its whole rect over its parent's: 1920x1080 filled four times per screen. The
        # shell alone paints the surface (the window, as the root, would fill it twice over: its
        # palette, then its style), and the stack and screens are transparent.
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.first_frame_done = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if _is_escape_key(event):
                return True
        elif kind == QEvent.Type.WinIdChange and watched is self:
            handle = self.windowHandle()  # a new QWindow (flags changed): filter it too
            if handle is not None:
                handle.removeEventFilter(self)
                handle.installEventFilter(self)
        return super().eventFilter(watched, event)


def _is_escape_key(event: QKeyEvent) -> bool:
    from PySide6.QtCore import Qt  # not at import: see MainWindow._after_first_frame

    key, mods = event.key(), event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    return (
        key == Qt.Key.Key_Escape
        or (alt and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab))
        or (ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
        or (ctrl and alt and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete))
        or key == Qt.Key.Key_Super_L
        or key == Qt.Key.Key_Super_R
    )
