"""Bank-card payments: one authorization, then a payment that references it.

The full PAN exists only in memory and in the one authorization request; the journal records the
authorization id (made before the first send) with the masked PAN. An authorization whose outcome
is unknown (a timeout, a 5xx, a malformed answer) is reversed, never assumed: the resident is told
the card payment was cancelled, and any hold on the card is released.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, Protocol

from drivers.card.emv import EmvCard
from kiosk.backend import models as m
from kiosk.backend.bodies import card_authorization_body
from kiosk.backend.errors import ApiError, BackendError, BackendUnavailable
from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.journal.records import TransactionRecord
from kiosk.payments.confirmed import enqueue_confirmed_payment
from kiosk.payments.recovery import RecoveryHook, RecoveryReport
from kiosk.payments.undo import attention_once, undo_with_retries

log = logging.getLogger(__name__)

CardOutcome = Literal["approved", "declined", "failed", "cancelled", "unknown"]


@dataclass(frozen=True)
class CardResult:
    outcome: CardOutcome
    auth_id: str
    masked_pan: str
    payment_txn_id: str | None = None
    reason: str | None = None


class CardApi(Protocol):
    def create_card_authorization(self, body: Any) -> m.CardAuthorization: ...

    def reverse_card_authorization(self, auth_id: str) -> m.CardAuthorizationReversal: ...


class Wakeable(Protocol):
    def wake(self) -> None: ...


class BankCardPayments:
    def __init__(
        self,
        journal: Journal,
        client: CardApi,
        forwarder: Wakeable,
        kiosk_id: str,
        clock: Clock,
        *,
        reverse_tries: int = 3,
    ) -> None:
        self._journal = journal
        self._client = client
        self._forwarder = forwarder
        self._kiosk_id = kiosk_id
        self._clock = clock
        self._reverse_tries = reverse_tries

    def pay(
        self, account_no: str, amount_fen: int, card: EmvCard, pin_block: str | None
    ) -> CardResult:
        masked = card.masked_pan
        txn = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="card_authorization",
            account_no=account_no,
            amount_fen=amount_fen,
            method="bank_card",
            state="authorizing",
            detail={"masked_pan": masked, "aid": card.aid, "pin_entered": pin_block is not None},
        )
        body = card_authorization_body(
            auth_id=txn.id,
            account_no=account_no,
            amount_fen=amount_fen,
            pan=card.pan,
            expiry=card.expiry,
            pan_sequence=f"{card.pan_sequence or 0:02d}",
            aid=card.aid,
            pin_block=pin_block,
        )
        try:
            auth = self._client.create_card_authorization(body)
        except BackendUnavailable as exc:
            log.warning("authorization %s not sent: %s", txn.id, exc)
            self._final(txn.id, "failed", "backend_unavailable")
            return CardResult("failed", txn.id, masked, reason="backend_unavailable")
        except ApiError as exc:
            if not exc.retryable:
                self._final(txn.id, "failed", exc.code)
                return CardResult("failed", txn.id, masked, reason=exc.code)
            return self._reverse(txn, masked, "unknown_outcome")
        except BackendError as exc:
            log.warning("authorization %s outcome unknown: %s", txn.id, exc)
            return self._reverse(txn, masked, "unknown_outcome")
        finally:
            del body  # the full PAN goes no further than the request
        if auth.status == "DECLINED":
            reason = auth.decline_reason or "declined"
            self._final(txn.id, "failed", reason)
            return CardResult("declined", txn.id, masked, reason=reason)
        payment_txn = enqueue_confirmed_payment(
            self._journal,
            self._clock.now(),
            self._kiosk_id,
            txn,
            "bank_card",
            {"masked_pan": masked, "approval_code": auth.approval_code or ""},
        )
        self._forwarder.wake()
        return CardResult("approved", txn.id, masked, payment_txn_id=payment_txn)

    def _reverse(self, txn: TransactionRecord, masked: str, reason: str) -> CardResult:
        self._journal.set_state(txn.id, "reversing", detail_update={"reason": reason})
        undo = partial(self._client.reverse_card_authorization, txn.id)
        if undo_with_retries(undo, self._reverse_tries, f"reversal of {txn.id}"):
            self._final(txn.id, "cancelled", reason)
            return CardResult("cancelled", txn.id, masked, reason=reason)
        attention_once(self._journal, txn.id, f"card authorization {txn.id} not reversed yet")
        return CardResult("unknown", txn.id, masked, reason="reverse_pending")

    def _final(self, txn_id: str, state: str, reason: str) -> None:
        self._journal.set_state(txn_id, state, detail_update={"reason": reason})

    def recovery_hooks(
        self,
    ) -> dict[str, RecoveryHook]:
        """An authorization a crash left undecided is reversed: its outcome cannot be known."""

        def hook(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            result = self._reverse(txn, str(txn.detail.get("masked_pan", "")), "recovered")
            if result.outcome == "cancelled":
                report.finished.append(txn.id)
            else:
                report.attention.append(txn.id)

        return {"card_authorization": hook}
