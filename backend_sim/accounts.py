"""Read side of accounts: the account, its bills, usage, payments and card purchases."""

from __future__ import annotations

from typing import Any

from backend_sim.billing import Totals, late_fees_owed, totals
from backend_sim.context import Ctx, Reply, Route, public, route
from backend_sim.errors import ApiError, account_not_found
from backend_sim.store import Tx
from backend_sim.validate import ACCOUNT_NO_RE

ACCOUNT_FIELDS = (
    "account_no",
    "holder_name_masked",
    "address_masked",
    "category",
    "billing_mode",
    "status",
    "balance_fen",
    "arrears_fen",
    "late_fee_fen",
    "amount_due_fen",
    "min_payment_fen",
    "max_payment_fen",
    "meter",
    "card",
    "autopay",
)
BILL_FIELDS = (
    "bill_id",
    "period",
    "issued_on",
    "due_on",
    "usage_kwh",
    "lines",
    "amount_fen",
    "paid_fen",
    "late_fee_fen",
    "status",
)
PAYMENT_FIELDS = ("payment_id", "channel", "method", "amount_fen", "posted_at", "receipt_no")
PURCHASE_FIELDS = ("purchase_id", "status", "new_purchase_count", "credit_fen", "write_data_hex")


def find_account(tx: Tx, account_no: str) -> dict[str, Any] | None:
    if not ACCOUNT_NO_RE.match(account_no):
        return None
    return tx.get("account", account_no)


def load_account(tx: Tx, account_no: str) -> dict[str, Any]:
    if not ACCOUNT_NO_RE.match(account_no):
        raise ApiError(
            400, "VALIDATION", "bad account number", fields={"account_no": "10 to 13 digits"}
        )
    account = tx.get("account", account_no)
    if account is None:
        raise account_not_found(account_no)
    return account


def account_bills(tx: Tx, account_no: str) -> list[dict[str, Any]]:
    """Oldest first."""
    return sorted(tx.list("bill", account_no=account_no), key=lambda b: b["period"])


def account_totals(ctx: Ctx, account: dict[str, Any], bills: list[dict[str, Any]]) -> Totals:
    return totals(bills, int(account["balance_fen"]), ctx.today, ctx.sim.seed.late_fee_rule)


def account_view(ctx: Ctx, account: dict[str, Any]) -> dict[str, Any]:
    t = account_totals(ctx, account, account_bills(ctx.tx, account["account_no"]))
    view = dict(account)
    view.update(
        arrears_fen=t.arrears_fen, late_fee_fen=t.late_fee_fen, amount_due_fen=t.amount_due_fen
    )
    return public(view, *ACCOUNT_FIELDS)


def get_account(ctx: Ctx) -> Reply:
    return Reply(200, account_view(ctx, load_account(ctx.tx, ctx.params["account_no"])))


def list_bills(ctx: Ctx) -> Reply:
    account = load_account(ctx.tx, ctx.params["account_no"])
    status = ctx.query.get("status", "all")
    if status not in ("unpaid", "all"):
        raise ApiError(400, "VALIDATION", "bad status", fields={"status": "unpaid or all"})
    limit = ctx.query_int("limit", 12)
    bills = account_bills(ctx.tx, account["account_no"])
    fees = late_fees_owed(bills, ctx.today, ctx.sim.seed.late_fee_rule)
    out = []
    for bill in reversed(bills):
        if status == "unpaid" and bill["status"] == "paid":
            continue
        out.append(public({**bill, "late_fee_fen": fees[bill["bill_id"]]}, *BILL_FIELDS))
    return Reply(200, {"bills": out[:limit]})


def alerts(ctx: Ctx, account: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(account.get("alerts", []))
    low = ctx.sim.seed.low_balance
    if account["billing_mode"] == "prepaid_remote" and account["balance_fen"] < low["below_fen"]:
        found.append(
            {
                "kind": "low_balance",
                "message_zh": low["message_zh"],
                "message_en": low["message_en"],
            }
        )
    return found


def get_usage(ctx: Ctx) -> Reply:
    account = load_account(ctx.tx, ctx.params["account_no"])
    months = ctx.query_int("months", 12, maximum=120)
    usage = list(reversed(account.get("usage", [])))[:months]
    return Reply(200, {"months": usage, "alerts": alerts(ctx, account)})


def list_payments(ctx: Ctx) -> Reply:
    account = load_account(ctx.tx, ctx.params["account_no"])
    limit = ctx.query_int("limit", 20)
    docs = ctx.tx.list("payment", account_no=account["account_no"], newest_first=True, limit=limit)
    docs.sort(key=lambda p: p["posted_at"], reverse=True)
    return Reply(200, {"payments": [public(p, *PAYMENT_FIELDS) for p in docs]})


def list_card_purchases(ctx: Ctx) -> Reply:
    account = load_account(ctx.tx, ctx.params["account_no"])
    status = ctx.query.get("status", "all")
    if status not in ("pending_write", "written", "all"):
        raise ApiError(
            400, "VALIDATION", "bad status", fields={"status": "pending_write, written or all"}
        )
    docs = ctx.tx.list("purchase", account_no=account["account_no"])
    out = [public(d, *PURCHASE_FIELDS) for d in docs if status in ("all", d["status"])]
    return Reply(200, {"purchases": out})


ROUTES: list[Route] = [
    route("GET", "/v1/accounts/{account_no}", get_account),
    route("GET", "/v1/accounts/{account_no}/bills", list_bills),
    route("GET", "/v1/accounts/{account_no}/usage", get_usage),
    route("GET", "/v1/accounts/{account_no}/payments", list_payments),
    route("GET", "/v1/accounts/{account_no}/card-purchases", list_card_purchases),
]
