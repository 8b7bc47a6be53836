"""Cash payments: every stacked note is journaled before it is counted, then one outbox item.

State flow of a cash payment transaction:
collecting -> posting -> posted | suspense | rejected, or collecting -> cancelled (no notes).
The POST /v1/payments body and its Idempotency-Key (= transaction_id) are journaled in the same
DB transaction that moves the payment to `posting`, so a crash can never leave money without a
request to credit it, nor send one that is not journaled.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import validate
from kiosk.backend.bodies import payment_body
from kiosk.clock import Clock
from kiosk.journal import Journal, NoteRecord, ops
from kiosk.journal.errors import InvalidState, UnknownTransaction
from kiosk.journal.models import NOTES
from kiosk.money import format_yuan
from kiosk.payments import note_acks

PAYMENTS_PATH = "/v1/payments"


class Wakeable(Protocol):
    def wake(self) -> None: ...


@dataclass(frozen=True)
class PaymentOutcome:
    txn_id: str
    state: str
    amount_fen: int
    receipt_no: str | None
    payment_id: str | None
    new_balance_fen: int | None
    error: str | None

    @property
    def decided(self) -> bool:
        return self.state in ("posted", "suspense", "rejected", "cancelled")


def finish_in_session(
    session: Session, now: datetime, txn_id: str, occurred_at: datetime, *, recovered: bool
) -> str | None:
    """Cancel (no notes) or enqueue the payment of the journaled notes.

    Returns the new state, or None when the payment was no longer collecting (nothing done).
    Runs inside one writer job so the outbox row and the state change commit together.
    """
    row = ops.txn_row(session, txn_id)
    if row.state != "collecting":
        return None
    notes = session.execute(
        select(NOTES.c.value_fen).where(NOTES.c.txn_id == txn_id).order_by(NOTES.c.id)
    ).all()
    if not notes:
        ops.set_state(session, now, txn_id, "cancelled", event_detail={"recovered": recovered})
        return "cancelled"
    counts = Counter(note.value_fen for note in notes)
    amount = sum(note.value_fen for note in notes)
    account_no = row.account_no or ""
    body = payment_body(
        transaction_id=txn_id,
        account_no=account_no,
        amount_fen=amount,
        method="cash",
        occurred_at=occurred_at,
        cash_notes=counts,
    )
    ops.enqueue(
        session,
        now,
        txn_id=txn_id,
        method="POST",
        path=PAYMENTS_PATH,
        body=dict(body),
        key=txn_id,
        account_no=account_no,
    )
    ops.set_state(
        session,
        now,
        txn_id,
        "posting",
        amount_fen=amount,
        detail_update={"cash_notes": {str(k): v for k, v in sorted(counts.items())}},
        event_detail={"recovered": recovered, "notes": len(notes)},
    )
    return "posting"


class CashPayments:
    def __init__(self, journal: Journal, forwarder: Wakeable, kiosk_id: str, clock: Clock) -> None:
        self._journal = journal
        self._forwarder = forwarder
        self._kiosk_id = kiosk_id
        self._clock = clock

    def begin(self, account_no: str, due_fen: int, ceiling_fen: int) -> str:
        """Open a cash payment (state `collecting`) before the acceptor is enabled."""
        validate.account_no(account_no)
        validate.amount_fen("due_fen", due_fen, allow_zero=True)
        validate.amount_fen("ceiling_fen", ceiling_fen)
        record = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="payment",
            account_no=account_no,
            amount_fen=0,
            method="cash",
            state="collecting",
            detail={"due_fen": due_fen, "ceiling_fen": ceiling_fen},
        )
        return record.id

    def would_accept(self, txn_id: str, value_fen: int) -> bool:
        """Stack the note in escrow only if the total stays within the ceiling."""
        txn = self._journal.get_transaction(txn_id)
        if txn is None or txn.state != "collecting":
            return False
        ceiling = int(txn.detail.get("ceiling_fen", 0))
        return value_fen > 0 and txn.amount_fen + value_fen <= ceiling

    def note_stacked(
        self, txn_id: str, value_fen: int, device: str, channel: int, *, ack_pending: bool = False
    ) -> int:
        """Journal a note the device reported stacked; the total so far, once it is on disk.

        A note stacked after the payment closed is still journaled (never lost) with no
        transaction, and staff are told; it is not added to the closed payment.
        """
        now = self._clock.now()

        def job(session: Session) -> int:
            row = ops.txn_row(session, txn_id)
            if row.state != "collecting":
                note = ops.record_note(session, now, None, value_fen, device, channel)
                if ack_pending:
                    note_acks.mark(session, device, note.id, value_fen, channel)
                reason = (
                    f"note of {format_yuan(value_fen)} (note {note.id}) stacked after payment "
                    f"{txn_id} closed ({row.state}); not credited"
                )
                ops.add_attention(session, now, txn_id, reason)
                return int(row.amount_fen)
            note = ops.record_note(session, now, txn_id, value_fen, device, channel)
            if ack_pending:
                note_acks.mark(session, device, note.id, value_fen, channel)
            total = ops.add_amount(session, now, txn_id, value_fen)
            ops.add_event(
                session, now, txn_id, "collecting", {"note_id": note.id, "value_fen": value_fen}
            )
            return total

        return self._journal.write(job)

    def finish(self, txn_id: str) -> None:
        """Cancel when nothing was stacked, else queue POST /v1/payments (state `posting`)."""
        now = self._clock.now()
        state = self._journal.write(
            lambda s: finish_in_session(s, now, txn_id, now, recovered=False)
        )
        if state == "posting":
            self._forwarder.wake()

    def outcome(self, txn_id: str) -> PaymentOutcome:
        txn = self._journal.get_transaction(txn_id)
        if txn is None:
            raise UnknownTransaction(txn_id)
        if txn.kind != "payment":
            raise InvalidState(f"{txn_id} is a {txn.kind}, not a payment")
        items = self._journal.outbox_for(txn_id)
        error = items[-1].last_error if items else None
        detail = txn.detail
        return PaymentOutcome(
            txn_id=txn.id,
            state=txn.state,
            amount_fen=txn.amount_fen,
            receipt_no=detail.get("receipt_no"),
            payment_id=detail.get("payment_id"),
            new_balance_fen=detail.get("new_balance_fen"),
            error=error,
        )

    def acknowledged(self, device: str) -> None:
        """The acceptor confirmed the acknowledgement: it will not report that note again."""
        self._journal.write(lambda session: note_acks.clear(session, device))

    def repeated_at_startup(self, device: str, value_fen: int, channel: int) -> bool:
        """True when a credit reported at start-up is the journaled, unacknowledged note."""
        found = self._journal.write(
            lambda session: note_acks.take_if_repeat(session, device, value_fen, channel)
        )
        return found is not None

    def forget_unacked(self, device: str) -> None:
        """After the acceptor's first polls: a marker nobody repeated was acknowledged."""
        self._journal.write(lambda session: note_acks.clear(session, device))

    def interrupted(self) -> str | None:
        """The cash payment a crash left collecting (notes may still arrive from the device)."""
        open_ones = self._journal.list_transactions(state="collecting", kind="payment")
        cash = [t for t in open_ones if t.method == "cash"]
        return cash[-1].id if cash else None

    def record_power_up_clear(self, value_fen: int, device: str, channel: int) -> NoteRecord:
        """A note the acceptor cleared into the cashbox at power-up: journaled, staff told."""
        now = self._clock.now()

        def job(session: Session) -> NoteRecord:
            note = ops.record_note(session, now, None, value_fen, device, channel)
            reason = (
                f"note of {format_yuan(value_fen)} (note {note.id}) cleared into the cashbox "
                f"at power-up by {device} channel {channel}; not credited to any account"
            )
            ops.add_attention(session, now, None, reason)
            return note

        return self._journal.write(job)
