"""Monthly auto-debit (代扣签约): a bank card, the holder's name, a day of the month and a limit.

Why a direct call and not the outbox: the request carries the full card number, which must never
be stored. So the journal gets the mandate's transaction (mandate id = Idempotency-Key) with only
masked data before the first send, and the request itself lives in memory for as long as the
resident waits. An unknown outcome (timeout, dropped answer, 5xx) is first resent with the same key
and body, which makes the server replay its decision. If the decision still cannot be learnt, the
mandate is cancelled (DELETE needs no card data, so it can also be retried after a restart): the
resident is told nothing was signed, and no debit can ever run on a mandate they did not see
confirmed. Whatever cannot be cancelled goes on the staff attention list.

The holder's name is checked against the masked name the utility shows (张*明): the resident
types the full name, which must agree with every visible character. The full name is sent and
never journaled.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Protocol

from drivers.card.emv import EmvCard
from kiosk.backend import models as m
from kiosk.backend.bodies import MandateBody, mandate_body
from kiosk.backend.errors import ApiError, BackendError, BackendUnavailable, InvalidRequest
from kiosk.journal import Journal, TransactionRecord
from kiosk.mandate_terms import (
    MandateInputError,
    MandateOutcome,
    MandateRequest,
    Status,
    normalize_name,
)
from kiosk.payments.recovery import RecoveryHook, RecoveryReport
from kiosk.payments.undo import attention_once, undo_with_retries

log = logging.getLogger(__name__)


class MandateApi(Protocol):
    def create_mandate(self, body: MandateBody) -> m.AutopayMandate: ...

    def cancel_mandate(self, mandate_id: str) -> m.AutopayMandateCancelled: ...


class MandateService:
    def __init__(
        self,
        journal: Journal,
        client: MandateApi,
        kiosk_id: str,
        *,
        tries: int = 3,
        cancel_tries: int = 3,
    ) -> None:
        self._journal = journal
        self._client = client
        self._kiosk_id = kiosk_id
        self._tries = tries
        self._cancel_tries = cancel_tries

    def sign(self, request: MandateRequest, card: EmvCard) -> MandateOutcome:
        """Journal, send (resending an unknown outcome), and cancel what stays unknown."""
        issues = request.issues()
        if issues:
            raise MandateInputError(issues)
        masked = card.masked_pan
        txn = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="mandate",
            account_no=request.account_no,
            method="bank_card",
            state="sending",
            detail={
                "masked_pan": masked,
                "holder_masked": request.holder_masked,
                "day_of_month": request.day_of_month,
                "limit_fen": request.limit_fen,
            },
        )

        def outcome(status: Status, reason: str | None = None) -> MandateOutcome:
            return MandateOutcome(
                status, txn.id, masked, request.day_of_month, request.limit_fen, reason
            )

        try:
            body = mandate_body(
                mandate_id=txn.id,
                account_no=request.account_no,
                pan=card.pan,
                expiry=card.expiry,
                holder_name=normalize_name(request.holder_name),
                day_of_month=request.day_of_month,
                limit_fen=request.limit_fen,
            )
        except InvalidRequest as exc:  # e.g. an expiry the card wrote in a strange form
            log.warning("mandate %s not sent: %s", txn.id, exc)
            self._final(txn.id, "failed", "invalid_card")
            return outcome("failed", "invalid_card")
        try:
            status, reason = self._send(txn.id, body)
        finally:
            del body  # the full PAN goes no further than the request
        if status == "unknown":
            status, reason = self._cancel(txn, reason or "unknown_outcome")
        return outcome(status, reason)

    def _send(self, txn_id: str, body: MandateBody) -> tuple[Status, str | None]:
        maybe_sent = False
        for attempt in range(1, self._tries + 1):
            try:
                answer = self._client.create_mandate(body)
            except BackendUnavailable as exc:
                log.warning("mandate %s not delivered (try %d): %s", txn_id, attempt, exc.code)
                continue
            except ApiError as exc:
                if exc.retryable:
                    log.warning("mandate %s refused for now (try %d): %s", txn_id, attempt, exc)
                    continue
                self._final(txn_id, "failed", exc.code)
                return "failed", exc.code
            except BackendError as exc:
                log.warning("mandate %s outcome unknown (try %d): %s", txn_id, attempt, exc.code)
                maybe_sent = True
                continue
            self._journal.set_state(
                txn_id,
                "done",
                detail_update={"result": answer.status, "bank_masked": answer.bank_masked},
            )
            log.info("mandate %s active for %s", txn_id, answer.bank_masked)
            return "active", None
        if not maybe_sent:
            self._final(txn_id, "failed", "backend_unavailable")
            return "failed", "backend_unavailable"
        return "unknown", "unknown_outcome"

    def _cancel(self, txn: TransactionRecord, reason: str) -> tuple[Status, str | None]:
        """Undo a mandate whose creation may or may not have happened."""
        self._journal.set_state(txn.id, "cancelling", detail_update={"reason": reason})
        undo = partial(self._client.cancel_mandate, txn.id)
        if undo_with_retries(undo, self._cancel_tries, f"cancelling mandate {txn.id}"):
            self._final(txn.id, "cancelled", reason)
            return "cancelled", reason
        attention_once(self._journal, txn.id, f"auto-debit mandate {txn.id} not cancelled yet")
        return "unknown", "cancel_pending"

    def _final(self, txn_id: str, state: str, reason: str) -> None:
        self._journal.set_state(txn_id, state, detail_update={"reason": reason})

    def recovery_hooks(
        self,
    ) -> dict[str, RecoveryHook]:
        """A mandate a crash left undecided is cancelled: nobody saw it confirmed."""

        def hook(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            status, _ = self._cancel(txn, "recovered")
            if status == "cancelled":
                report.cancelled.append(txn.id)
            else:
                report.attention.append(txn.id)

        return {"mandate": hook}
