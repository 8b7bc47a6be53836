"""Cards in the slot, through the real widgets: a prepaid purchase written onto the card, a bank
card paid with its PIN, a declined card, and a card pulled out during the write."""

from __future__ import annotations

import pytest

from drivers.card.sim_cards import (
    TEST_PAN_APPROVED,
    TEST_PAN_DECLINED,
    EmvSimCard,
    utility_test_card,
)
from kiosk.session.state import Screen
from tests.ui.helpers import (
    CHECKED_SHAPES,
    ShapeCheck,
    open_account,
    tap,
    text_of,
    type_digits,
    wait_screen,
)
from ui.demo import HeldWriteCard


def to_method_with_amount(qtbot, window, yuan: str) -> None:
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)
    type_digits(qtbot, window, "amount", yuan)
    tap(qtbot, window, "amount_key_ok")
    wait_screen(qtbot, window, Screen.METHOD)


def test_prepaid_card_opens_the_account_and_receives_the_purchase(qtbot, kiosk, window):
    card = utility_test_card()
    kiosk.card_reader.insert(card)
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert kiosk.session.state.account.account_no == "3300000003"
    assert "8600000000000003" in text_of(window, "account_card")
    to_method_with_amount(qtbot, window, "100")
    assert not window.screens[Screen.METHOD].tiles["bank_card"].isEnabled()  # the slot is taken
    tap(qtbot, window, "method_cash")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)
    kiosk.acceptor.insert(10000)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: kiosk.session.state.card_write == "written", timeout=10000)
    assert card.purchase.hex() == "0000271000000008ca3335e0"  # the utility's signed purchase
    assert kiosk.client.get_pending_card_purchases("3300000003") == []


def test_card_pulled_during_the_write_is_completed_on_reinsertion(qtbot, kiosk, window):
    card = utility_test_card()
    reader = kiosk.card_reader
    reader.insert(card)
    wait_screen(qtbot, window, Screen.ACCOUNT)
    to_method_with_amount(qtbot, window, "100")
    tap(qtbot, window, "method_cash")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)
    # The card answers the reads before the write, then leaves just as the write goes out.
    reader.pull_after(5)
    kiosk.acceptor.insert(10000)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: kiosk.session.state.card_write == "pending_write", timeout=10000)
    assert card.purchase[4:8] == (7).to_bytes(4, "big")
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    reader.insert(card)
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert kiosk.session.state.message == "rewrite_done"
    assert card.purchase.hex() == "0000271000000008ca3335e0"
    assert kiosk.client.get_pending_card_purchases("3300000003") == []


def pay_by_bank_card(qtbot, kiosk, window, pan: str) -> None:
    open_account(qtbot, window, "3300000002")
    to_method_with_amount(qtbot, window, "50")
    tap(qtbot, window, "method_bank_card")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.BANK_CARD_INSERT)
    kiosk.cards.pinpad.enter("123456")
    kiosk.card_reader.insert(EmvSimCard(pan))


def test_bank_card_with_pin_pays(qtbot, kiosk, window):
    pay_by_bank_card(qtbot, kiosk, window, TEST_PAN_APPROVED)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    outcome = kiosk.session.state.outcome
    assert outcome.posted and outcome.method == "bank_card" and outcome.amount_fen == 5000
    assert kiosk.cards.pinpad.requests[-1][0] == "621234*********4569"


def test_declined_bank_card_offers_another_method(qtbot, kiosk, window):
    pay_by_bank_card(qtbot, kiosk, window, TEST_PAN_DECLINED)
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)
    assert kiosk.session.state.message == "card_declined"
    assert "Nothing was charged" in text_of(window, "method_message") or "未扣款" in text_of(
        window, "method_message"
    )
    assert kiosk.journal.list_transactions(kind="payment") == []


