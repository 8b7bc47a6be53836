"""The window's frame around the screens: what it paints when a screen changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QWidget

from kiosk.session.state import Screen
from tests.ui.helpers import open_account, tap, wait_screen

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


def _title_pt(window, screen: Screen) -> int:
    return window.screens[screen].title.font().pointSize()


def test_a_text_size_switch_is_drawn_two_turns_later_with_no_half_switched_frame(qtbot, window):
    """Re-polishing, laying out and painting the whole screen in the touch's turn held the GUI
    thread 45-80 ms; the screen is re-polished on the next turn and drawn on the one after, and
    the window shows its last frame meanwhile."""
    from ui.theme import NORMAL, SENIOR

    wait_screen(qtbot, window, Screen.START)
    window.session.set_language("en")
    assert window.language_button.text() == "中文"
    assert _title_pt(window, Screen.START) == NORMAL.title_pt
    window.session.toggle_senior()  # the touch's turn
    assert not window.updatesEnabled()  # no frame with a large header over a small screen
    assert _title_pt(window, Screen.START) == NORMAL.title_pt
    window.session.set_language("zh")  # news before the last turn: drawn by it, not before
    assert window.language_button.text() == "中文"
    qtbot.waitUntil(window.updatesEnabled, timeout=2000)
    assert _title_pt(window, Screen.START) == SENIOR.title_pt
    assert window.language_button.text() == "English"  # the latest state: Chinese shown
    assert window.senior_button.text() == "标准字体"
    window.session.toggle_senior()
    qtbot.waitUntil(window.updatesEnabled, timeout=2000)
    assert _title_pt(window, Screen.START) == NORMAL.title_pt


def test_a_screen_met_in_the_other_text_size_is_polished_before_it_is_shown(qtbot, window):
    from ui.theme import SENIOR

    wait_screen(qtbot, window, Screen.START)
    window.session.toggle_senior()
    qtbot.waitUntil(window.updatesEnabled, timeout=2000)
    start = window.stack.currentWidget()
    tap(qtbot, window, "start_type")
    assert window.session.state.screen is Screen.IDENTIFY
    assert window.stack.currentWidget() is start  # still the last frame: identify is polished
    wait_screen(qtbot, window, Screen.IDENTIFY)
    assert window.updatesEnabled()
    assert _title_pt(window, Screen.IDENTIFY) == SENIOR.title_pt


def test_prebuilt_screens_are_drawn_in_both_text_sizes_then_put_back(qtbot, window, monkeypatch):
    """A screen's first large-text polish met its texts at new sizes (45 ms instead of 17-25):
    start-up draws each prebuilt screen in large text once, then puts it back."""
    from ui.theme import NORMAL

    warmed: list[tuple[Screen, bool]] = []
    warm = window._warm

    def spy(screen: Screen, *, senior: bool = False) -> None:
        warmed.append((screen, senior))
        warm(screen, senior=senior)

    monkeypatch.setattr(window, "_warm", spy)
    done: list[bool] = []
    window.prebuild([Screen.AMOUNT, Screen.METHOD], on_done=lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=10000)
    assert sorted(warmed) == sorted(
        (screen, senior) for screen in (Screen.AMOUNT, Screen.METHOD) for senior in (False, True)
    )
    for screen in (Screen.AMOUNT, Screen.METHOD):
        assert window.screens[screen].styleSheet() == ""
        assert _title_pt(window, screen) == NORMAL.title_pt


def test_screens_not_shown_take_the_text_size_while_the_window_is_idle(qtbot, window):
    """A screen met in the other text size costs a re-polish at the touch that opens it; while
    the resident reads, the built screens are put into the window's size one by one, so the
    next touch draws its screen at once."""
    from ui.theme import NORMAL, SENIOR

    wait_screen(qtbot, window, Screen.START)
    identify, amount = window.screens[Screen.IDENTIFY], window.screens[Screen.AMOUNT]
    window.session.toggle_senior()
    qtbot.waitUntil(window.updatesEnabled, timeout=2000)
    assert _title_pt(window, Screen.IDENTIFY) == NORMAL.title_pt  # not in the touch's turn
    qtbot.waitUntil(
        lambda: (
            {_title_pt(window, Screen.IDENTIFY), _title_pt(window, Screen.AMOUNT)}
            == {SENIOR.title_pt}
        ),
        timeout=3000,
    )
    assert window.stack.currentWidget() is window.screens[Screen.START]
    assert amount.isHidden()
    tap(qtbot, window, "start_type")
    assert window.stack.currentWidget() is identify  # drawn in the touch's turn: no re-polish
    window.session.toggle_senior()  # back to standard text on the identify screen
    qtbot.waitUntil(lambda: _title_pt(window, Screen.AMOUNT) == NORMAL.title_pt, timeout=3000)
    assert _title_pt(window, Screen.IDENTIFY) == NORMAL.title_pt


class PaintLog(QObject):
    """Notes each paint of the widgets it watches, in order with the session's `drawn` calls."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append(f"paint {watched.objectName()}")
        return False


