"""A payment backed by money another party already confirmed (a wallet charge or order, a card
authorization): one payment transaction, posted through the outbox, linked from the operation.

Runs in one journal write so the link and the outbox row commit together; calling it again for
the same operation returns the existing payment (a recovery may find a confirmed operation twice).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from kiosk.backend.bodies import payment_body
from kiosk.journal import Journal, ops
from kiosk.journal.records import TransactionRecord

PAYMENTS_PATH = "/v1/payments"
NonCashMethod = Literal["bank_card", "wechat", "alipay", "unionpay_qr"]


def enqueue_confirmed_payment(
    journal: Journal,
    now: datetime,
    kiosk_id: str,
    operation: TransactionRecord,
    method: NonCashMethod,
    extra_detail: dict[str, str] | None = None,
) -> str:
    """Create (once) the payment for a confirmed operation; returns the payment's transaction id."""

    def job(session: Session) -> str:
        current = ops.txn_row(session, operation.id)
        existing = _detail(current.detail).get("payment_txn")
        if existing:
            return str(existing)
        account_no = operation.account_no or ""
        payment = ops.create_transaction(
            session,
            now,
            kiosk_id=kiosk_id,
            kind="payment",
            account_no=account_no,
            amount_fen=operation.amount_fen,
            method=method,
            state="posting",
            detail={"method_ref": operation.id, **(extra_detail or {})},
        )
        body = payment_body(
            transaction_id=payment.id,
            account_no=account_no,
            amount_fen=operation.amount_fen,
            method=method,
            occurred_at=now,
            method_ref=operation.id,
        )
        ops.enqueue(
            session,
            now,
            txn_id=payment.id,
            method="POST",
            path=PAYMENTS_PATH,
            body=dict(body),
            key=payment.id,
            account_no=account_no,
        )
        ops.set_state(session, now, operation.id, "done", detail_update={"payment_txn": payment.id})
        return payment.id

    return journal.write(job)


def _detail(text: str | None) -> dict[str, object]:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
