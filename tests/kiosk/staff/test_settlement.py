"""End-of-day settlement against the real simulator, including a deliberate mismatch."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend import bodies
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock, SystemClock
from kiosk.journal import Journal
from kiosk.outbox.forwarder import Forwarder
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.errors import PermissionDenied, WrongState
from kiosk.staff.settlement import Settlements, business_date_of, day_totals

from .conftest import KIOSK, cash_payment

STAFF = Actor("li.ming", "staff")
SECRET = "dev-secret-change-me"
DAY = date(2026, 11, 26)  # ManualClock starts 2026-11-26 08:00 UTC = 16:00 in Shanghai


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatorServer]:
    with SimulatorServer(port=0, state_path=tmp_path / "sim.db") as server:
        yield server


@pytest.fixture
def client(sim: SimulatorServer) -> Iterator[UtilityClient]:
    with UtilityClient(sim.url, KIOSK, SECRET, clock=SystemClock()) as kiosk_client:
        yield kiosk_client


def test_business_date_is_shanghai_local() -> None:
    from datetime import UTC, datetime

    assert business_date_of(datetime(2026, 11, 26, 15, 59, tzinfo=UTC)) == date(2026, 11, 26)
    assert business_date_of(datetime(2026, 11, 26, 16, 0, tzinfo=UTC)) == date(2026, 11, 27)


def test_day_totals_count_only_confirmed_payments_of_the_day(
    journal: Journal, clock: ManualClock
) -> None:
    first = cash_payment(journal, clock, "3300000001", [10000, 2000])
    second = cash_payment(journal, clock, "3300000002", [5000])
    queued = cash_payment(journal, clock, "3300000003", [1000])
    journal.set_state(first, "posted")
    journal.set_state(second, "suspense")
    clock.advance(86400)
    _next_day = cash_payment(journal, clock, "3300000001", [10000])
    journal.set_state(_next_day, "posted")
    totals = day_totals(journal, DAY)
    assert totals.totals == [{"method": "cash", "count": 2, "amount_fen": 17000}]
    assert totals.transaction_ids == [first, second]
    assert totals.pending_ids == [queued]


def test_settlement_matched_then_mismatch_against_the_simulator(
    journal: Journal, clock: ManualClock, client: UtilityClient
) -> None:
    forwarder = Forwarder(journal, client, clock, random.Random(1))
    paid = [
        cash_payment(journal, clock, "3300000001", [10000]),
        cash_payment(journal, clock, "3300000002", [5000, 1000]),
    ]
    assert forwarder.drain_once().sent == 2
    desk = Settlements(journal, clock, KIOSK)
    with pytest.raises(PermissionDenied):
        desk.settle(Actor("wang.tech", "technician"), client, DAY)

    matched = desk.settle(STAFF, client, DAY)
    assert matched.status == "matched", matched
    assert matched.totals == [{"method": "cash", "count": 2, "amount_fen": 16000}]
    assert matched.transaction_ids == paid
    stored = journal.get_transaction(matched.settlement_id)
    assert stored is not None and stored.kind == "settlement" and stored.state == "done"
    assert stored.detail["answer"]["status"] == "matched"
    assert stored.detail["body"]["settlement_id"] == matched.settlement_id
    assert journal.list_attention() == []

    # The journal believes this one posted, but the server never got it.
    never_sent = cash_payment(journal, clock, "3300000003", [2000])
    journal.set_state(never_sent, "posted")
    # And the server has a payment of this kiosk the journal knows nothing about.
    stranger = "T-K-330106-0001-20261126-999999"
    client.post_payment(
        bodies.payment_body(
            transaction_id=stranger,
            account_no="3300000004",
            amount_fen=10000,
            method="cash",
            occurred_at=clock.now(),
            cash_notes={10000: 1},
        )
    )
    mismatch = desk.settle(STAFF, client, DAY)
    assert mismatch.status == "mismatch"
    assert mismatch.missing_on_server == [never_sent]
    assert mismatch.unknown_to_kiosk == [stranger]
    stored = journal.get_transaction(mismatch.settlement_id)
    assert stored is not None and stored.state == "done"
    assert stored.detail["answer"]["missing_on_server"] == [never_sent]
    assert stored.detail["answer"]["unknown_to_kiosk"] == [stranger]
    (item,) = journal.list_attention()
    assert item.txn_id == mismatch.settlement_id
    assert never_sent in item.reason and stranger in item.reason
    with pytest.raises(WrongState):
        desk.send(STAFF, client, mismatch.settlement_id)
    actions = [e.action for e in audit.entries(journal)]
    assert actions.count("settlement_prepared") == 2 and actions.count("settlement_answered") == 2
    assert audit.verify_chain(journal).ok


def test_unreachable_server_leaves_it_sending_and_a_resend_settles(
    journal: Journal, clock: ManualClock, client: UtilityClient
) -> None:
    paid = cash_payment(journal, clock, "3300000001", [10000])
    Forwarder(journal, client, clock, random.Random(1)).drain_once()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    desk = Settlements(journal, clock, KIOSK)
    with UtilityClient(f"http://127.0.0.1:{dead_port}", KIOSK, SECRET, clock=SystemClock()) as off:
        report = desk.settle(STAFF, off, DAY)
    assert report.status == "unsent" and report.error
    assert desk.unsent() == [report.settlement_id]
    again = desk.send(STAFF, client, report.settlement_id)
    assert again.status == "matched" and again.transaction_ids == [paid]
    assert desk.unsent() == []
