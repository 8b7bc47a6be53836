"""Each API operation as a `Call` (method, path, body, key): what the outbox journals and resends.

Pure functions. Paths are URL-quoted per segment; keys follow the contract: a create uses the
operation's own id, a follow-up uses `<id>-reverse`, `<id>-close`, `<id>-confirm`, `<id>-cancel`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode

from kiosk.backend import bodies as b
from kiosk.backend import validate as v
from kiosk.backend.errors import InvalidRequest

Method = Literal["GET", "POST", "DELETE"]


@dataclass(frozen=True)
class Call:
    """One request as the journal stores it; `expected_status` is 201 for creates, else 200."""

    method: Method
    path: str
    body: Mapping[str, Any] | None
    idempotency_key: str | None
    expected_status: int


def seg(value: str) -> str:
    return quote(value, safe="")


def _get(path: str, **query: str | int) -> Call:
    suffix = f"?{urlencode(query)}" if query else ""
    return Call("GET", path + suffix, None, None, 200)


def account(account_no: str) -> Call:
    return _get(f"/v1/accounts/{seg(v.account_no(account_no))}")


def bills(account_no: str, status: Literal["unpaid", "all"] = "unpaid", limit: int = 12) -> Call:
    if status not in ("unpaid", "all"):
        raise InvalidRequest("bill status is unpaid or all")
    limit = v.count("limit", limit, low=1, high=120)
    return _get(f"/v1/accounts/{seg(v.account_no(account_no))}/bills", status=status, limit=limit)


def usage(account_no: str, months: int = 12) -> Call:
    months = v.count("months", months, low=1, high=120)
    return _get(f"/v1/accounts/{seg(v.account_no(account_no))}/usage", months=months)


def payments(account_no: str, limit: int = 20) -> Call:
    limit = v.count("limit", limit, low=1, high=500)
    return _get(f"/v1/accounts/{seg(v.account_no(account_no))}/payments", limit=limit)


def pending_card_purchases(account_no: str) -> Call:
    path = f"/v1/accounts/{seg(v.account_no(account_no))}/card-purchases"
    return _get(path, status="pending_write")


def create(path: str, body: Mapping[str, Any], id_field: str) -> Call:
    key = v.operation_id(id_field, str(body.get(id_field, "")))
    return Call("POST", path, body, key, 201)


def follow_up(method: Method, path: str, op_id: str, action: str, body: Any = None) -> Call:
    key = v.idempotency_key(f"{op_id}-{action}")
    return Call(method, path, body, key, 200)


def post_payment(body: b.PaymentBody) -> Call:
    return create("/v1/payments", body, "transaction_id")


def create_mobile_charge(body: b.MobileChargeBody) -> Call:
    return create("/v1/mobile-charges", body, "charge_id")


def get_mobile_charge(charge_id: str) -> Call:
    return _get(f"/v1/mobile-charges/{seg(v.operation_id('charge_id', charge_id))}")


def reverse_mobile_charge(charge_id: str) -> Call:
    cid = v.operation_id("charge_id", charge_id)
    return follow_up("POST", f"/v1/mobile-charges/{seg(cid)}/reverse", cid, "reverse")


def create_mobile_order(body: b.MobileOrderBody) -> Call:
    return create("/v1/mobile-orders", body, "order_id")


def get_mobile_order(order_id: str) -> Call:
    return _get(f"/v1/mobile-orders/{seg(v.operation_id('order_id', order_id))}")


def close_mobile_order(order_id: str) -> Call:
    oid = v.operation_id("order_id", order_id)
    return follow_up("POST", f"/v1/mobile-orders/{seg(oid)}/close", oid, "close")


def create_card_authorization(body: b.CardAuthorizationBody) -> Call:
    return create("/v1/card-authorizations", body, "auth_id")


def reverse_card_authorization(auth_id: str) -> Call:
    aid = v.operation_id("auth_id", auth_id)
    return follow_up("POST", f"/v1/card-authorizations/{seg(aid)}/reverse", aid, "reverse")


def create_card_purchase(body: b.CardPurchaseBody) -> Call:
    return create("/v1/card-purchases", body, "purchase_id")


def confirm_card_purchase(purchase_id: str, card_purchase_count_after: int) -> Call:
    pid = v.operation_id("purchase_id", purchase_id)
    body = b.card_purchase_confirm_body(card_purchase_count_after)
    return follow_up("POST", f"/v1/card-purchases/{seg(pid)}/confirm", pid, "confirm", body)


def create_invoice(body: b.InvoiceBody) -> Call:
    return create("/v1/invoices", body, "request_id")


def create_mandate(body: b.MandateBody) -> Call:
    return create("/v1/autopay-mandates", body, "mandate_id")


def cancel_mandate(mandate_id: str) -> Call:
    mid = v.operation_id("mandate_id", mandate_id)
    return follow_up("DELETE", f"/v1/autopay-mandates/{seg(mid)}", mid, "cancel")


def heartbeat(kiosk_id: str, body: b.HeartbeatBody, idempotency_key: str) -> Call:
    path = f"/v1/kiosks/{seg(kiosk_id)}/heartbeats"
    return Call("POST", path, body, v.idempotency_key(idempotency_key), 200)


def post_cash_collection(kiosk_id: str, body: b.CashCollectionBody) -> Call:
    return create(f"/v1/kiosks/{seg(kiosk_id)}/cash-collections", body, "collection_id")


def post_settlement(kiosk_id: str, body: b.SettlementBody) -> Call:
    return create(f"/v1/kiosks/{seg(kiosk_id)}/settlements", body, "settlement_id")
