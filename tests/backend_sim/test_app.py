"""Idempotency, routing and error bodies of the simulator core, over real HTTP."""

from __future__ import annotations

from backend_sim.server import SimulatorServer
from kiosk.clock import ManualClock
from tests.backend_sim.conftest import Api, error_code


def _cash(txn: str, amount: int = 10000) -> dict[str, object]:
    return {
        "transaction_id": txn,
        "account_no": "3300000002",
        "amount_fen": amount,
        "method": "cash",
        "method_ref": None,
        "occurred_at": "2026-11-26T08:00:00Z",
        "cash_notes": {"10000": amount // 10000} if amount % 10000 == 0 else None,
    }


def _payments(api: Api) -> list[dict[str, object]]:
    return list(api.sim("GET", "/v1/sim/ledger").json()["payments"])


def test_same_key_same_body_replays_first_answer(api: Api) -> None:
    first = api.post("/v1/payments", _cash("T-idem-000001"), key="T-idem-000001")
    again = api.post("/v1/payments", _cash("T-idem-000001"), key="T-idem-000001")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    mine = [p for p in _payments(api) if p["transaction_id"] == "T-idem-000001"]
    assert len(mine) == 1
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 15000


def test_same_key_other_body_or_path_conflicts(api: Api) -> None:
    assert api.post("/v1/payments", _cash("T-idem-000002"), key="T-idem-000002").status_code == 201
    other = api.post("/v1/payments", _cash("T-idem-000002", 20000), key="T-idem-000002")
    assert (other.status_code, error_code(other)) == (409, "IDEMPOTENCY_CONFLICT")
    reused = api.post("/v1/mobile-charges/T-idem-000002/reverse", {}, key="T-idem-000002")
    assert (reused.status_code, error_code(reused)) == (409, "IDEMPOTENCY_CONFLICT")
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 15000


def test_keys_are_per_kiosk(api: Api, server: SimulatorServer, clock: ManualClock) -> None:
    assert api.post("/v1/payments", _cash("T-idem-000003"), key="shared-key-01").status_code == 201
    other = Api(server.url, clock, kiosk_id="K-330106-0002", secret="second-secret")
    response = other.post("/v1/payments", _cash("T-idem-000004"), key="shared-key-01")
    other.close()
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers


def test_missing_or_malformed_key_is_validation(api: Api) -> None:
    response = api.request("POST", "/v1/payments", _cash("T-idem-000005"))
    assert (response.status_code, error_code(response)) == (400, "VALIDATION")
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    bad = api.post("/v1/payments", _cash("T-idem-000005"), key="short")
    assert error_code(bad) == "VALIDATION"


def test_malformed_json_changes_nothing(api: Api) -> None:
    before = _payments(api)
    response = api.request("POST", "/v1/payments", raw=b"{not json", key="T-idem-000006")
    assert (response.status_code, error_code(response)) == (400, "VALIDATION")
    assert response.json()["error"]["retryable"] is False
    assert _payments(api) == before


def test_field_errors_are_listed(api: Api) -> None:
    body = _cash("T-idem-000007")
    body.update(amount_fen=1.5, account_no="33", method="gold")
    response = api.post("/v1/payments", body, key="T-idem-000007")
    fields = response.json()["error"]["fields"]
    assert set(fields) >= {"amount_fen", "account_no", "method"}


def test_unknown_resource_and_method(api: Api) -> None:
    assert error_code(api.get("/v1/nothing-here")) == "NOT_FOUND"
    assert api.request("PUT", "/v1/payments", {}, key="T-idem-000008").status_code == 405


def test_unknown_account_is_404(api: Api) -> None:
    response = api.get("/v1/accounts/3399999999")
    assert (response.status_code, error_code(response)) == (404, "ACCOUNT_NOT_FOUND")
