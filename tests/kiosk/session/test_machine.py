"""The resident's session walked without any window, state by state."""

from __future__ import annotations

import pytest

from drivers.cash.base import EscrowDecision
from drivers.cash.fake import FakeAcceptor
from kiosk.clock import ManualClock
from kiosk.session.core import DRAW_WAIT_S
from kiosk.session.machine import Session
from kiosk.session.state import Method, Screen
from tests.kiosk.session.fakes import Accounts, Ledger, Receipts, account, fake_session


@pytest.fixture
def rig():
    clock = ManualClock()
    acceptor = FakeAcceptor()
    acceptor.open()
    ledger = Ledger()
    accounts = Accounts({"3300000001": account(), "3300000002": account("3300000002", due=0)})
    receipts = Receipts()
    session = fake_session(clock, acceptor, accounts, ledger=ledger, receipts=receipts)
    yield session, acceptor, ledger, clock, accounts, receipts
    acceptor.close()


def type_account(session: Session, number: str) -> None:
    session.begin()
    for d in number:
        session.type_digit(d)
    session.submit_account()


def to_cash(session: Session) -> None:
    type_account(session, "3300000001")
    assert session.state.screen is Screen.ACCOUNT
    session.pay_due()
    assert session.state.screen is Screen.METHOD
    session.choose_method(Method.CASH)
    assert session.state.screen is Screen.CONFIRM
    session.confirm()
    assert session.state.screen is Screen.CASH


def insert(acceptor: FakeAcceptor, *values: int) -> None:
    for v in values:
        acceptor.insert(v)
    assert acceptor.wait_idle()


def test_cash_happy_path_credits_exactly_the_stacked_notes(rig):
    session, acceptor, ledger, *_, receipts = rig
    to_cash(session)
    assert acceptor.enabled
    insert(acceptor, 10000, 10000, 10000)
    assert session.state.inserted_fen == 30000
    insert(acceptor, 10000)  # reaches 400 >= 381.26 -> closes
    state = session.state
    assert state.screen is Screen.RESULT
    assert state.outcome is not None and state.outcome.amount_fen == 40000
    assert state.surplus_fen == 40000 - 38126
    assert ledger.notes[state.transaction_id] == [10000] * 4
    assert not acceptor.enabled
    assert state.receipt == "printed"
    # Further notes are returned, not credited.
    insert(acceptor, 10000)
    assert acceptor.returned[-1] == 10000
    assert sum(ledger.notes[state.transaction_id]) == 40000


def test_note_after_target_is_returned_by_policy(rig):
    session, acceptor, ledger, *_ = rig
    to_cash(session)
    insert(acceptor, 10000, 10000, 10000, 10000, 10000)
    assert acceptor.stacked == [10000] * 4
    assert acceptor.returned == [10000]


def test_typed_account_validation_and_not_found(rig):
    session, *_ = rig
    type_account(session, "123")
    assert session.state.screen is Screen.IDENTIFY
    assert session.state.message == "account_length"
    for d in "4567890":
        session.type_digit(d)
    session.submit_account()
    assert session.state.screen is Screen.NOTICE
    assert session.state.message == "account_not_found"
    session.back()
    assert session.state.screen is Screen.IDENTIFY


def test_keypad_ignores_non_digits_and_limits_length(rig):
    session, *_ = rig
    session.begin()
    for d in "12a3" + "9" * 20:
        session.type_digit(d)
    assert session.state.account_input == "123" + "9" * 10


def test_backend_down_is_a_clear_notice(rig):
    session, _, _, _, accounts, _ = rig
    accounts.down = True
    type_account(session, "3300000001")
    assert session.state.screen is Screen.NOTICE
    assert session.state.message == "backend_unavailable"


def test_cancel_before_any_note_leaves_nothing(rig):
    session, acceptor, ledger, *_ = rig
    to_cash(session)
    session.cancel()
    assert session.state.screen is Screen.START
    assert not acceptor.enabled
    assert all(v == [] for v in ledger.notes.values())


def test_cancel_after_a_note_credits_it(rig):
    session, acceptor, ledger, *_ = rig
    to_cash(session)
    insert(acceptor, 5000)
    session.cancel()
    state = session.state
    assert state.screen is Screen.RESULT
    assert state.outcome.amount_fen == 5000
    assert ledger.finished == [state.transaction_id]


def test_idle_timeout_warns_then_returns_to_start(rig):
    session, _, _, clock, *_ = rig
    type_account(session, "3300000001")
    clock.advance(41)
    session.tick()
    assert session.state.warning_s == 19
    session.extend()
    assert session.state.warning_s is None
    clock.advance(59)
    session.tick()
    assert session.state.screen is Screen.ACCOUNT
    clock.advance(2)
    session.tick()
    assert session.state.screen is Screen.START
    assert session.state.account is None


def test_cash_timeout_with_notes_credits_them(rig):
    session, acceptor, ledger, clock, *_ = rig
    to_cash(session)
    insert(acceptor, 2000)
    clock.advance(45)
    session.tick()
    assert session.state.screen is Screen.CASH and session.state.warning_s == 15
    clock.advance(16)
    session.tick()
    assert session.state.screen is Screen.RESULT
    assert session.state.outcome.amount_fen == 2000


