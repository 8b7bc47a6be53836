"""Payment history on the account screen: fetched after the account from the simulator over
HTTP, carried in the session state, never in the way of paying."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from backend_sim.server import SimulatorServer
from drivers.cash.fake import FakeAcceptor
from kiosk.accounts import BackendAccounts
from kiosk.backend.bodies import payment_body
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.payment_history import BackendPaymentHistory
from kiosk.session.core import DRAW_WAIT_S
from kiosk.session.machine import Session
from kiosk.session.state import Screen
from tests.kiosk.session.fakes import fake_session

SEED_CHANNELS = {"app", "counter", "bank", "autopay", "wechat", "alipay"}


class Deferred:
    """An executor that holds work until the test runs it: replies arrive when the test says."""

    def __init__(self) -> None:
        self.work: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], None]) -> None:
        self.work.append(work)

    def run_all(self) -> None:
        pending, self.work = self.work, []
        for work in pending:
            work()


@pytest.fixture
def acceptor() -> Iterator[FakeAcceptor]:
    device = FakeAcceptor()
    device.open()
    yield device
    device.close()


def make_session(
    client: UtilityClient,
    journal: Journal,
    clock: ManualClock,
    acceptor: FakeAcceptor,
    history_executor: object | None = None,
    history: BackendPaymentHistory | None = None,
    **more: object,
) -> Session:
    return fake_session(
        clock,
        acceptor,
        BackendAccounts(client, journal, clock),
        history=history or BackendPaymentHistory(client),
        history_executor=history_executor,  # type: ignore[arg-type]
        **more,
    )


def look_up(session: Session, number: str) -> None:
    session.begin()
    for digit in number:
        session.type_digit(digit)
    session.submit_account()


def test_history_of_every_channel_arrives_with_the_account(client, journal, clock, acceptor):
    session = make_session(client, journal, clock, acceptor)
    look_up(session, "3300000001")
    state = session.state
    assert state.screen is Screen.ACCOUNT
    history = state.history
    assert history is not None and history.account_no == "3300000001"
    assert history.status == "loaded"
    # The seed: ten of twelve months paid, through the app, counter, bank, autopay and wallets.
    assert len(history.records) == 10
    assert {r.channel for r in history.records} == SEED_CHANNELS
    posted = [r.posted_at for r in history.records]
    assert posted == sorted(posted, reverse=True)  # newest first
    for record in history.records:
        assert isinstance(record.amount_fen, int) and record.amount_fen > 0
        assert record.receipt_no.startswith("R-SEED-3300000001-")
        assert record.posted_at.endswith("Z")


def test_seeded_payments_without_bills_are_listed(client, journal, clock, acceptor):
    session = make_session(client, journal, clock, acceptor)
    look_up(session, "3300000004")
    history = session.state.history
    assert history is not None and history.status == "loaded"
    assert [(r.channel, r.method, r.amount_fen) for r in history.records] == [
        ("bank", "bank_card", 10000),
        ("app", "alipay", 20000),
    ]
    assert history.records[0].posted_at == "2026-10-31T06:05:00Z"


def test_a_kiosk_payment_shows_in_the_history(client, journal, clock, acceptor):
    body = payment_body(
        transaction_id="T-HIST-0001",
        account_no="3300000003",
        amount_fen=1200,
        method="cash",
        occurred_at=clock.now(),
        cash_notes={1000: 1, 100: 2},
    )
    client.post_payment(body)
    session = make_session(client, journal, clock, acceptor)
    look_up(session, "3300000003")
    history = session.state.history
    assert history is not None and history.status == "loaded"
    assert next((r.channel, r.amount_fen) for r in history.records) == ("kiosk", 1200)
    assert ("counter", 5000) in [(r.channel, r.amount_fen) for r in history.records]


def test_history_that_cannot_load_does_not_block_paying(
    sim: SimulatorServer, client, journal, clock, acceptor
):
    later = Deferred()
    session = make_session(client, journal, clock, acceptor, later)
    look_up(session, "3300000001")
    assert session.state.screen is Screen.ACCOUNT
    assert session.state.history is not None and session.state.history.status == "loading"
    sim.stop()  # the link drops after the account arrived
    later.run_all()
    assert session.state.history is not None
    assert session.state.history.status == "unavailable"
    assert session.state.history.records == ()
    assert session.state.account is not None  # the account stays on screen
    session.pay_due()
    assert session.state.screen is Screen.METHOD
    assert session.state.amount_fen == session.state.account.amount_due_fen


def test_offline_account_shows_history_unavailable_without_asking(
    sim: SimulatorServer, client, journal, clock, acceptor
):
    later = Deferred()
    session = make_session(client, journal, clock, acceptor, later)
    look_up(session, "3300000002")  # online: the account is cached
    later.work.clear()
    session.back()
    session.back()
    sim.stop()
    look_up(session, "3300000002")
    state = session.state
    assert state.screen is Screen.ACCOUNT and state.account is not None
    assert state.account.offline
    assert state.history is not None and state.history.status == "unavailable"
    assert later.work == []


def test_a_late_reply_for_another_account_is_dropped(client, journal, clock, acceptor):
    later = Deferred()
    session = make_session(client, journal, clock, acceptor, later)
    look_up(session, "3300000004")
    first = later.work.pop()
    session.back()  # to the keypad, same session: another account
    assert session.state.screen is Screen.IDENTIFY
    for _ in range(13):
        session.backspace()
    for digit in "3300000003":
        session.type_digit(digit)
    session.submit_account()
    first()  # 3300000004's history arrives late
    history = session.state.history
    assert history is not None and history.account_no == "3300000003"
    assert history.status == "loading"
    later.run_all()
    assert session.state.history is not None
    assert session.state.history.status == "loaded"
    assert [r.channel for r in session.state.history.records] == ["counter"]


def test_a_new_session_forgets_the_history(client, journal, clock, acceptor):
    later = Deferred()
    session = make_session(client, journal, clock, acceptor, later)
    look_up(session, "3300000001")
    pending = later.work.pop()
    session.cancel()  # back to the start: a new resident
    assert session.state.screen is Screen.START and session.state.history is None
    pending()  # the old reply must not show the last resident's payments
    assert session.state.history is None


class CountedHistory(BackendPaymentHistory):
    """The back end's history, counting its requests."""

    def __init__(self, client: UtilityClient) -> None:
        super().__init__(client)
        self.asked: list[str] = []

    def recent(self, account_no: str):  # type: ignore[no-untyped-def]
        self.asked.append(account_no)
        return super().recent(account_no)


