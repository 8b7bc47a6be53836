"""Bank-card payments against the real simulator, the card read over an APDU channel."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest

from backend_sim.server import SimulatorServer
from drivers.card.emv import read_emv
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import (
    TEST_PAN_APPROVED,
    TEST_PAN_DECLINED,
    TEST_PAN_TIMEOUT,
    EmvSimCard,
)
from kiosk.backend.client import UtilityClient
from kiosk.outbox import Forwarder
from kiosk.payments.bank_card import BankCardPayments
from kiosk.payments.recovery import recover

ACCOUNT = "3300000002"


@pytest.fixture
def slow_sim(tmp_path: Path, clock):
    with SimulatorServer(
        port=0, state_path=tmp_path / "sim.db", clock=clock, slow_card_delay_s=1.0
    ) as server:
        yield server


@pytest.fixture
def fast_client(slow_sim, clock):
    with UtilityClient(
        slow_sim.url, "K-330106-0001", "dev-secret-change-me", clock=clock, read_timeout=0.3
    ) as real:
        yield real


@pytest.fixture
def cards(journal, fast_client, clock):
    forwarder = Forwarder(journal, fast_client, clock, random.Random(1))
    return BankCardPayments(journal, fast_client, forwarder, "K-330106-0001", clock), forwarder


def read_card(pan: str):
    reader = FakeCardReader()
    reader.open()
    reader.insert(EmvSimCard(pan))
    try:
        with_channel = reader.connect()
        return read_emv(with_channel)
    finally:
        reader.close()


def kiosk_payments(sim) -> list[dict]:
    payments = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=10).json()["payments"]
    return [p for p in payments if str(p.get("transaction_id", "")).startswith("T-K")]


def test_approved_card_pays_once_and_the_pan_stays_masked(cards, journal, slow_sim, journal_path):
    service, forwarder = cards
    card = read_card(TEST_PAN_APPROVED)
    result = service.pay(ACCOUNT, 12345, card, pin_block="00" * 16)
    assert result.outcome == "approved"
    assert result.masked_pan == "621234*********4569"
    forwarder.drain_once()
    posted = kiosk_payments(slow_sim)
    assert [(p["amount_fen"], p["method"], p["method_ref"]) for p in posted] == [
        (12345, "bank_card", result.auth_id)
    ]
    for path in journal_path.parent.glob("journal.db*"):
        assert TEST_PAN_APPROVED.encode() not in path.read_bytes()


def test_declined_card_says_why_and_pays_nothing(cards, journal, slow_sim):
    service, _ = cards
    result = service.pay(ACCOUNT, 12345, read_card(TEST_PAN_DECLINED), pin_block=None)
    assert result.outcome == "declined"
    assert result.reason
    assert journal.get_transaction(result.auth_id).state == "failed"
    assert kiosk_payments(slow_sim) == []


def test_timed_out_authorization_is_reversed(cards, journal, slow_sim):
    service, _ = cards
    result = service.pay(ACCOUNT, 12345, read_card(TEST_PAN_TIMEOUT), pin_block=None)
    assert result.outcome == "cancelled"
    assert result.reason == "unknown_outcome"
    assert journal.get_transaction(result.auth_id).state == "cancelled"
    ledger = httpx.get(f"{slow_sim.url}/v1/sim/ledger", timeout=10).json()
    auths = [a for a in ledger.get("card_authorizations", []) if a.get("auth_id") == result.auth_id]
    assert auths and auths[0]["status"] == "REVERSED"
    assert kiosk_payments(slow_sim) == []


def test_authorization_left_open_by_a_crash_is_reversed_at_start_up(journal, fast_client, clock):
    forwarder = Forwarder(journal, fast_client, clock, random.Random(1))
    service = BankCardPayments(journal, fast_client, forwarder, "K-330106-0001", clock)
    txn = journal.create_transaction(
        kiosk_id="K-330106-0001",
        kind="card_authorization",
        account_no=ACCOUNT,
        amount_fen=100,
        method="bank_card",
        state="authorizing",
        detail={"masked_pan": "621234*********4569"},
    )
    report = recover(journal, forwarder, hooks=service.recovery_hooks())
    assert report.finished == [txn.id]
    assert journal.get_transaction(txn.id).state == "cancelled"
