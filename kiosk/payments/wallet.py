"""Mobile-wallet payments: the kiosk scans the phone's payment code (a charge) or shows a QR code
for the phone to scan (an order).

Every charge and order gets its id in the journal before the first request, ends in a final state
(also across a restart: `recovery_hooks`), and only a confirmed SUCCESS becomes a payment, posted
through the outbox like cash. The payment code itself is never stored: only its masked form.
An unknown outcome (timeout, 5xx, a malformed reply) is queried, never assumed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from kiosk.backend import models as m
from kiosk.backend.bodies import mobile_charge_body, mobile_order_body
from kiosk.backend.errors import ApiError, BackendError, BackendUnavailable
from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.journal.records import TransactionRecord
from kiosk.payload import PaymentCode
from kiosk.payments.confirmed import enqueue_confirmed_payment
from kiosk.payments.recovery import RecoveryHook, RecoveryReport

log = logging.getLogger(__name__)

# The contract's payment method for each wallet.
PAYMENT_METHOD: Mapping[str, Literal["wechat", "alipay", "unionpay_qr"]] = {
    "wechat": "wechat",
    "alipay": "alipay",
    "unionpay": "unionpay_qr",
}

Outcome = Literal["paid", "failed", "cancelled", "refunded", "unknown"]
# Waits up to the given seconds; True when the resident cancelled meanwhile.
Waiter = Callable[[float], bool]


@dataclass(frozen=True)
class WalletResult:
    outcome: Outcome
    operation_id: str  # the charge or order id
    payment_txn_id: str | None = None  # the payment transaction, when paid
    wallet: str | None = None
    reason: str | None = None  # a message key or the wallet's failure reason


@dataclass(frozen=True)
class WalletProgress:
    phase: Literal["userpaying", "reversing", "waiting_scan"]
    seconds_left: int
    code_url: str | None = None


Progress = Callable[[WalletProgress], None]


class WalletApi(Protocol):
    def create_mobile_charge(self, body: Any) -> m.MobileCharge: ...

    def get_mobile_charge(self, charge_id: str) -> m.MobileCharge: ...

    def reverse_mobile_charge(self, charge_id: str) -> m.MobileChargeReversal: ...

    def create_mobile_order(self, body: Any) -> m.MobileOrderCreated: ...

    def get_mobile_order(self, order_id: str) -> m.MobileOrderState: ...

    def close_mobile_order(self, order_id: str) -> m.MobileOrderState: ...


class Wakeable(Protocol):
    def wake(self) -> None: ...


class WalletPayments:
    def __init__(
        self,
        journal: Journal,
        client: WalletApi,
        forwarder: Wakeable,
        kiosk_id: str,
        clock: Clock,
        *,
        poll_s: float = 3.0,
        max_wait_s: float = 45.0,
        reverse_tries: int = 5,
    ) -> None:
        self._journal = journal
        self._client = client
        self._forwarder = forwarder
        self._kiosk_id = kiosk_id
        self._clock = clock
        self._poll_s = poll_s
        self._max_wait_s = max_wait_s
        self._reverse_tries = reverse_tries

    # -- the kiosk scans the resident's payment code ------------------------------------------
    def charge(
        self, account_no: str, amount_fen: int, code: PaymentCode, wait: Waiter, progress: Progress
    ) -> WalletResult:
        txn = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="mobile_charge",
            account_no=account_no,
            amount_fen=amount_fen,
            method=code.wallet,
            state="creating",
            detail={"wallet": code.wallet, "code": code.masked},
        )
        charge_id = txn.id
        body = mobile_charge_body(
            charge_id=charge_id, account_no=account_no, amount_fen=amount_fen, auth_code=code.code
        )
        status: str
        try:
            status = self._client.create_mobile_charge(body).status
        except BackendUnavailable as exc:
            log.warning("charge %s not sent: %s", charge_id, exc)
            self._final(charge_id, "failed", reason="backend_unavailable")
            return WalletResult(
                "failed", charge_id, wallet=code.wallet, reason="backend_unavailable"
            )
        except ApiError as exc:
            if not exc.retryable:
                self._final(charge_id, "failed", reason=exc.code)
                return WalletResult("failed", charge_id, wallet=code.wallet, reason=exc.code)
            status = "UNKNOWN"
        except BackendError as exc:  # OutcomeUnknown, BadResponse: the charge may exist
            log.warning("charge %s outcome unknown: %s", charge_id, exc)
            status = "UNKNOWN"
        del body  # the payment code is not kept past the request that used it
        return self._drive_charge(txn, status, wait, progress)

    def _drive_charge(
        self, txn: TransactionRecord, status: str, wait: Waiter, progress: Progress
    ) -> WalletResult:
        charge_id = txn.id
        wallet = str(txn.detail.get("wallet") or txn.method or "")
        started = self._clock.monotonic()
        if status in ("USERPAYING", "UNKNOWN"):
            self._journal.set_state(charge_id, "userpaying", event_detail={"status": status})
        while status in ("USERPAYING", "UNKNOWN"):
            left = self._max_wait_s - (self._clock.monotonic() - started)
            if left <= 0:
                break
            progress(WalletProgress("userpaying", int(left + 0.999)))
            if wait(min(self._poll_s, left)):
                log.info("charge %s cancelled by the resident", charge_id)
                break
            status = self._query_charge(charge_id)
        return self._settle_charge(txn, status, wallet, progress)

    def _query_charge(self, charge_id: str) -> str:
        try:
            return self._client.get_mobile_charge(charge_id).status
        except ApiError as exc:
            if exc.code in ("NOT_FOUND",):
                return "NOT_FOUND"
            return "UNKNOWN"
        except BackendError as exc:
            log.info("query of %s failed: %s", charge_id, exc)
            return "UNKNOWN"

    def _settle_charge(
        self, txn: TransactionRecord, status: str, wallet: str, progress: Progress
    ) -> WalletResult:
        charge_id = txn.id
        if status == "SUCCESS":
            return self._paid(txn, wallet)
        if status == "FAILED":
            reason = "wallet_failed"
            with contextlib.suppress(BackendError):
                reason = self._client.get_mobile_charge(charge_id).fail_reason or reason
            self._final(charge_id, "failed", reason=reason)
            return WalletResult("failed", charge_id, wallet=wallet, reason=reason)
        if status in ("NOT_FOUND", "CLOSED"):
            self._final(charge_id, "cancelled", reason=status.lower())
            return WalletResult("cancelled", charge_id, wallet=wallet)
        if status == "REVERSED":
            self._final(charge_id, "cancelled", reason="refunded")
            return WalletResult("refunded", charge_id, wallet=wallet)
        return self._reverse(txn, wallet, progress)

    def _reverse(self, txn: TransactionRecord, wallet: str, progress: Progress) -> WalletResult:
        """Not paid in time (or cancelled): reverse, repeating while the wallet says `recall`."""
        charge_id = txn.id
        self._journal.set_state(charge_id, "reversing")
        for attempt in range(1, self._reverse_tries + 1):
            progress(WalletProgress("reversing", 0))
            try:
                reply = self._client.reverse_mobile_charge(charge_id)
            except ApiError as exc:
                if exc.code == "NOT_FOUND":  # the create never reached the wallet
                    self._final(charge_id, "cancelled", reason="not_found")
                    return WalletResult("cancelled", charge_id, wallet=wallet)
                log.warning("reverse of %s refused (try %d): %s", charge_id, attempt, exc)
                continue
            except BackendError as exc:
                log.warning("reverse of %s unknown (try %d): %s", charge_id, attempt, exc)
                continue
            if reply.recall:
                continue
            if reply.status == "REVERSED":
                # Paid between the last query and the reverse: the money went back.
                self._final(charge_id, "cancelled", reason="refunded")
                return WalletResult("refunded", charge_id, wallet=wallet)
            self._final(charge_id, "cancelled", reason="closed")
            return WalletResult("cancelled", charge_id, wallet=wallet)
        self._journal.add_attention(
            charge_id, f"mobile charge {charge_id} could not be reversed; recovery will retry"
        )
        return WalletResult("unknown", charge_id, wallet=wallet, reason="reverse_pending")

    # -- the kiosk shows a QR code ------------------------------------------------------------
    def order(
        self,
        account_no: str,
        amount_fen: int,
        expires_in_s: int,
        wait: Waiter,
        progress: Progress,
    ) -> WalletResult:
        txn = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="mobile_order",
            account_no=account_no,
            amount_fen=amount_fen,
            method=None,
            state="creating",
            detail={"expires_in_s": expires_in_s},
        )
        order_id = txn.id
        body = mobile_order_body(
            order_id=order_id,
            account_no=account_no,
            amount_fen=amount_fen,
            expires_in_s=expires_in_s,
        )
        try:
            created = self._client.create_mobile_order(body)
        except BackendUnavailable:
            self._final(order_id, "failed", reason="backend_unavailable")
            return WalletResult("failed", order_id, reason="backend_unavailable")
        except ApiError as exc:
            if not exc.retryable:
                self._final(order_id, "failed", reason=exc.code)
                return WalletResult("failed", order_id, reason=exc.code)
            return self._close_order(txn, progress)
        except BackendError:
            return self._close_order(txn, progress)
        self._journal.set_state(order_id, "awaiting", detail_update={"code_url": created.code_url})
        started = self._clock.monotonic()
        while True:
            left = expires_in_s - (self._clock.monotonic() - started)
            if left <= 0:
                break
            progress(WalletProgress("waiting_scan", int(left + 0.999), created.code_url))
            if wait(min(self._poll_s, left)):
                break
            try:
                state = self._client.get_mobile_order(order_id)
            except BackendError as exc:
                log.info("query of order %s failed: %s", order_id, exc)
                continue
            if state.status == "SUCCESS":
                return self._paid(txn, state.wallet or "wechat")
            if state.status == "CLOSED":
                self._final(order_id, "cancelled", reason="closed")
                return WalletResult("cancelled", order_id)
        return self._close_order(txn, progress)

    def _close_order(self, txn: TransactionRecord, progress: Progress) -> WalletResult:
        """Expired or cancelled: close it; a close that finds it paid completes the payment."""
        order_id = txn.id
        for _ in range(self._reverse_tries):
            try:
                state = self._client.close_mobile_order(order_id)
            except ApiError as exc:
                if exc.code == "NOT_FOUND":
                    self._final(order_id, "cancelled", reason="not_found")
                    return WalletResult("cancelled", order_id)
                continue
            except BackendError:
                continue
            if state.status == "SUCCESS":
                return self._paid(txn, state.wallet or "wechat")
            self._final(order_id, "cancelled", reason="closed")
            return WalletResult("cancelled", order_id)
        self._journal.add_attention(order_id, f"mobile order {order_id} could not be closed")
        return WalletResult("unknown", order_id, reason="close_pending")

    # -- both -----------------------------------------------------------------------------
    def _paid(self, txn: TransactionRecord, wallet: str) -> WalletResult:
        """The wallet has the money: one payment transaction, posted through the outbox."""
        method = PAYMENT_METHOD.get(wallet, "wechat")
        payment_txn = enqueue_confirmed_payment(
            self._journal, self._clock.now(), self._kiosk_id, txn, method, {"wallet": wallet}
        )
        self._forwarder.wake()
        return WalletResult("paid", txn.id, payment_txn_id=payment_txn, wallet=wallet)

    def _final(self, txn_id: str, state: str, *, reason: str) -> None:
        self._journal.set_state(txn_id, state, detail_update={"reason": reason})

    # -- recovery -------------------------------------------------------------------------
    def recovery_hooks(
        self,
    ) -> dict[str, RecoveryHook]:
        """Drive charges and orders a crash left open to a final state, before residents come."""

        def quiet(_progress: WalletProgress) -> None:
            return None

        def charge(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            # No waiting at recovery: what is not paid by now is reversed.
            status = self._query_charge(txn.id)
            if status == "UNKNOWN":
                log.warning("charge %s still unknown; will retry at the next recovery", txn.id)
                return
            result = self._settle_charge(txn, status, str(txn.method or ""), quiet)
            log.info("recovered charge %s: %s", txn.id, result.outcome)
            report.finished.append(txn.id)

        def order(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            try:
                state = self._client.get_mobile_order(txn.id)
            except ApiError as exc:
                if exc.code == "NOT_FOUND":
                    self._final(txn.id, "cancelled", reason="not_found")
                    report.finished.append(txn.id)
                return
            except BackendError:
                return
            if state.status == "SUCCESS":
                self._paid(txn, state.wallet or "wechat")
            elif state.status == "CLOSED":
                self._final(txn.id, "cancelled", reason="closed")
            else:
                self._close_order(txn, quiet)
            report.finished.append(txn.id)

        return {"mobile_charge": charge, "mobile_order": order}
