"""Monthly auto-debit sign-up through the real widgets: the name typed in pinyin (a wrong one is
refused on the form), day and limit chosen, the bank card read, confirmed and signed with the
simulator, and the account screen showing it afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard, utility_test_card
from kiosk.pinyin_index import default_index
from kiosk.session.state import Screen
from tests.ui import helpers
from tests.ui.helpers import (
    CHECKED_SHAPES,
    ShapeCheck,
    open_account,
    tap,
    text_of,
    wait_screen,
)
from ui.keyboard import warm_up


@pytest.fixture(scope="module", autouse=True)
def _index_built() -> None:
    warm_up().join(60)
    default_index()


def type_pinyin(qtbot, window, letters: str, *picks: str) -> None:
    keyboard = window.screens[Screen.MANDATE].keyboard
    helpers.type_pinyin(qtbot, window, keyboard, letters, *picks)


def test_sign_up_for_auto_debit(qtbot, kiosk, window):
    open_account(qtbot, window, "3300000001")
    assert kiosk.session.state.language == "zh"
    assert text_of(window, "account_autopay") == "自动代扣：未开通"
    tap(qtbot, window, "toggle_language")
    qtbot.waitUntil(lambda: text_of(window, "account_autopay") == "Auto-debit: off", timeout=5000)
    tap(qtbot, window, "autopay")
    wait_screen(qtbot, window, Screen.MANDATE)
    screen = window.screens[Screen.MANDATE]
    assert "张*明" in screen.intro.text()

    type_pinyin(qtbot, window, "lisi", "李", "四")
    tap(qtbot, window, "mandate_submit")
    assert kiosk.session.state.mandate_issues == (("holder", "holder_mismatch"),)
    assert "does not match" in text_of(window, "mandate_message")
    for _ in range(2):
        tap(qtbot, window, "kb_backspace")
    type_pinyin(qtbot, window, "zhangsanming", "张", "三", "明")
    assert kiosk.session.state.mandate_holder == "张三明"
    assert screen.holder.text() == "张三明"
    tap(qtbot, window, "mandate_submit")
    qtbot.waitUntil(lambda: kiosk.session.state.mandate_phase == "terms", timeout=5000)
    assert not screen.keyboard.isVisible()
    tap(qtbot, window, "mandate_day_up")
    tap(qtbot, window, "mandate_limit_100000")
    assert "11" in text_of(window, "mandate_day")
    tap(qtbot, window, "mandate_submit")
    qtbot.waitUntil(lambda: kiosk.session.state.mandate_phase == "insert", timeout=5000)

    kiosk.card_reader.insert(utility_test_card())  # the wrong card first
    qtbot.waitUntil(lambda: kiosk.session.state.message == "not_a_bank_card", timeout=10000)
    kiosk.card_reader.remove()
    kiosk.card_reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    qtbot.waitUntil(lambda: kiosk.session.state.mandate_phase == "confirm", timeout=10000)
    qtbot.waitUntil(  # the state change reaches the window queued: wait for its render
        lambda: any(w.isVisible() for w in window.findChildren(QLabel, "mandate_summary_card")),
        timeout=5000,
    )
    assert text_of(window, "mandate_summary_card") == "621234*********4569"
    assert text_of(window, "mandate_summary_limit") == "¥1,000.00"
    tap(qtbot, window, "mandate_confirm")
    wait_screen(qtbot, window, Screen.MANDATE_RESULT, timeout=20000)
    assert kiosk.session.state.mandate_result.status == "active"
    assert "621234*********4569" in text_of(window, "mandate_detail")

    tap(qtbot, window, "mandate_done")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert "on, card 621234*********4569, day 11" in text_of(window, "account_autopay")
    autopay = kiosk.client.get_account("3300000001").autopay
    assert (autopay.enrolled, autopay.day_of_month) == (True, 11)
    (txn,) = kiosk.journal.list_transactions(kind="mandate")
    assert txn.state == "done" and txn.detail["masked_pan"] == "621234*********4569"
    assert "张三明" not in repr(txn) and TEST_PAN_APPROVED not in repr(txn)


def test_a_prepaid_card_account_has_no_auto_debit(qtbot, kiosk, window):
    kiosk.card_reader.insert(utility_test_card())
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert not window.screens[Screen.ACCOUNT].autopay_button.isVisible()


@pytest.mark.parametrize(("language", "senior", "size"), CHECKED_SHAPES)
def test_sign_up_screens_pass_the_checker(qtbot, kiosk, window, language, senior, size):
    session = kiosk.session
    check = ShapeCheck(qtbot, window, "mandate", language, senior, size)
    open_account(qtbot, window, "3300000001")

    tap(qtbot, window, "autopay")
    wait_screen(qtbot, window, Screen.MANDATE)
    session.mandate_holder("李四")
    tap(qtbot, window, "mandate_submit")  # refused: the message must fit as well
    qtbot.waitUntil(lambda: session.state.mandate_issues != (), timeout=5000)
    check("name+message")
    session.mandate_holder("张三明")
    check("name")
    tap(qtbot, window, "mandate_submit")
    qtbot.waitUntil(lambda: session.state.mandate_phase == "terms", timeout=5000)
    check("terms")
    tap(qtbot, window, "mandate_submit")
    qtbot.waitUntil(lambda: session.state.mandate_phase == "insert", timeout=5000)
    check("insert")
    kiosk.card_reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    qtbot.waitUntil(lambda: session.state.mandate_phase == "confirm", timeout=10000)
    check("confirm")
    tap(qtbot, window, "mandate_confirm")
    wait_screen(qtbot, window, Screen.MANDATE_RESULT, timeout=20000)
    check("result")
    check.assert_clean()
