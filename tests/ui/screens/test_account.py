"""The account screen shows all of its details without scrolling: the who, what is due, and the
bills (or the usage chart) on every display shape, in both languages and both text sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton

from kiosk.session.state import Screen
from tests.ui import helpers
from tests.ui.helpers import tap, wait_screen
from ui.a11y import check_window
from ui.app import CJK_FONTS, make_application
from ui.main_window import MainWindow
from ui.screens.account import AccountScreen
from ui.theme import a11y_limits

SIZES = {"landscape": QSize(1920, 1080), "square": QSize(1280, 1024), "portrait": QSize(1080, 1920)}


@pytest.fixture(autouse=True)
def kiosk_font(qapp):
    """The font the kiosk runs with (make_application picks the installed CJK font), not Qt's
    default: how much fits depends on it. Put back afterwards for the other tests."""
    before = qapp.font()
    make_application()
    assert qapp.font().family() in CJK_FONTS, "no CJK font: apt-get install fonts-wqy-microhei"
    yield
    qapp.setFont(before)


def open_account(
    qtbot, kiosk, window: MainWindow, language: str, senior: bool, number: str = "3300000001"
) -> AccountScreen:
    """3300000001 by default: arrears, a late fee, two tier lines."""
    kiosk.session.set_language(language)
    if senior:
        kiosk.session.toggle_senior()
    helpers.open_account(qtbot, window, number)
    screen = window.screens[Screen.ACCOUNT]
    assert isinstance(screen, AccountScreen)
    return screen


@pytest.mark.parametrize(
    ("language", "senior", "shape"),
    [
        ("en", True, "square"),  # the tightest: large text, little height, two-row header
        ("zh", True, "square"),
        ("en", True, "landscape"),
        ("en", False, "square"),
        ("zh", True, "portrait"),
    ],
)
def test_details_fit_without_scrolling(qtbot, kiosk, window, language, senior, shape):
    size = SIZES[shape]
    window.resize(size)
    screen = open_account(qtbot, kiosk, window, language, senior)
    for tab in ("bills", "usage"):
        tap(qtbot, window, f"account_tab_{tab}")
        window.resize(size)
        qtbot.wait(20)
        bar = screen.scroll.verticalScrollBar()
        need = screen.scroll.widget().minimumSizeHint().height()
        assert bar.maximum() == 0, (
            f"{tab}: the details need {need} px, the screen has {screen.scroll.viewport().height()}"
        )
        assert not bar.isVisible()
        found = [str(v) for v in check_window(window, a11y_limits(senior), screen=size)]
        assert found == [], tab
    # The usage chart, at the height left to it: no more value labels than fit (else Qt
    # elides them all to "…", which the checker cannot see inside the chart).
    (axis,) = screen.chart.axes(Qt.Orientation.Vertical)
    assert isinstance(axis, QValueAxis)
    line = QFontMetrics(axis.labelsFont()).height()
    assert axis.tickCount() >= 2
    assert axis.tickCount() * line <= screen.chart.plotArea().height(), axis.tickCount()


def bar_values(screen: AccountScreen) -> list[float]:
    return [screen.bars.at(i) for i in range(screen.bars.count())]


def test_a_new_accounts_usage_is_drawn_when_its_tab_is_shown(qtbot, kiosk, window):
    """The chart of a new account waits for its tab (drawing it under the bills cost the GUI
    thread 5-10 ms for a tab most residents never open), and it reuses its bars and axes."""
    screen = open_account(qtbot, kiosk, window, "en", False)
    tap(qtbot, window, "account_tab_usage")
    first = sorted(window.session.state.account.usage[:12], key=lambda m: m.period)
    assert bar_values(screen) == [float(m.kwh) for m in first]
    axes = screen.chart.axes()
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    tap(qtbot, window, "back")  # the next resident
    wait_screen(qtbot, window, Screen.START)
    open_account(qtbot, kiosk, window, "en", False, "3300000005")
    usage = sorted(window.session.state.account.usage[:12], key=lambda m: m.period)
    assert [m.kwh for m in usage] != [m.kwh for m in first]
    assert bar_values(screen) == [float(m.kwh) for m in first]  # on the bills: not drawn yet
    tap(qtbot, window, "account_tab_usage")
    assert bar_values(screen) == [float(m.kwh) for m in usage]
    assert screen.axis_x.categories() == [m.period[5:] for m in usage]
    assert screen.axis_y.max() >= max(float(m.kwh) for m in usage)
    assert screen.chart.axes() == axes  # the same two axes, not new ones


@pytest.mark.parametrize(
    ("number", "note"),
    [
        ("3300000001", None),  # arrears: the bills are listed
        ("3300000002", "No unpaid bills."),
        ("3300000004", "A prepaid account has no bills: you buy electricity in advance."),
    ],
)
def test_the_bills_tab_says_so_when_there_is_no_bill(qtbot, kiosk, window, number, note):
    screen = open_account(qtbot, kiosk, window, "en", False, number)
    bills = window.session.state.account.bills
    assert bool(bills) is (note is None)
    assert screen.bills.isVisible() is bool(bills)
    assert screen.bills_note.isVisible() is (note is not None)
    if note is not None:
        assert screen.bills_note.text() == note


def test_a_prepaid_cards_account_explains_why_it_has_no_bills(qtbot, kiosk, window):
    from drivers.card.sim_cards import utility_test_card

    kiosk.session.set_language("zh")
    kiosk.card_reader.insert(utility_test_card())
    wait_screen(qtbot, window, Screen.ACCOUNT)
    screen = window.screens[Screen.ACCOUNT]
    assert window.session.state.account.billing_mode == "prepaid_card"
    qtbot.waitUntil(screen.bills_note.isVisible, timeout=5000)
    assert not screen.bills.isVisible()
    assert "预付费" in screen.bills_note.text()  # in the resident's language


@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_the_bills_sit_under_the_tabs_and_read_like_the_history(qtbot, kiosk, window, shape):
    """The bills page has more room than its two rows: the table starts right under the tabs,
    as the usage and history pages do (not centred in the room, a gap the resident reads as
    "nothing here"). Texts from the left, amounts lined up on the right."""
    window.resize(SIZES[shape])
    screen = open_account(qtbot, kiosk, window, "zh", False)
    qtbot.waitUntil(screen.bills.isVisible, timeout=5000)
    qtbot.wait(20)
    tab = window.findChild(QPushButton, "account_tab_bills")
    assert screen.pages.height() > screen.bills.height() + 100  # there is room to misplace it
    tabs_bottom = tab.mapTo(window, tab.rect().bottomLeft()).y()
    table_top = screen.bills.mapTo(window, screen.bills.rect().topLeft()).y()
    assert 0 <= table_top - tabs_bottom <= 40, (tabs_bottom, table_top)
    left, right = Qt.AlignmentFlag.AlignLeft.value, Qt.AlignmentFlag.AlignRight.value
    for row in range(screen.bills.rowCount()):
        align = [screen.bills.item(row, col).textAlignment() for col in range(4)]
        assert [a & (left | right) for a in align] == [left, left, right, left], row
