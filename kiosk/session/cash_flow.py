"""Cash: notes are credited only once journaled; once a note is in, the step ends by crediting.

Cancel disables the acceptor first and then looks at what the journal holds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.session.core import SessionCore
from kiosk.session.state import Screen

if TYPE_CHECKING:
    from drivers.cash.base import CashEvent, EscrowDecision

log = logging.getLogger(__name__)


class CashFlow(SessionCore):
    def _start_cash(self) -> None:
        state = self.state
        assert state.account is not None
        assert state.amount_fen is not None
        account, target = state.account, state.amount_fen
        self._set(screen=Screen.PREPARING, notes=(), message=None)

        def work() -> None:
            ceiling = account.max_payment_fen
            try:
                txn_id = self._ledger.begin(account.account_no, target, ceiling)
            except Exception:
                log.exception("could not open the cash transaction")
                self._set(screen=Screen.NOTICE, message="journal_error")
                return
            with self._lock:
                self._accepting = True
                self._last_touch = self._clock.monotonic()
            self._set(screen=Screen.CASH, transaction_id=txn_id)
            try:
                self._acceptor.enable()
            except Exception:
                log.exception("the banknote acceptor could not be enabled")
                self._close_cash(reason="cash_fault")

        self._executor.submit(work)

    def _escrow_policy(self, value_fen: int) -> EscrowDecision:
        """Stack only while the session is taking cash and the amount is not reached yet."""
        # The acceptor, and so this module, comes with the core: the start screen's session is
        # made before it (kiosk.session.early).
        from drivers.cash.base import EscrowDecision

        with self._lock:
            state = self._state
            if not self._accepting or state.screen is not Screen.CASH or state.account is None:
                return EscrowDecision.RETURN
            target = state.amount_fen or 0
            taken = state.inserted_fen
            if taken >= target or taken + value_fen > state.account.max_payment_fen:
                return EscrowDecision.RETURN
            return EscrowDecision.STACK

    def _on_cash_event(self, event: CashEvent) -> None:
        """Called on the acceptor's thread. A stacked note is journaled before anything else."""
        from drivers.cash.base import CashEventKind  # see _escrow_policy

        if event.kind is CashEventKind.STACKED and event.value_fen:
            if event.detail == "reported_at_startup" and self._ledger.repeated_at_startup(
                self._acceptor_id, event.value_fen, event.channel or 0
            ):
                log.warning("the acceptor repeated a credit already journaled; not counted again")
                return
            self._on_stacked(event.value_fen, event.channel, ack_pending=event.ack_pending)
        elif event.kind is CashEventKind.ACKNOWLEDGED:
            self._ledger.acknowledged(self._acceptor_id)
        elif event.kind is CashEventKind.CLEARED_TO_CASHBOX and event.value_fen:
            self._ledger.record_power_up_clear(
                event.value_fen, self._acceptor_id, event.channel or 0
            )
        elif event.kind in (
            CashEventKind.JAM,
            CashEventKind.CASHBOX_REMOVED,
            CashEventKind.FAULT,
            CashEventKind.FRAUD,
            CashEventKind.CASHBOX_FULL,
        ):
            log.warning("acceptor: %s %s", event.kind, event.detail)
            with self._lock:
                in_cash = self._accepting
            if in_cash:
                self._close_cash(reason=f"cash_{event.kind.value}")
        else:
            log.debug("acceptor: %s", event.kind)

    def resume_cash(self, txn_id: str | None) -> None:
        """At start-up, before the acceptor opens: a note it reports as stacked before the crash
        belongs to the payment the crash interrupted (recovery then credits it)."""
        with self._lock:
            self._resume_txn = txn_id

    def end_resume(self) -> None:
        with self._lock:
            self._resume_txn = None

    def _on_stacked(self, value_fen: int, channel: int | None, *, ack_pending: bool) -> None:
        with self._lock:
            txn_id = self._state.transaction_id or self._resume_txn
            resumed = self._state.transaction_id is None
        if txn_id is None:
            # Stacked with no transaction at all (the acceptor should have been disabled).
            # The note is real money: journal it for staff rather than drop it.
            log.error("a note was stacked outside a cash step; kept for staff")
            self._ledger.record_power_up_clear(value_fen, self._acceptor_id, channel or 0)
            return
        total = self._ledger.note_stacked(
            txn_id, value_fen, self._acceptor_id, channel or 0, ack_pending=ack_pending
        )
        if resumed:
            log.warning("a note stacked before the restart was credited to %s", txn_id)
            return
        with self._lock:
            credited = total == self._state.inserted_fen + value_fen
            if credited:
                self._last_touch = self._clock.monotonic()
            notes = (*self._state.notes, value_fen) if credited else self._state.notes
            target = self._state.amount_fen or 0
            accepting = self._accepting
        if not credited:
            log.error("a note arrived after the payment closed; kept for staff")
            return
        self._set(notes=notes, warning_s=None)
        if accepting and sum(notes) >= target:
            self._close_cash(reason=None)

    def finish_cash(self) -> None:
        """The resident is done inserting notes (pays what went in)."""
        self._touch()
        if self.state.screen is Screen.CASH and self.state.notes:
            self._close_cash(reason=None)

    def _close_cash(self, reason: str | None) -> None:
        """Disable the acceptor, then credit what was stacked, or cancel if nothing was."""
        with self._lock:
            if not self._accepting:
                return
            self._accepting = False
            txn_id = self._state.transaction_id
        self._set(screen=Screen.POSTING, message=reason, warning_s=None)

        def work() -> None:
            try:
                # Wait for a note already on its way to the cashbox: it belongs to this payment.
                if not self._acceptor.quiesce(15.0):
                    log.error("the acceptor did not settle; late notes go to staff")
            except Exception:
                log.exception("the acceptor could not be disabled")
            assert txn_id is not None
            try:
                self._ledger.finish(txn_id)
            except Exception:
                log.exception("finishing %s failed; recovery will complete it", txn_id)
                self._set(screen=Screen.NOTICE, message="journal_error")
                return
            # The journal, not the screen, says what was stacked (a note may have landed while
            # the acceptor was being disabled).
            self._show_outcome(txn_id, reason)

        self._executor.submit(work)
