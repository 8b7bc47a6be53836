"""Mobile wallets: charges of a scanned payment code, and QR orders the resident scans.

Time-driven states (USERPAYING -> SUCCESS, order expiry) follow the server's injected clock and
are brought up to date whenever a charge or order is read.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from backend_sim.accounts import load_account
from backend_sim.context import (
    Ctx,
    Reply,
    Route,
    fingerprint,
    public,
    route,
    same_or_conflict,
)
from backend_sim.errors import ApiError, business, not_found
from backend_sim.simclock import iso
from backend_sim.validate import ACCOUNT_NO_RE, ID_RE, Fields
from kiosk.masking import mask_code

WALLET_CODES = (
    ("wechat", re.compile(r"^1[0-5][0-9]{16}$")),
    ("alipay", re.compile(r"^(2[5-9]|30)[0-9]{14,22}$")),
    ("unionpay", re.compile(r"^62[0-9]{17}$")),
)
WALLETS = ("wechat", "alipay", "unionpay")
CHARGE_FIELDS = ("charge_id", "wallet", "status", "fail_reason", "wallet_txn_id")
ORDER_FIELDS = ("order_id", "status", "wallet", "paid_at")
SLOW_PAYER_S = 20  # ending 0002
PASSWORD_PAYER_S = 10  # amounts above the password-free limit
PASSWORD_FREE_LIMIT_FEN = 100_000


def wallet_of(auth_code: str) -> str | None:
    for wallet, pattern in WALLET_CODES:
        if pattern.match(auth_code):
            return wallet
    return None


def check_payable(ctx: Ctx, account_no: str, amount: int) -> None:
    """The account exists, is open, and the amount is within its limits."""
    account = load_account(ctx.tx, account_no)
    if account["status"] == "closed":
        raise business("ACCOUNT_CLOSED", f"account {account_no} is closed")
    if not account["min_payment_fen"] <= amount <= account["max_payment_fen"]:
        raise business("AMOUNT_OUT_OF_RANGE", "amount is outside the account's limits")


def _existing(ctx: Ctx, kind: str, doc_id: str, print_: str) -> dict[str, Any] | None:
    doc = ctx.tx.get(kind, doc_id)
    if doc is not None:
        same_or_conflict(doc, print_, f"{kind} {doc_id}")
    return doc


def refresh_charge(ctx: Ctx, charge: dict[str, Any]) -> dict[str, Any]:
    pay_at = charge.get("_pay_at")
    if charge["status"] == "USERPAYING" and pay_at is not None and ctx.now.timestamp() >= pay_at:
        charge["status"] = "SUCCESS"
        charge["wallet_txn_id"] = f"W-{ctx.tx.next_number('wallet_txn'):010d}"
        charge["paid_at"] = ctx.now_iso
        ctx.tx.put("charge", charge["charge_id"], charge)
    return charge


def create_charge(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    charge_id = f.req_text("charge_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    amount = f.fen("amount_fen")
    auth_code = f.req_text("auth_code", max_len=64)
    description = f.text("description", max_len=128, optional=True) or ""
    f.done()
    print_ = fingerprint({"a": account_no, "m": amount, "c": auth_code})
    existing = _existing(ctx, "charge", charge_id, print_)
    if existing is not None:
        return Reply(201, public(refresh_charge(ctx, existing), *CHARGE_FIELDS))
    wallet = wallet_of(auth_code)
    if wallet is None:
        raise business("INVALID_AUTH_CODE", "not a WeChat, Alipay or UnionPay payment code")
    check_payable(ctx, account_no, amount)
    ending = auth_code[-4:]
    now = ctx.now.timestamp()
    charge: dict[str, Any] = {
        "charge_id": charge_id,
        "account_no": account_no,
        "amount_fen": amount,
        "wallet": wallet,
        "status": "SUCCESS",
        "fail_reason": None,
        "wallet_txn_id": None,
        "auth_code_masked": mask_code(auth_code),
        "description": description,
        "kiosk_id": ctx.kiosk_id,
        "created_at": ctx.now_iso,
        "_pay_at": now,
        "_fingerprint": print_,
    }
    if ending == "0001":
        charge.update(status="FAILED", fail_reason="NOTENOUGH: insufficient funds", _pay_at=None)
    elif ending == "0002":
        charge.update(status="USERPAYING", _pay_at=now + SLOW_PAYER_S)
    elif ending == "0003":
        charge.update(status="USERPAYING", _pay_at=None)
    elif amount > PASSWORD_FREE_LIMIT_FEN and ending != "0004":
        charge.update(status="USERPAYING", _pay_at=now + PASSWORD_PAYER_S)
    else:
        charge["status"] = "USERPAYING"  # becomes SUCCESS at once below
    ctx.tx.put("charge", charge_id, charge, account_no=account_no, kiosk_id=ctx.kiosk_id)
    charge = refresh_charge(ctx, charge)
    if ending == "0004":
        error = ApiError(500, "SYSTEMERROR", "wallet system error", retryable=True)
        return Reply(500, error.body(), remember=False)
    return Reply(201, public(charge, *CHARGE_FIELDS))


def _load(ctx: Ctx, kind: str, doc_id: str) -> dict[str, Any]:
    doc = ctx.tx.get(kind, doc_id)
    if doc is None:
        raise not_found(f"{kind} {doc_id}")
    return doc


def get_charge(ctx: Ctx) -> Reply:
    charge = refresh_charge(ctx, _load(ctx, "charge", ctx.params["charge_id"]))
    return Reply(200, public(charge, *CHARGE_FIELDS))


def reverse_charge(ctx: Ctx) -> Reply:
    """SUCCESS is refunded (REVERSED); an unpaid or failed charge is closed."""
    charge = refresh_charge(ctx, _load(ctx, "charge", ctx.params["charge_id"]))
    if charge["status"] == "SUCCESS":
        charge.update(status="REVERSED", reversed_at=ctx.now_iso)
    elif charge["status"] in ("USERPAYING", "FAILED"):
        charge.update(status="CLOSED", _pay_at=None, closed_at=ctx.now_iso)
    ctx.tx.put("charge", charge["charge_id"], charge)
    return Reply(
        200, {"charge_id": charge["charge_id"], "status": charge["status"], "recall": False}
    )


def refresh_order(ctx: Ctx, order: dict[str, Any]) -> dict[str, Any]:
    if order["status"] == "NOTPAY" and ctx.now.timestamp() >= order["_expires_ts"]:
        order["status"] = "CLOSED"
        ctx.tx.put("order", order["order_id"], order)
    return order


def create_order(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    order_id = f.req_text("order_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    amount = f.fen("amount_fen")
    expires_in = f.req_int("expires_in_s", 60, 900)
    f.done()
    print_ = fingerprint({"a": account_no, "m": amount, "e": expires_in})
    existing = _existing(ctx, "order", order_id, print_)
    if existing is None:
        check_payable(ctx, account_no, amount)
        expires = ctx.now + timedelta(seconds=expires_in)
        existing = {
            "order_id": order_id,
            "account_no": account_no,
            "amount_fen": amount,
            "code_url": f"https://qr.utility.example/o/{order_id}",
            "expires_at": iso(expires),
            "status": "NOTPAY",
            "wallet": None,
            "paid_at": None,
            "kiosk_id": ctx.kiosk_id,
            "created_at": ctx.now_iso,
            "_expires_ts": expires.timestamp(),
            "_fingerprint": print_,
        }
        ctx.tx.put("order", order_id, existing, account_no=account_no, kiosk_id=ctx.kiosk_id)
    return Reply(201, public(existing, "order_id", "code_url", "expires_at", "status"))


def get_order(ctx: Ctx) -> Reply:
    order = refresh_order(ctx, _load(ctx, "order", ctx.params["order_id"]))
    return Reply(200, public(order, *ORDER_FIELDS))


def close_order(ctx: Ctx) -> Reply:
    """CLOSED, or SUCCESS when the resident paid first."""
    order = refresh_order(ctx, _load(ctx, "order", ctx.params["order_id"]))
    if order["status"] == "NOTPAY":
        order["status"] = "CLOSED"
        ctx.tx.put("order", order["order_id"], order)
    return Reply(200, public(order, *ORDER_FIELDS))


def sim_pay_order(ctx: Ctx) -> Reply:
    """Simulator: a resident scans the shown QR and pays."""
    f = Fields(ctx.body)
    wallet = f.choice("wallet", WALLETS, optional=True) or "wechat"
    f.done()
    order = refresh_order(ctx, _load(ctx, "order", ctx.params["order_id"]))
    if order["status"] == "CLOSED":
        raise ApiError(409, "ORDER_CLOSED", "the order is closed and can no longer be paid")
    if order["status"] == "NOTPAY":
        order.update(status="SUCCESS", wallet=wallet, paid_at=ctx.now_iso)
        ctx.tx.put("order", order["order_id"], order)
    return Reply(200, public(order, *ORDER_FIELDS))


ROUTES: list[Route] = [
    route("POST", "/v1/mobile-charges", create_charge),
    route("GET", "/v1/mobile-charges/{charge_id}", get_charge),
    route("POST", "/v1/mobile-charges/{charge_id}/reverse", reverse_charge),
    route("POST", "/v1/mobile-orders", create_order),
    route("GET", "/v1/mobile-orders/{order_id}", get_order),
    route("POST", "/v1/mobile-orders/{order_id}/close", close_order),
    route("POST", "/v1/sim/mobile-orders/{order_id}/pay", sim_pay_order),
]
