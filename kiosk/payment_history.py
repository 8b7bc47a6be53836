"""The account's recent payments through every channel, as the session shows them.

Read-only and never cached: when the back end cannot answer, the session shows "history
unavailable" and paying goes on as before.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.backend import models as m
from kiosk.clock import rfc3339
from kiosk.session.views import PaymentRecordView

HISTORY_LIMIT = 20


class PaymentSource(Protocol):
    def get_payments(self, account_no: str, limit: int = 20) -> list[m.PaymentRecord]: ...


def to_record(payment: m.PaymentRecord) -> PaymentRecordView:
    return PaymentRecordView(
        channel=payment.channel,
        method=payment.method,
        amount_fen=payment.amount_fen,
        posted_at=rfc3339(payment.posted_at),
        receipt_no=payment.receipt_no,
    )


class BackendPaymentHistory:
    def __init__(self, source: PaymentSource, limit: int = HISTORY_LIMIT) -> None:
        self._source = source
        self._limit = limit

    def recent(self, account_no: str) -> tuple[PaymentRecordView, ...]:
        """Newest first; any back-end error propagates (the session shows "unavailable")."""
        payments = self._source.get_payments(account_no, self._limit)
        ordered = sorted(payments, key=lambda p: p.posted_at, reverse=True)
        return tuple(to_record(p) for p in ordered[: self._limit])