def test_cash_timeout_without_notes_goes_back_to_start(rig):
    session, acceptor, ledger, clock, *_ = rig
    to_cash(session)
    clock.advance(61)
    session.tick()
    assert session.state.screen is Screen.START
    assert not acceptor.enabled


def test_jam_mid_session_credits_what_was_stacked(rig):
    session, acceptor, *_ = rig
    to_cash(session)
    insert(acceptor, 10000)
    acceptor.jam()
    assert acceptor.wait_idle()
    state = session.state
    assert state.screen is Screen.RESULT
    assert state.outcome.amount_fen == 10000
    assert state.message == "cash_jam"


def test_acceptor_fault_on_enable_tells_the_resident(rig):
    session, acceptor, *_ = rig
    acceptor.fail_on_enable()
    type_account(session, "3300000001")
    session.pay_due()
    session.choose_method(Method.CASH)
    session.confirm()
    assert session.state.screen is Screen.NOTICE
    assert session.state.message == "cash_fault"


def test_note_stacked_outside_a_session_is_kept_for_staff(rig):
    session, acceptor, ledger, *_ = rig
    acceptor.enable()  # forced on, e.g. a firmware bug
    acceptor.set_escrow_policy(lambda v: EscrowDecision.STACK)
    insert(acceptor, 1000)
    assert ledger.orphans == [1000]


def test_other_amount_within_limits(rig):
    session, *_ = rig
    type_account(session, "3300000002")
    session.to_amount()
    assert session.state.screen is Screen.AMOUNT
    session.type_amount_digit("0")  # a leading zero is ignored
    for d in "99999":
        session.type_amount_digit(d)
    session.submit_other_amount()
    assert session.state.screen is Screen.AMOUNT  # 99,999 yuan > 50,000 limit
    assert session.state.message == "amount_out_of_range"
    for d in "50":
        session.type_amount_digit(d)
    session.submit_other_amount()
    assert session.state.screen is Screen.METHOD
    assert session.state.amount_fen == 5000


def test_language_switch_keeps_the_session(rig):
    session, *_ = rig
    type_account(session, "3300000001")
    session.set_language("en")
    assert session.state.language == "en"
    assert session.state.screen is Screen.ACCOUNT
    assert session.state.account.account_no == "3300000001"


def test_bill_qr_opens_account_and_junk_is_refused(rig):
    session, *_ = rig
    session.scanned("https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10")
    assert session.state.screen is Screen.ACCOUNT
    session.done()
    session.back()
    session.cancel()
    assert session.state.screen is Screen.START
    session.scanned("<script>alert(1)</script>")
    assert session.state.screen is Screen.IDENTIFY
    assert session.state.message == "code_not_recognised"


def test_the_start_tile_touched_is_the_way_the_identify_screen_shows(rig):
    session, *_ = rig
    with pytest.raises(ValueError, match="no way 'nfc'"):
        session.begin("nfc")
    assert session.state.screen is Screen.START  # refused: nothing changed
    session.begin("scan")
    assert (session.state.screen, session.state.identify_way) == (Screen.IDENTIFY, "scan")
    session.begin("card")  # a second tile touch on the way out changes nothing
    assert session.state.identify_way == "scan"
    session.scanned("https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10")
    assert session.state.screen is Screen.ACCOUNT
    session.back()
    session.back()
    assert session.state.screen is Screen.START
    assert session.state.identify_way == "type"  # the next resident starts afresh
    session.begin()
    assert session.state.identify_way == "type"


def test_offline_posting_shows_pending(rig):
    session, acceptor, ledger, *_ = rig
    session._posting.online = False
    to_cash(session)
    insert(acceptor, 10000, 10000, 10000, 10000)
    assert session.state.outcome.posted is False


def test_with_a_window_the_receipt_waits_until_the_result_screen_is_drawn():
    acceptor = FakeAcceptor()
    acceptor.open()
    receipts = Receipts()
    waits: list[tuple[float, list[str], Screen]] = []

    def sleeper(event, seconds: float) -> bool:
        waits.append((seconds, list(receipts.issued), session.state.screen))
        session.drawn(Screen.RESULT)  # the window draws the result screen meanwhile
        return event.wait(0)

    accounts = Accounts({"3300000001": account()})
    session = fake_session(ManualClock(), acceptor, accounts, receipts=receipts, sleeper=sleeper)
    session.wait_for_window()
    to_cash(session)
    insert(acceptor, 10000, 10000, 10000, 10000)
    assert waits == [(DRAW_WAIT_S, [], Screen.RESULT)]  # nothing printed while drawing
    assert receipts.issued == [session.state.transaction_id]
    assert session.state.receipt == "printed"
    acceptor.close()


def test_without_a_window_the_receipt_does_not_wait(rig):
    session, acceptor, *_, receipts = rig
    to_cash(session)
    insert(acceptor, 10000, 10000, 10000, 10000)
    assert session.state.receipt == "printed"
    assert receipts.issued == [session.state.transaction_id]
