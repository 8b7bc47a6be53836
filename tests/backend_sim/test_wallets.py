"""Mobile charges (every test payment code) and QR orders; time follows the ManualClock."""

from __future__ import annotations

import httpx
import pytest

from kiosk.clock import ManualClock, rfc3339
from tests.backend_sim.conftest import Api, error_code


def _charge(api: Api, charge_id: str, code: str, amount: int = 30000) -> httpx.Response:
    body = {
        "charge_id": charge_id,
        "account_no": "3300000002",
        "amount_fen": amount,
        "auth_code": code,
        "description": "电费 3300000002",
    }
    return api.post("/v1/mobile-charges", body, key=charge_id)


def _status(api: Api, charge_id: str) -> str:
    return str(api.get(f"/v1/mobile-charges/{charge_id}").json()["status"])


@pytest.mark.parametrize(
    ("code", "wallet"),
    [
        ("134567890123451234", "wechat"),
        ("2812345678901234", "alipay"),
        ("301234567890123456789999", "alipay"),
        ("6212345678901234567", "unionpay"),
    ],
)
def test_wallet_detection_and_immediate_success(api: Api, code: str, wallet: str) -> None:
    response = _charge(api, "C-wal-000001", code)
    assert response.status_code == 201
    body = response.json()
    assert (body["wallet"], body["status"], body["fail_reason"]) == (wallet, "SUCCESS", None)
    assert body["wallet_txn_id"]


@pytest.mark.parametrize("code", ["164567890123451234", "2412345678901234", "62123", "abc"])
def test_invalid_auth_code(api: Api, code: str) -> None:
    response = _charge(api, "C-bad-000001", code)
    assert (response.status_code, error_code(response)) == (422, "INVALID_AUTH_CODE")


def test_0001_fails_and_reverse_closes(api: Api) -> None:
    body = _charge(api, "C-0001-000001", "134567890123450001").json()
    assert (body["status"], body["wallet_txn_id"]) == ("FAILED", None)
    assert "insufficient" in body["fail_reason"]
    reverse = api.post("/v1/mobile-charges/C-0001-000001/reverse", {}, key="C-0001-000001-rev")
    assert reverse.json() == {"charge_id": "C-0001-000001", "status": "CLOSED", "recall": False}


def test_0002_userpaying_for_20_s_then_success(api: Api, clock: ManualClock) -> None:
    assert _charge(api, "C-0002-000001", "134567890123450002").json()["status"] == "USERPAYING"
    clock.advance(19.5)
    assert _status(api, "C-0002-000001") == "USERPAYING"
    clock.advance(0.5)
    assert _status(api, "C-0002-000001") == "SUCCESS"


def test_0003_never_paid_must_be_reversed(api: Api, clock: ManualClock) -> None:
    assert _charge(api, "C-0003-000001", "134567890123450003").json()["status"] == "USERPAYING"
    clock.advance(45)
    assert _status(api, "C-0003-000001") == "USERPAYING"
    reverse = api.post("/v1/mobile-charges/C-0003-000001/reverse", {}, key="C-0003-000001-rev")
    assert reverse.status_code == 200
    assert reverse.json()["status"] == "CLOSED"
    clock.advance(100)
    assert _status(api, "C-0003-000001") == "CLOSED"


def test_0004_answers_500_although_it_succeeded(api: Api) -> None:
    first = _charge(api, "C-0004-000001", "134567890123450004")
    assert first.status_code == 500
    assert first.json()["error"] == {
        "code": "SYSTEMERROR",
        "message": "wallet system error",
        "retryable": True,
    }
    assert _status(api, "C-0004-000001") == "SUCCESS"
    retry = _charge(api, "C-0004-000001", "134567890123450004")
    assert (retry.status_code, retry.json()["status"]) == (201, "SUCCESS")


