"""Request body builders: checked arguments, fixed key order, no secrets in their errors."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from kiosk.backend import bodies
from kiosk.backend.errors import InvalidRequest
from kiosk.backend.wire import encode_body

WHEN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
PAN = "6212345678901234569"


def cash(**changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "transaction_id": "T-K-330106-0001-000123",
        "account_no": "3300000001",
        "amount_fen": 30000,
        "method": "cash",
        "occurred_at": WHEN,
        "cash_notes": {10000: 2, 5000: 2},
    }
    args.update(changes)
    return args


def test_payment_body_matches_the_contract_and_is_stable() -> None:
    body = bodies.payment_body(**cash())
    assert body == {
        "transaction_id": "T-K-330106-0001-000123",
        "account_no": "3300000001",
        "amount_fen": 30000,
        "method": "cash",
        "method_ref": None,
        "occurred_at": "2026-11-26T08:30:00Z",
        "cash_notes": {"10000": 2, "5000": 2},
    }
    stored = json.loads(encode_body(body))  # what the journal keeps
    assert encode_body(stored) == encode_body(body)
    reordered = bodies.payment_body(**cash(cash_notes={5000: 2, 10000: 2}))
    assert encode_body(reordered) == encode_body(body)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"amount_fen": 300.0}, "int number of fen"),
        ({"amount_fen": True}, "int number of fen"),
        ({"amount_fen": 0}, "between 1"),
        ({"amount_fen": -100}, "between 1"),
        ({"cash_notes": {10000: 3, 5000: 1}}, "add up"),
        ({"method_ref": "C-K-330106-0001-000124"}, "no method_ref"),
        ({"method": "wechat", "cash_notes": None}, "needs the method_ref"),
        ({"method": "wechat", "method_ref": "C-K-330106-0001-000124"}, "only a cash"),
        ({"method": "cheque"}, "unknown payment method"),
        ({"occurred_at": datetime(2026, 11, 26, 8, 30)}, "timezone-aware"),
        ({"account_no": "33000000"}, "10 to 13 digits"),
        ({"transaction_id": "T-1"}, "8-56"),
        ({"transaction_id": "T K 330106 0001"}, "8-56"),
        ({"cash_notes": {10000: -1, 5000: 8}}, "count"),
    ],
)
def test_payment_body_refuses_bad_arguments(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(InvalidRequest, match=reason):
        bodies.payment_body(**cash(**changes))


def test_mobile_charge_body_refuses_bad_codes_without_showing_them() -> None:
    code = "991234567890123456"
    with pytest.raises(InvalidRequest) as caught:
        bodies.mobile_charge_body(
            charge_id="C-K-330106-0001-000124",
            account_no="3300000001",
            amount_fen=100,
            auth_code=code,
        )
    assert code not in str(caught.value)
    assert "99" in str(caught.value)
    assert "3456" in str(caught.value)


@pytest.mark.parametrize(
    "code",
    ["134567890123450000", "2812345678901234", "301234567890123456789012", "6212345678901234567"],
)
def test_mobile_charge_body_accepts_each_wallet(code: str) -> None:
    body = bodies.mobile_charge_body(
        charge_id="C-K-330106-0001-000124",
        account_no="3300000001",
        amount_fen=100,
        auth_code=code,
    )
    assert body["auth_code"] == code
    assert body["description"] == "电费 3300000001"


def auth(**changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "auth_id": "A-K-330106-0001-000126",
        "account_no": "3300000001",
        "amount_fen": 30000,
        "pan": PAN,
        "expiry": "2812",
        "pan_sequence": "01",
        "aid": "A000000333010101",
    }
    args.update(changes)
    return args


def test_card_authorization_body() -> None:
    body = bodies.card_authorization_body(**auth(pin_block="0123456789ABCDEF"))
    assert body["card"] == {
        "pan": PAN,
        "expiry": "2812",
        "pan_sequence": "01",
        "aid": "A000000333010101",
    }
    assert body["pin_block"] == "0123456789ABCDEF"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"pan": "6212345678901234568"}, "Luhn"),
        ({"pan": "62123456789012345690"}, "12 to 19"),
        ({"expiry": "2813"}, "YYMM"),
        ({"aid": "not hex"}, "hex"),
        ({"pan_sequence": "A1"}, "pan_sequence"),
        ({"pin_block": "zz"}, "hex"),
    ],
)
def test_card_authorization_body_refuses_bad_cards(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(InvalidRequest, match=reason) as caught:
        bodies.card_authorization_body(**auth(**changes))
    assert "621234567890123456" not in str(caught.value)


def test_mandate_and_invoice_bodies() -> None:
    mandate = bodies.mandate_body(
        mandate_id="M-K-330106-0001-000129",
        account_no="3300000001",
        pan=PAN,
        expiry="2812",
        holder_name="张三明",
        day_of_month=10,
        limit_fen=50000,
    )
    assert mandate["bank_card"] == {"pan": PAN, "expiry": "2812"}
    invoice = bodies.invoice_body(
        request_id="I-K-330106-0001-000128",
        payment_ids=["P-000456"],
        buyer_kind="company",
        buyer_name="某公司",
        tax_id="91350100M000100Y43",
    )
    assert invoice["buyer"] == {
        "kind": "company",
        "name": "某公司",
        "tax_id": "91350100M000100Y43",
        "email": None,
        "phone": None,
    }
    with pytest.raises(InvalidRequest, match="tax id"):
        bodies.invoice_body(
            request_id="I-K-330106-0001-000128",
            payment_ids=["P-1"],
            buyer_kind="company",
            buyer_name="某公司",
        )
    with pytest.raises(InvalidRequest, match="at least one"):
        bodies.invoice_body(
            request_id="I-K-330106-0001-000128",
            payment_ids=[],
            buyer_kind="personal",
            buyer_name="张三明",
        )


def test_cash_collection_totals_come_from_the_counts() -> None:
    body = bodies.cash_collection_body(
        collection_id="CC-K-330106-0001-0001",
        opened_at=WHEN,
        closed_at=WHEN,
        staff_id="S-001",
        expected={10000: 12, 5000: 3},
        counted={10000: 12, 5000: 2},
    )
    assert (body["expected_total_fen"], body["counted_total_fen"]) == (135000, 130000)
    assert body["expected"] == {"10000": 12, "5000": 3}


def test_settlement_body() -> None:
    body = bodies.settlement_body(
        settlement_id="S-K-330106-0001-20261126",
        business_date=date(2026, 11, 26),
        totals=[{"method": "cash", "count": 1, "amount_fen": 30000}],
        transaction_ids=["T-K-330106-0001-000123"],
    )
    assert body["business_date"] == "2026-11-26"
    with pytest.raises(InvalidRequest, match="unknown payment method"):
        bodies.settlement_body(
            settlement_id="S-K-330106-0001-20261126",
            business_date=date(2026, 11, 26),
            totals=[{"method": "gold", "count": 1, "amount_fen": 1}],  # type: ignore[typeddict-item]
            transaction_ids=[],
        )


def test_heartbeat_body_needs_every_device() -> None:
    devices: dict[str, bodies.DeviceBody] = {
        "cash_acceptor": {"state": "ok"},
        "printer": {"state": "ok", "paper": "ok"},
        "card_reader": {"state": "ok"},
        "scanner": {"state": "ok"},
    }
    args: dict[str, Any] = {
        "sent_at": WHEN,
        "software_version": "0.1.0",
        "mode": "in_service",
        "devices": devices,
        "outbox_depth": 2,
        "oldest_unsent_at": WHEN,
        "cashbox_notes": 3,
        "cashbox_total_fen": 300,
    }
    body = bodies.heartbeat_body(**args)
    assert body["oldest_unsent_at"] == "2026-11-26T08:30:00Z"
    assert list(body["devices"]) == ["cash_acceptor", "printer", "card_reader", "scanner"]
    with pytest.raises(InvalidRequest, match="exactly"):
        bodies.heartbeat_body(**{**args, "devices": {"printer": devices["printer"]}})
    with pytest.raises(InvalidRequest, match="paper"):
        bodies.heartbeat_body(**{**args, "devices": {**devices, "printer": {"state": "ok"}}})
    with pytest.raises(InvalidRequest, match="state"):
        bodies.heartbeat_body(**{**args, "devices": {**devices, "scanner": {"state": "dead"}}})
