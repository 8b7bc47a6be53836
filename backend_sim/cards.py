"""Bank card authorizations and prepaid IC card purchases (card-format.md).

The simulator never stores a full PAN: only the masked form and a hash inside the fingerprint.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import struct
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
from backend_sim.validate import ACCOUNT_NO_RE, ID_RE, Fields, luhn_ok
from backend_sim.wallets import check_payable
from kiosk.masking import mask_pan

PAN_RE = re.compile(r"^[0-9]{12,19}$")
EXPIRY_RE = re.compile(r"^[0-9]{4}$")
HEX_RE = re.compile(r"^[0-9A-Fa-f]+$")
SERIAL_RE = re.compile(r"^[0-9]{16}$")
AUTH_FIELDS = ("auth_id", "status", "approval_code", "decline_reason", "masked_pan")
PURCHASE_FIELDS = ("purchase_id", "status", "new_purchase_count", "credit_fen", "write_data_hex")
UINT32_MAX = 2**32 - 1


def card_key(master_key: bytes, card_serial: str) -> bytes:
    return hmac.new(master_key, card_serial.encode("ascii"), hashlib.sha256).digest()


def purchase_bytes(master_key: bytes, card_serial: str, amount_fen: int, count: int) -> bytes:
    """The 12 bytes of the card's PURCHASE file: amount u32 | count u32 | mac4 (big-endian)."""
    body = struct.pack(">II", amount_fen, count)
    mac = hmac.new(
        card_key(master_key, card_serial), card_serial.encode("ascii") + body, hashlib.sha256
    )
    return body + mac.digest()[:4]


def read_card(fields: Fields, name: str, *, chip: bool) -> str:
    """The PAN of a card object, Luhn-checked; expiry (and chip data) validated."""
    card = fields.sub(name)
    pan = card.req_text("pan", PAN_RE)
    card.req_text("expiry", EXPIRY_RE)
    if chip:
        card.text("pan_sequence", max_len=3, optional=True)
        card.text("aid", HEX_RE, max_len=32, optional=True)
    if pan and not luhn_ok(pan):
        card.fail("pan", "fails the Luhn check")
    return pan


