"""Mobile wallets: the resident's payment code, or the kiosk's QR code; only SUCCESS is money."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.session.core import SessionCore
from kiosk.session.state import Screen

if TYPE_CHECKING:
    from kiosk.payload import PaymentCode

log = logging.getLogger(__name__)


class WalletFlow(SessionCore):
    def _wallet_progress(self, progress: Any) -> None:
        if self._wallet_cancel.is_set():
            return
        self._set(
            wallet_phase=progress.phase,
            wallet_seconds=progress.seconds_left,
            wallet_url=progress.code_url or self.state.wallet_url,
        )

    def _wallet_wait(self, seconds: float) -> bool:
        return self._sleeper(self._wallet_cancel, seconds)

    def _start_charge(self, code: PaymentCode) -> None:
        state = self.state
        if self._wallet is None or state.account is None or state.amount_fen is None:
            return
        account_no, amount, wallet = state.account.account_no, state.amount_fen, self._wallet
        self._wallet_cancel.clear()
        self._set(screen=Screen.WALLET_WAIT, wallet_phase="creating", wallet_seconds=None)

        def work() -> None:
            try:
                result = wallet.charge(
                    account_no, amount, code, self._wallet_wait, self._wallet_progress
                )
            except Exception:
                log.exception("mobile charge failed unexpectedly")
                self._set(screen=Screen.NOTICE, message="wallet_unknown")
                return
            self._wallet_done(result)

        self._executor.submit(work)

    def _start_order(self) -> None:
        state = self.state
        if self._wallet is None or state.account is None or state.amount_fen is None:
            return
        account_no, amount, wallet = state.account.account_no, state.amount_fen, self._wallet
        self._wallet_cancel.clear()
        self._set(
            screen=Screen.WALLET_QR, wallet_phase="creating", wallet_seconds=None, wallet_url=None
        )

        def work() -> None:
            try:
                result = wallet.order(
                    account_no,
                    amount,
                    self._qr_expires_s,
                    self._wallet_wait,
                    self._wallet_progress,
                )
            except Exception:
                log.exception("mobile order failed unexpectedly")
                self._set(screen=Screen.NOTICE, message="wallet_unknown")
                return
            self._wallet_done(result)

        self._executor.submit(work)

    def _wallet_done(self, result: Any) -> None:
        """Turn the wallet's final word into the next screen; only "paid" is money received."""
        changes: dict[str, Any] = {"wallet_phase": None, "wallet_seconds": None, "wallet_url": None}
        if result.outcome == "paid" and result.payment_txn_id:
            self._set(screen=Screen.POSTING, transaction_id=result.payment_txn_id, **changes)
            self._show_outcome(result.payment_txn_id, None)
        elif result.outcome == "refunded":
            self._set(screen=Screen.NOTICE, message="wallet_refunded", **changes)
        elif result.outcome == "unknown":
            self._set(screen=Screen.NOTICE, message="wallet_unknown", **changes)
        elif result.outcome == "cancelled":
            self._set(screen=Screen.METHOD, method=None, message="wallet_cancelled", **changes)
        else:
            self._set(
                screen=Screen.METHOD,
                method=None,
                message="wallet_failed",
                message_arg=result.reason or "",
                **changes,
            )
