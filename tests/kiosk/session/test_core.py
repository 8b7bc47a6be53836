"""The session in two steps, as `kiosk run` starts it: usable before the core, bound later."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from drivers.cash.fake import FakeAcceptor
from kiosk.clock import ManualClock
from kiosk.config import SessionSection
from kiosk.session.machine import Session
from kiosk.session.state import Method, Screen, SessionState
from kiosk.workers import SerialWorker
from tests.kiosk.session.fakes import Accounts, Ledger, account, fake_ports

WAIT_S = 10.0


class Rig:
    def __init__(self) -> None:
        self.clock = ManualClock()
        self.worker = SerialWorker("test-session-worker")
        self.session = Session.unbound(clock=self.clock, executor=self.worker, language="zh")
        self.acceptor = FakeAcceptor()
        self.acceptor.open()
        self.ledger = Ledger()
        self.accounts = Accounts({"3300000001": account()})
        self._changed = threading.Condition()
        self.session.add_listener(self._on_state)

    def _on_state(self, state: SessionState) -> None:
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, screen: Screen) -> SessionState:
        with self._changed:
            reached = self._changed.wait_for(lambda: self.session.state.screen is screen, WAIT_S)
        assert reached, f"still on {self.session.state.screen}, waited for {screen}"
        return self.session.state

    def bind(self, **changes: object) -> None:
        self.session.bind(**fake_ports(self.acceptor, self.accounts, self.ledger, **changes))

    def type_account(self, number: str) -> None:
        self.session.begin()
        for digit in number:
            self.session.type_digit(digit)
        self.session.submit_account()

    def close(self) -> None:
        self.session.bind_failed("test over")  # frees the worker if nothing was bound
        self.worker.stop()
        self.acceptor.close()


@pytest.fixture
def rig() -> Iterator[Rig]:
    made = Rig()
    yield made
    made.close()


def test_a_resident_types_an_account_before_the_core_is_there_and_gets_it_after(rig):
    rig.type_account("3300000001")
    assert rig.session.state.screen is Screen.LOOKUP
    # The look-up waits on the worker, not on the caller; nothing was asked of a service yet.
    assert not rig.worker.wait_idle(0.2)
    assert rig.accounts.calls == []
    rig.bind()
    state = rig.wait_for(Screen.ACCOUNT)
    assert state.account is not None and state.account.account_no == "3300000001"
    assert rig.accounts.calls == ["3300000001"]


def test_the_keypad_works_before_the_core_and_keeps_its_limits(rig):
    rig.session.begin()
    for digit in "12a3" + "9" * 20:
        rig.session.type_digit(digit)
    assert rig.session.state.account_input == "123" + "9" * 10  # 13 digits at most
    rig.session.backspace()
    assert rig.session.state.account_input == "123" + "9" * 9
    rig.session.cancel()
    assert rig.session.state.screen is Screen.START


def test_no_idle_timeout_runs_until_bound_and_then_counts_from_the_binding(rig):
    rig.session.begin()
    rig.clock.advance(3600)
    rig.session.tick()
    assert rig.session.state.screen is Screen.IDENTIFY
    assert rig.session.state.warning_s is None
    rig.bind()
    settings = SessionSection()
    rig.clock.advance(settings.idle_timeout_s - settings.warning_s - 1)
    rig.session.tick()
    assert rig.session.state.warning_s is None
    rig.clock.advance(2)
    rig.session.tick()
    assert rig.session.state.warning_s is not None
    rig.clock.advance(settings.warning_s)
    rig.session.tick()
    assert rig.session.state.screen is Screen.START


def test_the_configured_language_applies_unless_the_resident_chose_one(rig):
    rig.bind(language="en")
    assert rig.session.state.language == "en"


def test_a_language_chosen_before_the_core_is_kept(rig):
    rig.session.set_language("en")
    rig.session.begin()
    rig.bind(language="zh")
    assert rig.session.state.language == "en"
    assert rig.session.state.screen is Screen.IDENTIFY


def test_the_configured_account_length_applies_once_bound(rig):
    rig.bind(min_digits=4, max_digits=6)
    rig.session.begin()
    for digit in "12345678":
        rig.session.type_digit(digit)
    assert rig.session.state.account_input == "123456"


def test_a_session_begun_before_the_core_pays_cash_once_bound(rig):
    rig.type_account("3300000001")
    rig.bind()
    rig.wait_for(Screen.ACCOUNT)
    rig.session.pay_due()
    rig.session.choose_method(Method.CASH)
    rig.session.confirm()
    rig.wait_for(Screen.CASH)
    for _ in range(4):
        rig.acceptor.insert(10000)
    state = rig.wait_for(Screen.RESULT)
    assert state.outcome is not None and state.outcome.amount_fen == 40000
    assert rig.ledger.notes[state.transaction_id] == [10000] * 4


def test_binding_twice_is_refused(rig):
    rig.bind()
    with pytest.raises(RuntimeError, match="already bound"):
        rig.bind()


def test_a_core_that_fails_to_start_ends_the_waiting_look_up_with_a_notice(rig):
    rig.type_account("3300000001")
    rig.session.bind_failed("journal locked")
    state = rig.wait_for(Screen.NOTICE)
    assert state.message == "backend_error"
    assert not rig.session.bound


def test_the_session_imports_none_of_the_core_heavy_parts():
    """The start screen gets its session before SQLAlchemy, pydantic or httpx are imported, and
    before the modules only a bound session uses (their classes cost start-up time)."""
    heavy = ("sqlalchemy", "pydantic", "httpx", "alembic", "kiosk.journal")
    bound_only = (
        "kiosk.session.views",
        "kiosk.session.ports",
        "kiosk.payload",
        "drivers.cash.base",
    )
    code = (
        "import sys, kiosk.session.early\n"
        f"print(' '.join(m for m in {heavy + bound_only!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""
