"""The journal refuses anything that looks like a PAN, a payment code or a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.journal import Journal, SensitiveDataError
from kiosk.journal.guard import check_path, check_value, looks_like_payment_code, luhn_ok

from .conftest import KIOSK, new_payment

PAN = "6212345678901234569"  # Luhn-valid test card of the contract


@pytest.mark.parametrize(
    "value",
    [
        {"note": PAN},
        {"note": f"card {PAN[:4]} {PAN[4:8]} {PAN[8:12]} {PAN[12:16]} {PAN[16:]}"},
        {"nested": [{"x": f"pan={PAN};"}]},
        {"pan": "621234*********4569x"},  # a pan field is refused whatever it holds
        {"auth_code": "134567890123450000"},
        {"pin_block": "0411AB"},
        {"secret": "dev-secret-change-me"},
        {"msg": "scanned 134567890123450000"},  # WeChat code
        {"msg": "scanned 287654321098765432"},  # Alipay code
        {"payment_id": PAN},  # identifier fields still may not be a bare PAN
        {"amount": int(PAN)},
    ],
)
def test_refused(value: dict[str, Any]) -> None:
    with pytest.raises(SensitiveDataError):
        check_value(value)


@pytest.mark.parametrize(
    "value",
    [
        {"account_no": "1300000000008"},
        {"transaction_id": f"T-{KIOSK}-20261126-000123"},
        {"message": f"payment T-{KIOSK}-20261126-000123 failed at 2026-11-26T08:00:00Z"},
        {"masked_pan": "621234*********4569"},
        {"card": {"card_serial": "8600000000000003", "purchase_count": 7}},
        {"pan": None},
        {"amount_fen": 1234567},
        {"wallet_txn_id": "4200001234202611260000000001"},
        {"receipt_no": "R-20261126-000001"},
    ],
)
def test_allowed(value: dict[str, Any]) -> None:
    check_value(value)


def test_luhn_and_code_rules() -> None:
    assert luhn_ok(PAN)
    assert not luhn_ok(PAN[:-1] + "0")
    assert looks_like_payment_code("134567890123450000")
    assert looks_like_payment_code("6212345678901234567")
    assert not looks_like_payment_code("3300000001000000")


def test_card_authorization_bodies_never_reach_the_outbox() -> None:
    with pytest.raises(SensitiveDataError):
        check_path("/v1/card-authorizations")
    with pytest.raises(SensitiveDataError):
        check_path("/v1/mobile-charges")
    check_path("/v1/card-authorizations/A-1234567890/reverse")  # follow-ups carry no card data


def test_journal_writes_are_refused_and_change_nothing(journal: Journal) -> None:
    txn = new_payment(journal)
    with pytest.raises(SensitiveDataError):
        journal.set_state(txn, "posting", detail_update={"card": PAN})
    with pytest.raises(SensitiveDataError):
        journal.create_transaction(
            kiosk_id=KIOSK,
            kind="card_authorization",
            account_no="3300000001",
            state="new",
            detail={"pan": PAN},
        )
    with pytest.raises(SensitiveDataError):
        journal.enqueue(
            txn,
            "POST",
            "/v1/card-authorizations",
            {"auth_id": "A-12345678", "card": {"pan": PAN}},
            "A-12345678",
            "3300000001",
        )
    with pytest.raises(SensitiveDataError):
        journal.enqueue(txn, "POST", "/v1/payments", {"memo": PAN}, "K-12345678", "3300000001")
    with pytest.raises(SensitiveDataError):
        journal.add_attention(txn, f"customer card {PAN}")
    assert journal.get_transaction(txn) is not None
    assert journal.get_transaction(txn).state == "collecting"  # type: ignore[union-attr]
    assert len(journal.list_transactions()) == 1
    assert journal.outbox_depth() == 0
    assert journal.list_attention() == []
    for suffix in ("", "-wal"):
        stored = Path(f"{journal.path}{suffix}")
        assert not stored.exists() or PAN.encode() not in stored.read_bytes()
