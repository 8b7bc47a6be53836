"""A resident pays a bill in cash by tapping real widgets; the simulator's ledger gets the notes."""

from __future__ import annotations

import httpx
from PySide6.QtCore import QEvent, QObject

from drivers.cash.fake import FakeAcceptor
from kiosk.session.state import Screen
from tests.ui.helpers import open_account, tap, text_of, type_digits, wait_screen


def ledger_payments(kiosk) -> list[dict]:
    """Payments this kiosk made (the seed history of other channels left out)."""
    payments = httpx.get(f"{kiosk.simulator.url}/v1/sim/ledger", timeout=10).json()["payments"]
    return [p for p in payments if str(p.get("transaction_id") or "").startswith("T-K-")]


def to_cash(qtbot, kiosk, window) -> None:
    """Account 3300000001's amount due, in cash, confirmed: the acceptor takes notes."""
    open_account(qtbot, window)
    tap(qtbot, window, "pay_due")
    wait_screen(qtbot, window, Screen.METHOD)
    tap(qtbot, window, "method_cash")
    wait_screen(qtbot, window, Screen.CONFIRM)
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)


def test_every_screen_of_the_cash_flow(qtbot, kiosk, window):
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    wait_screen(qtbot, window, Screen.START)
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    type_digits(qtbot, window, "account", "3300000001")
    assert text_of(window, "account_display") == "3300 0000 01"
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    due = kiosk.session.state.account.amount_due_fen
    assert due > 0
    assert text_of(window, "amount_due").startswith("¥")
    tap(qtbot, window, "pay_due")
    wait_screen(qtbot, window, Screen.METHOD)
    tap(qtbot, window, "method_cash")
    wait_screen(qtbot, window, Screen.CONFIRM)
    assert text_of(window, "confirm_amount") == window.screens[Screen.CONFIRM].amount_value.text()
    assert not acceptor.enabled  # nothing is accepted before the resident confirms
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: acceptor.enabled, timeout=5000)
    acceptor.insert(10000)
    qtbot.waitUntil(lambda: text_of(window, "cash_inserted") == "¥100.00", timeout=5000)
    # One note in: the only way out is to finish and be credited.
    assert not window.screens[Screen.CASH].cancel_button.isVisible()
    notes = [10000] * (due // 10000 + 1)
    for value in notes[1:]:
        acceptor.insert(value)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: kiosk.session.state.receipt == "printed", timeout=10000)
    outcome = kiosk.session.state.outcome
    assert outcome.posted
    assert outcome.amount_fen == sum(notes) == sum(acceptor.stacked)
    assert text_of(window, "result_paid") == f"¥{sum(notes) // 100:,}.00"
    payments = [p for p in ledger_payments(kiosk) if p["transaction_id"] == outcome.transaction_id]
    assert len(payments) == 1
    assert payments[0]["amount_fen"] == sum(acceptor.stacked)
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    assert not acceptor.enabled


def test_pressing_done_early_pays_what_went_in(qtbot, kiosk, window):
    to_cash(qtbot, kiosk, window)
    kiosk.acceptor.insert(2000)
    qtbot.waitUntil(lambda: window.screens[Screen.CASH].done_button.isEnabled(), timeout=5000)
    tap(qtbot, window, "cash_done")
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    txn = kiosk.session.state.outcome.transaction_id
    assert [p["amount_fen"] for p in ledger_payments(kiosk) if p["transaction_id"] == txn] == [2000]


def test_cancel_before_notes_returns_to_start_and_records_no_money(qtbot, kiosk, window):
    to_cash(qtbot, kiosk, window)
    tap(qtbot, window, "cash_cancel")
    wait_screen(qtbot, window, Screen.START)
    assert ledger_payments(kiosk) == []
    states = {t.state for t in kiosk.journal.list_transactions()}
    assert states == {"cancelled"}


def test_unknown_account_says_so_and_changes_nothing(qtbot, kiosk, window):
    tap(qtbot, window, "start_type")
    type_digits(qtbot, window, "account", "3300009999")
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.NOTICE)
    assert "3300009999" in text_of(window, "notice_text")
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    assert kiosk.journal.list_transactions() == []


def test_language_switch_mid_session_keeps_the_account(qtbot, kiosk, window):
    open_account(qtbot, window)
    assert window.screens[Screen.ACCOUNT].title.text() == "您的户号信息"
    tap(qtbot, window, "toggle_language")
    qtbot.waitUntil(lambda: window.screens[Screen.ACCOUNT].title.text() == "Your account")
    assert kiosk.session.state.screen is Screen.ACCOUNT
    assert kiosk.session.state.account.account_no == "3300000001"


class Painted(QObject):
    """Notes whether `widget` has been painted."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.done = True
        return False


def test_the_receipt_is_rendered_after_the_result_screen_is_painted(qtbot, kiosk, window):
    """Rendering a receipt holds the GIL the window needs to draw the result screen."""
    acceptor = kiosk.acceptor
    result = window.screens[Screen.RESULT]
    painted = Painted(result)
    desk = kiosk.session._receipts
    issue = desk.issue
    seen: list[bool] = []

    def spy(*args, **kwargs):
        seen.append(painted.done)
        return issue(*args, **kwargs)

    desk.issue = spy
    to_cash(qtbot, kiosk, window)
    due = kiosk.session.state.account.amount_due_fen
    for value in [10000] * (due // 10000 + 1):
        acceptor.insert(value)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: kiosk.session.state.receipt == "printed", timeout=10000)
    assert seen == [True]