def create_authorization(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    auth_id = f.req_text("auth_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    amount = f.fen("amount_fen")
    pan = read_card(f, "card", chip=True)
    f.text("pin_block", HEX_RE, max_len=64, optional=True)
    f.done()
    print_ = fingerprint({"a": account_no, "m": amount, "p": pan})
    existing = ctx.tx.get("auth", auth_id)
    if existing is not None:
        same_or_conflict(existing, print_, f"authorization {auth_id}")
        return Reply(201, public(existing, *AUTH_FIELDS))
    check_payable(ctx, account_no, amount)
    auth: dict[str, Any] = {
        "auth_id": auth_id,
        "account_no": account_no,
        "amount_fen": amount,
        "status": "APPROVED",
        "approval_code": None,
        "decline_reason": None,
        "masked_pan": mask_pan(pan),
        "kiosk_id": ctx.kiosk_id,
        "created_at": ctx.now_iso,
        "_fingerprint": print_,
    }
    if pan.endswith("0002"):
        auth.update(status="DECLINED", decline_reason="51: insufficient funds")
    else:
        auth["approval_code"] = f"{ctx.tx.next_number('approval') % 1_000_000:06d}"
    ctx.tx.put("auth", auth_id, auth, account_no=account_no, kiosk_id=ctx.kiosk_id)
    delay = ctx.sim.slow_card_delay_s if pan.endswith("0003") else 0.0
    return Reply(201, public(auth, *AUTH_FIELDS), delay_s=delay)


def reverse_authorization(ctx: Ctx) -> Reply:
    auth = ctx.tx.get("auth", ctx.params["auth_id"])
    if auth is None:
        raise not_found(f"authorization {ctx.params['auth_id']}")
    if auth["status"] != "REVERSED":
        auth.update(status="REVERSED", reversed_at=ctx.now_iso)
        ctx.tx.put("auth", auth["auth_id"], auth)
    return Reply(200, {"auth_id": auth["auth_id"], "status": "REVERSED"})


def _mismatch(message: str) -> ApiError:
    return ApiError(409, "CARD_STATE_MISMATCH", message)


def create_purchase(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    purchase_id = f.req_text("purchase_id", ID_RE)
    account_no = f.req_text("account_no", ACCOUNT_NO_RE)
    serial = f.req_text("card_serial", SERIAL_RE)
    count = f.req_int("card_purchase_count", 0, UINT32_MAX - 1)
    amount = f.req_int("amount_fen", 1, UINT32_MAX)
    payment_id = f.req_text("payment_id", ID_RE)
    f.done()
    print_ = fingerprint({"a": account_no, "s": serial, "c": count, "m": amount, "p": payment_id})
    existing = ctx.tx.get("purchase", purchase_id)
    if existing is not None:
        same_or_conflict(existing, print_, f"purchase {purchase_id}")
        return Reply(201, public(existing, *PURCHASE_FIELDS))
    account = load_account(ctx.tx, account_no)
    card = account.get("card")
    if card is None or card["card_serial"] != serial:
        raise _mismatch("this card is not the account's prepaid card")
    if card["purchase_count"] != count:
        raise _mismatch(f"the utility last issued purchase {card['purchase_count']} to this card")
    payment = ctx.tx.get("payment", payment_id)
    if (
        payment is None
        or payment["status"] != "posted"
        or payment["account_no"] != account_no
        or payment["amount_fen"] != amount
    ):
        raise business("PAYMENT_NOT_CONFIRMED", "no posted payment of this amount for the account")
    if payment.get("_purchase_id"):
        raise business("PAYMENT_NOT_CONFIRMED", "the payment already paid for another purchase")
    master_key = ctx.sim.seed.raw["card_master_key"].encode("ascii")
    purchase = {
        "purchase_id": purchase_id,
        "account_no": account_no,
        "card_serial": serial,
        "status": "pending_write",
        "new_purchase_count": count + 1,
        "credit_fen": amount,
        "write_data_hex": purchase_bytes(master_key, serial, amount, count + 1).hex(),
        "payment_id": payment_id,
        "kiosk_id": ctx.kiosk_id,
        "created_at": ctx.now_iso,
        "_fingerprint": print_,
    }
    card["purchase_count"] = count + 1
    account["balance_fen"] = int(account["balance_fen"]) - amount
    payment["_purchase_id"] = purchase_id
    ctx.tx.put("account", account_no, account)
    ctx.tx.put("payment", payment_id, payment)
    ctx.tx.put("purchase", purchase_id, purchase, account_no=account_no, kiosk_id=ctx.kiosk_id)
    return Reply(201, public(purchase, *PURCHASE_FIELDS))


def confirm_purchase(ctx: Ctx) -> Reply:
    f = Fields(ctx.body)
    after = f.req_int("card_purchase_count_after", 0, UINT32_MAX)
    f.done()
    purchase = ctx.tx.get("purchase", ctx.params["purchase_id"])
    if purchase is None:
        raise not_found(f"purchase {ctx.params['purchase_id']}")
    if after != purchase["new_purchase_count"]:
        raise _mismatch(f"the card should now hold purchase {purchase['new_purchase_count']}")
    if purchase["status"] != "written":
        purchase.update(status="written", written_at=ctx.now_iso)
        ctx.tx.put("purchase", purchase["purchase_id"], purchase)
    return Reply(200, {"purchase_id": purchase["purchase_id"], "status": "written"})


ROUTES: list[Route] = [
    route("POST", "/v1/card-authorizations", create_authorization),
    route("POST", "/v1/card-authorizations/{auth_id}/reverse", reverse_authorization),
    route("POST", "/v1/card-purchases", create_purchase),
    route("POST", "/v1/card-purchases/{purchase_id}/confirm", confirm_purchase),
]
