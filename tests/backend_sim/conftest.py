"""Fixtures: a real simulator on 127.0.0.1 and a signing httpx client for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.signing import new_nonce, sign
from kiosk.clock import ManualClock, rfc3339

KIOSK_ID = "K-330106-0001"
SECRET = "dev-secret-change-me"
START = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
SLOW_CARD_DELAY_S = 0.3


class Api:
    """Signs every request like a kiosk would; sim endpoints go unsigned."""

    def __init__(
        self, base_url: str, clock: ManualClock, kiosk_id: str = KIOSK_ID, secret: str = SECRET
    ) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))
        self.clock = clock
        self.kiosk_id = kiosk_id
        self.secret = secret

    def headers(self, method: str, target: str, body: bytes, **over: str) -> dict[str, str]:
        timestamp = over.pop("timestamp", rfc3339(self.clock.now()))
        nonce = over.pop("nonce", new_nonce())
        headers = {
            "X-Kiosk-Id": self.kiosk_id,
            "X-Timestamp": timestamp,
            "X-Nonce": nonce,
            "X-Signature": sign(self.secret, method, target, timestamp, nonce, body),
            "Content-Type": "application/json",
        }
        headers.update(over)
        return headers

    def request(
        self,
        method: str,
        target: str,
        body: Any = None,
        *,
        key: str | None = None,
        raw: bytes | None = None,
        **over: str,
    ) -> httpx.Response:
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        headers = self.headers(method, target, data, **over)
        if key is not None:
            headers["Idempotency-Key"] = key
        return self.http.request(method, target, content=data, headers=headers)

    def get(self, target: str, **over: str) -> httpx.Response:
        return self.request("GET", target, None, **over)  # type: ignore[arg-type]

    def post(self, target: str, body: Any = None, *, key: str, **over: str) -> httpx.Response:
        return self.request("POST", target, body, key=key, **over)  # type: ignore[arg-type]

    def sim(self, method: str, target: str, body: Any = None) -> httpx.Response:
        return self.http.request(method, target, json=body)

    def pay_cash(self, txn: str, account_no: str, amount: int) -> httpx.Response:
        body = {
            "transaction_id": txn,
            "account_no": account_no,
            "amount_fen": amount,
            "method": "cash",
            "method_ref": None,
            "occurred_at": rfc3339(self.clock.now()),
            "cash_notes": None,
        }
        return self.post("/v1/payments", body, key=txn)

    def close(self) -> None:
        self.http.close()


def error_code(response: httpx.Response) -> str:
    return str(response.json()["error"]["code"])


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "sim.sqlite3"


@pytest.fixture
def server(clock: ManualClock, state_path: Path) -> Iterator[SimulatorServer]:
    with SimulatorServer(
        state_path=state_path,
        clock=clock,
        kiosks={"K-330106-0002": "second-secret"},
        slow_card_delay_s=SLOW_CARD_DELAY_S,
    ) as running:
        yield running


@pytest.fixture
def api(server: SimulatorServer, clock: ManualClock) -> Iterator[Api]:
    client = Api(server.url, clock)
    yield client
    client.close()