def test_the_session_hears_once_the_account_screen_is_drawn(qtbot, window, monkeypatch):
    """Its payment history waits for that: the request's Python would slow the drawing."""
    log: list[str] = []
    session = window.session
    original = session.drawn

    def drawn(screen: Screen) -> None:
        log.append(screen.name)
        original(screen)

    monkeypatch.setattr(session, "drawn", drawn)
    account = window.screens[Screen.ACCOUNT]
    account.setObjectName("account_screen")
    painted = PaintLog(log)
    account.installEventFilter(painted)
    open_account(qtbot, window)
    qtbot.waitUntil(lambda: "ACCOUNT" in log, timeout=3000)
    assert log.index("paint account_screen") < log.index("ACCOUNT")
    assert log.count("ACCOUNT") == 1
    account.removeEventFilter(painted)
    qtbot.waitUntil(
        lambda: (
            window.session.state.history is not None
            and window.session.state.history.status == "loaded"
        ),
        timeout=3000,
    )


def test_a_text_size_switch_re_polishes_the_account_screen_a_piece_a_turn(qtbot, window):
    """In one go its re-polish held the GUI thread 28-34 ms: it is done in pieces, each turn
    at most about `split_turn_s` (here one piece a turn), the last frame held until all are
    done, and every widget on the screen ends up under a large-text stylesheet."""
    from PySide6.QtWidgets import QLabel, QPushButton

    from ui.theme import SENIOR

    open_account(qtbot, window)
    account = window.screens[Screen.ACCOUNT]
    window.split_turn_s = 0.0
    turns: list[bool] = []
    original = window._style_some

    def style_some(part, senior, budget_s):
        more = original(part, senior, budget_s)
        if part is account and window._splitting:  # a turn of the switch
            turns.append(window.updatesEnabled())
        return more

    window._style_some = style_some
    window.session.toggle_senior()
    qtbot.waitUntil(window.updatesEnabled, timeout=5000)
    assert len(turns) >= 6  # the title, the details, the tabs, the pages, the actions
    assert not any(turns)  # the last frame stays up until the last piece
    assert _title_pt(window, Screen.ACCOUNT) == SENIOR.title_pt
    texts = account.findChildren(QLabel) + account.findChildren(QPushButton)
    assert texts
    for widget in texts:
        holder = widget
        while holder is not account and not holder.styleSheet():
            holder = holder.parentWidget()
        assert holder is not account, widget.objectName() or widget.text()
    window.session.toggle_senior()
    qtbot.waitUntil(window.updatesEnabled, timeout=5000)
    assert all(not widget.styleSheet() for widget in [account, *account.findChildren(QWidget)])


def test_a_widgets_own_stylesheet_survives_a_text_size_switch(qtbot, window):
    """A container is styled in pieces only when none of its widgets has a stylesheet of its
    own (the invoice's fields set theirs): a piece's large-text sheet would replace it."""
    from PySide6.QtWidgets import QLabel

    from ui.reflow import Box

    plain, styled = Box(), Box()
    qtbot.addWidget(plain)
    qtbot.addWidget(styled)
    for box in (plain, styled):
        for n in range(40):
            QLabel(str(n), box)
    own = styled.findChildren(QLabel)[7]
    own.setStyleSheet("min-height: 56px;")
    assert window._pieces(plain) == plain.findChildren(QLabel)
    assert window._pieces(styled) == [styled]
    for senior in (True, False):
        window._style(styled, senior)
        window._style(plain, senior)
        assert own.styleSheet() == "min-height: 56px;"
        assert bool(styled.styleSheet()) is senior
        assert all(bool(label.styleSheet()) is senior for label in plain.findChildren(QLabel))


def test_a_part_goes_back_in_the_pieces_it_went_in(qtbot, window):
    """Its widgets fell from 40 to 20 while in large text (rows deleted): styled whole on the
    way back, the 20 left would keep their large-text sheets."""
    from PySide6.QtWidgets import QLabel

    from ui.reflow import Box

    box = Box()
    qtbot.addWidget(box)
    labels = [QLabel(str(n), box) for n in range(40)]
    window._style(box, True)
    assert all(label.styleSheet() for label in labels)
    for label in labels[20:]:
        label.deleteLater()
    qtbot.waitUntil(lambda: len(box.findChildren(QLabel)) == 20, timeout=2000)
    window._style(box, False)
    assert not box.styleSheet()
    assert [label.styleSheet() for label in box.findChildren(QLabel)] == [""] * 20
