"""Pure builders of request bodies, so the journal can store the exact body before the first send.

Each builder checks its arguments (`InvalidRequest`, nothing sent) and returns a plain dict whose
key order is fixed, so serializing it again after a restart gives the same bytes. Bodies that carry
a card number (`card_authorization_body`, `mandate_body`) or a payment code
(`mobile_charge_body`) must never be journaled: keep them in memory only and, after a restart,
recover by querying or reversing by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Literal, NotRequired, TypedDict

from kiosk.backend import validate as v
from kiosk.backend.errors import InvalidRequest
from kiosk.clock import rfc3339

PaymentMethod = Literal["cash", "bank_card", "wechat", "alipay", "unionpay_qr"]
DeviceState = Literal["ok", "warning", "fault", "absent"]
DEVICES = ("cash_acceptor", "printer", "card_reader", "scanner")


class PaymentBody(TypedDict):
    transaction_id: str
    account_no: str
    amount_fen: int
    method: PaymentMethod
    method_ref: str | None
    occurred_at: str
    cash_notes: dict[str, int] | None


class MobileChargeBody(TypedDict):
    charge_id: str
    account_no: str
    amount_fen: int
    auth_code: str
    description: str


class MobileOrderBody(TypedDict):
    order_id: str
    account_no: str
    amount_fen: int
    expires_in_s: int


class ChipCardBody(TypedDict):
    pan: str
    expiry: str
    pan_sequence: str
    aid: str


class CardAuthorizationBody(TypedDict):
    auth_id: str
    account_no: str
    amount_fen: int
    card: ChipCardBody
    pin_block: str | None


class CardPurchaseBody(TypedDict):
    purchase_id: str
    account_no: str
    card_serial: str
    card_purchase_count: int
    amount_fen: int
    payment_id: str


class CardPurchaseConfirmBody(TypedDict):
    card_purchase_count_after: int


class BuyerBody(TypedDict):
    kind: Literal["personal", "company"]
    name: str
    tax_id: str | None
    email: str | None
    phone: str | None


class InvoiceBody(TypedDict):
    request_id: str
    payment_ids: list[str]
    buyer: BuyerBody


class BankCardBody(TypedDict):
    pan: str
    expiry: str


class MandateBody(TypedDict):
    mandate_id: str
    account_no: str
    bank_card: BankCardBody
    holder_name: str
    day_of_month: int
    limit_fen: int


class DeviceBody(TypedDict):
    state: DeviceState
    detail: NotRequired[str]
    paper: NotRequired[Literal["ok", "low", "out", "unknown"]]


class CashboxBody(TypedDict):
    notes: int
    total_fen: int


class HeartbeatBody(TypedDict):
    sent_at: str
    software_version: str
    mode: Literal["in_service", "out_of_service", "maintenance"]
    devices: dict[str, DeviceBody]
    outbox_depth: int
    oldest_unsent_at: str | None
    cashbox: CashboxBody


class CashCollectionBody(TypedDict):
    collection_id: str
    opened_at: str
    closed_at: str
    staff_id: str
    expected: dict[str, int]
    counted: dict[str, int]
    expected_total_fen: int
    counted_total_fen: int
    note: str


class SettlementTotalBody(TypedDict):
    method: PaymentMethod
    count: int
    amount_fen: int


class SettlementBody(TypedDict):
    settlement_id: str
    business_date: str
    totals: list[SettlementTotalBody]
    transaction_ids: list[str]


def utc(name: str, moment: datetime) -> str:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise InvalidRequest(f"{name} must be a timezone-aware datetime")
    return rfc3339(moment)


def note_counts(name: str, notes: Mapping[int, int]) -> dict[str, int]:
    """{10000: 3} -> {"10000": 3}, largest note first (a fixed order keeps the bytes stable)."""
    out: dict[str, int] = {}
    for denomination in sorted(notes, reverse=True):
        v.amount_fen(f"{name} denomination", denomination)
        out[str(denomination)] = v.count(f"{name} count", notes[denomination], high=100_000)
    return out


def notes_total(notes: Mapping[int, int]) -> int:
    return sum(denomination * number for denomination, number in notes.items())


def payment_body(
    *,
    transaction_id: str,
    account_no: str,
    amount_fen: int,
    method: PaymentMethod,
    occurred_at: datetime,
    method_ref: str | None = None,
    cash_notes: Mapping[int, int] | None = None,
) -> PaymentBody:
    """Cash carries its note counts (which must add up to the amount); others a method_ref."""
    v.amount_fen("amount_fen", amount_fen)
    if method == "cash":
        if method_ref is not None:
            raise InvalidRequest("a cash payment has no method_ref")
        if cash_notes is not None and notes_total(cash_notes) != amount_fen:
            raise InvalidRequest("cash_notes do not add up to amount_fen")
    elif method in ("bank_card", "wechat", "alipay", "unionpay_qr"):
        if method_ref is None:
            raise InvalidRequest(f"a {method} payment needs the method_ref it was paid with")
        v.operation_id("method_ref", method_ref)
        if cash_notes is not None:
            raise InvalidRequest("only a cash payment has cash_notes")
    else:
        raise InvalidRequest(f"unknown payment method {method!r}")
    return {
        "transaction_id": v.operation_id("transaction_id", transaction_id),
        "account_no": v.account_no(account_no),
        "amount_fen": amount_fen,
        "method": method,
        "method_ref": method_ref,
        "occurred_at": utc("occurred_at", occurred_at),
        "cash_notes": None if cash_notes is None else note_counts("cash_notes", cash_notes),
    }


def mobile_charge_body(
    *, charge_id: str, account_no: str, amount_fen: int, auth_code: str, description: str = ""
) -> MobileChargeBody:
    """Holds the payment code: keep in memory only, never journal it."""
    account = v.account_no(account_no)
    return {
        "charge_id": v.operation_id("charge_id", charge_id),
        "account_no": account,
        "amount_fen": v.amount_fen("amount_fen", amount_fen),
        "auth_code": v.auth_code(auth_code),
        "description": v.text("description", description or f"电费 {account}", 128),
    }


def mobile_order_body(
    *, order_id: str, account_no: str, amount_fen: int, expires_in_s: int = 300
) -> MobileOrderBody:
    return {
        "order_id": v.operation_id("order_id", order_id),
        "account_no": v.account_no(account_no),
        "amount_fen": v.amount_fen("amount_fen", amount_fen),
        "expires_in_s": v.count("expires_in_s", expires_in_s, low=60, high=900),
    }


def card_authorization_body(
    *,
    auth_id: str,
    account_no: str,
    amount_fen: int,
    pan: str,
    expiry: str,
    pan_sequence: str,
    aid: str,
    pin_block: str | None = None,
) -> CardAuthorizationBody:
    """Holds the full PAN: keep in memory only, never journal or log it."""
    if not isinstance(pan_sequence, str) or not (pan_sequence.isdigit() and len(pan_sequence) <= 3):
        raise InvalidRequest("pan_sequence is 1 to 3 digits")
    return {
        "auth_id": v.operation_id("auth_id", auth_id),
        "account_no": v.account_no(account_no),
        "amount_fen": v.amount_fen("amount_fen", amount_fen),
        "card": {
            "pan": v.pan(pan),
            "expiry": v.expiry(expiry),
            "pan_sequence": pan_sequence,
            "aid": v.hex_string("aid", aid, 32),
        },
        "pin_block": None if pin_block is None else v.hex_string("pin_block", pin_block, 64),
    }


def card_purchase_body(
    *,
    purchase_id: str,
    account_no: str,
    card_serial: str,
    card_purchase_count: int,
    amount_fen: int,
    payment_id: str,
) -> CardPurchaseBody:
    if not isinstance(card_serial, str) or not (card_serial.isdigit() and len(card_serial) == 16):
        raise InvalidRequest("a card serial is 16 digits")
    return {
        "purchase_id": v.operation_id("purchase_id", purchase_id),
        "account_no": v.account_no(account_no),
        "card_serial": card_serial,
        "card_purchase_count": v.count("card_purchase_count", card_purchase_count),
        "amount_fen": v.amount_fen("amount_fen", amount_fen),
        "payment_id": v.text("payment_id", payment_id, 64),
    }


def card_purchase_confirm_body(card_purchase_count_after: int) -> CardPurchaseConfirmBody:
    count = v.count("card_purchase_count_after", card_purchase_count_after)
    return {"card_purchase_count_after": count}


def invoice_body(
    *,
    request_id: str,
    payment_ids: Iterable[str],
    buyer_kind: Literal["personal", "company"],
    buyer_name: str,
    tax_id: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> InvoiceBody:
    ids = [v.text("payment_id", pid, 64) for pid in payment_ids]
    if not ids:
        raise InvalidRequest("an invoice needs at least one payment")
    if buyer_kind not in ("personal", "company"):
        raise InvalidRequest("buyer kind is personal or company")
    if buyer_kind == "company" and not tax_id:
        raise InvalidRequest("a company buyer needs its tax id")
    return {
        "request_id": v.operation_id("request_id", request_id),
        "payment_ids": ids,
        "buyer": {
            "kind": buyer_kind,
            "name": v.text("buyer name", buyer_name, 100),
            "tax_id": None if tax_id is None else v.text("tax_id", tax_id, 18),
            "email": None if email is None else v.text("email", email, 254),
            "phone": None if phone is None else v.text("phone", phone, 32),
        },
    }


def mandate_body(
    *,
    mandate_id: str,
    account_no: str,
    pan: str,
    expiry: str,
    holder_name: str,
    day_of_month: int,
    limit_fen: int,
) -> MandateBody:
    """Holds the full PAN: keep in memory only, never journal or log it."""
    return {
        "mandate_id": v.operation_id("mandate_id", mandate_id),
        "account_no": v.account_no(account_no),
        "bank_card": {"pan": v.pan(pan), "expiry": v.expiry(expiry)},
        "holder_name": v.text("holder_name", holder_name, 100),
        "day_of_month": v.count("day_of_month", day_of_month, low=1, high=31),
        "limit_fen": v.amount_fen("limit_fen", limit_fen),
    }


def heartbeat_body(
    *,
    sent_at: datetime,
    software_version: str,
    mode: Literal["in_service", "out_of_service", "maintenance"],
    devices: Mapping[str, DeviceBody],
    outbox_depth: int,
    oldest_unsent_at: datetime | None,
    cashbox_notes: int,
    cashbox_total_fen: int,
) -> HeartbeatBody:
    if set(devices) != set(DEVICES):
        raise InvalidRequest(f"devices must be exactly {', '.join(DEVICES)}")
    for name in DEVICES:
        if devices[name].get("state") not in ("ok", "warning", "fault", "absent"):
            raise InvalidRequest(f"{name} state must be ok, warning, fault or absent")
        v.text(f"{name} detail", devices[name].get("detail", ""), 200, allow_empty=True)
    if devices["printer"].get("paper") not in ("ok", "low", "out", "unknown"):
        raise InvalidRequest("the printer's paper state must be ok, low, out or unknown")
    if mode not in ("in_service", "out_of_service", "maintenance"):
        raise InvalidRequest(f"unknown mode {mode!r}")
    return {
        "sent_at": utc("sent_at", sent_at),
        "software_version": v.text("software_version", software_version, 64),
        "mode": mode,
        "devices": {name: devices[name] for name in DEVICES},
        "outbox_depth": v.count("outbox_depth", outbox_depth),
        "oldest_unsent_at": None
        if oldest_unsent_at is None
        else utc("oldest_unsent_at", oldest_unsent_at),
        "cashbox": {
            "notes": v.count("cashbox notes", cashbox_notes),
            "total_fen": v.amount_fen("cashbox total_fen", cashbox_total_fen, allow_zero=True),
        },
    }


def cash_collection_body(
    *,
    collection_id: str,
    opened_at: datetime,
    closed_at: datetime,
    staff_id: str,
    expected: Mapping[int, int],
    counted: Mapping[int, int],
    note: str = "",
) -> CashCollectionBody:
    """Totals are computed from the note counts, so they cannot disagree with them."""
    return {
        "collection_id": v.operation_id("collection_id", collection_id),
        "opened_at": utc("opened_at", opened_at),
        "closed_at": utc("closed_at", closed_at),
        "staff_id": v.text("staff_id", staff_id, 64),
        "expected": note_counts("expected", expected),
        "counted": note_counts("counted", counted),
        "expected_total_fen": notes_total(expected),
        "counted_total_fen": notes_total(counted),
        "note": v.text("note", note, 500, allow_empty=True),
    }


def settlement_body(
    *,
    settlement_id: str,
    business_date: date,
    totals: Iterable[SettlementTotalBody],
    transaction_ids: Iterable[str],
) -> SettlementBody:
    rows: list[SettlementTotalBody] = []
    for row in totals:
        if row["method"] not in ("cash", "bank_card", "wechat", "alipay", "unionpay_qr"):
            raise InvalidRequest(f"unknown payment method {row['method']!r}")
        rows.append(
            {
                "method": row["method"],
                "count": v.count("count", row["count"]),
                "amount_fen": v.amount_fen("amount_fen", row["amount_fen"], allow_zero=True),
            }
        )
    if not isinstance(business_date, date) or isinstance(business_date, datetime):
        raise InvalidRequest("business_date must be a date")
    return {
        "settlement_id": v.operation_id("settlement_id", settlement_id),
        "business_date": business_date.isoformat(),
        "totals": rows,
        "transaction_ids": [v.operation_id("transaction_id", t) for t in transaction_ids],
    }
