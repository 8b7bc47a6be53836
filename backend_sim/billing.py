"""Tariff, late fees and payment allocation: the utility's arithmetic, in integer fen.

Bills are stored with amount_fen, paid_fen and late_fee_paid_fen; everything else (arrears,
the late fee owed today, amount due) is computed on the server's date when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def line_amount_fen(kwh: Decimal, price_yuan: Decimal) -> int:
    """kWh x unit price, rounded half up to the fen (one bill line)."""
    return int((kwh * price_yuan * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _line(kind: str, kwh: Decimal, price: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "kwh": f"{kwh:.2f}",
        "unit_price_yuan": price,
        "amount_fen": line_amount_fen(kwh, Decimal(price)),
    }


def _tier_index(tiers: list[dict[str, Any]], used_before: Decimal) -> int:
    for index, tier in enumerate(tiers):
        limit = tier["up_to_kwh"]
        if limit is None or used_before < Decimal(limit):
            return index
    return len(tiers) - 1


def tiered_lines(
    tiers: list[dict[str, Any]], used_before: Decimal, kwh: Decimal
) -> list[dict[str, Any]]:
    """A month's kWh placed against the consumption accumulated so far in the tier year."""
    lines: list[dict[str, Any]] = []
    remaining = kwh
    used = used_before
    index = _tier_index(tiers, used)
    while remaining > 0:
        tier = tiers[index]
        limit = tier["up_to_kwh"]
        room = remaining if limit is None else min(remaining, Decimal(limit) - used)
        if room > 0:
            lines.append(_line(tier["kind"], room, tier["price_yuan"]))
            remaining -= room
            used += room
        index += 1
    return lines


def tou_lines(
    tiers: list[dict[str, Any]], used_before: Decimal, peak: Decimal, valley: Decimal
) -> list[dict[str, Any]]:
    """Time of use: peak and valley priced at the tier the month starts in."""
    tier = tiers[_tier_index(tiers, used_before)]
    return [_line("peak", peak, tier["peak_yuan"]), _line("valley", valley, tier["valley_yuan"])]


@dataclass(frozen=True)
class LateFeeRule:
    per_mille_per_day: int
    minimum_fen: int


def unpaid_fen(bill: dict[str, Any]) -> int:
    return int(bill["amount_fen"]) - int(bill["paid_fen"])


def late_fees_owed(bills: list[dict[str, Any]], today: date, rule: LateFeeRule) -> dict[str, int]:
    """Late fee still owed per bill today.

    Per overdue bill floor(unpaid x days past due_on x rate / 1000); at least the minimum in total
    once any bill is overdue (the top-up sits on the oldest overdue bill); minus what was paid.
    """
    accrued: dict[str, int] = {}
    oldest: str | None = None
    for bill in sorted(bills, key=lambda b: b["period"]):
        unpaid = unpaid_fen(bill)
        days = (today - date.fromisoformat(bill["due_on"])).days
        if unpaid <= 0 or days <= 0:
            continue
        accrued[bill["bill_id"]] = unpaid * days * rule.per_mille_per_day // 1000
        oldest = oldest or bill["bill_id"]
    if oldest is not None and sum(accrued.values()) < rule.minimum_fen:
        accrued[oldest] += rule.minimum_fen - sum(accrued.values())
    owed: dict[str, int] = {}
    for bill in bills:
        fee = accrued.get(bill["bill_id"], 0) - int(bill.get("late_fee_paid_fen", 0))
        owed[bill["bill_id"]] = max(0, fee)
    return owed


def bill_status(bill: dict[str, Any]) -> str:
    if unpaid_fen(bill) <= 0:
        return "paid"
    return "partially_paid" if int(bill["paid_fen"]) > 0 else "unpaid"


@dataclass
class Totals:
    arrears_fen: int
    late_fee_fen: int
    balance_fen: int

    @property
    def amount_due_fen(self) -> int:
        return max(0, self.arrears_fen + self.late_fee_fen - self.balance_fen)


def totals(bills: list[dict[str, Any]], balance_fen: int, today: date, rule: LateFeeRule) -> Totals:
    fees = late_fees_owed(bills, today, rule)
    arrears = sum(max(0, unpaid_fen(b)) for b in bills)
    return Totals(arrears, sum(fees.values()), balance_fen)


@dataclass
class Allocation:
    late_fee_paid_fen: int = 0
    applied: list[dict[str, Any]] = field(default_factory=list)
    to_balance_fen: int = 0


def allocate(
    bills: list[dict[str, Any]], amount_fen: int, today: date, rule: LateFeeRule
) -> Allocation:
    """Late fees first, then the oldest bills, the rest to the balance. Mutates the bills."""
    ordered = sorted(bills, key=lambda b: b["period"])
    fees = late_fees_owed(ordered, today, rule)
    result = Allocation()
    left = amount_fen
    for bill in ordered:
        take = min(left, fees[bill["bill_id"]])
        if take > 0:
            bill["late_fee_paid_fen"] = int(bill.get("late_fee_paid_fen", 0)) + take
            result.late_fee_paid_fen += take
            left -= take
    for bill in ordered:
        take = min(left, max(0, unpaid_fen(bill)))
        if take > 0:
            bill["paid_fen"] = int(bill["paid_fen"]) + take
            bill["status"] = bill_status(bill)
            result.applied.append({"bill_id": bill["bill_id"], "amount_fen": take})
            left -= take
    result.to_balance_fen = left
    return result