def test_with_a_window_the_history_waits_until_the_account_screen_is_drawn(
    client, journal, clock, acceptor
):
    """Its request and reply run Python, which the window needs while drawing the account."""
    history = CountedHistory(client)
    later = Deferred()
    waits: list[tuple[float, bool, Screen, list[str]]] = []

    def sleeper(event, seconds: float) -> bool:
        waits.append((seconds, event.is_set(), session.state.screen, list(history.asked)))
        session.drawn(Screen.ACCOUNT)  # the window draws the account screen meanwhile
        return event.wait(0)

    session = make_session(client, journal, clock, acceptor, later, history, sleeper=sleeper)
    session.wait_for_window()
    session.drawn(Screen.ACCOUNT)  # drawn for an earlier resident: does not count
    look_up(session, "3300000001")
    assert session.state.screen is Screen.ACCOUNT
    later.run_all()
    assert waits == [(DRAW_WAIT_S, False, Screen.ACCOUNT, [])]  # nothing asked while drawing
    assert history.asked == ["3300000001"]
    assert session.state.history is not None and session.state.history.status == "loaded"


def test_without_a_window_the_history_does_not_wait(client, journal, clock, acceptor):
    waits: list[float] = []

    def sleeper(event, seconds: float) -> bool:
        waits.append(seconds)
        return False

    session = make_session(client, journal, clock, acceptor, sleeper=sleeper)
    look_up(session, "3300000001")
    assert session.state.history is not None and session.state.history.status == "loaded"
    assert waits == []