def test_large_amount_userpaying_for_10_s(api: Api, clock: ManualClock) -> None:
    assert _charge(api, "C-big-000001", "134567890123455678", 100001).json()["status"] == (
        "USERPAYING"
    )
    assert _charge(api, "C-big-000002", "134567890123455678", 100000).json()["status"] == (
        "SUCCESS"
    )
    clock.advance(9)
    assert _status(api, "C-big-000001") == "USERPAYING"
    clock.advance(1)
    assert _status(api, "C-big-000001") == "SUCCESS"


def test_paid_between_last_query_and_reverse_is_refunded(api: Api, clock: ManualClock) -> None:
    _charge(api, "C-race-000001", "134567890123450002")
    clock.advance(19)
    assert _status(api, "C-race-000001") == "USERPAYING"
    clock.advance(2)  # the resident types the password now
    reverse = api.post("/v1/mobile-charges/C-race-000001/reverse", {}, key="C-race-000001-rev")
    assert reverse.json() == {"charge_id": "C-race-000001", "status": "REVERSED", "recall": False}
    assert _status(api, "C-race-000001") == "REVERSED"


def test_charge_errors(api: Api) -> None:
    assert error_code(api.get("/v1/mobile-charges/C-none-000001")) == "NOT_FOUND"
    closed = {
        "charge_id": "C-err-000001",
        "account_no": "3300000006",
        "amount_fen": 100,
        "auth_code": "134567890123451234",
        "description": "x",
    }
    assert error_code(api.post("/v1/mobile-charges", closed, key="C-err-000001")) == (
        "ACCOUNT_CLOSED"
    )


def _order(api: Api, order_id: str, expires: int = 300) -> httpx.Response:
    body = {
        "order_id": order_id,
        "account_no": "3300000001",
        "amount_fen": 30000,
        "expires_in_s": expires,
    }
    return api.post("/v1/mobile-orders", body, key=order_id)


def test_order_paid_by_resident_then_close_says_success(api: Api, clock: ManualClock) -> None:
    created = _order(api, "O-pay-000001")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "NOTPAY"
    assert body["code_url"] == "https://qr.utility.example/o/O-pay-000001"
    assert body["expires_at"] == rfc3339(clock.now().replace(minute=5))
    paid = api.sim("POST", "/v1/sim/mobile-orders/O-pay-000001/pay", {"wallet": "alipay"})
    assert paid.json()["status"] == "SUCCESS"
    state = api.get("/v1/mobile-orders/O-pay-000001").json()
    assert (state["status"], state["wallet"]) == ("SUCCESS", "alipay")
    assert state["paid_at"] == rfc3339(clock.now())
    close = api.post("/v1/mobile-orders/O-pay-000001/close", {}, key="O-pay-000001-close")
    assert (close.status_code, close.json()["status"]) == (200, "SUCCESS")
    payment = {
        "transaction_id": "T-order-000001",
        "account_no": "3300000001",
        "amount_fen": 30000,
        "method": "alipay",
        "method_ref": "O-pay-000001",
        "occurred_at": rfc3339(clock.now()),
        "cash_notes": None,
    }
    assert api.post("/v1/payments", payment, key="T-order-000001").json()["status"] == "posted"


def test_order_close_and_expiry(api: Api, clock: ManualClock) -> None:
    _order(api, "O-close-000001")
    close = api.post("/v1/mobile-orders/O-close-000001/close", {}, key="O-close-000001-c")
    assert close.json()["status"] == "CLOSED"
    late = api.sim("POST", "/v1/sim/mobile-orders/O-close-000001/pay", {"wallet": "wechat"})
    assert late.status_code == 409
    _order(api, "O-exp-000001", expires=60)
    clock.advance(60)
    assert api.get("/v1/mobile-orders/O-exp-000001").json()["status"] == "CLOSED"


@pytest.mark.parametrize("expires", [59, 901])
def test_order_expiry_bounds(api: Api, expires: int) -> None:
    response = _order(api, "O-bound-000001", expires)
    assert (response.status_code, error_code(response)) == (400, "VALIDATION")
    assert "expires_in_s" in response.json()["error"]["fields"]
