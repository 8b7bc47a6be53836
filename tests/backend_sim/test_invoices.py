"""E-invoices (GB 32100 tax id check, double invoicing) and auto-debit mandates."""

from __future__ import annotations

import pytest

from backend_sim.invoices import uscc_valid
from tests.backend_sim.conftest import Api, error_code


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91350100M000100Y43", True),
        ("91350100M000100Y44", False),  # wrong check character
        ("91350100M000100Y4", False),  # 17 characters
        ("91350100M000100YI3", False),  # I is not in the alphabet
        ("913501OOM000100Y43", False),
    ],
)
def test_uscc_check(code: str, valid: bool) -> None:
    assert uscc_valid(code) is valid


def _invoice(api: Api, request_id: str, payment_ids: list[str], tax_id: str | None):  # type: ignore[no-untyped-def]
    body = {
        "request_id": request_id,
        "payment_ids": payment_ids,
        "buyer": {
            "kind": "company" if tax_id else "personal",
            "name": "杭州某某科技有限公司" if tax_id else "张三明",
            "tax_id": tax_id,
            "email": "a@example.com",
            "phone": None,
        },
    }
    return api.post("/v1/invoices", body, key=request_id)


def test_invoice_issued_once(api: Api) -> None:
    first = api.pay_cash("T-inv-000001", "3300000002", 10000).json()["payment_id"]
    second = api.pay_cash("T-inv-000002", "3300000002", 20000).json()["payment_id"]
    issued = _invoice(api, "I-inv-000001", [first, second], "91350100M000100Y43")
    assert issued.status_code == 201
    body = issued.json()
    assert (body["status"], body["amount_fen"]) == ("issued", 30000)
    assert body["download_url"].endswith(body["invoice_no"])
    again = _invoice(api, "I-inv-000002", [second], None)
    assert (again.status_code, error_code(again)) == (409, "ALREADY_INVOICED")
    assert again.json()["error"]["invoice_no"] == body["invoice_no"]
    assert again.json()["invoice_no"] == body["invoice_no"]


def test_invoice_refusals(api: Api) -> None:
    payment = api.pay_cash("T-inv-000003", "3300000002", 10000).json()["payment_id"]
    bad_tax = _invoice(api, "I-inv-000003", [payment], "91350100M000100Y44")
    assert (bad_tax.status_code, error_code(bad_tax)) == (422, "INVALID_TAX_ID")
    unknown = _invoice(api, "I-inv-000004", ["P-77777777"], None)
    assert (unknown.status_code, error_code(unknown)) == (404, "NOT_FOUND")
    empty = _invoice(api, "I-inv-000005", [], None)
    assert error_code(empty) == "VALIDATION"
    assert _invoice(api, "I-inv-000006", [payment], None).status_code == 201


def test_mandate_create_and_cancel(api: Api) -> None:
    body = {
        "mandate_id": "M-man-000001",
        "account_no": "3300000001",
        "bank_card": {"pan": "6212345678901234569", "expiry": "2812"},
        "holder_name": "张三明",
        "day_of_month": 10,
        "limit_fen": 50000,
    }
    created = api.post("/v1/autopay-mandates", body, key="M-man-000001")
    assert created.status_code == 201
    assert created.json() == {
        "mandate_id": "M-man-000001",
        "status": "active",
        "bank_masked": "621234*********4569",
    }
    autopay = api.get("/v1/accounts/3300000001").json()["autopay"]
    assert autopay == {"enrolled": True, "bank_masked": "621234*********4569", "day_of_month": 10}
    cancel = api.request("DELETE", "/v1/autopay-mandates/M-man-000001", key="M-man-000001-del")
    assert (cancel.status_code, cancel.json()) == (200, {"status": "cancelled"})
    assert api.get("/v1/accounts/3300000001").json()["autopay"]["enrolled"] is False
    missing = api.request("DELETE", "/v1/autopay-mandates/M-none-000001", key="M-none-000001-d")
    assert error_code(missing) == "NOT_FOUND"
    body.update(
        mandate_id="M-man-000002", bank_card={"pan": "6212345678901234568", "expiry": "2812"}
    )
    luhn = api.post("/v1/autopay-mandates", body, key="M-man-000002")
    assert error_code(luhn) == "VALIDATION"
