"""send_stored over real loopback HTTP: the journaled bytes go out unchanged, or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from backend_support import KIOSK_ID, SECRET

from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import InvalidRequest
from kiosk.backend.signing import verify
from kiosk.clock import ManualClock
from tests.http_stub import StubHandler, serving

TXN = "T-K-330106-0001-20261126-000001"
REPLY = {
    "payment_id": "P-1",
    "transaction_id": TXN,
    "receipt_no": "R-1",
    "status": "posted",
    "new_balance_fen": 0,
}


class _Capture(StubHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.seen.append((self.path, dict(self.headers), body))  # type: ignore[attr-defined]
        self.reply(201, json.dumps(REPLY).encode())


@pytest.fixture
def capture() -> Iterator[ThreadingHTTPServer]:
    with serving(_Capture, lambda server: setattr(server, "seen", [])) as server:
        yield server


@pytest.fixture
def client(capture: ThreadingHTTPServer) -> Iterator[UtilityClient]:
    url = f"http://127.0.0.1:{capture.server_address[1]}"
    with UtilityClient(url, KIOSK_ID, SECRET, clock=ManualClock()) as real:
        yield real


def test_stored_bytes_are_sent_and_signed_as_they_are(
    capture: ThreadingHTTPServer, client: UtilityClient
) -> None:
    # Not what encode_body would make of it (spaces, an escaped character, key order): it must
    # still go out byte for byte, because that is what was stored before the first send.
    stored = (
        '{"transaction_id": "' + TXN + '", "note": "\\u7535\\u8d39 电费", '
        '"amount_fen": 10000, "cash_notes": [{"value_fen": 10000, "count": 1}]}'
    ).encode()
    for _ in range(2):
        answer = client.send_stored("POST", "/v1/payments", stored, TXN)
        assert answer.status == 201
        assert answer.body["transaction_id"] == TXN
    seen = capture.seen  # type: ignore[attr-defined]
    assert [body for _, _, body in seen] == [stored, stored]
    first, second = (headers for _, headers, _ in seen)
    assert first["Idempotency-Key"] == second["Idempotency-Key"] == TXN
    assert first["X-Nonce"] != second["X-Nonce"]
    for path, headers, body in seen:
        assert path == "/v1/payments"
        assert headers["Content-Type"] == "application/json"
        assert verify(
            SECRET,
            headers["X-Signature"],
            "POST",
            path,
            headers["X-Timestamp"],
            headers["X-Nonce"],
            body,
        )


@pytest.mark.parametrize(
    "stored",
    [
        b'{"transaction_id": "T-1", "amount_fen": 100.0}',
        b'{"amount_fen": NaN}',
        b'{"cash_notes": [{"value_fen": true}]}',
        b'["not", "an", "object"]',
        b'{"amount_fen": 100',
        b'{"note": "\xff"}',
    ],
)
def test_bad_stored_bytes_are_refused_before_sending(
    stored: bytes, capture: ThreadingHTTPServer, client: UtilityClient
) -> None:
    with pytest.raises(InvalidRequest):
        client.send_stored("POST", "/v1/payments", stored, TXN)
    assert capture.seen == []  # type: ignore[attr-defined]


def test_stored_get_has_no_body_and_no_key(client: UtilityClient) -> None:
    with pytest.raises(InvalidRequest):
        client.send_stored("GET", "/v1/accounts/3300000001", b"{}", None)
    with pytest.raises(InvalidRequest):
        client.send_stored("POST", "/v1/payments", b"{}", None)
