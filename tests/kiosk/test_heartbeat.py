"""Heartbeats reach the simulator and the commands in its answer are carried out and audited."""

from __future__ import annotations

import httpx

from kiosk.backend.client import UtilityClient
from kiosk.heartbeat import Heartbeat, device_state
from kiosk.staff.audit import entries, verify_chain
from kiosk.staff.service_mode import ServiceMode

KIOSK = "K-330106-0001"

DEVICES = {
    "cash_acceptor": {"state": "ok", "detail": ""},
    "printer": {"state": "ok", "detail": "", "paper": "low"},
    "card_reader": {"state": "absent", "detail": ""},
    "scanner": {"state": "ok", "detail": ""},
}


def make(journal, sim, clock, modes):
    client = UtilityClient(sim.url, KIOSK, "dev-secret-change-me", clock=clock)
    return Heartbeat(
        client=client,
        journal=journal,
        clock=clock,
        kiosk_id=KIOSK,
        service_mode=ServiceMode(journal),
        devices=lambda: DEVICES,
        on_mode=modes.append,
    ), client


def queue(sim, kind: str) -> None:
    reply = httpx.post(f"{sim.url}/v1/sim/kiosks/{KIOSK}/commands", json={"kind": kind})
    assert reply.status_code == 200


def test_remote_commands_change_the_mode_and_are_audited(journal, sim, clock):
    modes: list[str] = []
    beat, client = make(journal, sim, clock, modes)
    with client:
        first = beat.beat_once()
        assert first.ok and first.commands == ()
        queue(sim, "take_out_of_service")
        assert beat.beat_once().commands == ("take_out_of_service",)
        assert ServiceMode(journal).mode() == "out_of_service"
        queue(sim, "upload_logs")
        queue(sim, "return_to_service")
        assert beat.beat_once().commands == ("upload_logs", "return_to_service")
    assert modes == ["out_of_service", "in_service"]
    actions = [e.action for e in entries(journal)]
    assert "upload_logs" in actions
    assert any("mode" in a for a in actions)
    assert verify_chain(journal).ok


def test_an_unreachable_back_end_is_reported_not_raised(journal, clock):
    client = UtilityClient(
        "http://127.0.0.1:9", KIOSK, "dev-secret-change-me", clock=clock, connect_timeout=0.5
    )
    beat = Heartbeat(
        client=client,
        journal=journal,
        clock=clock,
        kiosk_id=KIOSK,
        service_mode=ServiceMode(journal),
        devices=lambda: DEVICES,
        on_mode=lambda m: None,
    )
    with client:
        result = beat.beat_once()
    assert not result.ok and result.error


def test_device_state_mapping():
    assert device_state(None) == {"state": "absent", "detail": ""}
    assert device_state({"state": "fault", "last_error": "jam"})["state"] == "fault"
    assert device_state({"state": "running"})["state"] == "ok"
