from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.backend.wire import ApiResponse
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder, RetryPolicy

KIOSK = "K-330106-0001"
SECRET = "dev-secret-change-me"


@dataclass
class Recording:
    """Wraps the real client and remembers what was sent (for same-key/same-body checks)."""

    inner: UtilityClient
    calls: list[tuple[str, str, bytes | None, str | None]] = field(default_factory=list)

    def send_stored(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> ApiResponse:
        self.calls.append((method, path, content, idempotency_key))
        return self.inner.send_stored(method, path, content, idempotency_key)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def journal(tmp_path: Path, clock: ManualClock) -> Iterator[Journal]:
    j = Journal.open(tmp_path / "journal.db", clock)
    yield j
    j.close()


@pytest.fixture
def sim(tmp_path: Path, clock: ManualClock) -> Iterator[SimulatorServer]:
    with SimulatorServer(port=0, state_path=tmp_path / "sim.db", clock=clock) as server:
        yield server


@pytest.fixture
def client(sim: SimulatorServer, clock: ManualClock) -> Iterator[Recording]:
    with UtilityClient(sim.url, KIOSK, SECRET, clock=clock, read_timeout=5.0) as real:
        yield Recording(real)


@pytest.fixture
def forwarder(journal: Journal, client: Recording, clock: ManualClock) -> Iterator[Forwarder]:
    fwd = Forwarder(journal, client, clock, random.Random(1), policy=RetryPolicy(max_s=60))
    yield fwd
    fwd.stop()


def set_faults(sim: SimulatorServer, **faults: float) -> None:
    body = {"fail_before_commit_rate": 0.0, "drop_response_after_commit_rate": 0.0, "seed": 1}
    body.update(faults)
    httpx.post(f"{sim.url}/v1/sim/faults", json=body, timeout=5).raise_for_status()


def ledger_payments(sim: SimulatorServer) -> list[dict[str, Any]]:
    reply = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=5)
    reply.raise_for_status()
    return [p for p in reply.json()["payments"] if p.get("channel") == "kiosk"]
