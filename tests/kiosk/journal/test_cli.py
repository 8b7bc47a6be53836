"""CLI functions print what staff need and never card data."""

from __future__ import annotations

import io
import json
import random

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.journal.cli import cmd_export_json, cmd_forward_once, cmd_list, cmd_show, cmd_status
from kiosk.outbox import Forwarder

from .conftest import KIOSK, new_payment


def _run(fn: object, *args: object) -> tuple[int, str]:
    out = io.StringIO()
    code = fn(*args[:1], out, *args[1:])  # type: ignore[operator]
    return code, out.getvalue()


def _filled(journal: Journal) -> tuple[str, str]:
    paying = new_payment(journal)
    journal.record_note(paying, 10000, "nv200", 4)
    journal.enqueue(
        paying, "POST", "/v1/payments", {"transaction_id": paying}, paying, "3300000001"
    )
    journal.set_state(paying, "posting")
    idle = new_payment(journal, "3300000002")
    journal.set_state(idle, "cancelled")
    return paying, idle


def test_status_list_show(journal: Journal) -> None:
    paying, idle = _filled(journal)
    code, text = _run(cmd_status, journal)
    assert code == 0
    assert "posting      1" in text
    assert "cancelled    1" in text
    assert "outbox depth: 1" in text
    assert "oldest unsent: 2026-11-26T08:00:00Z" in text
    assert "cashbox: 1 notes, ¥100.00" in text
    code, text = _run(cmd_list, journal, "cancelled")
    assert code == 0
    assert idle in text
    assert paying not in text
    code, text = _run(cmd_show, journal, paying)
    assert code == 0
    assert "state:    posting" in text
    assert f"key {paying}" in text
    assert "¥100.00" in text
    assert _run(cmd_show, journal, "T-none")[0] == 1


def test_export_json_has_everything(journal: Journal) -> None:
    paying, idle = _filled(journal)
    journal.record_note(None, 2000, "nv200", 2)
    code, text = _run(cmd_export_json, journal)
    assert code == 0
    data = json.loads(text)
    assert [t["id"] for t in data["transactions"]] == [paying, idle]
    assert [n["value_fen"] for n in data["notes"]] == [10000, 2000]
    assert data["cashbox"]["total_fen"] == 12000
    assert data["transactions"][0]["outbox"][0]["idempotency_key"] == paying


def test_forward_once(journal: Journal, tmp_path: object, clock: ManualClock) -> None:
    from pathlib import Path

    paying, _ = _filled(journal)
    body = {
        "transaction_id": paying,
        "account_no": "3300000001",
        "amount_fen": 10000,
        "method": "cash",
        "method_ref": None,
        "occurred_at": "2026-11-26T08:00:00Z",
        "cash_notes": {"10000": 1},
    }
    other = new_payment(journal)
    journal.enqueue(
        other, "POST", "/v1/payments", body | {"transaction_id": other}, other, "3300000009"
    )
    with (
        SimulatorServer(port=0, state_path=Path(str(tmp_path)) / "sim.db", clock=clock) as sim,
        UtilityClient(sim.url, KIOSK, "dev-secret-change-me", clock=clock) as client,
    ):
        forwarder = Forwarder(journal, client, clock, random.Random(1))
        code, text = _run(cmd_forward_once, forwarder)
    assert code == 0
    # the first item's body lacks fields: 400 VALIDATION, final; the second posts (suspense)
    assert text == "sent 1, failed 1, still pending 0\n"
