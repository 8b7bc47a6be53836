"""E-invoices (with the GB 32100-2015 tax id check) and auto-debit mandates."""

from __future__ import annotations

import re
from typing import Any

from backend_sim.accounts import load_account
from backend_sim.cards import read_card
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
from backend_sim.validate import ACCOUNT_NO_RE, ID_RE, Fields
from kiosk.masking import mask_pan

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
INVOICE_FIELDS = ("invoice_no", "status", "download_url", "issued_at", "amount_fen")


def uscc_valid(code: str) -> bool:
    """Unified Social Credit Code: 18 characters, the last one a mod-31 check character."""
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        return False
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(code, USCC_WEIGHTS, strict=False))
    check = (31 - total % 31) % 31
    return USCC_ALPHABET[check] == code[17]


def create_invoice(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    request_id = f.req_text("request_id", ID_RE)
    ids = ctx.body.get("payment_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        f.fail("payment_ids", "must be a non-empty list of payment ids")
        ids = []
    buyer = f.sub("buyer")
    kind = buyer.choice("kind", ("personal", "company"))
    name = buyer.req_text("name")
    tax_id = buyer.text("tax_id", max_len=32, optional=True)
    email = buyer.text("email", max_len=120, optional=True)
    phone = buyer.text("phone", max_len=20, optional=True)
    if email is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        buyer.fail("email", "not an e-mail address")
    if kind == "company" and tax_id is None:
        buyer.fail("tax_id", "required for a company")
    f.done()
    print_ = fingerprint({"p": sorted(set(ids)), "b": ctx.body.get("buyer")})
    existing = ctx.tx.get("invoice", request_id)
    if existing is not None:
        same_or_conflict(existing, print_, f"invoice request {request_id}")
        return Reply(201, public(existing, *INVOICE_FIELDS))
    if tax_id is not None and not uscc_valid(tax_id.upper()):
        raise business("INVALID_TAX_ID", "the tax id fails the GB 32100-2015 check character")
    payments: list[dict[str, Any]] = []
    for payment_id in dict.fromkeys(ids):
        payment = ctx.tx.get("payment", payment_id)
        if payment is None:
            raise not_found(f"payment {payment_id}")
        if payment["status"] != "posted":
            raise business("PAYMENT_NOT_CONFIRMED", f"payment {payment_id} is not posted")
        if payment.get("_invoice_no"):
            raise ApiError(
                409,
                "ALREADY_INVOICED",
                f"payment {payment_id} was invoiced before",
                extra={"invoice_no": payment["_invoice_no"]},
            )
        payments.append(payment)
    invoice_no = f"INV-{ctx.tx.next_number('invoice'):08d}"
    invoice = {
        "invoice_no": invoice_no,
        "request_id": request_id,
        "status": "issued",
        "download_url": f"https://e.utility.example/inv/{invoice_no}",
        "issued_at": ctx.now_iso,
        "amount_fen": sum(p["amount_fen"] for p in payments),
        "payment_ids": [p["payment_id"] for p in payments],
        "buyer": {"kind": kind, "name": name, "tax_id": tax_id, "email": email, "phone": phone},
        "kiosk_id": ctx.kiosk_id,
        "_fingerprint": print_,
    }
    for payment in payments:
        payment["_invoice_no"] = invoice_no
        ctx.tx.put("payment", payment["payment_id"], payment)
    ctx.tx.put("invoice", request_id, invoice, kiosk_id=ctx.kiosk_id)
    return Reply(201, public(invoice, *INVOICE_FIELDS))


def create_mandate(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    mandate_id = f.req_text("mandate_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    pan = read_card(f, "bank_card", chip=False)
    f.req_text("holder_name", max_len=60)
    day = f.req_int("day_of_month", 1, 31)
    limit = f.fen("limit_fen")
    f.done()
    print_ = fingerprint({"a": account_no, "p": pan, "d": day, "l": limit})
    existing = ctx.tx.get("mandate", mandate_id)
    if existing is not None:
        same_or_conflict(existing, print_, f"mandate {mandate_id}")
        return Reply(201, public(existing, "mandate_id", "status", "bank_masked"))
    account = load_account(ctx.tx, account_no)
    if account["status"] == "closed":
        raise business("ACCOUNT_CLOSED", f"account {account_no} is closed")
    mandate = {
        "mandate_id": mandate_id,
        "account_no": account_no,
        "status": "active",
        "bank_masked": mask_pan(pan),
        "day_of_month": day,
        "limit_fen": limit,
        "created_at": ctx.now_iso,
        "kiosk_id": ctx.kiosk_id,
        "_fingerprint": print_,
    }
    account["autopay"] = {"enrolled": True, "bank_masked": mask_pan(pan), "day_of_month": day}
    ctx.tx.put("account", account_no, account)
    ctx.tx.put("mandate", mandate_id, mandate, account_no=account_no, kiosk_id=ctx.kiosk_id)
    return Reply(201, public(mandate, "mandate_id", "status", "bank_masked"))


def cancel_mandate(ctx: Ctx) -> Reply:
    mandate = ctx.tx.get("mandate", ctx.params["mandate_id"])
    if mandate is None:
        raise not_found(f"mandate {ctx.params['mandate_id']}")
    if mandate["status"] != "cancelled":
        mandate.update(status="cancelled", cancelled_at=ctx.now_iso)
        ctx.tx.put("mandate", mandate["mandate_id"], mandate)
        account = ctx.tx.get("account", mandate["account_no"])
        if account is not None and account["autopay"]["bank_masked"] == mandate["bank_masked"]:
            account["autopay"] = {"enrolled": False, "bank_masked": None, "day_of_month": None}
            ctx.tx.put("account", account["account_no"], account)
    return Reply(200, {"status": "cancelled"})


ROUTES: list[Route] = [
    route("POST", "/v1/invoices", create_invoice),
    route("POST", "/v1/autopay-mandates", create_mandate),
    route("DELETE", "/v1/autopay-mandates/{mandate_id}", cancel_mandate),
]
