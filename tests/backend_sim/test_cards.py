"""Bank card authorizations and prepaid IC card purchases."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from backend_sim.cards import card_key, purchase_bytes
from tests.backend_sim.conftest import SLOW_CARD_DELAY_S, Api, error_code

MASTER = b"utility-test-master-key-0001"
SERIAL = "8600000000000003"


@pytest.mark.parametrize(
    ("serial", "amount", "count", "expected"),
    [
        (SERIAL, 10000, 8, "0000271000000008ca3335e0"),  # card-format.md test vector
        (SERIAL, 5000, 7, None),
    ],
)
def test_purchase_bytes(serial: str, amount: int, count: int, expected: str | None) -> None:
    data = purchase_bytes(MASTER, serial, amount, count)
    assert len(data) == 12
    assert data[:8] == amount.to_bytes(4, "big") + count.to_bytes(4, "big")
    if expected is not None:
        assert data.hex() == expected


def test_card_key_matches_card_format() -> None:
    assert card_key(MASTER, SERIAL).hex() == (
        "15bfeb5fe4b2827240fdc561903a58a63b89d85d7856fea9674f58dda38916f7"
    )


def _auth_body(auth_id: str, pan: str, amount: int = 30000) -> dict[str, object]:
    return {
        "auth_id": auth_id,
        "account_no": "3300000001",
        "amount_fen": amount,
        "card": {"pan": pan, "expiry": "2812", "pan_sequence": "01", "aid": "A000000333010101"},
        "pin_block": "0123456789ABCDEF",
    }


def test_approved_card_is_masked_and_reversible(api: Api) -> None:
    response = api.post(
        "/v1/card-authorizations",
        _auth_body("A-ok-000001", "6212345678901234569"),
        key="A-ok-000001",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "APPROVED"
    assert body["masked_pan"] == "621234*********4569"
    assert len(body["approval_code"]) == 6
    ledger = api.sim("GET", "/v1/sim/ledger").text
    assert "6212345678901234569" not in ledger
    reverse = api.post("/v1/card-authorizations/A-ok-000001/reverse", {}, key="A-ok-000001-rev")
    assert reverse.json() == {"auth_id": "A-ok-000001", "status": "REVERSED"}


def test_declined_card(api: Api) -> None:
    body = api.post(
        "/v1/card-authorizations",
        _auth_body("A-dec-000001", "6212345678901260002"),
        key="A-dec-000001",
    ).json()
    assert (body["status"], body["approval_code"]) == ("DECLINED", None)
    assert "insufficient" in body["decline_reason"]


def test_luhn_failure_is_validation(api: Api) -> None:
    response = api.post(
        "/v1/card-authorizations",
        _auth_body("A-luhn-000001", "6212345678901234568"),
        key="A-luhn-000001",
    )
    assert (response.status_code, error_code(response)) == (400, "VALIDATION")
    assert response.json()["error"]["fields"] == {"card.pan": "fails the Luhn check"}


def test_slow_card_answers_late_and_retry_learns_outcome(api: Api) -> None:
    body = _auth_body("A-slow-000001", "6212345678901250003")
    data = json.dumps(body).encode()
    headers = api.headers("POST", "/v1/card-authorizations", data)
    headers["Idempotency-Key"] = "A-slow-000001"
    with pytest.raises(httpx.ReadTimeout):  # the answer comes after the client gave up
        api.http.post(
            "/v1/card-authorizations",
            content=data,
            headers=headers,
            timeout=SLOW_CARD_DELAY_S / 3,
        )
    retry = api.post("/v1/card-authorizations", body, key="A-slow-000001")
    assert retry.json()["status"] == "APPROVED"
    started = time.monotonic()
    again = api.post(
        "/v1/card-authorizations",
        _auth_body("A-slow-000002", "6212345678901250003"),
        key="A-slow-000002",
    )
    assert time.monotonic() - started >= SLOW_CARD_DELAY_S
    assert again.json()["status"] == "APPROVED"


def test_bank_card_payment_needs_an_approved_authorization(api: Api) -> None:
    api.post(
        "/v1/card-authorizations",
        _auth_body("A-pay-000001", "6212345678901234569"),
        key="A-pay-000001",
    )
    api.post(
        "/v1/card-authorizations",
        _auth_body("A-pay-000002", "6212345678901260002"),
        key="A-pay-000002",
    )

    def pay(txn: str, ref: str) -> httpx.Response:
        body = {
            "transaction_id": txn,
            "account_no": "3300000001",
            "amount_fen": 30000,
            "method": "bank_card",
            "method_ref": ref,
            "occurred_at": "2026-11-26T08:00:00Z",
            "cash_notes": None,
        }
        return api.post("/v1/payments", body, key=txn)

    assert error_code(pay("T-card-pay-0001", "A-pay-000002")) == "PAYMENT_NOT_CONFIRMED"
    posted = pay("T-card-pay-0002", "A-pay-000001")
    assert (posted.status_code, posted.json()["status"]) == (201, "posted")


def _purchase(
    api: Api, purchase_id: str, count: int, payment_id: str, amount: int = 10000
) -> httpx.Response:
    body = {
        "purchase_id": purchase_id,
        "account_no": "3300000003",
        "card_serial": SERIAL,
        "card_purchase_count": count,
        "amount_fen": amount,
        "payment_id": payment_id,
    }
    return api.post("/v1/card-purchases", body, key=purchase_id)


def test_card_purchase_flow(api: Api) -> None:
    payment = api.pay_cash("T-card-000001", "3300000003", 10000).json()
    assert payment["to_balance_fen"] == 10000
    created = _purchase(api, "U-card-000001", 7, payment["payment_id"])
    assert created.status_code == 201
    assert created.json() == {
        "purchase_id": "U-card-000001",
        "status": "pending_write",
        "new_purchase_count": 8,
        "credit_fen": 10000,
        "write_data_hex": "0000271000000008ca3335e0",
    }
    account = api.get("/v1/accounts/3300000003").json()
    assert account["card"] == {"card_serial": SERIAL, "purchase_count": 8}
    pending = api.get("/v1/accounts/3300000003/card-purchases?status=pending_write").json()
    assert [p["purchase_id"] for p in pending["purchases"]] == ["U-card-000001"]
    wrong = api.post(
        "/v1/card-purchases/U-card-000001/confirm",
        {"card_purchase_count_after": 7},
        key="U-card-000001-c1",
    )
    assert (wrong.status_code, error_code(wrong)) == (409, "CARD_STATE_MISMATCH")
    ok = api.post(
        "/v1/card-purchases/U-card-000001/confirm",
        {"card_purchase_count_after": 8},
        key="U-card-000001-c2",
    )
    assert ok.json() == {"purchase_id": "U-card-000001", "status": "written"}
    assert api.get("/v1/accounts/3300000003/card-purchases?status=pending_write").json() == {
        "purchases": []
    }


def test_card_purchase_refusals(api: Api) -> None:
    payment = api.pay_cash("T-card-000002", "3300000003", 10000).json()
    stale = _purchase(api, "U-card-000002", 6, payment["payment_id"])
    assert (stale.status_code, error_code(stale)) == (409, "CARD_STATE_MISMATCH")
    unpaid = _purchase(api, "U-card-000003", 7, "P-99999999")
    assert (unpaid.status_code, error_code(unpaid)) == (422, "PAYMENT_NOT_CONFIRMED")
    other_amount = _purchase(api, "U-card-000004", 7, payment["payment_id"], amount=9000)
    assert error_code(other_amount) == "PAYMENT_NOT_CONFIRMED"
    assert _purchase(api, "U-card-000005", 7, payment["payment_id"]).status_code == 201
    reused = _purchase(api, "U-card-000006", 8, payment["payment_id"])
    assert error_code(reused) == "PAYMENT_NOT_CONFIRMED"
