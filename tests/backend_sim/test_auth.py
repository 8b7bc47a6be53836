"""Signature, clock skew, nonce replay and kiosk checks, over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend_sim.server import SimulatorServer
from kiosk.clock import ManualClock, rfc3339
from tests.backend_sim.conftest import Api, error_code

ACCOUNT = "/v1/accounts/3300000001"


def test_signed_request_is_accepted(api: Api) -> None:
    response = api.get(ACCOUNT)
    assert response.status_code == 200
    assert response.json()["account_no"] == "3300000001"


def test_contract_worked_example_signature_is_accepted(tmp_path: object) -> None:
    clock = ManualClock(datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
    with SimulatorServer(clock=clock) as server:
        api = Api(server.url, clock)
        headers = {
            "X-Kiosk-Id": "K-330106-0001",
            "X-Timestamp": "2026-11-26T08:30:00Z",
            "X-Nonce": "n-0123456789abcdef",
            "X-Signature": "041f7d923b40033646e6cca476d5846bb9ae850cfdfaf65347dfb6a370841bd7",
        }
        response = api.http.get(
            "/v1/accounts/3300000001/bills?status=unpaid&limit=12", headers=headers
        )
        api.close()
    assert response.status_code == 200
    assert [b["period"] for b in response.json()["bills"]] == ["2026-10", "2026-09"]


def test_unknown_kiosk(server: SimulatorServer, clock: ManualClock) -> None:
    api = Api(server.url, clock, kiosk_id="K-999999-0001")
    response = api.get(ACCOUNT)
    api.close()
    assert response.status_code == 401
    assert error_code(response) == "UNKNOWN_KIOSK"
    assert response.json()["error"]["retryable"] is False


def test_wrong_secret_is_bad_signature(server: SimulatorServer, clock: ManualClock) -> None:
    api = Api(server.url, clock, secret="not-the-secret")
    response = api.get(ACCOUNT)
    api.close()
    assert (response.status_code, error_code(response)) == (401, "BAD_SIGNATURE")


def test_tampered_body_and_query_are_bad_signature(api: Api) -> None:
    body = b'{"transaction_id":"T-1"}'
    headers = api.headers("POST", "/v1/payments", body)
    headers["Idempotency-Key"] = "T-tamper-0001"
    response = api.http.post("/v1/payments", content=b'{"transaction_id":"T-2"}', headers=headers)
    assert error_code(response) == "BAD_SIGNATURE"
    headers = api.headers("GET", "/v1/accounts/3300000001/bills?limit=1", b"")
    response = api.http.get("/v1/accounts/3300000001/bills?limit=2", headers=headers)
    assert (response.status_code, error_code(response)) == (401, "BAD_SIGNATURE")


def test_malformed_nonce_is_refused(api: Api) -> None:
    response = api.get(ACCOUNT, nonce="short")
    assert (response.status_code, error_code(response)) == (401, "BAD_SIGNATURE")


def test_clock_skew_window(api: Api, clock: ManualClock) -> None:
    late = rfc3339(clock.now() - timedelta(seconds=301))
    early = rfc3339(clock.now() + timedelta(seconds=301))
    assert error_code(api.get(ACCOUNT, timestamp=late)) == "CLOCK_SKEW"
    assert error_code(api.get(ACCOUNT, timestamp=early)) == "CLOCK_SKEW"
    assert (
        api.get(ACCOUNT, timestamp=rfc3339(clock.now() - timedelta(seconds=299))).status_code == 200
    )
    assert error_code(api.get(ACCOUNT, timestamp="yesterday")) == "CLOCK_SKEW"


def test_nonce_replay_within_600_s(api: Api, clock: ManualClock) -> None:
    nonce = "n-replay-0123456789"
    assert api.get(ACCOUNT, nonce=nonce).status_code == 200
    replay = api.get(ACCOUNT, nonce=nonce)
    assert (replay.status_code, error_code(replay)) == (401, "REPLAYED")
    clock.advance(599)
    assert error_code(api.get(ACCOUNT, nonce=nonce)) == "REPLAYED"
    clock.advance(2)
    assert api.get(ACCOUNT, nonce=nonce).status_code == 200


def test_configured_second_kiosk_and_disabling(server: SimulatorServer, clock: ManualClock) -> None:
    api = Api(server.url, clock, kiosk_id="K-330106-0002", secret="second-secret")
    assert api.get(ACCOUNT).status_code == 200
    assert (
        api.sim("POST", "/v1/sim/kiosks/K-330106-0002/disabled", {"disabled": True}).status_code
        == 200
    )
    response = api.get(ACCOUNT)
    assert (response.status_code, error_code(response)) == (403, "KIOSK_DISABLED")
    api.sim("POST", "/v1/sim/kiosks/K-330106-0002/disabled", {"disabled": False})
    assert api.get(ACCOUNT).status_code == 200
    api.close()


def test_sim_endpoints_need_no_signature(api: Api) -> None:
    response = api.sim("GET", "/v1/sim/ledger")
    assert response.status_code == 200
    assert "payments" in response.json()
