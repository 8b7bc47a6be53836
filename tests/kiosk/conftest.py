"""Fixtures shared by the core tests: a ManualClock, a journal file, the simulator over HTTP."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder

KIOSK = "K-330106-0001"
SECRET = "dev-secret-change-me"


class WakeCounter:
    """Stands in for the forwarder where only wake() matters."""

    def __init__(self) -> None:
        self.wakes = 0

    def wake(self) -> None:
        self.wakes += 1


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path, clock: ManualClock) -> Iterator[Journal]:
    j = Journal.open(journal_path, clock)
    yield j
    j.close()


@pytest.fixture
def waker() -> WakeCounter:
    return WakeCounter()


@pytest.fixture
def sim(tmp_path: Path, clock: ManualClock) -> Iterator[SimulatorServer]:
    with SimulatorServer(port=0, state_path=tmp_path / "sim.db", clock=clock) as server:
        yield server


@pytest.fixture
def client(sim: SimulatorServer, clock: ManualClock) -> Iterator[UtilityClient]:
    with UtilityClient(sim.url, KIOSK, SECRET, clock=clock, read_timeout=5.0) as real:
        yield real


def forwarder_for(journal: Journal, client: UtilityClient, clock: ManualClock) -> Forwarder:
    return Forwarder(journal, client, clock, random.Random(1))
