"""The forwarder sends stored bodies byte for byte; a damaged stored body is never sent."""

from __future__ import annotations

import json
import random
import sqlite3
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


class _Ledger(StubHandler):
    """Accepts every payment and keeps the raw bytes of each request body."""

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.bodies.append(raw)  # type: ignore[attr-defined]
        sent = json.loads(raw)
        payload = json.dumps(
            {
                "payment_id": f"P-{len(self.server.bodies)}",  # type: ignore[attr-defined]
                "transaction_id": sent["transaction_id"],
                "receipt_no": "R-1",
                "status": "posted",
                "new_balance_fen": 0,
            }
        ).encode()
        self.reply(201, payload)


@pytest.fixture
def ledger() -> Iterator[ThreadingHTTPServer]:
    with serving(_Ledger, lambda server: setattr(server, "bodies", [])) as server:
        yield server


@pytest.fixture
def forwarder(
    ledger: ThreadingHTTPServer, journal: Journal, clock: ManualClock
) -> Iterator[Forwarder]:
    url = f"http://127.0.0.1:{ledger.server_address[1]}"
    with UtilityClient(url, KIOSK, SECRET, clock=clock) as client:
        yield Forwarder(journal, client, clock, random.Random(1))


def _pay(journal: Journal, forwarder: Forwarder, clock: ManualClock, account: str) -> str:
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    txn = cash.begin(account, 0, 1_000_000)
    cash.note_stacked(txn, 10000, "nv200", 4)
    cash.note_stacked(txn, 5000, "nv200", 3)
    cash.finish(txn)
    return txn


def test_each_item_goes_out_as_its_stored_bytes(
    ledger: ThreadingHTTPServer, journal: Journal, forwarder: Forwarder, clock: ManualClock
) -> None:
    txns = [_pay(journal, forwarder, clock, a) for a in ("3300000001", "3300000002")]
    stored = [journal.outbox_for(txn)[0].body.encode("utf-8") for txn in txns]
    summary = forwarder.drain_once()
    assert (summary.sent, summary.pending) == (2, 0)
    assert sorted(ledger.bodies) == sorted(stored)  # type: ignore[attr-defined]
    for txn in txns:
        assert journal.outbox_for(txn)[0].state == "sent"
        assert journal.get_transaction(txn).state == "posted"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body.replace('"amount_fen":15000', '"amount_fen":150.0'),
        lambda body: body.replace('"amount_fen":15000', '"amount_fen":NaN'),
        lambda body: body[: len(body) // 2],
    ],
)
def test_a_damaged_stored_body_is_never_sent(
    damage: object,
    ledger: ThreadingHTTPServer,
    journal: Journal,
    forwarder: Forwarder,
    clock: ManualClock,
) -> None:
    txn = _pay(journal, forwarder, clock, "3300000001")
    item = journal.outbox_for(txn)[0]
    assert '"amount_fen":15000' in item.body
    damaged = damage(item.body)  # type: ignore[operator]
    with sqlite3.connect(journal.path) as db:  # as a bad disk or a bad hand might leave it
        db.execute("UPDATE outbox SET body = ? WHERE id = ?", (damaged, item.id))
    summary = forwarder.drain_once()
    assert (summary.sent, summary.failed, summary.pending) == (0, 0, 1)
    assert ledger.bodies == []  # type: ignore[attr-defined]
    after = journal.outbox_for(txn)[0]
    assert (after.state, after.attempts, after.body) == ("pending", 1, damaged)
    assert "stored body" in (after.last_error or "")
    assert journal.get_transaction(txn).state == "posting"  # type: ignore[union-attr]
