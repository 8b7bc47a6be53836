"""Sample receipts shared by the rendering tests and the printer golden images."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from kiosk.receipts.model import (
    BillLine,
    CardPayment,
    CashPayment,
    PrepaidPurchase,
    Receipt,
    WalletPayment,
)

E_RECEIPT_URL = "https://pay.example.cn/r/R-20261126-000123?s=9f2c41"


def full_receipt(language: str = "zh") -> Receipt:
    """Two bills, a late fee, prepaid credit, all three payment methods, surplus, QR."""
    holder = "张*明" if language == "zh" else "J*** S****"
    return Receipt(
        kiosk_id="K-0042",
        kiosk_location="福州市鼓楼区五四路营业厅 1号机",
        issued_at=datetime(2026, 11, 26, 8, 30, 5, tzinfo=UTC),
        receipt_no="R-20261126-000123",
        transaction_id="T-7f3a9c2e-0001",
        account_no="3501001234567",
        holder_masked=holder,
        bills=(
            BillLine("B-2026-09-3501001234567", "2026-09", 12345),
            BillLine("B-2026-10-3501001234567", "2026-10", 9870),
        ),
        late_fee_fen=123,
        payments=(
            CashPayment({10000: 2, 5000: 1}),
            CardPayment("622848******1234", 1000),
            WalletPayment("wechat", 500),
        ),
        surplus_to_balance_fen=2662,
        new_balance_fen=2662,
        prepaid=PrepaidPurchase(5000, card_written=True),
        e_receipt_url=E_RECEIPT_URL,
        language="zh" if language == "zh" else "en",
    )


def cash_only_receipt() -> Receipt:
    return dataclasses.replace(
        full_receipt("zh"),
        bills=(BillLine("B-2026-10-3501001234567", "2026-10", 9870),),
        late_fee_fen=0,
        payments=(CashPayment({10000: 1}),),
        prepaid=None,
        surplus_to_balance_fen=130,
        new_balance_fen=130,
    )


# golden file name -> (receipt, paper width in dots)
GOLDEN_CASES: dict[str, tuple[Receipt, int]] = {
    "receipt_zh_576": (full_receipt("zh"), 576),
    "receipt_en_576": (full_receipt("en"), 576),
    "receipt_zh_384": (full_receipt("zh"), 384),
}
