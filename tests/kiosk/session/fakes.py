"""Small in-memory stand-ins for the session's ports (fast state-machine tests only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.clock import Clock
from kiosk.config import SessionSection
from kiosk.session.machine import Session
from kiosk.session.ports import AccountNotFound, BackendDown, Health, InlineExecutor
from kiosk.session.views import AccountView, PaymentOutcomeView


def account(no: str = "3300000001", due: int = 38126, **kw: object) -> AccountView:
    base: dict[str, object] = dict(
        account_no=no,
        holder_masked="张*明",
        address_masked="杭州市西湖区文三路***号",
        category="residential",
        billing_mode="postpaid",
        status="arrears",
        balance_fen=0,
        arrears_fen=due,
        late_fee_fen=0,
        amount_due_fen=due,
        min_payment_fen=100,
        max_payment_fen=5_000_000,
    )
    base.update(kw)
    return AccountView(**base)  # type: ignore[arg-type]


@dataclass
class Accounts:
    known: dict[str, AccountView] = field(default_factory=dict)
    down: bool = False
    calls: list[str] = field(default_factory=list)

    def lookup(self, account_no: str) -> AccountView:
        self.calls.append(account_no)
        if self.down:
            raise BackendDown()
        if account_no not in self.known:
            raise AccountNotFound(account_no)
        return self.known[account_no]


@dataclass
class Ledger:
    notes: dict[str, list[int]] = field(default_factory=dict)
    finished: list[str] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)
    acks: int = 0

    def begin(self, account_no: str, due_fen: int, ceiling_fen: int) -> str:
        txn = f"T-{len(self.notes) + 1:04d}"
        self.notes[txn] = []
        return txn

    def note_stacked(
        self, txn_id: str, value_fen: int, device: str, channel: int, *, ack_pending: bool = False
    ) -> int:
        if txn_id in self.finished:
            self.orphans.append(value_fen)
            return sum(self.notes[txn_id])
        self.notes[txn_id].append(value_fen)
        return sum(self.notes[txn_id])

    def finish(self, txn_id: str) -> None:
        self.finished.append(txn_id)

    def acknowledged(self, device: str) -> None:
        self.acks += 1

    def repeated_at_startup(self, device: str, value_fen: int, channel: int) -> bool:
        return False

    def record_power_up_clear(self, value_fen: int, device: str, channel: int) -> None:
        self.orphans.append(value_fen)


@dataclass
class Posting:
    ledger: Ledger
    online: bool = True

    def wait_outcome(self, txn_id: str, timeout_s: float) -> PaymentOutcomeView:
        amount = sum(self.ledger.notes[txn_id])
        if not self.online:
            return PaymentOutcomeView(transaction_id=txn_id, amount_fen=amount, posted=False)
        return PaymentOutcomeView(
            transaction_id=txn_id,
            amount_fen=amount,
            posted=True,
            receipt_no="R-1",
            new_balance_fen=0,
        )


@dataclass
class Receipts:
    paper: bool = True
    issued: list[str] = field(default_factory=list)

    def paper_available(self) -> bool:
        return self.paper

    def issue(self, outcome: PaymentOutcomeView, account: AccountView, language: str) -> str:
        if not self.paper:
            return "no_paper"
        self.issued.append(outcome.transaction_id)
        return "printed"


def fake_ports(acceptor: Any, accounts: Any, ledger: Ledger | None = None, **more: Any) -> dict:
    """The session's services (`Session.bind`'s keywords) over these stand-ins; `more` adds or
    replaces any of them."""
    ledger = ledger if ledger is not None else Ledger()
    ports: dict[str, Any] = {
        "accounts": accounts,
        "ledger": ledger,
        "posting": Posting(ledger),
        "receipts": Receipts(),
        "acceptor": acceptor,
        "acceptor_id": "fake-1",
        "settings": SessionSection(),
        "health": lambda: Health(),
    }
    ports.update(more)
    return ports


def fake_session(clock: Clock, acceptor: Any, accounts: Any, **more: Any) -> Session:
    """A whole session over the stand-ins, its work run inline unless `executor` is given."""
    executor = more.pop("executor", None) or InlineExecutor()
    return Session(clock=clock, executor=executor, **fake_ports(acceptor, accounts, **more))
