"""Turns the journal and the forwarder's answer into what the result screen shows."""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol

from kiosk.journal import Journal
from kiosk.session.views import PaymentOutcomeView


class ResultSource(Protocol):
    def wait_result(self, txn_id: str, timeout_s: float) -> Any: ...


class ForwarderPosting:
    """Waits (on the session worker) for the outbox to post a payment, up to a limit."""

    def __init__(self, journal: Journal, forwarder: ResultSource) -> None:
        self._journal = journal
        self._forwarder = forwarder

    def wait_outcome(self, txn_id: str, timeout_s: float) -> PaymentOutcomeView:
        txn = self._journal.get_transaction(txn_id)
        if txn is not None and txn.state == "posting":
            self._forwarder.wait_result(txn_id, timeout_s)
            txn = self._journal.get_transaction(txn_id)
        notes = [n.value_fen for n in self._journal.notes_for(txn_id)]
        counts = tuple(sorted(Counter(notes).items(), reverse=True))
        # Cash: the journaled notes; other methods: the amount the wallet or card confirmed.
        amount = sum(notes) if notes or txn is None else txn.amount_fen
        method = (txn.method if txn else None) or "cash"
        if txn is None or txn.state not in ("posted", "suspense"):
            return PaymentOutcomeView(
                transaction_id=txn_id, amount_fen=amount, posted=False, notes=counts, method=method
            )
        detail = txn.detail
        items = self._journal.outbox_for(txn_id)
        response: dict[str, Any] = (items[-1].response if items else None) or {}

        def num(name: str) -> int | None:
            value = detail.get(name, response.get(name))
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        applied = tuple(
            (str(a.get("bill_id", "")), int(a.get("amount_fen", 0)))
            for a in response.get("applied", [])
            if isinstance(a, dict)
        )
        return PaymentOutcomeView(
            transaction_id=txn_id,
            amount_fen=amount,
            posted=True,
            receipt_no=detail.get("receipt_no") or response.get("receipt_no"),
            new_balance_fen=num("new_balance_fen"),
            new_amount_due_fen=num("new_amount_due_fen"),
            to_balance_fen=num("to_balance_fen"),
            suspense=txn.state == "suspense",
            notes=counts,
            applied=applied,
            late_fee_paid_fen=num("late_fee_paid_fen") or 0,
            method=method,
            payment_id=detail.get("payment_id") or response.get("payment_id"),
        )
