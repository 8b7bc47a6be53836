"""E-invoice requests: validation tables, then the service against the real simulator over HTTP."""

from __future__ import annotations

import itertools
import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend_sim.server import SimulatorServer
from kiosk.backend.bodies import payment_body
from kiosk.backend.client import UtilityClient
from kiosk.clock import SystemClock
from kiosk.invoices import (
    InvoiceInputError,
    InvoiceRequest,
    InvoiceService,
    mask_email,
    mask_phone,
)
from kiosk.journal import Journal
from kiosk.outbox import Forwarder, RetryPolicy
from kiosk.payments.recovery import recover

KIOSK = "K-330106-0001"
SECRET = "dev-secret-change-me"
ACCOUNT = "3300000001"
GOOD_USCC = "91350100M000100Y43"
BAD_CHECK_USCC = "91350100M000100Y44"
_serial = itertools.count(1)


def _req(**changes: Any) -> InvoiceRequest:
    base: dict[str, Any] = {
        "account_no": ACCOUNT,
        "payment_ids": ("P-1",),
        "kind": "personal",
        "name": "张三明",
    }
    base.update(changes)
    return InvoiceRequest(**base)


def _keys(req: InvoiceRequest) -> list[str]:
    return [i.key for i in req.normalized().problems()]


# ----------------------------------------------------------------------- validation tables
@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        ({}, []),
        ({"name": "  张三明 "}, []),
        ({"name": ""}, ["name_required"]),
        ({"name": "   "}, ["name_required"]),
        ({"name": "张" * 100}, []),
        ({"name": "张" * 101}, ["name_too_long"]),
        ({"name": "张三\n明"}, ["name_invalid_characters"]),
        ({"name": "Zhang   San"}, []),
        ({"name": "张三\x07明"}, ["name_invalid_characters"]),
        ({"name": "张\u200b三"}, ["name_invalid_characters"]),
        ({"payment_ids": ()}, ["payments_required"]),
        ({"kind": "other"}, ["kind_invalid"]),
        ({"tax_id": GOOD_USCC}, ["tax_id_not_for_personal"]),
        ({"kind": "company", "name": "某某科技有限公司"}, ["tax_id_required"]),
        ({"kind": "company", "name": "某某科技", "tax_id": GOOD_USCC}, []),
        ({"kind": "company", "name": "某某科技", "tax_id": " 91350100m000100y43 "}, []),
        (
            {"kind": "company", "name": "某某科技", "tax_id": "91350100M000100Y4"},
            ["tax_id_bad_format"],
        ),
        (
            {"kind": "company", "name": "某某科技", "tax_id": "91350100M000100YI3"},
            ["tax_id_bad_format"],
        ),
        ({"kind": "company", "name": "某某科技", "tax_id": BAD_CHECK_USCC}, ["tax_id_bad_check"]),
        (
            {
                "kind": "company",
                "name": "某某",
                "tax_id": BAD_CHECK_USCC,
                "confirmed_bad_check": True,
            },
            [],
        ),
        ({"email": "zhang.san@example.com"}, []),
        ({"email": "a+b@mail.example.cn"}, []),
        ({"email": "zhang@example"}, ["email_invalid"]),
        ({"email": "zhang@@example.com"}, ["email_invalid"]),
        ({"email": "zhang san@example.com"}, ["email_invalid"]),
        ({"email": ".zhang@example.com"}, ["email_invalid"]),
        ({"email": "zh..ang@example.com"}, ["email_invalid"]),
        ({"email": "z" * 110 + "@example.com"}, ["email_invalid"]),
        ({"email": "  "}, []),  # blank = not given
        ({"phone": "13812345678"}, []),
        ({"phone": "138 1234 5678"}, []),
        ({"phone": "+8613812345678"}, []),
        ({"phone": "12812345678"}, ["phone_invalid"]),
        ({"phone": "1381234567"}, ["phone_invalid"]),
        ({"phone": "138123456789"}, ["phone_invalid"]),
        ({"phone": "1381234567a"}, ["phone_invalid"]),
        (
            {"name": "", "email": "x", "phone": "1"},
            ["name_required", "email_invalid", "phone_invalid"],
        ),
    ],
)
def test_validation(changes: dict[str, Any], keys: list[str]) -> None:
    assert _keys(_req(**changes)) == keys


def test_bad_check_is_a_warning_with_the_expected_character() -> None:
    req = _req(kind="company", name="某某", tax_id=BAD_CHECK_USCC).normalized()
    (issue,) = req.issues()
    assert issue.warning
    assert "'3'" in issue.detail  # the right check character is named
    confirmed = _req(kind="company", name="某某", tax_id=BAD_CHECK_USCC, confirmed_bad_check=True)
    assert [i.key for i in confirmed.normalized().issues()] == ["tax_id_bad_check"]
    assert confirmed.normalized().problems() == []


def test_masking() -> None:
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_phone("13812345678") == "138****5678"
    masked = _req(email="zhang.san@example.com", phone="13812345678").masked()
    assert masked["buyer_name"] == "张*明"
    assert masked["email"] == "z***@example.com"
    assert masked["phone"] == "138****5678"