def test_a_card_pulled_while_read_is_asked_for_again_and_then_pays(qtbot, kiosk, window):
    reader = kiosk.card_reader
    open_account(qtbot, window, "3300000002")
    to_method_with_amount(qtbot, window, "50")
    tap(qtbot, window, "method_bank_card")
    wait_screen(qtbot, window, Screen.CONFIRM)
    reader.insert(EmvSimCard(TEST_PAN_APPROVED))  # in the slot already, and pulled as it is read
    reader.pull_after(1)
    tap(qtbot, window, "confirm")
    qtbot.waitUntil(lambda: kiosk.session.state.message == "card_pulled", timeout=10000)
    assert kiosk.session.state.screen is Screen.BANK_CARD_INSERT  # not "unreadable", not back
    # The insertion's own event, late from the reader's thread: the slot is empty by now. The
    # screen keeps asking, and keeps saying why.
    kiosk.session.card_inserted()
    assert kiosk.worker.wait_idle(10)
    assert kiosk.session.state.screen is Screen.BANK_CARD_INSERT
    assert kiosk.session.state.message == "card_pulled"
    pulled = window.messages.message("card_pulled")
    qtbot.waitUntil(lambda: text_of(window, "card_detail") == pulled, timeout=5000)
    assert kiosk.journal.list_transactions(kind="payment") == []
    kiosk.cards.pinpad.enter("123456")
    reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    assert kiosk.session.state.outcome.posted and kiosk.session.state.outcome.amount_fen == 5000


def test_a_declined_cards_reason_is_said_in_the_residents_language(qtbot, kiosk, window):
    """The bank's English words ("51: insufficient funds") never reach a Chinese screen."""
    kiosk.session.set_language("zh")
    pay_by_bank_card(qtbot, kiosk, window, TEST_PAN_DECLINED)
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)
    assert kiosk.session.state.message_arg == "51: insufficient funds"  # as the bank sent it
    qtbot.waitUntil(lambda: "卡内余额不足" in text_of(window, "method_message"), timeout=5000)
    assert "insufficient" not in text_of(window, "method_message")


@pytest.mark.parametrize(("language", "senior", "size"), CHECKED_SHAPES)
def test_card_screens_pass_the_checker(qtbot, kiosk, window, language, senior, size):
    """The slot, the PIN, a declined card's message, the prepaid account and its write, and the
    results, in each checked shape."""
    check = ShapeCheck(qtbot, window, "card", language, senior, size)
    session, reader = kiosk.session, kiosk.card_reader
    open_account(qtbot, window, "3300000002")
    to_method_with_amount(qtbot, window, "50")
    tap(qtbot, window, "method_bank_card")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.BANK_CARD_INSERT)
    check("insert")
    reader.insert(EmvSimCard(TEST_PAN_DECLINED))
    wait_screen(qtbot, window, Screen.PIN, timeout=10000)
    check("pin")
    kiosk.cards.pinpad.enter("123456")
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)
    assert session.state.message == "card_declined"
    check("method+declined")
    reader.remove()
    tile = window.screens[Screen.METHOD].tiles["bank_card"]
    qtbot.waitUntil(tile.isEnabled, timeout=5000)  # once the slot is seen empty
    tap(qtbot, window, "method_bank_card")
    wait_screen(qtbot, window, Screen.CONFIRM)
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.BANK_CARD_INSERT)
    kiosk.cards.pinpad.enter("123456")
    reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: session.state.receipt is not None, timeout=10000)
    check("bank card result")
    reader.remove()
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    if session.state.language != language:  # a finished session returns to the defaults
        session.set_language(language)
    if session.state.senior is not senior:
        session.toggle_senior()

    card = HeldWriteCard(utility_test_card())
    reader.insert(card)
    wait_screen(qtbot, window, Screen.ACCOUNT)
    check("prepaid account")
    to_method_with_amount(qtbot, window, "100")
    check("method, slot taken")
    tap(qtbot, window, "method_cash")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)
    kiosk.acceptor.insert(10000)
    wait_screen(qtbot, window, Screen.CARD_WRITING, timeout=20000)
    check("writing")
    card.release.set()
    qtbot.waitUntil(lambda: session.state.card_write == "written", timeout=10000)
    wait_screen(qtbot, window, Screen.RESULT)
    check("prepaid result")
    check.assert_clean()
