"""The receipt refuses what must never be printed and adds up in fen."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from kiosk.receipts.model import BillLine, CardPayment, CashPayment, WalletPayment
from tests.kiosk.receipts.samples import full_receipt


def test_totals_in_fen() -> None:
    r = full_receipt()
    assert r.bills_total_fen == 12345 + 9870
    assert r.total_due_fen == 12345 + 9870 + 123 + 5000
    assert r.total_received_fen == 25000 + 1000 + 500
    assert CashPayment({10000: 2, 5000: 1, 100: 0}).amount_fen == 25000


def test_full_card_number_is_refused() -> None:
    with pytest.raises(ValueError, match="masked"):
        CardPayment("6228480000001234", 100)
    with pytest.raises(ValueError, match="masked"):
        CardPayment("6228 4800 0000 1234", 100)
    assert CardPayment("622848******1234", 100).masked_pan.endswith("1234")


@pytest.mark.parametrize(
    "build",
    [
        lambda: BillLine("B", "2026-10", -1),
        lambda: BillLine("B", "2026-10", 12.5),
        lambda: CashPayment({10000: -1}),
        lambda: CashPayment({0: 1}),
        lambda: WalletPayment("wechat", True),
    ],
)
def test_bad_amounts(build: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        build()  # type: ignore[operator]


def test_naive_time_and_unknown_language_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        dataclasses.replace(full_receipt(), issued_at=datetime(2026, 11, 26, 8, 0))
    with pytest.raises(ValueError, match="language"):
        dataclasses.replace(full_receipt(), language="fr")  # type: ignore[arg-type]


def test_negative_balance_is_allowed_negative_surplus_is_not() -> None:
    assert dataclasses.replace(full_receipt(), new_balance_fen=-500).new_balance_fen == -500
    with pytest.raises(ValueError, match="surplus"):
        dataclasses.replace(full_receipt(), surplus_to_balance_fen=-1)
