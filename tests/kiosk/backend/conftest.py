"""Fixtures of the back-end client tests: mock-transport clients for malformed replies."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from backend_support import KIOSK_ID, SECRET, Recorder

from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def mock_client(recorder: Recorder, clock: ManualClock) -> Iterator[UtilityClient]:
    transport = httpx.MockTransport(recorder)
    with UtilityClient(
        "http://backend.test", KIOSK_ID, SECRET, clock=clock, transport=transport
    ) as client:
        yield client
