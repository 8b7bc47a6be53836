"""Heartbeats with queued commands, cash collections and settlements."""

from __future__ import annotations

from kiosk.clock import ManualClock, rfc3339
from tests.backend_sim.conftest import KIOSK_ID, Api, error_code

BASE = f"/v1/kiosks/{KIOSK_ID}"


def _heartbeat(api: Api, key: str):  # type: ignore[no-untyped-def]
    body = {
        "sent_at": rfc3339(api.clock.now()),
        "software_version": "0.1.0",
        "mode": "in_service",
        "devices": {
            "cash_acceptor": {"state": "ok"},
            "printer": {"state": "ok", "paper": "low"},
            "card_reader": {"state": "ok"},
            "scanner": {"state": "absent"},
        },
        "outbox_depth": 0,
        "oldest_unsent_at": None,
        "cashbox": {"notes": 3, "total_fen": 30000},
    }
    return api.post(f"{BASE}/heartbeats", body, key=key)


def test_heartbeat_returns_time_and_queued_commands_once(api: Api, clock: ManualClock) -> None:
    first = _heartbeat(api, "HB-000000001")
    assert first.status_code == 200
    assert first.json() == {"server_time": rfc3339(clock.now()), "commands": []}
    queued = api.sim("POST", f"/v1/sim/kiosks/{KIOSK_ID}/commands", {"kind": "upload_logs"})
    command = queued.json()
    clock.advance(60)
    second = _heartbeat(api, "HB-000000002").json()
    assert second["commands"] == [{"command_id": command["command_id"], "kind": "upload_logs"}]
    assert _heartbeat(api, "HB-000000003").json()["commands"] == []


def test_heartbeat_for_another_kiosk_is_refused(api: Api) -> None:
    response = api.post("/v1/kiosks/K-330106-0002/heartbeats", {}, key="HB-000000004")
    assert error_code(response) == "VALIDATION"


def test_cash_collection_discrepancy(api: Api) -> None:
    body = {
        "collection_id": "CC-000000001",
        "opened_at": "2026-11-25T08:00:00Z",
        "closed_at": "2026-11-26T08:00:00Z",
        "staff_id": "S-007",
        "expected": {"10000": 12, "5000": 3},
        "counted": {"10000": 12, "5000": 2},
        "expected_total_fen": 135000,
        "counted_total_fen": 130000,
        "note": "",
    }
    response = api.post(f"{BASE}/cash-collections", body, key="CC-000000001")
    assert (response.status_code, response.json()) == (
        201,
        {"collection_id": "CC-000000001", "discrepancy_fen": -5000},
    )
    body.update(collection_id="CC-000000002", counted_total_fen=1)
    assert error_code(api.post(f"{BASE}/cash-collections", body, key="CC-000000002")) == (
        "VALIDATION"
    )


def _settle(api: Api, sid: str, totals: list[dict[str, object]], ids: list[str]):  # type: ignore[no-untyped-def]
    body = {
        "settlement_id": sid,
        "business_date": "2026-11-26",
        "totals": totals,
        "transaction_ids": ids,
    }
    return api.post(f"{BASE}/settlements", body, key=sid)


def test_settlement_matched_and_mismatch(api: Api) -> None:
    api.pay_cash("T-set-000001", "3300000002", 10000)
    api.pay_cash("T-set-000002", "3300000002", 20000)
    matched = _settle(
        api,
        "S-set-000001",
        [{"method": "cash", "count": 2, "amount_fen": 30000}],
        ["T-set-000001", "T-set-000002"],
    ).json()
    assert matched["status"] == "matched"
    assert matched["server_totals"] == [{"method": "cash", "count": 2, "amount_fen": 30000}]
    assert (matched["missing_on_server"], matched["unknown_to_kiosk"]) == ([], [])
    mismatch = _settle(
        api,
        "S-set-000002",
        [{"method": "cash", "count": 2, "amount_fen": 40000}],
        ["T-set-000001", "T-set-999999"],
    ).json()
    assert mismatch["status"] == "mismatch"
    assert mismatch["missing_on_server"] == ["T-set-999999"]
    assert mismatch["unknown_to_kiosk"] == ["T-set-000002"]