# ----------------------------------------------------------------------- against the simulator
@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatorServer]:
    with SimulatorServer(port=0, state_path=tmp_path / "sim.db") as server:
        yield server


@pytest.fixture
def client(sim: SimulatorServer) -> Iterator[UtilityClient]:
    with UtilityClient(sim.url, KIOSK, SECRET, clock=SystemClock(), read_timeout=5.0) as real:
        yield real


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    j = Journal.open(tmp_path / "journal.db", SystemClock())
    yield j
    j.close()


def _forwarder(journal: Journal, client: UtilityClient) -> Forwarder:
    policy = RetryPolicy(base_s=0.05, min_s=0.02, max_s=0.2)
    return Forwarder(journal, client, SystemClock(), random.Random(7), policy=policy)


@pytest.fixture
def forwarder(journal: Journal, client: UtilityClient) -> Iterator[Forwarder]:
    fwd = _forwarder(journal, client)
    fwd.start()
    yield fwd
    fwd.stop()


@pytest.fixture
def service(journal: Journal, forwarder: Forwarder) -> InvoiceService:
    return InvoiceService(journal, forwarder, KIOSK, SystemClock(), wait_s=15.0)


def _pay(client: UtilityClient, amount_fen: int = 10000) -> str:
    body = payment_body(
        transaction_id=f"T-{KIOSK}-TEST-{next(_serial):06d}",
        account_no=ACCOUNT,
        amount_fen=amount_fen,
        method="cash",
        occurred_at=SystemClock().now(),
        cash_notes={amount_fen: 1},
    )
    result = client.post_payment(body)
    assert result.status == "posted"
    return result.payment_id


def _faults(sim: SimulatorServer, drop: float) -> None:
    body = {"drop_response_after_commit_rate": drop, "fail_before_commit_rate": 0.0, "seed": 1}
    httpx.post(f"{sim.url}/v1/sim/faults", json=body, timeout=5).raise_for_status()


def _ledger_invoices(sim: SimulatorServer) -> list[dict[str, Any]]:
    reply = httpx.get(f"{sim.url}/v1/sim/ledger", timeout=5)
    reply.raise_for_status()
    data = reply.json()
    found = data.get("invoices", data.get("invoice", []))
    assert isinstance(found, list)
    return found


def test_personal_invoice_is_issued_and_journaled_masked(
    service: InvoiceService, client: UtilityClient, journal: Journal, sim: SimulatorServer
) -> None:
    pid = _pay(client, 5000)
    req = _req(payment_ids=(pid,), email="zhang.san@example.com", phone="13812345678")
    out = service.request(req)
    assert out.status == "issued", out
    assert out.invoice_no and out.invoice_no.startswith("INV-")
    assert out.download_url and out.invoice_no in out.download_url
    assert out.amount_fen == 5000
    txn = journal.get_transaction(out.request_id)
    assert txn is not None and txn.kind == "invoice_request" and txn.state == "done"
    assert txn.detail["buyer_name"] == "张*明"
    assert txn.detail["invoice_no"] == out.invoice_no
    stored = json.dumps(txn.detail, ensure_ascii=False) + json.dumps(
        [e.detail for e in journal.events_for(out.request_id)], ensure_ascii=False
    )
    for clear in ("zhang.san@example.com", "13812345678", "张三明"):
        assert clear not in stored
    (item,) = journal.outbox_for(out.request_id)
    assert item.idempotency_key == out.request_id
    assert json.loads(item.body)["request_id"] == out.request_id
    (inv,) = _ledger_invoices(sim)
    assert inv["invoice_no"] == out.invoice_no
    assert inv["buyer"] == {
        "kind": "personal",
        "name": "张三明",
        "tax_id": None,
        "email": "zhang.san@example.com",
        "phone": "13812345678",
    }
    assert service.outcome(out.request_id) == out


def test_company_invoice_with_valid_uscc(service: InvoiceService, client: UtilityClient) -> None:
    pid = _pay(client)
    out = service.request(
        _req(payment_ids=(pid,), kind="company", name="杭州某某科技有限公司", tax_id=GOOD_USCC)
    )
    assert out.status == "issued", out
    assert out.amount_fen == 10000


def test_bad_check_character_warns_then_server_refuses(
    service: InvoiceService, client: UtilityClient, journal: Journal
) -> None:
    pid = _pay(client)
    req = _req(payment_ids=(pid,), kind="company", name="某某老字号", tax_id=BAD_CHECK_USCC)
    with pytest.raises(InvoiceInputError) as refused:
        service.request(req)
    assert [(i.key, i.warning) for i in refused.value.issues] == [("tax_id_bad_check", True)]
    assert journal.list_transactions(kind="invoice_request") == []  # nothing journaled
    out = service.request(_req(**{**req.__dict__, "confirmed_bad_check": True}))
    assert out.status == "failed"
    assert out.reason == "INVALID_TAX_ID"
    assert "check character" in out.detail
    txn = journal.get_transaction(out.request_id)
    assert txn is not None and txn.state == "rejected"
    assert txn.detail["reason"] == "INVALID_TAX_ID"
    # the resident saw it: no open staff attention row is left for it
    assert [a for a in journal.list_attention() if a.txn_id == out.request_id] == []


