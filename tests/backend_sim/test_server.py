"""HTTP behaviour: fault injection, keep-alive, persistence, reset, and the CLI."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from backend_sim.server import SimulatorServer
from kiosk.clock import ManualClock
from tests.backend_sim.conftest import START, Api, error_code

ROOT = Path(__file__).resolve().parents[2]


def _ledger_payments(api: Api, txn: str) -> list[dict[str, object]]:
    payments = api.sim("GET", "/v1/sim/ledger").json()["payments"]
    return [p for p in payments if p["transaction_id"] == txn]


def test_dropped_answer_after_commit_then_retry_replays(api: Api) -> None:
    faults = {
        "latency_ms": 0,
        "fail_before_commit_rate": 0.0,
        "drop_response_after_commit_rate": 1.0,
        "seed": 7,
    }
    assert api.sim("POST", "/v1/sim/faults", faults).status_code == 200
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.pay_cash("T-drop-000001", "3300000002", 10000)
    assert len(_ledger_payments(api, "T-drop-000001")) == 1  # committed although unanswered
    faults["drop_response_after_commit_rate"] = 0.0
    api.sim("POST", "/v1/sim/faults", faults)
    retry = api.pay_cash("T-drop-000001", "3300000002", 10000)
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["new_balance_fen"] == 15000
    assert len(_ledger_payments(api, "T-drop-000001")) == 1
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 15000


def test_fail_before_commit_is_503_and_changes_nothing(api: Api) -> None:
    api.sim("POST", "/v1/sim/faults", {"fail_before_commit_rate": 1.0, "seed": 1})
    response = api.pay_cash("T-fail-000001", "3300000002", 10000)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json()["error"]["retryable"] is True
    assert api.get("/v1/accounts/3300000001").status_code == 200  # reads are not failed
    api.sim("POST", "/v1/sim/faults", {"fail_before_commit_rate": 0.0})
    assert _ledger_payments(api, "T-fail-000001") == []
    assert api.pay_cash("T-fail-000001", "3300000002", 10000).status_code == 201


def test_partial_fault_rate_is_seeded(api: Api) -> None:
    outcomes = []
    for seed in (3, 3):
        api.sim("POST", "/v1/sim/faults", {"fail_before_commit_rate": 0.5, "seed": seed})
        outcomes.append(
            [
                api.pay_cash(f"T-rate-{seed}-{i:04d}", "3300000002", 100).status_code
                for i in range(12)
            ]
        )
    assert set(outcomes[0]) == {201, 503}
    assert [s == 503 for s in outcomes[0]] == [s == 503 for s in outcomes[1]]


def test_latency_delays_every_answer(api: Api) -> None:
    api.sim("POST", "/v1/sim/faults", {"latency_ms": 200})
    started = time.monotonic()
    assert api.get("/v1/accounts/3300000002").status_code == 200
    assert time.monotonic() - started >= 0.2
    api.sim("POST", "/v1/sim/faults", {"latency_ms": 0})
    assert api.sim("GET", "/v1/sim/faults").json()["latency_ms"] == 0


def test_bad_fault_config_is_validation(api: Api) -> None:
    response = api.sim("POST", "/v1/sim/faults", {"fail_before_commit_rate": 2})
    assert error_code(response) == "VALIDATION"


def test_keep_alive_serves_many_requests_on_one_connection(api: Api) -> None:
    ports = set()
    for _ in range(5):
        response = api.get("/v1/accounts/3300000002")
        assert response.http_version == "HTTP/1.1"
        assert response.headers.get("Connection", "keep-alive") != "close"
        ports.add(response.extensions["network_stream"].get_extra_info("client_addr")[1])
    assert len(ports) == 1


def test_concurrent_payments_are_all_counted(server: SimulatorServer, clock: ManualClock) -> None:
    def worker(index: int) -> list[int]:
        client = Api(server.url, clock)
        codes = [
            client.pay_cash(f"T-conc-{index}-{n:04d}", "3300000002", 100).status_code
            for n in range(25)
        ]
        client.close()
        return codes

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(worker, range(4)))
    assert all(code == 201 for codes in results for code in codes)
    api = Api(server.url, clock)
    assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 5000 + 100 * 100
    api.close()


def test_state_survives_restart(tmp_path: Path) -> None:
    clock = ManualClock()
    state = tmp_path / "state.sqlite3"
    with SimulatorServer(state_path=state, clock=clock) as first:
        api = Api(first.url, clock)
        assert api.pay_cash("T-restart-0001", "3300000002", 10000).status_code == 201
        api.close()
    with SimulatorServer(state_path=state, clock=clock) as second:
        api = Api(second.url, clock)
        assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 15000
        replay = api.pay_cash("T-restart-0001", "3300000002", 10000)
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert api.sim("POST", "/v1/sim/reset").status_code == 200
        assert api.get("/v1/accounts/3300000002").json()["balance_fen"] == 5000
        assert (
            api.sim("GET", "/v1/sim/ledger")
            .json()["payments"][0]["payment_id"]
            .startswith("P-SEED")
        )
        api.close()


def test_sim_clock_moves_the_server_date(api: Api) -> None:
    assert api.sim("GET", "/v1/sim/clock").json() == {
        "now": "2026-11-26T08:00:00Z",
        "business_date": "2026-11-26",
    }
    moved = api.sim("POST", "/v1/sim/clock", {"advance_s": 86400}).json()
    assert moved["business_date"] == "2026-11-27"
    assert error_code(api.get("/v1/accounts/3300000001")) == "CLOCK_SKEW"  # kiosk clock behind
    kiosk = Api(str(api.http.base_url), ManualClock(START + timedelta(days=1)))
    account = kiosk.get("/v1/accounts/3300000001").json()
    kiosk.close()
    assert account["late_fee_fen"] == 13988 * 38 // 1000 + 23726 * 7 // 1000


def test_cli_prints_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "backend_sim", "--port", "0", "--state", str(tmp_path / "cli.db")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("listening on http://127.0.0.1:")
        url = line.split()[-1]
        assert httpx.get(f"{url}/v1/sim/clock", timeout=5).status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
