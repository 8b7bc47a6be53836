"""Loads seed.json (data, not code) and writes the initial state: accounts, bills, payments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from backend_sim.billing import LateFeeRule, bill_status, tiered_lines, tou_lines
from backend_sim.store import Tx

SEED_PATH = Path(__file__).with_name("seed.json")


@dataclass(frozen=True)
class SeedData:
    raw: dict[str, Any]

    @property
    def kiosks(self) -> dict[str, str]:
        return dict(self.raw["kiosks"])

    @property
    def late_fee_rule(self) -> LateFeeRule:
        billing = self.raw["billing"]
        return LateFeeRule(
            int(billing["late_fee_per_mille_per_day"]), int(billing["late_fee_minimum_fen"])
        )

    @property
    def low_balance(self) -> dict[str, Any]:
        return dict(self.raw["low_balance_alert"])


def load_seed(path: Path = SEED_PATH) -> SeedData:
    return SeedData(json.loads(path.read_text(encoding="utf-8")))


def _next_month(period: str, day: int) -> str:
    year, month = (int(part) for part in period.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_lines(
    tiers: list[dict[str, Any]], used: Decimal, month: dict[str, Any]
) -> tuple[Decimal, list[dict[str, Any]]]:
    if "peak_kwh" in month:
        peak, valley = Decimal(month["peak_kwh"]), Decimal(month["valley_kwh"])
        return peak + valley, tou_lines(tiers, used, peak, valley)
    kwh = Decimal(month["kwh"])
    return kwh, tiered_lines(tiers, used, kwh)


def write_seed(tx: Tx, seed: SeedData) -> None:
    """Every account of the seed with its bills (computed from the tariff) and payments."""
    raw = seed.raw
    tiers = raw["tariff"]["tiers"]
    billing = raw["billing"]
    for entry in raw["accounts"]:
        account_no = entry["account_no"]
        account = {k: v for k, v in entry.items() if k not in ("months", "billed", "payments")}
        usage: list[dict[str, Any]] = []
        used: dict[str, Decimal] = {}
        payments: list[dict[str, Any]] = list(entry.get("payments", []))
        for month in entry["months"]:
            year = month["period"][:4]
            kwh, lines = _month_lines(tiers, used.get(year, Decimal(0)), month)
            used[year] = used.get(year, Decimal(0)) + kwh
            amount = sum(line["amount_fen"] for line in lines)
            usage.append({"period": month["period"], "kwh": f"{kwh:.2f}", "amount_fen": amount})
            if not entry["billed"] or kwh == 0:
                continue
            bill_id = f"B-{account_no}-{month['period']}"
            due_on = month.get("due_on") or _next_month(month["period"], billing["due_day"])
            paid = month.get("paid_via") is not None
            bill = {
                "bill_id": bill_id,
                "period": month["period"],
                "issued_on": _next_month(month["period"], billing["issue_day"]),
                "due_on": due_on,
                "usage_kwh": f"{kwh:.2f}",
                "lines": [line for line in lines if line["amount_fen"] or line["kwh"] != "0.00"],
                "amount_fen": amount,
                "paid_fen": amount if paid else 0,
                "late_fee_paid_fen": 0,
            }
            bill["status"] = bill_status(bill)
            tx.put("bill", bill_id, bill, account_no=account_no)
            if paid:
                channel = month["paid_via"]
                payments.append(
                    {
                        "channel": channel,
                        "method": raw["channel_methods"][channel],
                        "amount_fen": amount,
                        "posted_at": due_on[:8] + "15T02:30:00Z",
                        "bill_id": bill_id,
                    }
                )
        account["usage"] = usage
        tx.put("account", account_no, account, account_no=account_no)
        for number, payment in enumerate(sorted(payments, key=lambda p: p["posted_at"]), 1):
            payment_id = f"P-SEED-{account_no}-{number:02d}"
            doc = {
                "payment_id": payment_id,
                "transaction_id": None,
                "account_no": account_no,
                "receipt_no": f"R-SEED-{account_no}-{number:02d}",
                "status": "posted",
                **payment,
            }
            tx.put("payment", payment_id, doc, account_no=account_no)