def test_already_invoiced_shows_the_existing_number(
    service: InvoiceService, client: UtilityClient, sim: SimulatorServer
) -> None:
    pid = _pay(client)
    first = service.request(_req(payment_ids=(pid,)))
    assert first.status == "issued"
    second = service.request(_req(payment_ids=(pid,), name="李四"))
    assert second.status == "already_invoiced"
    assert second.invoice_no == first.invoice_no
    assert second.request_id != first.request_id
    assert len(_ledger_invoices(sim)) == 1


def test_unknown_payment_fails_and_stays_for_staff(
    service: InvoiceService, journal: Journal
) -> None:
    out = service.request(_req(payment_ids=("P-DOES-NOT-EXIST",)))
    assert (out.status, out.reason) == ("failed", "NOT_FOUND")
    assert [a.txn_id for a in journal.list_attention()] == [out.request_id]


def _wait_attempts(journal: Journal, txn_id: str, attempts: int) -> None:
    """Wait (bounded, on an event) until the forwarder has tried txn_id's item that often."""
    done = threading.Event()
    for _ in range(500):
        items = journal.outbox_for(txn_id)
        if items and items[-1].attempts >= attempts:
            return
        done.wait(0.01)
    raise AssertionError(f"{txn_id} was not tried {attempts} times")


def test_dropped_answer_is_resent_with_the_same_key_and_one_invoice(
    service: InvoiceService, client: UtilityClient, journal: Journal, sim: SimulatorServer
) -> None:
    pid = _pay(client)
    _faults(sim, drop=1.0)
    outcomes: list[Any] = []
    worker = threading.Thread(
        target=lambda: outcomes.append(service.request(_req(payment_ids=(pid,))))
    )
    worker.start()
    txns: list[Any] = []
    for _ in range(500):
        txns = journal.list_transactions(kind="invoice_request")
        if txns:
            break
        threading.Event().wait(0.01)
    (txn,) = txns
    _wait_attempts(journal, txn.id, 1)
    assert len(_ledger_invoices(sim)) == 1  # the server did it; the answer was lost
    _faults(sim, drop=0.0)
    worker.join(20)
    (out,) = outcomes
    assert out.status == "issued", out
    (item,) = journal.outbox_for(out.request_id)
    assert item.idempotency_key == out.request_id and item.attempts >= 2
    (inv,) = _ledger_invoices(sim)
    assert inv["invoice_no"] == out.invoice_no
    done = journal.get_transaction(out.request_id)
    assert done is not None and done.detail.get("replayed") is True


def test_no_answer_in_time_is_unknown_then_settles(
    service: InvoiceService, client: UtilityClient, sim: SimulatorServer
) -> None:
    pid = _pay(client)
    _faults(sim, drop=1.0)
    out = service.request(_req(payment_ids=(pid,)), wait_s=0.3)
    assert (out.status, out.reason, out.invoice_no) == ("unknown", "pending", None)
    _faults(sim, drop=0.0)
    final = service.outcome(out.request_id)
    for _ in range(500):
        if final.status != "unknown":
            break
        threading.Event().wait(0.01)
        final = service.outcome(out.request_id)
    assert final.status == "issued"
    assert len(_ledger_invoices(sim)) == 1


def test_recovery_resends_a_request_a_crash_left_queued(
    tmp_path: Path, client: UtilityClient, sim: SimulatorServer
) -> None:
    pid = _pay(client)
    path = tmp_path / "crash.db"
    first = Journal.open(path, SystemClock())
    stopped = _forwarder(first, client)  # never started: the kiosk "dies" before the send
    out = InvoiceService(first, stopped, KIOSK, SystemClock()).request(
        _req(payment_ids=(pid,)), wait_s=0.0
    )
    assert out.status == "unknown"
    first.close()
    assert _ledger_invoices(sim) == []

    journal = Journal.open(path, SystemClock())
    try:
        forwarder = _forwarder(journal, client)
        service = InvoiceService(journal, forwarder, KIOSK, SystemClock())
        report = recover(journal, forwarder, hooks=service.recovery_hooks())
        assert report.resent == [out.request_id]
        assert forwarder.drain_once().sent == 1
        final = service.outcome(out.request_id)
        assert final.status == "issued"
        assert journal.list_unfinished() == []
        (inv,) = _ledger_invoices(sim)
        assert inv["invoice_no"] == final.invoice_no
    finally:
        journal.close()


def test_card_number_as_name_is_refused_and_nothing_written(
    service: InvoiceService, journal: Journal
) -> None:
    with pytest.raises(InvoiceInputError) as refused:
        service.request(_req(name="6222020200112233445"))
    assert refused.value.issues[0].key == "refused"
    assert journal.list_transactions() == []
