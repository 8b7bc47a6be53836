"""Immutable views of account data the session shows; built from back-end replies or the cache."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BillLineView:
    kind: str  # tier1 | tier2 | tier3 | peak | valley | flat | adjustment
    kwh: str
    unit_price_yuan: str
    amount_fen: int


@dataclass(frozen=True)
class BillView:
    bill_id: str
    period: str
    due_on: str
    usage_kwh: str
    amount_fen: int
    paid_fen: int
    late_fee_fen: int
    status: str
    lines: tuple[BillLineView, ...] = ()


@dataclass(frozen=True)
class UsageMonthView:
    period: str
    kwh: str
    amount_fen: int


@dataclass(frozen=True)
class AlertView:
    kind: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class AccountView:
    account_no: str
    holder_masked: str
    address_masked: str
    category: str
    billing_mode: str  # postpaid | prepaid_card | prepaid_remote
    status: str  # active | arrears | disconnected | closed
    balance_fen: int
    arrears_fen: int
    late_fee_fen: int
    amount_due_fen: int
    min_payment_fen: int
    max_payment_fen: int
    bills: tuple[BillView, ...] = ()
    usage: tuple[UsageMonthView, ...] = ()
    alerts: tuple[AlertView, ...] = ()
    card_purchase_count: int | None = None  # purchases the utility issued to the prepaid card
    autopay_enrolled: bool = False  # monthly auto-debit (代扣) is on
    autopay_bank_masked: str | None = None  # its bank card, first 6 + last 4
    autopay_day: int | None = None  # its day of the month
    # True when the back end was unreachable and this came from the journal's cache (< 24 h old).
    offline: bool = False
    fetched_at: str = ""


@dataclass(frozen=True)
class PaymentOutcomeView:
    """What the result screen and the receipt show about a finished payment."""

    transaction_id: str
    amount_fen: int
    posted: bool  # False: journaled and queued, "will be posted when the connection returns"
    receipt_no: str | None = None
    new_balance_fen: int | None = None
    new_amount_due_fen: int | None = None
    to_balance_fen: int | None = None
    suspense: bool = False
    notes: tuple[tuple[int, int], ...] = field(default_factory=tuple)  # (value_fen, count)
    applied: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # (bill_id, amount_fen)
    late_fee_paid_fen: int = 0
    method: str = "cash"
    payment_id: str | None = None


@dataclass(frozen=True)
class PaymentRecordView:
    """One payment to the account through any channel (kiosk, app, bank, counter, ...)."""

    channel: str  # kiosk | app | bank | counter | autopay | wechat | alipay
    method: str
    amount_fen: int
    posted_at: str  # RFC 3339, UTC
    receipt_no: str


@dataclass(frozen=True)
class PaymentHistoryView:
    """The recent payments of one account, fetched after the account is shown.

    `status` is "loading", "loaded" or "unavailable"; paying never waits for it."""

    account_no: str
    status: str
    records: tuple[PaymentRecordView, ...] = ()
