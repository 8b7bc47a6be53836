"""Broken connections over a real loopback socket: a reply cut off in the middle."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from backend_support import KIOSK_ID, SECRET

from kiosk.backend import bodies
from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import BackendUnavailable, OutcomeUnknown
from kiosk.clock import ManualClock

CUT_REPLY = (
    b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
    b'{"payment_id": "P-000456", "transaction_id": "T-K-3'
)


def _read_request(conn: socket.socket) -> None:
    """Read headers and the whole body: closing with unread bytes would send RST."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        body += chunk


@pytest.fixture
def cutting_server() -> Iterator[str]:
    """Accepts connections, reads one request, sends half a reply and hangs up."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)  # so the loop notices `stop` promptly
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                _read_request(conn)
                conn.sendall(CUT_REPLY)
                # A graceful FIN, not a reset: the whole request was read, so the
                # client sees a reply that stops short rather than a refused read.
                conn.shutdown(socket.SHUT_WR)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_reply_cut_off_mid_body_is_outcome_unknown_for_a_post(cutting_server: str) -> None:
    body = bodies.payment_body(
        transaction_id="T-K-330106-0001-000123",
        account_no="3300000001",
        amount_fen=10000,
        method="cash",
        occurred_at=datetime(2026, 11, 26, 8, tzinfo=UTC),
    )
    with (
        UtilityClient(cutting_server, KIOSK_ID, SECRET, clock=ManualClock()) as client,
        pytest.raises(OutcomeUnknown, match="RemoteProtocolError") as caught,
    ):
        client.post_payment(body)
    assert caught.value.idempotency_key == "T-K-330106-0001-000123"


def test_reply_cut_off_mid_body_is_unavailable_for_a_get(cutting_server: str) -> None:
    with (
        UtilityClient(cutting_server, KIOSK_ID, SECRET, clock=ManualClock()) as client,
        pytest.raises(BackendUnavailable, match="RemoteProtocolError"),
    ):
        client.get_account("3300000001")
