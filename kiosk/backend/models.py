"""Typed, validated replies of the utility API v1 (pydantic v2).

Replies are untrusted input: every model is strict (no "12" -> 12, no 1.0 -> 1, no unix-time
integers for dates), money is a non-negative int of fen bounded far above any real amount, enums
are Literals, strings are length-limited, unknown fields are ignored. A reply that does not fit
becomes `BadResponse` in the client; nothing half-parsed reaches the kiosk.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    model_validator,
)

# 10**13 fen is 100 billion yuan: far above any real amount, small enough for safe arithmetic.
MAX_FEN = 10**13

Fen = Annotated[StrictInt, Field(ge=0, le=MAX_FEN)]
SignedFen = Annotated[StrictInt, Field(ge=-MAX_FEN, le=MAX_FEN)]
Count = Annotated[StrictInt, Field(ge=0, le=4_294_967_295)]
Id = Annotated[StrictStr, StringConstraints(min_length=1, max_length=64)]
ShortText = Annotated[StrictStr, StringConstraints(max_length=64)]
Text = Annotated[StrictStr, StringConstraints(max_length=500)]
Url = Annotated[StrictStr, StringConstraints(max_length=2048, pattern=r"^https?://\S+$")]
AccountNo = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9]{10,13}$")]
MaskedPan = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9]{6}\*{2,9}[0-9]{4}$")]
Period = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
CardSerial = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9]{16}$")]
Wallet = Literal["wechat", "alipay", "unionpay"]
PaymentMethod = Literal["cash", "bank_card", "wechat", "alipay", "unionpay_qr"]

_RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]00:00)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _utc_time(value: object) -> datetime:
    if not isinstance(value, str) or not _RFC3339_UTC.match(value):
        raise ValueError("must be an RFC 3339 UTC time like 2026-11-26T08:30:00Z")
    return datetime.fromisoformat(value).astimezone(UTC)


def _date(value: object) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError("must be a date YYYY-MM-DD")
    return date.fromisoformat(value)


def _decimal(places: int) -> BeforeValidator:
    pattern = re.compile(rf"^[0-9]{{1,12}}\.[0-9]{{{places}}}$")

    def check(value: object) -> Decimal:
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(f"must be a decimal string with {places} places")
        return Decimal(value)

    return BeforeValidator(check)


UtcTime = Annotated[datetime, BeforeValidator(_utc_time)]
Day = Annotated[date, BeforeValidator(_date)]
Kwh = Annotated[Decimal, _decimal(2)]
UnitPrice = Annotated[Decimal, _decimal(4)]


class Reply(BaseModel):
    """Base of every reply model: strict, frozen, unknown fields ignored."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")


# ------------------------------------------------------------------ accounts
class Meter(Reply):
    meter_no: ShortText
    kind: Literal["conventional", "ic_card", "remote"]
    tou: StrictBool


class AccountCard(Reply):
    card_serial: CardSerial
    purchase_count: Count


class AutopayStatus(Reply):
    enrolled: StrictBool
    bank_masked: MaskedPan | None
    day_of_month: Annotated[StrictInt, Field(ge=1, le=31)] | None


class Account(Reply):
    account_no: AccountNo
    holder_name_masked: ShortText
    address_masked: Text
    category: Literal["residential", "business"]
    billing_mode: Literal["postpaid", "prepaid_card", "prepaid_remote"]
    status: Literal["active", "arrears", "disconnected", "closed"]
    balance_fen: Fen
    arrears_fen: Fen
    late_fee_fen: Fen
    amount_due_fen: Fen
    min_payment_fen: Fen
    max_payment_fen: Fen
    meter: Meter
    card: AccountCard | None
    autopay: AutopayStatus

    @model_validator(mode="after")
    def _amounts_agree(self) -> Account:
        due = max(0, self.arrears_fen + self.late_fee_fen - self.balance_fen)
        if self.amount_due_fen != due:
            raise ValueError("amount_due_fen is not max(0, arrears + late fee - balance)")
        if self.min_payment_fen > self.max_payment_fen:
            raise ValueError("min_payment_fen is above max_payment_fen")
        return self


class BillLine(Reply):
    kind: Literal["tier1", "tier2", "tier3", "peak", "valley", "flat", "adjustment"]
    kwh: Kwh
    unit_price_yuan: UnitPrice
    amount_fen: SignedFen


class Bill(Reply):
    bill_id: Id
    period: Period
    issued_on: Day
    due_on: Day
    usage_kwh: Kwh
    lines: Annotated[list[BillLine], Field(max_length=50)]
    amount_fen: Fen
    paid_fen: Fen
    late_fee_fen: Fen
    status: Literal["unpaid", "partially_paid", "paid"]

    @model_validator(mode="after")
    def _sum_of_lines(self) -> Bill:
        if self.lines and sum(line.amount_fen for line in self.lines) != self.amount_fen:
            raise ValueError("amount_fen is not the sum of the bill's lines")
        if self.paid_fen > self.amount_fen:
            raise ValueError("paid_fen is above amount_fen")
        return self


