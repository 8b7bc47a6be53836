"""What the session needs from the rest of the kiosk, as small protocols (wired by the app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kiosk.session.views import AccountView, PaymentOutcomeView, PaymentRecordView


class AccountNotFound(Exception):
    """The back end does not know this account number."""


class BackendDown(Exception):
    """The back end is unreachable and no fresh cached copy of the account exists."""


class AccountLookup(Protocol):
    def lookup(self, account_no: str) -> AccountView:
        """Fetch (offline: recall from the cache) an account; AccountNotFound or BackendDown."""
        ...


class PaymentHistory(Protocol):
    def recent(self, account_no: str) -> tuple[PaymentRecordView, ...]:
        """The account's recent payments from every channel, newest first; raises when the
        back end cannot say (the session then shows "history unavailable")."""
        ...


class CashLedger(Protocol):
    """The durable side of a cash payment (kiosk.payments.cash.CashPayments)."""

    def begin(self, account_no: str, due_fen: int, ceiling_fen: int) -> str: ...

    def note_stacked(
        self, txn_id: str, value_fen: int, device: str, channel: int, *, ack_pending: bool = False
    ) -> int:
        """Journal the note (durable on return); the transaction's total. A note arriving after
        the transaction closed is kept for staff and not added (the total does not change).
        `ack_pending` also marks it as not yet acknowledged by the device, in the same write."""
        ...

    def acknowledged(self, device: str) -> None: ...

    def repeated_at_startup(self, device: str, value_fen: int, channel: int) -> bool: ...

    def finish(self, txn_id: str) -> None:
        """Cancel when nothing was stacked, else queue the payment of the journaled notes."""
        ...

    def record_power_up_clear(self, value_fen: int, device: str, channel: int) -> object: ...


class PostingWaiter(Protocol):
    def wait_outcome(self, txn_id: str, timeout_s: float) -> PaymentOutcomeView:
        """Block (on a worker) until the payment is posted or the time is up; never raises for
        a slow back end: an unposted payment comes back with posted=False."""
        ...


class ReceiptDesk(Protocol):
    def paper_available(self) -> bool: ...

    def issue(self, outcome: PaymentOutcomeView, account: AccountView, language: str) -> str:
        """Print the receipt; returns "printed", "no_paper" or "failed" (never fakes success)."""
        ...


class WalletDesk(Protocol):
    """kiosk.payments.wallet.WalletPayments, as the session needs it."""

    def charge(
        self, account_no: str, amount_fen: int, code: Any, wait: Any, progress: Any
    ) -> Any: ...

    def order(
        self, account_no: str, amount_fen: int, expires_in_s: int, wait: Any, progress: Any
    ) -> Any: ...


class Executor(Protocol):
    def submit(self, work: Callable[[], None]) -> None: ...


class InlineExecutor:
    """Runs work at once on the caller's thread: deterministic session tests without threads."""

    def submit(self, work: Callable[[], None]) -> None:
        work()


@dataclass(frozen=True)
class Health:
    """Which payment methods are usable right now, and why not."""

    cash: bool = True
    backend_online: bool = True
    printer_paper: bool = True
    scanner: bool = True


@dataclass(frozen=True)
class CardPorts:
    """The card slot and what uses it: kiosk.card_desk.CardDesk, the bank-card and prepaid
    services (kiosk.payments.bank_card / prepaid) and the encrypting PIN pad."""

    desk: Any
    bank: Any
    prepaid: Any
    pinpad: Any
