"""The payment history tab on the account screen: every channel's payments in both languages,
"unavailable" without blocking the payment, and the accessibility checker on the tab."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QSize

from kiosk.session.state import Screen
from tests.ui.helpers import open_account, tap, text_of, wait_screen
from ui.a11y import check_window
from ui.main_window import MainWindow
from ui.screens.account import AccountScreen
from ui.theme import a11y_limits


def account_screen(window: MainWindow) -> AccountScreen:
    screen = window.screens[Screen.ACCOUNT]
    assert isinstance(screen, AccountScreen)
    return screen


def history_rows(window: MainWindow) -> list[list[str]]:
    table = account_screen(window).history.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def wait_loaded(qtbot, window: MainWindow) -> None:
    def loaded() -> bool:
        history = window.session.state.history
        return history is not None and history.status == "loaded"

    qtbot.waitUntil(loaded, timeout=10000)
    qtbot.waitUntil(lambda: account_screen(window).history.table.rowCount() > 0, timeout=5000)


def test_history_tab_lists_every_channel_in_english(qtbot, kiosk, window):
    kiosk.session.set_language("en")
    open_account(qtbot, window)
    screen = account_screen(window)
    assert screen.pages.currentWidget() is screen.bills_page  # a new account opens on its bills
    tap(qtbot, window, "account_tab_history")
    assert screen.pages.currentWidget() is screen.history
    wait_loaded(qtbot, window)
    rows = history_rows(window)
    assert len(rows) == 10
    channels = {row[1] for row in rows}
    assert {"Mobile app (Alipay)", "Service counter (cash)", "WeChat Pay"} <= channels
    assert "Automatic debit (bank card)" in channels and "Bank (bank card)" in channels
    for date, _channel, amount, receipt in rows:
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} 20\d\d", date), date
        assert re.fullmatch(r"¥\d+\.\d\d", amount), amount
        assert receipt.startswith("R-SEED-3300000001-")
    assert text_of(window, "history_status") == "Payments from all channels, newest first"
    tap(qtbot, window, "account_tab_usage")
    assert screen.pages.currentWidget() is screen.chart_view


def test_history_is_translated_into_chinese(qtbot, kiosk, window):
    kiosk.session.set_language("zh")
    open_account(qtbot, window, "3300000004")
    tap(qtbot, window, "account_tab_history")
    wait_loaded(qtbot, window)
    rows = history_rows(window)
    assert [row[1:3] for row in rows] == [
        ["银行代收（银行卡）", "¥100.00"],
        ["网上国网 App（支付宝）", "¥200.00"],
    ]
    assert re.fullmatch(r"2026年10月\d+日", rows[0][0]), rows[0][0]
    assert text_of(window, "history_status") == "各渠道缴费记录，最近的在前"


def test_history_unavailable_still_lets_the_resident_pay(qtbot, kiosk, window):
    kiosk.session.set_language("en")
    open_account(qtbot, window, "3300000002")  # online once: the account is cached
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.START)
    kiosk.simulator.stop()  # the utility is gone: the account comes from the cache
    kiosk.session.set_language("en")
    open_account(qtbot, window, "3300000002")
    assert kiosk.session.state.account is not None and kiosk.session.state.account.offline
    tap(qtbot, window, "account_tab_history")
    qtbot.waitUntil(
        lambda: (
            text_of(window, "history_status")
            == "Payment history is unavailable right now. You can still pay."
        ),
        timeout=5000,
    )
    assert not account_screen(window).history.table.isVisible()
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)


@pytest.mark.parametrize(
    ("language", "senior", "size"),
    [
        ("zh", True, QSize(1080, 1920)),
        ("en", True, QSize(1080, 1920)),  # the longest channel names on the narrowest shape
        ("en", True, QSize(1280, 1024)),
        ("en", False, QSize(1920, 1080)),
    ],
)
def test_history_tab_passes_the_checker(qtbot, kiosk, window, language, senior, size):
    window.resize(size)
    kiosk.session.set_language(language)
    if senior:
        kiosk.session.toggle_senior()
    open_account(qtbot, window)
    tap(qtbot, window, "account_tab_history")
    wait_loaded(qtbot, window)
    window.resize(size)
    qtbot.wait(10)
    found = [str(v) for v in check_window(window, a11y_limits(senior), screen=size)]
    assert found == []
    history = account_screen(window).history
    shown = [t for t in (history.table, history.two_lines) if t.isVisible()]
    assert len(shown) == 1  # one line per payment, or two on a narrow display in large text
    assert all(
        "R-SEED-3300000001-" in shown[0].item(r, shown[0].columnCount() - 1).text()
        for r in range(shown[0].rowCount())
    )
    pay = account_screen(window).pay_button
    assert pay.isVisible() and pay.visibleRegion().boundingRect() == pay.rect()


def test_back_from_other_amount_keeps_the_history_table_as_it_was(qtbot, kiosk, window):
    """Nothing changed, so nothing is refilled (it cost a few ms of the GUI thread each time)."""
    open_account(qtbot, window)
    tap(qtbot, window, "account_tab_history")
    wait_loaded(qtbot, window)
    table = account_screen(window).history.table
    first = table.item(0, 0)
    rows = history_rows(window)
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)
    window.session.back()
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert table.item(0, 0) is first  # the same item: the table was not filled again
    assert history_rows(window) == rows


def test_a_history_arriving_under_the_bills_is_drawn_when_its_tab_is_shown(qtbot, kiosk, window):
    """Filling it while the bills are shown cost 30-40 ms of the GUI thread for nothing."""
    open_account(qtbot, window)
    tap(qtbot, window, "account_tab_history")
    wait_loaded(qtbot, window)
    assert len(history_rows(window)) == 10
    tap(qtbot, window, "account_tab_bills")
    screen = account_screen(window)
    state = window.session.state
    newer = replace(state.history, records=state.history.records[:1])
    screen.render(replace(state, history=newer))
    assert len(history_rows(window)) == 10  # the bills are shown: not drawn yet
    tap(qtbot, window, "account_tab_history")
    assert len(history_rows(window)) == 1


def columns_cut(table) -> list[int]:
    """Columns narrower than their widest cell (the stretched last one may take any width)."""
    header = table.horizontalHeader()
    last = table.columnCount() - 1 if header.stretchLastSection() else -1
    return [
        c
        for c in range(table.columnCount())
        if c != last
        and header.sectionResizeMode(c) != header.ResizeMode.Stretch
        and table.columnWidth(c) < table.sizeHintForColumn(c)
    ]


def test_tables_are_fitted_again_after_a_text_size_switch(qtbot, kiosk, window):
    """Columns are fitted when a table is filled, not re-measured on every font change (that
    re-measured the hidden tables too, on every switch): the switch must refill them, or large
    text would be cut in the columns sized for the normal text."""
    open_account(qtbot, window)
    tap(qtbot, window, "account_tab_history")
    wait_loaded(qtbot, window)
    screen = account_screen(window)
    tap(qtbot, window, "toggle_senior")
    qtbot.waitUntil(lambda: window.session.state.senior)
    shown = [t for t in (screen.history.table, screen.history.two_lines) if t.isVisible()]
    assert len(shown) == 1
    assert columns_cut(shown[0]) == []
    tap(qtbot, window, "account_tab_bills")
    assert screen.bills.rowCount() > 0
    assert columns_cut(screen.bills) == []
