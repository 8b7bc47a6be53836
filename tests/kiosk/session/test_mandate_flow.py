"""Auto-debit sign-up walked without any window: the form, the bank card in the slot, the
confirmation and the result, with the real mandate service over HTTP to the simulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import httpx
import pytest

from backend_sim.server import SimulatorServer
from drivers.card.base import CardEvent, CardEventKind
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard, utility_test_card
from drivers.cash.fake import FakeAcceptor
from kiosk.backend.client import UtilityClient
from kiosk.card_desk import CardDesk
from kiosk.clock import ManualClock
from kiosk.config import SessionSection
from kiosk.journal import Journal
from kiosk.mandate_terms import DAY_MAX, DAY_MIN
from kiosk.mandates import MandateService
from kiosk.session.machine import Session
from kiosk.session.ports import CardPorts
from kiosk.session.state import Screen
from tests.kiosk.conftest import KIOSK
from tests.kiosk.session.fakes import Accounts, account, fake_session

ACCOUNT = "3300000001"


@dataclass
class Rig:
    session: Session
    reader: FakeCardReader
    desk: CardDesk
    accounts: Accounts
    clock: ManualClock
    journal: Journal
    sim: SimulatorServer

    def insert(self, card: object) -> None:
        self.reader.insert(card)  # type: ignore[arg-type]
        self.desk.on_event(CardEvent(CardEventKind.CARD_INSERTED, self.reader.name))
        self.session.card_inserted()

    def remove(self) -> None:
        self.reader.remove()
        self.desk.on_event(CardEvent(CardEventKind.CARD_REMOVED, self.reader.name))
        self.session.card_removed()

    def open_account(self, number: str = ACCOUNT) -> None:
        self.session.begin()
        for digit in number:
            self.session.type_digit(digit)
        self.session.submit_account()
        assert self.session.state.screen is Screen.ACCOUNT

    def fill_form(self, name: str = "张三明") -> None:
        self.session.mandate_start()
        self.session.mandate_holder(name)
        self.session.mandate_submit()  # the name -> the terms
        self.session.mandate_submit()  # the terms as offered -> the bank card


@pytest.fixture
def rig(journal: Journal, client: UtilityClient, sim: SimulatorServer) -> Iterator[Rig]:
    clock = ManualClock()
    acceptor = FakeAcceptor()
    acceptor.open()
    reader = FakeCardReader()
    desk = CardDesk(reader)
    accounts = Accounts({ACCOUNT: account(ACCOUNT), "3300000099": account("3300000099")})
    session = fake_session(
        clock,
        acceptor,
        accounts,
        cards=CardPorts(desk=desk, bank=None, prepaid=None, pinpad=None),
        mandates=MandateService(journal, client, KIOSK),
    )
    yield Rig(session, reader, desk, accounts, clock, journal, sim)
    acceptor.close()


def test_a_resident_signs_up_and_the_account_shows_it(rig: Rig) -> None:
    s = rig.session
    rig.open_account()
    assert s.mandates_available()
    s.mandate_start()
    assert (s.state.screen, s.state.mandate_phase) == (Screen.MANDATE, "name")
    assert (s.state.mandate_day, s.state.mandate_limit_fen) == (10, 50000)

    s.mandate_submit()  # nothing typed yet
    assert s.state.mandate_issues == (("holder", "holder_missing"),)
    s.mandate_holder("李四明")
    assert s.state.mandate_issues == ()  # typing clears the field's problem
    s.mandate_submit()
    assert s.state.mandate_issues == (("holder", "holder_mismatch"),)
    assert s.state.mandate_phase == "name"
    s.mandate_day_step(+1)  # the terms are not open yet
    assert s.state.mandate_day == 10

    s.mandate_holder("张三明")
    s.mandate_submit()
    assert (s.state.mandate_phase, s.state.mandate_issues) == ("terms", ())
    s.mandate_holder("李四")  # the name is closed on the terms step
    assert s.state.mandate_holder == "张三明"
    s.mandate_day_step(+1)
    s.mandate_day_step(+1)
    s.mandate_limit(100000)
    s.mandate_submit()
    assert s.state.mandate_phase == "insert"

    rig.insert(EmvSimCard(TEST_PAN_APPROVED))
    assert s.state.mandate_phase == "confirm"
    assert s.state.masked_pan == "621234*********4569"
    assert TEST_PAN_APPROVED not in repr(s.state)

    s.mandate_confirm()
    assert s.state.screen is Screen.MANDATE_RESULT
    result = s.state.mandate_result
    assert result is not None
    assert (result.status, result.day_of_month, result.limit_fen) == ("active", 12, 100000)
    assert s._mandate_card is None  # the card number is gone from memory

    s.mandate_done()
    assert s.state.screen is Screen.ACCOUNT
    shown = s.state.account
    assert shown is not None
    assert (shown.autopay_enrolled, shown.autopay_bank_masked, shown.autopay_day) == (
        True,
        "621234*********4569",
        12,
    )
    [mandate] = httpx.get(f"{rig.sim.url}/v1/sim/ledger", timeout=5).json()["autopay_mandates"]
    assert (mandate["day_of_month"], mandate["limit_fen"]) == (12, 100000)


def test_a_card_already_in_the_slot_is_read_at_once(rig: Rig) -> None:
    rig.open_account()
    rig.reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    rig.desk.on_event(CardEvent(CardEventKind.CARD_INSERTED, rig.reader.name))
    rig.fill_form()
    assert rig.session.state.mandate_phase == "confirm"


def test_a_utility_card_is_not_taken_for_a_bank_card(rig: Rig) -> None:
    rig.open_account()
    rig.fill_form()
    rig.insert(utility_test_card())
    state = rig.session.state
    assert (state.mandate_phase, state.message) == ("insert", "not_a_bank_card")
    assert rig.session._mandate_card is None


def test_a_card_taken_out_before_confirming_is_asked_for_again(rig: Rig) -> None:
    rig.open_account()
    rig.fill_form()
    rig.insert(EmvSimCard(TEST_PAN_APPROVED))
    assert rig.session.state.mandate_phase == "confirm"
    rig.remove()
    state = rig.session.state
    assert (state.mandate_phase, state.masked_pan) == ("insert", None)
    assert rig.session._mandate_card is None
    rig.session.mandate_confirm()  # nothing to confirm: nothing is sent
    assert rig.journal.list_transactions(kind="mandate") == []


def test_back_steps_through_the_form_to_the_account(rig: Rig) -> None:
    s = rig.session
    rig.open_account()
    rig.fill_form()
    rig.insert(EmvSimCard(TEST_PAN_APPROVED))
    s.mandate_back()
    assert (s.state.mandate_phase, s.state.masked_pan, s._mandate_card) == ("terms", None, None)
    s.mandate_back()
    assert s.state.mandate_phase == "name"
    assert s.state.mandate_holder == "张三明"  # what was typed stays
    s.mandate_back()
    assert s.state.screen is Screen.ACCOUNT
    assert s.state.mandate_holder == ""


def test_the_day_stays_within_every_month(rig: Rig) -> None:
    s = rig.session
    rig.open_account()
    s.mandate_start()
    s.mandate_holder("张三明")
    s.mandate_submit()
    for _ in range(40):
        s.mandate_day_step(-1)
    assert s.state.mandate_day == DAY_MIN
    for _ in range(40):
        s.mandate_day_step(+1)
    assert s.state.mandate_day == DAY_MAX
    s.mandate_day_step(+5)  # only single steps
    s.mandate_limit(12345)  # only the offered limits
    assert (s.state.mandate_day, s.state.mandate_limit_fen) == (DAY_MAX, 50000)


def test_a_refusal_is_shown_and_back_returns_to_the_form(rig: Rig) -> None:
    s = rig.session
    rig.open_account("3300000099")  # known to this test's lookup, not to the utility
    rig.fill_form()
    rig.insert(EmvSimCard(TEST_PAN_APPROVED))
    s.mandate_confirm()
    result = s.state.mandate_result
    assert result is not None
    assert (result.status, result.reason) == ("failed", "ACCOUNT_NOT_FOUND")
    s.mandate_back()
    assert (s.state.screen, s.state.mandate_phase) == (Screen.MANDATE, "name")


@pytest.mark.parametrize(
    "change",
    [
        {"offline": True},
        {"billing_mode": "prepaid_card"},
        {"status": "closed"},
    ],
)
def test_no_sign_up_where_it_cannot_work(rig: Rig, change: dict[str, object]) -> None:
    rig.accounts.known[ACCOUNT] = replace(account(ACCOUNT), **change)  # type: ignore[arg-type]
    rig.open_account()
    assert not rig.session.mandates_available()
    rig.session.mandate_start()
    assert rig.session.state.screen is Screen.ACCOUNT


def test_an_idle_form_times_out_and_forgets_the_card(rig: Rig) -> None:
    s = rig.session
    rig.open_account()
    rig.fill_form()
    rig.insert(EmvSimCard(TEST_PAN_APPROVED))
    assert s._mandate_card is not None
    settings = SessionSection()
    rig.clock.advance(settings.idle_timeout_s - settings.warning_s + 1)
    s.tick()
    assert s.state.warning_s is not None  # warned first
    assert s.state.screen is Screen.MANDATE
    rig.clock.advance(settings.warning_s)
    s.tick()
    assert s.state.screen is Screen.START
    assert s._mandate_card is None
    assert rig.journal.list_transactions(kind="mandate") == []
