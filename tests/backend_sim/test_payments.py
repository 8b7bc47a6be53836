"""POST /v1/payments: allocation, suspense, confirmation of non-cash, status changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from backend_sim.server import SimulatorServer
from kiosk.clock import ManualClock, rfc3339
from tests.backend_sim.conftest import Api, error_code

WECHAT_OK = "134567890123451234"


def _pay(api: Api, txn: str, account: str, amount: int, method: str, ref: str | None):  # type: ignore[no-untyped-def]
    body = {
        "transaction_id": txn,
        "account_no": account,
        "amount_fen": amount,
        "method": method,
        "method_ref": ref,
        "occurred_at": rfc3339(api.clock.now()),
        "cash_notes": None,
    }
    return api.post("/v1/payments", body, key=txn)


def test_allocation_for_3300000001_on_2026_11_26(api: Api) -> None:
    account = api.get("/v1/accounts/3300000001").json()
    assert (account["arrears_fen"], account["late_fee_fen"]) == (37714, 659)
    assert account["amount_due_fen"] == 38373
    result = api.pay_cash("T-alloc-000001", "3300000001", 40000).json()
    assert result["status"] == "posted"
    assert result["late_fee_paid_fen"] == 659
    assert result["applied"] == [
        {"bill_id": "B-3300000001-2026-09", "amount_fen": 13988},
        {"bill_id": "B-3300000001-2026-10", "amount_fen": 23726},
    ]
    assert (result["to_balance_fen"], result["new_balance_fen"]) == (1627, 1627)
    assert result["new_amount_due_fen"] == 0
    after = api.get("/v1/accounts/3300000001").json()
    assert (after["status"], after["balance_fen"], after["amount_due_fen"]) == ("active", 1627, 0)
    bills = api.get("/v1/accounts/3300000001/bills?status=unpaid").json()["bills"]
    assert bills == []


def test_allocation_with_an_injected_earlier_date(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2026, 10, 25, 3, 0, tzinfo=UTC))
    with SimulatorServer(state_path=tmp_path / "s.db", clock=clock) as server:
        api = Api(server.url, clock)
        account = api.get("/v1/accounts/3300000001").json()
        assert account["late_fee_fen"] == 100  # 13988 x 5 / 1000 = 69, minimum 100
        result = api.pay_cash("T-alloc-000002", "3300000001", 10000).json()
        bills = api.get("/v1/accounts/3300000001/bills?status=unpaid&limit=1").json()["bills"]
        api.close()
    assert result["late_fee_paid_fen"] == 100
    assert result["applied"] == [{"bill_id": "B-3300000001-2026-09", "amount_fen": 9900}]
    assert result["new_amount_due_fen"] == 37714 - 9900
    assert [(b["period"], b["status"]) for b in bills] == [("2026-10", "unpaid")]


def test_partial_payment_marks_bill_partially_paid(api: Api) -> None:
    api.pay_cash("T-part-000001", "1300000000008", 3000)
    bill = api.get("/v1/accounts/1300000000008/bills?status=unpaid").json()["bills"][0]
    assert (bill["paid_fen"], bill["status"], bill["late_fee_fen"]) == (3000, "partially_paid", 0)


def test_cash_to_unknown_or_closed_account_is_suspense(api: Api) -> None:
    unknown = api.pay_cash("T-susp-000001", "3399999999", 5000)
    closed = api.pay_cash("T-susp-000002", "3300000006", 5000)
    for response in (unknown, closed):
        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["applied"], body["to_balance_fen"]) == ("suspense", [], 0)
    ledger = api.sim("GET", "/v1/sim/ledger").json()["payments"]
    assert {p["transaction_id"] for p in ledger if p["status"] == "suspense"} == {
        "T-susp-000001",
        "T-susp-000002",
    }


def test_non_cash_to_closed_or_unknown_account_is_refused(api: Api) -> None:
    closed = _pay(api, "T-nc-000001", "3300000006", 5000, "wechat", "C-none-0001")
    assert (closed.status_code, error_code(closed)) == (422, "ACCOUNT_CLOSED")
    unknown = _pay(api, "T-nc-000002", "3399999999", 5000, "wechat", "C-none-0001")
    assert (unknown.status_code, error_code(unknown)) == (404, "ACCOUNT_NOT_FOUND")


def test_non_cash_needs_a_confirmed_charge_of_same_amount(api: Api) -> None:
    missing = _pay(api, "T-nc-000003", "3300000002", 5000, "wechat", "C-none-0002")
    assert (missing.status_code, error_code(missing)) == (422, "PAYMENT_NOT_CONFIRMED")
    charge = {
        "charge_id": "C-nc-000001",
        "account_no": "3300000002",
        "amount_fen": 5000,
        "auth_code": WECHAT_OK,
        "description": "电费 3300000002",
    }
    assert api.post("/v1/mobile-charges", charge, key="C-nc-000001").json()["status"] == "SUCCESS"
    wrong = _pay(api, "T-nc-000004", "3300000002", 4000, "wechat", "C-nc-000001")
    assert error_code(wrong) == "PAYMENT_NOT_CONFIRMED"
    ok = _pay(api, "T-nc-000005", "3300000002", 5000, "wechat", "C-nc-000001")
    assert ok.status_code == 201
    assert ok.json()["new_balance_fen"] == 10000
    twice = _pay(api, "T-nc-000006", "3300000002", 5000, "wechat", "C-nc-000001")
    assert error_code(twice) == "PAYMENT_NOT_CONFIRMED"
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 10000


def test_non_cash_amount_out_of_range(api: Api) -> None:
    response = _pay(api, "T-nc-000007", "3300000002", 50, "bank_card", "A-none-0001")
    assert (response.status_code, error_code(response)) == (422, "AMOUNT_OUT_OF_RANGE")


def test_paying_all_due_reconnects_a_disconnected_account(api: Api) -> None:
    account = api.get("/v1/accounts/3300000007").json()
    assert account["status"] == "disconnected"
    assert account["late_fee_fen"] == 15000 * 67 // 1000 + 16000 * 37 // 1000
    partial = api.pay_cash("T-disc-000001", "3300000007", 10000).json()
    assert partial["new_amount_due_fen"] > 0
    assert api.get("/v1/accounts/3300000007").json()["status"] == "disconnected"
    rest = api.pay_cash("T-disc-000002", "3300000007", partial["new_amount_due_fen"]).json()
    assert rest["new_amount_due_fen"] == 0
    assert api.get("/v1/accounts/3300000007").json()["status"] == "active"


def test_payment_list_shows_every_channel(api: Api) -> None:
    api.pay_cash("T-list-000001", "3300000001", 1000)
    payments = api.get("/v1/accounts/3300000001/payments?limit=20").json()["payments"]
    assert (
        payments[0]["payment_id"]
        == api.sim("GET", "/v1/sim/ledger").json()["payments"][-1]["payment_id"]
    )
    assert payments[0]["channel"] == "kiosk"
    assert {"app", "bank", "counter", "autopay"} <= {p["channel"] for p in payments}
    assert len(api.get("/v1/accounts/3300000001/payments?limit=3").json()["payments"]) == 3


def test_cash_notes_must_add_up(api: Api) -> None:
    body = {
        "transaction_id": "T-notes-000001",
        "account_no": "3300000002",
        "amount_fen": 10000,
        "method": "cash",
        "method_ref": None,
        "occurred_at": "2026-11-26T08:00:00Z",
        "cash_notes": {"5000": 1},
    }
    response = api.post("/v1/payments", body, key="T-notes-000001")
    assert (response.status_code, error_code(response)) == (400, "VALIDATION")
    assert "cash_notes" in response.json()["error"]["fields"]
