"""A session wired to the in-memory fakes of tests/kiosk/session (as test_machine.py builds it),
plus a wallet desk that only records the charges it was asked for (it never says "paid")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drivers.cash.fake import FakeAcceptor
from kiosk.clock import ManualClock
from kiosk.config import SessionSection
from kiosk.session.machine import Session
from kiosk.session.ports import Health, InlineExecutor
from kiosk.session.state import Screen
from kiosk.session.views import AccountView
from tests.kiosk.session.fakes import Accounts, Ledger, Posting, Receipts, account

ACCOUNTS: dict[str, AccountView] = {
    "3300000001": account(),
    "3300000002": account("3300000002", due=0),
    "3300000003": account(
        "3300000003", due=150_000, min_payment_fen=5_000, max_payment_fen=200_000
    ),
}


@dataclass
class _Declined:
    outcome: str = "failed"
    reason: str | None = "declined"
    payment_txn_id: str | None = None


@dataclass
class RecordingWallet:
    """Records (account, amount, code) of each charge; every charge is declined."""

    charges: list[tuple[str, int, Any]] = field(default_factory=list)
    orders: list[tuple[str, int]] = field(default_factory=list)

    def charge(self, account_no: str, amount_fen: int, code: Any, wait: Any, progress: Any) -> Any:
        self.charges.append((account_no, amount_fen, code))
        return _Declined()

    def order(
        self, account_no: str, amount_fen: int, expires_in_s: int, wait: Any, progress: Any
    ) -> Any:
        self.orders.append((account_no, amount_fen))
        return _Declined()


@dataclass
class Rig:
    session: Session
    acceptor: FakeAcceptor
    ledger: Ledger
    wallet: RecordingWallet
    receipts: Receipts

    def close(self) -> None:
        self.acceptor.close()


def make_rig() -> Rig:
    acceptor = FakeAcceptor()
    acceptor.open()
    ledger = Ledger()
    wallet = RecordingWallet()
    receipts = Receipts()
    session = Session(
        clock=ManualClock(),
        executor=InlineExecutor(),
        accounts=Accounts(dict(ACCOUNTS)),
        ledger=ledger,
        posting=Posting(ledger),
        receipts=receipts,
        acceptor=acceptor,
        acceptor_id="fake-1",
        settings=SessionSection(),
        health=lambda: Health(),
        wallet=wallet,
    )
    return Rig(session, acceptor, ledger, wallet, receipts)


def assert_valid(rig: Rig) -> None:
    """What must hold after any sequence of touches and scans that inserts no cash."""
    state = rig.session.state
    assert isinstance(state.screen, Screen)
    assert state.account_input == "" or (
        state.account_input.isascii() and state.account_input.isdigit()
    )
    assert len(state.account_input) <= 13
    assert state.amount_input == "" or (
        state.amount_input.isascii() and state.amount_input.isdigit()
    )
    assert len(state.amount_input) <= 6 and not state.amount_input.startswith("0")
    if state.amount_fen is not None:
        assert isinstance(state.amount_fen, int) and state.account is not None
        acct = state.account
        assert state.amount_fen == acct.amount_due_fen or (
            acct.min_payment_fen <= state.amount_fen <= acct.max_payment_fen
        )
    # No cash was inserted and the wallet declined everything: no money may have been counted.
    assert state.notes == ()
    assert all(not notes for notes in rig.ledger.notes.values())
    assert rig.receipts.issued == []
    assert state.outcome is None
    for account_no, amount, code in rig.wallet.charges:
        assert account_no in ACCOUNTS
        assert amount > 0
        assert code.code.isdigit()
