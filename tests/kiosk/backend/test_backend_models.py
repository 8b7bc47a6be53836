"""Reply models: strict types, contract invariants, unknown fields ignored."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.backend import models as m


def bill(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bill_id": "B-3300000001-2026-10",
        "period": "2026-10",
        "issued_on": "2026-11-03",
        "due_on": "2026-11-20",
        "usage_kwh": "412.00",
        "lines": [
            {"kind": "tier1", "kwh": "100.00", "unit_price_yuan": "0.5380", "amount_fen": 5380},
            {"kind": "tier2", "kwh": "312.00", "unit_price_yuan": "0.5880", "amount_fen": 18346},
        ],
        "amount_fen": 23726,
        "paid_fen": 0,
        "late_fee_fen": 139,
        "status": "unpaid",
        "future": 1,
    }
    body.update(changes)
    return body


def test_bill_parses_decimals_and_dates() -> None:
    parsed = m.Bill.model_validate(bill())
    assert parsed.usage_kwh == Decimal("412.00")
    assert str(parsed.usage_kwh) == "412.00"
    assert parsed.lines[1].unit_price_yuan == Decimal("0.5880")
    assert parsed.due_on == date(2026, 11, 20)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_fen": 23725},  # not the sum of its lines
        {"paid_fen": 30000},
        {"period": "2026-13"},
        {"due_on": "20/11/2026"},
        {"due_on": 1763596800},
        {"usage_kwh": 412.0},
        {"usage_kwh": "412"},
        {"status": "overdue"},
        {"lines": [{"kind": "tier1", "kwh": "1.00", "unit_price_yuan": "0.538", "amount_fen": 1}]},
    ],
)
def test_bill_refuses_what_breaks_the_contract(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        m.Bill.model_validate(bill(**changes))


def test_adjustment_lines_may_be_negative() -> None:
    lines = [
        {"kind": "tier1", "kwh": "10.00", "unit_price_yuan": "0.5380", "amount_fen": 538},
        {"kind": "adjustment", "kwh": "0.00", "unit_price_yuan": "0.0000", "amount_fen": -38},
    ]
    assert m.Bill.model_validate(bill(lines=lines, amount_fen=500)).amount_fen == 500


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-11-26T08:30:00Z", True),
        ("2026-11-26T08:30:00.123Z", True),
        ("2026-11-26T08:30:00+00:00", True),
        ("2026-11-26T16:30:00+08:00", False),
        ("2026-11-26T08:30:00", False),
        ("2026-11-26 08:30:00Z", False),
        (1764145800, False),
    ],
)
def test_times_are_rfc3339_utc(value: Any, ok: bool) -> None:
    body = {"server_time": value, "commands": []}
    if ok:
        parsed = m.HeartbeatReply.model_validate(body)
        assert parsed.server_time.replace(microsecond=0) == datetime(
            2026, 11, 26, 8, 30, tzinfo=UTC
        )
    else:
        with pytest.raises(ValidationError):
            m.HeartbeatReply.model_validate(body)


def test_models_are_frozen() -> None:
    parsed = m.CashCollectionResult.model_validate(
        {"collection_id": "CC-1", "discrepancy_fen": -5000}
    )
    assert parsed.discrepancy_fen == -5000
    with pytest.raises(ValidationError):
        parsed.discrepancy_fen = 0
