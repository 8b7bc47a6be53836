"""What a successful answer means for the transaction behind an outbox item.

A 2xx answer is accepted only if it is about the request that was sent (same ids); anything
else is a ResponseMismatch and the item stays pending (resent with the same key later).
"""

from __future__ import annotations

from typing import Any

ECHOED_IDS = (
    "transaction_id",
    "charge_id",
    "order_id",
    "auth_id",
    "purchase_id",
    "request_id",
    "mandate_id",
    "collection_id",
    "settlement_id",
)


class ResponseMismatch(Exception):
    """A 2xx answer that does not fit the request: not accepted."""


def _int(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ResponseMismatch(f"{name} is not an int: {value!r}")
    return value


def _str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ResponseMismatch(f"{name} is missing")
    return value


def _payment(sent: dict[str, Any], body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if body.get("transaction_id") != sent.get("transaction_id"):
        raise ResponseMismatch("payment answer is for another transaction")
    status = body.get("status")
    if status not in ("posted", "suspense"):
        raise ResponseMismatch(f"unknown payment status {status!r}")
    detail: dict[str, Any] = {
        "payment_id": _str(body, "payment_id"),
        "receipt_no": _str(body, "receipt_no"),
        "new_balance_fen": _int(body, "new_balance_fen"),
    }
    if "new_amount_due_fen" in body:
        detail["new_amount_due_fen"] = _int(body, "new_amount_due_fen")
    return str(status), detail


def judge_success(
    path: str, status: int, sent: dict[str, Any] | None, body: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """(new transaction state, detail to merge) for a 2xx answer, or raise ResponseMismatch."""
    if status not in (200, 201):
        raise ResponseMismatch(f"unexpected status {status}")
    sent = sent or {}
    for key in ECHOED_IDS:
        if key in sent and key in body and body[key] != sent[key]:
            raise ResponseMismatch(f"answer carries another {key}")
    if path == "/v1/payments":
        return _payment(sent, body)
    return "done", {"response_status": status}
