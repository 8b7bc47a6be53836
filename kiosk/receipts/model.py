"""The receipt as data: everything printed, nothing that may not be (no full card numbers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.money import fen

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

_FULL_PAN_RE = re.compile(r"\d{12,}")


def check_amount(name: str, value: int, *, allow_negative: bool = False) -> None:
    fen(value)
    if value < 0 and not allow_negative:
        raise ValueError(f"{name} must not be negative, got {value}")


@dataclass(frozen=True)
class BillLine:
    bill_id: str
    period: str  # billing period as the back end names it, e.g. "2026-10"
    amount_fen: int

    def __post_init__(self) -> None:
        check_amount("bill amount", self.amount_fen)


@dataclass(frozen=True)
class CashPayment:
    """Banknotes stacked, as {denomination in fen: count}."""

    notes: Mapping[int, int]

    def __post_init__(self) -> None:
        for value, count in self.notes.items():
            check_amount("denomination", value)
            check_amount("note count", count)
            if value == 0:
                raise ValueError("denomination must be positive")

    @property
    def amount_fen(self) -> int:
        return sum(value * count for value, count in self.notes.items())


@dataclass(frozen=True)
class CardPayment:
    masked_pan: str  # first 6 + last 4 (kiosk.masking.mask_pan); a full number is refused
    amount_fen: int

    def __post_init__(self) -> None:
        check_amount("card amount", self.amount_fen)
        if _FULL_PAN_RE.search(self.masked_pan.replace(" ", "")):
            raise ValueError("card number must be masked before it reaches a receipt")


@dataclass(frozen=True)
class WalletPayment:
    wallet: str  # "wechat" | "alipay" | "unionpay" (labels.py names them), or a display name
    amount_fen: int

    def __post_init__(self) -> None:
        check_amount("wallet amount", self.amount_fen)


Payment = CashPayment | CardPayment | WalletPayment


@dataclass(frozen=True)
class PrepaidPurchase:
    """Credit bought for a prepaid IC card and whether it was written to the card."""

    amount_fen: int
    card_written: bool

    def __post_init__(self) -> None:
        check_amount("prepaid amount", self.amount_fen)


@dataclass(frozen=True)
class Receipt:
    kiosk_id: str
    kiosk_location: str
    issued_at: datetime  # timezone-aware; printed in the kiosk's local time
    receipt_no: str
    transaction_id: str
    account_no: str
    holder_masked: str  # already masked (张*明); masked again when rendered, harmlessly
    bills: tuple[BillLine, ...] = ()
    late_fee_fen: int = 0
    payments: tuple[Payment, ...] = ()
    surplus_to_balance_fen: int = 0
    new_balance_fen: int = 0  # may be negative (arrears)
    prepaid: PrepaidPurchase | None = None
    e_receipt_url: str | None = None
    language: Language = "zh"
    notice: str = ""  # a free line printed above the footer, e.g. a service notice

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {self.language!r}")
        check_amount("late fee", self.late_fee_fen)
        check_amount("surplus", self.surplus_to_balance_fen)
        check_amount("new balance", self.new_balance_fen, allow_negative=True)

    @property
    def bills_total_fen(self) -> int:
        return sum(b.amount_fen for b in self.bills)

    @property
    def total_due_fen(self) -> int:
        prepaid = self.prepaid.amount_fen if self.prepaid else 0
        return self.bills_total_fen + self.late_fee_fen + prepaid

    @property
    def total_received_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments)
