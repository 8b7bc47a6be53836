"""Auto-debit mandates against the real simulator over HTTP, the card read over an APDU channel."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend_sim.server import SimulatorServer
from drivers.card.emv import EmvCard, read_emv
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard
from kiosk.journal import Journal
from kiosk.mandate_terms import MandateInputError, MandateRequest
from kiosk.mandates import MandateService
from kiosk.payments.recovery import recover

from .conftest import KIOSK

ACCOUNT = "3300000001"  # 张*明, postpaid
HOLDER = "张三明"


def read_card(pan: str = TEST_PAN_APPROVED) -> EmvCard:
    reader = FakeCardReader()
    reader.open()
    reader.insert(EmvSimCard(pan))
    try:
        return read_emv(reader.connect())
    finally:
        reader.close()


def request(**changes: Any) -> MandateRequest:
    fields: dict[str, Any] = {
        "account_no": ACCOUNT,
        "holder_masked": "张*明",
        "holder_name": HOLDER,
        "day_of_month": 10,
        "limit_fen": 50000,
    }
    fields.update(changes)
    return MandateRequest(**fields)


def ledger_mandates(sim: SimulatorServer) -> list[dict[str, Any]]:
    reply = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=5)
    reply.raise_for_status()
    found = reply.json()["autopay_mandates"]
    assert isinstance(found, list)
    return found


def autopay_of(client: Any, account_no: str = ACCOUNT) -> Any:
    return client.get_account(account_no).autopay


def seed_for(pattern: str, rate: float) -> int:
    """A fault seed whose dice give `pattern` (d = dropped, k = kept) for the next requests.

    The simulator rolls one die per mutating request with random.Random(seed), so the outcome
    of each request in a test is chosen here rather than left to chance.
    """
    for seed in range(1, 100_000):
        rng = random.Random(seed)
        if all((rng.random() < rate) == (p == "d") for p in pattern):
            return seed
    raise AssertionError(f"no seed gives {pattern}")


def drop_answers(sim: SimulatorServer, pattern: str) -> None:
    body = {"drop_response_after_commit_rate": 0.5, "seed": seed_for(pattern, 0.5)}
    httpx.post(f"{sim.url}/v1/sim/faults", json=body, timeout=5).raise_for_status()


def no_pan_in(path: Path, *texts: str) -> None:
    for file in path.parent.glob(path.name + "*"):
        data = file.read_bytes()
        for text in texts:
            assert text.encode() not in data, f"{text!r} found in {file.name}"


@pytest.fixture
def service(journal: Journal, client: Any) -> MandateService:
    return MandateService(journal, client, KIOSK)


def test_a_bad_form_is_refused_before_anything_is_journaled(service, journal):
    with pytest.raises(MandateInputError) as caught:
        service.sign(request(holder_name="李四"), read_card())
    assert caught.value.issues == [("holder", "holder_mismatch")]
    assert journal.list_transactions(kind="mandate") == []


# -- signing ----------------------------------------------------------------------------------
def test_a_mandate_is_signed_once_and_no_card_number_or_full_name_is_kept(
    service, journal, sim, client, journal_path
):
    assert autopay_of(client).enrolled is False
    outcome = service.sign(request(day_of_month=15, limit_fen=100000), read_card())
    assert outcome.status == "active"
    assert outcome.masked_pan == "621234*********4569"
    autopay = autopay_of(client)
    assert (autopay.enrolled, autopay.bank_masked, autopay.day_of_month) == (
        True,
        "621234*********4569",
        15,
    )
    [mandate] = ledger_mandates(sim)
    assert (mandate["mandate_id"], mandate["status"], mandate["limit_fen"]) == (
        outcome.mandate_id,
        "active",
        100000,
    )
    [txn] = journal.list_transactions(kind="mandate")
    assert txn.id == outcome.mandate_id and txn.id.startswith("M-")
    assert txn.state == "done"
    assert txn.detail["bank_masked"] == "621234*********4569"
    assert txn.detail["holder_masked"] == "张*明"
    no_pan_in(journal_path, TEST_PAN_APPROVED, HOLDER)


def test_a_lost_answer_is_resent_with_the_same_key_and_replayed(service, journal, sim):
    drop_answers(sim, "dk")  # the first answer is lost after the server committed
    outcome = service.sign(request(), read_card())
    assert outcome.status == "active"
    mandates = ledger_mandates(sim)
    assert [m["mandate_id"] for m in mandates] == [outcome.mandate_id]  # one, not two
    [txn] = journal.list_transactions(kind="mandate")
    assert txn.state == "done"


def test_an_outcome_that_stays_unknown_is_cancelled(service, journal, sim, client):
    drop_answers(sim, "dddk")  # three sends lost, then the cancellation gets through
    outcome = service.sign(request(), read_card())
    assert outcome.status == "cancelled"
    assert outcome.reason == "unknown_outcome"
    [mandate] = ledger_mandates(sim)
    assert mandate["status"] == "cancelled"
    assert autopay_of(client).enrolled is False
    [txn] = journal.list_transactions(kind="mandate")
    assert txn.state == "cancelled"
    assert journal.list_attention() == []


def test_a_cancellation_that_cannot_get_through_goes_to_staff_and_recovery_finishes_it(
    journal, sim, client
):
    service = MandateService(journal, client, KIOSK, tries=1, cancel_tries=1)
    drop_answers(sim, "dd")  # the send and the cancellation both lost
    outcome = service.sign(request(), read_card())
    assert outcome.status == "unknown"
    [txn] = journal.list_transactions(kind="mandate")
    assert txn.state == "cancelling"
    [item] = journal.list_attention()
    assert item.txn_id == txn.id
    httpx.post(f"{sim.url}/v1/sim/faults", json={}, timeout=5).raise_for_status()

    report = recover(journal, _NoForwarder(), hooks=service.recovery_hooks())
    assert report.cancelled == [txn.id]
    assert journal.get_transaction(txn.id).state == "cancelled"
    assert [m["status"] for m in ledger_mandates(sim)] == ["cancelled"]
    assert autopay_of(client).enrolled is False


def test_a_mandate_journaled_but_never_sent_is_closed_at_start_up(journal, sim, client):
    """A crash between the journal write and the send: the server says it never saw it."""
    txn = journal.create_transaction(
        kiosk_id=KIOSK, kind="mandate", account_no=ACCOUNT, method="bank_card", state="sending"
    )
    service = MandateService(journal, client, KIOSK)
    report = recover(journal, _NoForwarder(), hooks=service.recovery_hooks())
    assert report.cancelled == [txn.id]
    assert journal.get_transaction(txn.id).detail["reason"] == "recovered"
    assert ledger_mandates(sim) == []


@pytest.mark.parametrize(
    ("account_no", "masked", "name", "code"),
    [
        ("3300000006", "陈*", "陈五", "ACCOUNT_CLOSED"),
        ("3300000099", "张*明", HOLDER, "ACCOUNT_NOT_FOUND"),
    ],
)
def test_a_refusal_is_final_and_says_why(service, journal, sim, account_no, masked, name, code):
    outcome = service.sign(
        request(account_no=account_no, holder_masked=masked, holder_name=name), read_card()
    )
    assert (outcome.status, outcome.reason) == ("failed", code)
    [txn] = journal.list_transactions(kind="mandate")
    assert (txn.state, txn.detail["reason"]) == ("failed", code)
    assert ledger_mandates(sim) == []


def test_a_back_end_refusing_every_try_leaves_nothing_signed(service, journal, sim):
    body = {"fail_before_commit_rate": 1.0}
    httpx.post(f"{sim.url}/v1/sim/faults", json=body, timeout=5).raise_for_status()
    outcome = service.sign(request(), read_card())
    assert (outcome.status, outcome.reason) == ("failed", "backend_unavailable")
    assert ledger_mandates(sim) == []


class _NoForwarder:
    def wake(self) -> None:
        pass
