"""Tariff lines, late fees and allocation arithmetic (pure functions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend_sim.billing import LateFeeRule, allocate, late_fees_owed, line_amount_fen, tiered_lines
from backend_sim.seed import load_seed

RULE = LateFeeRule(per_mille_per_day=1, minimum_fen=100)
TIERS = load_seed().raw["tariff"]["tiers"]


@pytest.mark.parametrize(
    ("kwh", "price", "fen"),
    [
        ("260.00", "0.5380", 13988),
        ("312.00", "0.5880", 18346),  # 18345.6 rounds up
        ("278.81", "0.5380", 15000),  # 14999.978
        ("0.01", "0.5380", 1),  # 0.538 fen
        ("10836.02", "0.8680", 940567),
    ],
)
def test_line_amount_rounds_half_up(kwh: str, price: str, fen: int) -> None:
    assert line_amount_fen(Decimal(kwh), Decimal(price)) == fen


def test_line_amount_exact_half_goes_up() -> None:
    assert line_amount_fen(Decimal("1.25"), Decimal("0.5000")) == 63  # 62.5 fen


def test_tiers_follow_the_annual_accumulation() -> None:
    lines = tiered_lines(TIERS, Decimal("2660"), Decimal("412"))
    assert [(x["kind"], x["kwh"], x["amount_fen"]) for x in lines] == [
        ("tier1", "100.00", 5380),
        ("tier2", "312.00", 18346),
    ]
    across = tiered_lines(TIERS, Decimal("4700"), Decimal("200"))
    assert [x["kind"] for x in across] == ["tier2", "tier3"]


def _bill(period: str, amount: int, due_on: str, paid: int = 0) -> dict[str, object]:
    return {
        "bill_id": f"B-1-{period}",
        "period": period,
        "due_on": due_on,
        "amount_fen": amount,
        "paid_fen": paid,
        "late_fee_paid_fen": 0,
        "status": "unpaid",
    }


def test_late_fee_per_bill_and_minimum() -> None:
    bills = [_bill("2026-09", 13988, "2026-10-20"), _bill("2026-10", 23726, "2026-11-20")]
    fees = late_fees_owed(bills, date(2026, 11, 26), RULE)
    assert fees == {"B-1-2026-09": 517, "B-1-2026-10": 142}
    early = late_fees_owed(bills, date(2026, 10, 25), RULE)
    assert early == {"B-1-2026-09": 100, "B-1-2026-10": 0}  # 69 raised to the minimum
    assert sum(late_fees_owed(bills, date(2026, 10, 20), RULE).values()) == 0  # due today


def test_allocation_pays_fees_then_oldest_then_balance() -> None:
    bills = [_bill("2026-10", 23726, "2026-11-20"), _bill("2026-09", 13988, "2026-10-20")]
    result = allocate(bills, 20000, date(2026, 11, 26), RULE)
    assert result.late_fee_paid_fen == 659
    assert result.applied == [
        {"bill_id": "B-1-2026-09", "amount_fen": 13988},
        {"bill_id": "B-1-2026-10", "amount_fen": 20000 - 659 - 13988},
    ]
    assert result.to_balance_fen == 0
    # The fee already paid is not owed again the same day.
    assert sum(late_fees_owed(bills, date(2026, 11, 26), RULE).values()) == 0
    rest = allocate(bills, 30000, date(2026, 11, 26), RULE)
    assert rest.late_fee_paid_fen == 0
    assert rest.to_balance_fen == 30000 - (23726 - 5353)
