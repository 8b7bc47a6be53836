"""The back end goes away: cash is still taken for an account seen in the last 24 h, shown with
"will be posted", wallets are not offered, and everything is posted when the link returns."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from backend_sim.server import SimulatorServer
from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.session.state import Method, Screen
from tests.ui.conftest import kiosk_settings


def wait(kiosk: Kiosk, screen: Screen, timeout: float = 20.0) -> None:
    """Block until the session shows `screen` (woken by its listener, never by polling)."""
    changed = threading.Condition()

    def on_state(_state: object) -> None:
        with changed:
            changed.notify_all()

    kiosk.session.add_listener(on_state)
    with changed:
        ok = changed.wait_for(lambda: kiosk.session.state.screen is screen, timeout)
    assert ok, (kiosk.session.state.screen, screen)


def identify(kiosk: Kiosk, account: str) -> None:
    kiosk.session.begin()
    for d in account:
        kiosk.session.type_digit(d)
    kiosk.session.submit_account()


def test_offline_cash_for_a_recent_account_is_posted_when_the_link_returns(tmp_path: Path):
    settings = kiosk_settings(tmp_path, posting_wait_s=1)
    kiosk = Kiosk.build(settings, clock=OffsetClock())
    kiosk.start()
    try:
        sim = kiosk.simulator
        identify(kiosk, "3300000001")  # seen online: cached in the journal
        wait(kiosk, Screen.ACCOUNT)
        kiosk.session.done()
        kiosk.session.back()
        kiosk.session.cancel()
        port = sim.port
        sim.stop()  # the utility is unreachable from now on
        identify(kiosk, "3300000001")
        wait(kiosk, Screen.ACCOUNT)
        state = kiosk.session.state
        assert state.account.offline
        kiosk.session.to_amount()
        for d in "100":
            kiosk.session.type_amount_digit(d)
        kiosk.session.submit_other_amount()
        assert kiosk.session.state.methods == (Method.CASH,)  # wallets and cards need the link
        kiosk.session.choose_method(Method.CASH)
        kiosk.session.confirm()
        wait(kiosk, Screen.CASH)
        kiosk.acceptor.insert(10000)
        wait(kiosk, Screen.RESULT)
        outcome = kiosk.session.state.outcome
        assert outcome.posted is False and outcome.amount_fen == 10000
        assert kiosk.journal.outbox_depth() == 1
        # An account never seen is not served offline.
        kiosk.session.done()
        identify(kiosk, "3300000002")
        wait(kiosk, Screen.NOTICE)
        assert kiosk.session.state.message == "backend_unavailable"
        # The link returns (same port, same state): the forwarder posts the payment.
        back = SimulatorServer(port=port, state_path=settings.backend.sim_state, clock=kiosk.clock)
        back.start()
        kiosk.simulator = back
        sim = back
        kiosk.clock.advance(600)  # past the retry back-off
        summary = kiosk.forwarder.drain_once()
        assert kiosk.journal.outbox_depth() == 0, summary
        ledger = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=10).json()["payments"]
        mine = [p for p in ledger if p.get("transaction_id") == outcome.transaction_id]
        assert [p["amount_fen"] for p in mine] == [10000]
    finally:
        kiosk.close()
