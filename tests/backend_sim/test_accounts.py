"""Read endpoints against the normative seed table."""

from __future__ import annotations

import pytest

from tests.backend_sim.conftest import Api, error_code

SEED = [
    ("3300000001", "residential", "postpaid", "arrears"),
    ("3300000002", "residential", "postpaid", "active"),
    ("3300000003", "residential", "prepaid_card", "active"),
    ("3300000004", "residential", "prepaid_remote", "active"),
    ("3300000005", "business", "postpaid", "arrears"),
    ("3300000006", "residential", "postpaid", "closed"),
    ("3300000007", "residential", "postpaid", "disconnected"),
    ("1300000000008", "residential", "postpaid", "active"),
]


@pytest.mark.parametrize(("account_no", "category", "mode", "status"), SEED)
def test_seed_accounts(api: Api, account_no: str, category: str, mode: str, status: str) -> None:
    account = api.get(f"/v1/accounts/{account_no}").json()
    assert (account["category"], account["billing_mode"], account["status"]) == (
        category,
        mode,
        status,
    )
    due = max(0, account["arrears_fen"] + account["late_fee_fen"] - account["balance_fen"])
    assert account["amount_due_fen"] == due
    usage = api.get(f"/v1/accounts/{account_no}/usage?months=12").json()
    assert len(usage["months"]) == 12
    assert usage["months"][0]["period"] == "2026-10"


def test_balances_and_card(api: Api) -> None:
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 5000
    assert api.get("/v1/accounts/3300000002").json()["amount_due_fen"] == 0
    assert api.get("/v1/accounts/3300000004").json()["balance_fen"] == 1234
    card = api.get("/v1/accounts/3300000003").json()["card"]
    assert card == {"card_serial": "8600000000000003", "purchase_count": 7}


def test_unpaid_bills_of_3300000001(api: Api) -> None:
    bills = api.get("/v1/accounts/3300000001/bills?status=unpaid&limit=12").json()["bills"]
    assert [(b["bill_id"], b["amount_fen"], b["due_on"]) for b in bills] == [
        ("B-3300000001-2026-10", 23726, "2026-11-20"),
        ("B-3300000001-2026-09", 13988, "2026-10-20"),
    ]
    assert [line["amount_fen"] for line in bills[0]["lines"]] == [5380, 18346]
    assert sum(b["late_fee_fen"] for b in bills) == 659
    every = api.get("/v1/accounts/3300000001/bills?status=all&limit=12").json()["bills"]
    assert len(every) == 12
    assert api.get("/v1/accounts/3300000001/bills?limit=3").json()["bills"][2]["status"] == "paid"


def test_time_of_use_business_bill(api: Api) -> None:
    bill = api.get("/v1/accounts/3300000005/bills?status=unpaid").json()["bills"][0]
    assert (bill["amount_fen"], bill["due_on"]) == (1234567, "2026-12-15")
    assert [line["kind"] for line in bill["lines"]] == ["peak", "valley"]
    assert sum(line["amount_fen"] for line in bill["lines"]) == 1234567


def test_other_seed_bills(api: Api) -> None:
    b13 = api.get("/v1/accounts/1300000000008/bills?status=unpaid").json()["bills"]
    assert [(b["amount_fen"], b["due_on"], b["usage_kwh"]) for b in b13] == [
        (8070, "2026-12-20", "150.00")
    ]
    b07 = api.get("/v1/accounts/3300000007/bills?status=unpaid").json()["bills"]
    assert [(b["period"], b["amount_fen"], b["due_on"]) for b in b07] == [
        ("2026-09", 16000, "2026-10-20"),
        ("2026-08", 15000, "2026-09-20"),
    ]


def test_alerts(api: Api) -> None:
    alerts = api.get("/v1/accounts/3300000004/usage").json()["alerts"]
    assert [a["kind"] for a in alerts] == ["low_balance"]
    assert alerts[0]["message_zh"]
    assert alerts[0]["message_en"]
    api.pay_cash("T-alert-000001", "3300000004", 10000)
    assert api.get("/v1/accounts/3300000004/usage").json()["alerts"] == []
    assert api.get("/v1/accounts/3300000001/usage?months=3").json()["alerts"] == []
    assert len(api.get("/v1/accounts/3300000001/usage?months=3").json()["months"]) == 3


def test_bad_query_and_account(api: Api) -> None:
    assert error_code(api.get("/v1/accounts/3300000001/bills?status=maybe")) == "VALIDATION"
    assert error_code(api.get("/v1/accounts/3300000001/bills?limit=0")) == "VALIDATION"
    assert error_code(api.get("/v1/accounts/33-x")) == "VALIDATION"
    assert error_code(api.get("/v1/accounts/12345678901234")) == "VALIDATION"