class BillList(Reply):
    bills: Annotated[list[Bill], Field(max_length=120)]


class UsageMonth(Reply):
    period: Period
    kwh: Kwh
    amount_fen: Fen


class UsageAlert(Reply):
    kind: Literal["high_usage", "low_balance", "abnormal_zero"]
    message_zh: Text
    message_en: Text


class Usage(Reply):
    months: Annotated[list[UsageMonth], Field(max_length=120)]
    alerts: Annotated[list[UsageAlert], Field(max_length=20)]


class PaymentRecord(Reply):
    payment_id: Id
    channel: Literal["kiosk", "app", "bank", "counter", "autopay", "wechat", "alipay"]
    method: ShortText
    amount_fen: Fen
    posted_at: UtcTime
    receipt_no: Id


class PaymentList(Reply):
    payments: Annotated[list[PaymentRecord], Field(max_length=500)]


# ------------------------------------------------------------------ payments
class PaymentAllocation(Reply):
    bill_id: Id
    amount_fen: Fen


class PaymentResult(Reply):
    payment_id: Id
    transaction_id: Id
    receipt_no: Id
    status: Literal["posted", "suspense"]
    applied: Annotated[list[PaymentAllocation], Field(max_length=120)]
    late_fee_paid_fen: Fen
    to_balance_fen: Fen
    new_balance_fen: Fen
    new_amount_due_fen: Fen


# ------------------------------------------------------------------ mobile payments
class MobileCharge(Reply):
    charge_id: Id
    wallet: Wallet
    status: Literal["SUCCESS", "USERPAYING", "FAILED", "REVERSED", "CLOSED"]
    fail_reason: Text | None
    wallet_txn_id: Id | None


class MobileChargeReversal(Reply):
    charge_id: Id
    status: Literal["REVERSED", "CLOSED"]
    recall: StrictBool


class MobileOrderCreated(Reply):
    order_id: Id
    code_url: Url
    expires_at: UtcTime
    status: Literal["NOTPAY"]


class MobileOrderState(Reply):
    order_id: Id
    status: Literal["NOTPAY", "SUCCESS", "CLOSED"]
    wallet: Wallet | None
    paid_at: UtcTime | None


# ------------------------------------------------------------------ bank cards
class CardAuthorization(Reply):
    auth_id: Id
    status: Literal["APPROVED", "DECLINED"]
    approval_code: ShortText | None
    decline_reason: Text | None
    masked_pan: MaskedPan


class CardAuthorizationReversal(Reply):
    auth_id: Id
    status: Literal["REVERSED"]


# ------------------------------------------------------------------ prepaid IC cards
class CardPurchase(Reply):
    purchase_id: Id
    status: Literal["pending_write", "written"]
    new_purchase_count: Count
    credit_fen: Fen
    write_data_hex: Annotated[StrictStr, StringConstraints(pattern=r"^[0-9A-Fa-f]{24}$")]


class CardPurchaseList(Reply):
    purchases: Annotated[list[CardPurchase], Field(max_length=100)]


class CardPurchaseConfirmed(Reply):
    purchase_id: Id
    status: Literal["written"]


# ------------------------------------------------------------------ invoices and mandates
class Invoice(Reply):
    invoice_no: Id
    status: Literal["issued"]
    download_url: Url
    issued_at: UtcTime
    amount_fen: Fen


class AutopayMandate(Reply):
    mandate_id: Id
    status: Literal["active"]
    bank_masked: MaskedPan


class AutopayMandateCancelled(Reply):
    status: Literal["cancelled"]


# ------------------------------------------------------------------ kiosk operations
class KioskCommand(Reply):
    command_id: Id
    kind: Literal["take_out_of_service", "return_to_service", "upload_logs", "reload_config"]


class HeartbeatReply(Reply):
    server_time: UtcTime
    commands: Annotated[list[KioskCommand], Field(max_length=50)]


class CashCollectionResult(Reply):
    collection_id: Id
    discrepancy_fen: SignedFen


class SettlementTotal(Reply):
    method: PaymentMethod
    count: Count
    amount_fen: Fen


class SettlementResult(Reply):
    settlement_id: Id
    status: Literal["matched", "mismatch"]
    server_totals: Annotated[list[SettlementTotal], Field(max_length=20)]
    missing_on_server: Annotated[list[Id], Field(max_length=10_000)]
    unknown_to_kiosk: Annotated[list[Id], Field(max_length=10_000)]
