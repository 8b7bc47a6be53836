"""Malformed answers from a tiny local HTTP server leave the item pending with a logged error."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder
from kiosk.payments import CashPayments
from tests.http_stub import StubHandler, serving

from .conftest import KIOSK, SECRET

GOOD = {
    "payment_id": "P-1",
    "receipt_no": "R-1",
    "status": "posted",
    "applied": [],
    "late_fee_paid_fen": 0,
    "to_balance_fen": 0,
    "new_balance_fen": 0,
    "new_amount_due_fen": 0,
}
# mode -> (status, content type, body bytes given the transaction id that was sent)
REPLIES = {
    "garbage": (201, "application/json", lambda txn: b"\x00\xffnot json at all"),
    "truncated": (
        201,
        "application/json",
        lambda txn: json.dumps({**GOOD, "transaction_id": txn}).encode()[:40],
    ),
    "content_type": (
        201,
        "text/html",
        lambda txn: json.dumps({**GOOD, "transaction_id": txn}).encode(),
    ),
    "other_txn": (
        201,
        "application/json",
        lambda txn: json.dumps(
            {**GOOD, "transaction_id": "T-K-330106-0001-20261126-999999"}
        ).encode(),
    ),
    "wrong_status_value": (
        201,
        "application/json",
        lambda txn: json.dumps({**GOOD, "transaction_id": txn, "status": "maybe"}).encode(),
    ),
}


class _Handler(StubHandler):
    protocol_version = "HTTP/1.0"  # one request per connection, as a plain server would

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        sent = json.loads(self.rfile.read(length))
        status, content_type, make = REPLIES[self.server.mode]  # type: ignore[attr-defined]
        self.reply(status, make(sent["transaction_id"]), content_type)


@pytest.fixture
def bad_server() -> Iterator[ThreadingHTTPServer]:
    with serving(_Handler) as server:
        yield server


@pytest.mark.parametrize("mode", sorted(REPLIES))
def test_malformed_reply_keeps_item_pending_and_logs(
    mode: str,
    bad_server: ThreadingHTTPServer,
    journal: Journal,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad_server.mode = mode  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{bad_server.server_address[1]}"
    with UtilityClient(url, KIOSK, SECRET, clock=clock) as client:
        forwarder = Forwarder(journal, client, clock, random.Random(1))
        cash = CashPayments(journal, forwarder, KIOSK, clock)
        txn = cash.begin("3300000001", 0, 100000)
        cash.note_stacked(txn, 10000, "nv200", 4)
        cash.finish(txn)
        with caplog.at_level(logging.ERROR, logger="kiosk.outbox.forwarder"):
            summary = forwarder.drain_once()
    assert (summary.sent, summary.failed, summary.pending) == (0, 0, 1)
    item = journal.outbox_for(txn)[0]
    assert (item.state, item.attempts, item.response) == ("pending", 1, None)
    assert "BAD_RESPONSE" in (item.last_error or "")
    assert cash.outcome(txn).state == "posting"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors, "a malformed answer must be logged as an error"
    assert journal.list_attention() == []
