"""POST /v1/payments: money into an account (allocation, confirmation of non-cash, suspense)."""

from __future__ import annotations

from typing import Any

from backend_sim.accounts import account_bills, account_totals, find_account
from backend_sim.billing import allocate
from backend_sim.context import Ctx, Reply, Route, fingerprint, public, route, same_or_conflict
from backend_sim.errors import account_not_found, business
from backend_sim.validate import (
    ACCOUNT_NO_RE,
    DATETIME_RE,
    ID_RE,
    Fields,
    note_total,
)
from backend_sim.wallets import refresh_charge, refresh_order

METHODS = ("cash", "bank_card", "wechat", "alipay", "unionpay_qr")
RESULT_FIELDS = (
    "payment_id",
    "transaction_id",
    "receipt_no",
    "status",
    "applied",
    "late_fee_paid_fen",
    "to_balance_fen",
    "new_balance_fen",
    "new_amount_due_fen",
)


def _confirming_doc(ctx: Ctx, method: str, ref: str) -> tuple[str, dict[str, Any]] | None:
    """The SUCCESS charge/order or APPROVED authorization a non-cash payment refers to."""
    if method == "bank_card":
        auth = ctx.tx.get("auth", ref)
        return ("auth", auth) if auth and auth["status"] == "APPROVED" else None
    charge = ctx.tx.get("charge", ref)
    if charge is not None:
        charge = refresh_charge(ctx, charge)
        return ("charge", charge) if charge["status"] == "SUCCESS" else None
    order = ctx.tx.get("order", ref)
    if order is not None:
        order = refresh_order(ctx, order)
        return ("order", order) if order["status"] == "SUCCESS" else None
    return None


def _confirm(
    ctx: Ctx, method: str, ref: str, account_no: str, amount: int
) -> tuple[str, dict[str, Any]]:
    found = _confirming_doc(ctx, method, ref)
    if found is None:
        raise business("PAYMENT_NOT_CONFIRMED", f"{ref} is not a successful {method} payment")
    kind, doc = found
    if doc["account_no"] != account_no or doc["amount_fen"] != amount:
        raise business("PAYMENT_NOT_CONFIRMED", f"{ref} has another account or amount")
    if doc.get("_payment_id"):
        raise business("PAYMENT_NOT_CONFIRMED", f"{ref} was already used by another payment")
    return kind, doc


def post_payment(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    transaction_id = f.req_text("transaction_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    amount = f.fen("amount_fen")
    method = f.choice("method", METHODS)
    method_ref = f.text("method_ref", ID_RE, optional=True)
    occurred_at = f.req_text("occurred_at", DATETIME_RE)
    notes = f.note_counts("cash_notes", optional=True)
    if method == "cash" and notes is not None and note_total(notes) != amount:
        f.fail("cash_notes", "the notes do not add up to amount_fen")
    if method not in ("", "cash") and method_ref is None:
        f.fail("method_ref", "required for a non-cash payment")
    f.done()
    print_ = fingerprint({"a": account_no, "m": amount, "t": method, "r": method_ref, "n": notes})
    known = ctx.tx.get("txn", transaction_id)
    if known is not None:
        same_or_conflict(known, print_, f"transaction {transaction_id}")
        stored = ctx.tx.get("payment", known["payment_id"])
        assert stored is not None
        return Reply(201, public(stored, *RESULT_FIELDS))

    account = find_account(ctx.tx, account_no)
    if method != "cash":
        if account is None:
            raise account_not_found(account_no)
        if account["status"] == "closed":
            raise business("ACCOUNT_CLOSED", f"account {account_no} is closed")
        if not account["min_payment_fen"] <= amount <= account["max_payment_fen"]:
            raise business("AMOUNT_OUT_OF_RANGE", "amount is outside the account's limits")
        ref_kind, ref_doc = _confirm(ctx, method, method_ref or "", account_no, amount)
    number = ctx.tx.next_number("payment")
    payment_id = f"P-{number:08d}"
    payment: dict[str, Any] = {
        "payment_id": payment_id,
        "transaction_id": transaction_id,
        "receipt_no": f"R-{number:08d}",
        "account_no": account_no,
        "channel": "kiosk",
        "kiosk_id": ctx.kiosk_id,
        "method": method,
        "method_ref": method_ref,
        "amount_fen": amount,
        "cash_notes": notes,
        "occurred_at": occurred_at,
        "posted_at": ctx.now_iso,
        "_fingerprint": print_,
    }
    if account is None or account["status"] == "closed":
        payment.update(
            status="suspense",
            applied=[],
            late_fee_paid_fen=0,
            to_balance_fen=0,
            new_balance_fen=account["balance_fen"] if account else 0,
            new_amount_due_fen=0,
        )
        ctx.tx.put("payment", payment_id, payment, kiosk_id=ctx.kiosk_id)
    else:
        _post(ctx, account, payment)
        if method != "cash":
            ref_doc["_payment_id"] = payment_id
            ctx.tx.put(ref_kind, method_ref or "", ref_doc, account_no=account_no)
    ctx.tx.put("txn", transaction_id, {"payment_id": payment_id, "_fingerprint": print_})
    return Reply(201, public(payment, *RESULT_FIELDS))


def _post(ctx: Ctx, account: dict[str, Any], payment: dict[str, Any]) -> None:
    bills = account_bills(ctx.tx, account["account_no"])
    before = [dict(bill) for bill in bills]
    result = allocate(bills, payment["amount_fen"], ctx.today, ctx.sim.seed.late_fee_rule)
    for old, bill in zip(before, bills, strict=True):
        if bill != old:
            ctx.tx.put("bill", bill["bill_id"], bill, account_no=account["account_no"])
    account["balance_fen"] = int(account["balance_fen"]) + result.to_balance_fen
    due = account_totals(ctx, account, bills).amount_due_fen
    if account["status"] in ("arrears", "disconnected") and due == 0:
        account["status"] = "active"
    ctx.tx.put("account", account["account_no"], account, account_no=account["account_no"])
    payment.update(
        status="posted",
        applied=result.applied,
        late_fee_paid_fen=result.late_fee_paid_fen,
        to_balance_fen=result.to_balance_fen,
        new_balance_fen=account["balance_fen"],
        new_amount_due_fen=due,
    )
    ctx.tx.put(
        "payment",
        payment["payment_id"],
        payment,
        account_no=account["account_no"],
        kiosk_id=ctx.kiosk_id,
    )


ROUTES: list[Route] = [route("POST", "/v1/payments", post_payment)]
