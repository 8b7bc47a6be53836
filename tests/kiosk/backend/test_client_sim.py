"""The client against the real simulator over real HTTP on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from backend_support import KIOSK_ID, SECRET

from backend_sim.server import SimulatorServer
from kiosk.backend import bodies
from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import ApiError, BackendUnavailable, InvalidRequest, OutcomeUnknown
from kiosk.clock import ManualClock

TX = "T-K-330106-0001-000123"


@pytest.fixture
def sim(tmp_path: Path, clock: ManualClock) -> Iterator[SimulatorServer]:
    with SimulatorServer(
        port=0, state_path=tmp_path / "sim.db", clock=clock, slow_card_delay_s=2.0
    ) as server:
        yield server


@pytest.fixture
def client(sim: SimulatorServer, clock: ManualClock) -> Iterator[UtilityClient]:
    with UtilityClient(sim.url, KIOSK_ID, SECRET, clock=clock) as kiosk_client:
        yield kiosk_client


def sim_call(sim: SimulatorServer, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """Simulator-only endpoints (unsigned), over plain HTTP."""
    response = httpx.request(method, sim.url + path, json=body, timeout=5)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def set_faults(sim: SimulatorServer, **rates: float) -> None:
    sim_call(
        sim,
        "POST",
        "/v1/sim/faults",
        {
            "latency_ms": 0,
            "fail_before_commit_rate": 0.0,
            "drop_response_after_commit_rate": 0.0,
            "seed": 1,
            **rates,
        },
    )


def ledger_payments(sim: SimulatorServer, transaction_id: str) -> list[dict[str, Any]]:
    payments = sim_call(sim, "GET", "/v1/sim/ledger")["payments"]
    return [p for p in payments if p.get("transaction_id") == transaction_id]


def cash_payment(
    client: UtilityClient, amount_fen: int, tx: str = TX, account_no: str = "3300000001"
) -> bodies.PaymentBody:
    return bodies.payment_body(
        transaction_id=tx,
        account_no=account_no,
        amount_fen=amount_fen,
        method="cash",
        occurred_at=ManualClock().now(),
        cash_notes={10000: amount_fen // 10000},
    )


def test_account_and_bills(client: UtilityClient) -> None:
    account = client.get_account("3300000001")
    assert (account.status, account.billing_mode, account.arrears_fen) == (
        "arrears",
        "postpaid",
        13988 + 23726,
    )
    assert account.late_fee_fen >= 100
    bills = client.get_bills("3300000001")
    assert [(b.period, b.amount_fen, b.status) for b in bills] == [
        ("2026-10", 23726, "unpaid"),
        ("2026-09", 13988, "unpaid"),
    ]
    assert [line.kind for line in bills[0].lines] == ["tier1", "tier2"]
    assert client.get_account("1300000000008").amount_due_fen == 8070


def test_reads_of_other_resources(client: UtilityClient) -> None:
    usage = client.get_usage("3300000004", months=6)
    assert "low_balance" in [alert.kind for alert in usage.alerts]
    assert client.get_account("3300000003").card is not None
    assert client.get_pending_card_purchases("3300000003") == []
    assert isinstance(client.get_payments("3300000001", limit=5), list)


def test_unknown_account_is_api_error(client: UtilityClient) -> None:
    with pytest.raises(ApiError) as caught:
        client.get_account("3399999999")
    assert (caught.value.status, caught.value.code) == (404, "ACCOUNT_NOT_FOUND")
    with pytest.raises(InvalidRequest):
        client.get_account("339999")


def test_cash_payment_clears_the_arrears(sim: SimulatorServer, client: UtilityClient) -> None:
    due = client.get_account("3300000001").amount_due_fen
    paid = (due // 10000 + 1) * 10000
    result = client.post_payment(cash_payment(client, paid))
    assert (result.status, result.transaction_id, result.new_amount_due_fen) == ("posted", TX, 0)
    assert result.to_balance_fen == paid - due
    assert [a.bill_id for a in result.applied] == ["B-3300000001-2026-09", "B-3300000001-2026-10"]
    assert client.get_account("3300000001").amount_due_fen == 0
    assert len(ledger_payments(sim, TX)) == 1


def test_dropped_answer_is_outcome_unknown_and_retry_replays(
    sim: SimulatorServer, client: UtilityClient
) -> None:
    body = cash_payment(client, 30000)
    set_faults(sim, drop_response_after_commit_rate=1.0)
    with pytest.raises(OutcomeUnknown) as caught:
        client.post_payment(body)
    assert caught.value.may_have_committed is True
    assert caught.value.idempotency_key == TX
    set_faults(sim)  # the network recovers
    assert len(ledger_payments(sim, TX)) == 1  # the server did commit

    # The outbox resends the journaled path, body and key unchanged.
    first = client.send("POST", "/v1/payments", dict(body), TX)
    again = client.send("POST", "/v1/payments", dict(body), TX)
    assert (first.status, first.replayed) == (201, True)
    assert again.body == first.body
    assert len(ledger_payments(sim, TX)) == 1  # never counted twice
    account = client.get_account("3300000001")
    assert account.balance_fen + 13988 + 23726 + account.late_fee_fen - 30000 >= 0


def test_fail_before_commit_is_retryable_and_changes_nothing(
    sim: SimulatorServer, client: UtilityClient
) -> None:
    set_faults(sim, fail_before_commit_rate=1.0)
    with pytest.raises(ApiError) as caught:
        client.post_payment(cash_payment(client, 10000))
    assert (caught.value.status, caught.value.retryable) == (503, True)
    assert caught.value.retry_after is not None
    assert caught.value.may_have_committed is False
    assert ledger_payments(sim, TX) == []
    set_faults(sim)
    assert client.post_payment(cash_payment(client, 10000)).status == "posted"


def test_same_key_other_body_is_idempotency_conflict(
    sim: SimulatorServer, client: UtilityClient
) -> None:
    client.post_payment(cash_payment(client, 10000))
    with pytest.raises(ApiError) as caught:
        client.post_payment(cash_payment(client, 20000))
    assert (caught.value.status, caught.value.code) == (409, "IDEMPOTENCY_CONFLICT")
    assert [p["amount_fen"] for p in ledger_payments(sim, TX)] == [10000]


def test_wrong_secret_is_bad_signature(sim: SimulatorServer, clock: ManualClock) -> None:
    with (
        UtilityClient(sim.url, KIOSK_ID, "not-the-secret", clock=clock) as wrong,
        pytest.raises(ApiError) as caught,
    ):
        wrong.get_account("3300000001")
    assert (caught.value.status, caught.value.code) == (401, "BAD_SIGNATURE")
    assert "not-the-secret" not in f"{caught.value!r} {caught.value.body}"


def test_kiosk_clock_far_off_is_clock_skew(sim: SimulatorServer) -> None:
    late = ManualClock()
    late.advance(3600)
    with (
        UtilityClient(sim.url, KIOSK_ID, SECRET, clock=late) as skewed,
        pytest.raises(ApiError) as caught,
    ):
        skewed.get_account("3300000001")
    assert caught.value.code == "CLOCK_SKEW"


def test_mobile_charge_userpaying_then_reversed(client: UtilityClient) -> None:
    charge_id = "C-K-330106-0001-000124"
    body = bodies.mobile_charge_body(
        charge_id=charge_id,
        account_no="3300000001",
        amount_fen=30000,
        auth_code="134567890123450003",
    )
    assert client.create_mobile_charge(body).status == "USERPAYING"
    assert client.get_mobile_charge(charge_id).status == "USERPAYING"
    reversal = client.reverse_mobile_charge(charge_id)
    assert reversal.status in ("REVERSED", "CLOSED")
    assert client.get_mobile_charge(charge_id).status == reversal.status


def test_mobile_charge_then_wallet_payment(client: UtilityClient) -> None:
    charge_id = "C-K-330106-0001-000125"
    body = bodies.mobile_charge_body(
        charge_id=charge_id,
        account_no="3300000001",
        amount_fen=10000,
        auth_code="281234567890123456",
    )
    charge = client.create_mobile_charge(body)
    assert (charge.status, charge.wallet) == ("SUCCESS", "alipay")
    payment = bodies.payment_body(
        transaction_id="T-K-330106-0001-000125",
        account_no="3300000001",
        amount_fen=10000,
        method="alipay",
        method_ref=charge_id,
        occurred_at=ManualClock().now(),
    )
    assert client.post_payment(payment).status == "posted"


def test_mobile_order_paid_before_close(sim: SimulatorServer, client: UtilityClient) -> None:
    order_id = "O-K-330106-0001-000125"
    created = client.create_mobile_order(
        bodies.mobile_order_body(order_id=order_id, account_no="3300000001", amount_fen=30000)
    )
    assert created.status == "NOTPAY"
    assert created.code_url.startswith("https://")
    sim_call(sim, "POST", f"/v1/sim/mobile-orders/{order_id}/pay", {"wallet": "wechat"})
    closed = client.close_mobile_order(order_id)
    assert (closed.status, closed.wallet) == ("SUCCESS", "wechat")
    assert client.get_mobile_order(order_id).status == "SUCCESS"


def card(auth_id: str, pan: str) -> bodies.CardAuthorizationBody:
    return bodies.card_authorization_body(
        auth_id=auth_id,
        account_no="3300000001",
        amount_fen=30000,
        pan=pan,
        expiry="2812",
        pan_sequence="01",
        aid="A000000333010101",
    )


def test_card_authorization_and_reversal(client: UtilityClient) -> None:
    approved = client.create_card_authorization(
        card("A-K-330106-0001-000126", "6212345678901234569")
    )
    assert (approved.status, approved.masked_pan) == ("APPROVED", "621234*********4569")
    assert client.reverse_card_authorization("A-K-330106-0001-000126").status == "REVERSED"
    declined = client.create_card_authorization(
        card("A-K-330106-0001-000127", "6212345678901260002")
    )
    assert declined.status == "DECLINED"
    assert declined.decline_reason


def test_slow_card_times_out_as_outcome_unknown(sim: SimulatorServer, clock: ManualClock) -> None:
    with (
        UtilityClient(sim.url, KIOSK_ID, SECRET, clock=clock, read_timeout=0.5) as impatient,
        pytest.raises(OutcomeUnknown, match="ReadTimeout") as caught,
    ):
        impatient.create_card_authorization(card("A-K-330106-0001-000128", "6212345678901250003"))
    assert caught.value.idempotency_key == "A-K-330106-0001-000128"
    assert "6212345678901250003" not in str(caught.value)


def test_card_purchase_written_and_confirmed(client: UtilityClient) -> None:
    paid = client.post_payment(cash_payment(client, 10000, "T-K-330106-0001-000200", "3300000003"))
    purchase = client.create_card_purchase(
        bodies.card_purchase_body(
            purchase_id="U-K-330106-0001-000127",
            account_no="3300000003",
            card_serial="8600000000000003",
            card_purchase_count=7,
            amount_fen=10000,
            payment_id=paid.payment_id,
        )
    )
    assert (purchase.new_purchase_count, purchase.credit_fen) == (8, 10000)
    pending = client.get_pending_card_purchases("3300000003")
    assert [p.purchase_id for p in pending] == ["U-K-330106-0001-000127"]
    assert client.confirm_card_purchase("U-K-330106-0001-000127", 8).status == "written"
    assert client.get_pending_card_purchases("3300000003") == []


def test_invoice_then_already_invoiced(client: UtilityClient) -> None:
    paid = client.post_payment(cash_payment(client, 10000))
    invoice = client.create_invoice(
        bodies.invoice_body(
            request_id="I-K-330106-0001-000128",
            payment_ids=[paid.payment_id],
            buyer_kind="personal",
            buyer_name="张三明",
        )
    )
    assert (invoice.status, invoice.amount_fen) == ("issued", 10000)
    with pytest.raises(ApiError) as caught:
        client.create_invoice(
            bodies.invoice_body(
                request_id="I-K-330106-0001-000129",
                payment_ids=[paid.payment_id],
                buyer_kind="personal",
                buyer_name="张三明",
            )
        )
    assert caught.value.code == "ALREADY_INVOICED"
    assert caught.value.invoice_no == invoice.invoice_no


def test_mandate_create_and_cancel(client: UtilityClient) -> None:
    mandate = client.create_mandate(
        bodies.mandate_body(
            mandate_id="M-K-330106-0001-000129",
            account_no="3300000002",
            pan="6212345678901234569",
            expiry="2812",
            holder_name="张三明",
            day_of_month=10,
            limit_fen=50000,
        )
    )
    assert (mandate.status, mandate.bank_masked) == ("active", "621234*********4569")
    assert client.cancel_mandate("M-K-330106-0001-000129").status == "cancelled"


def heartbeat(clock: ManualClock) -> bodies.HeartbeatBody:
    ok: bodies.DeviceBody = {"state": "ok"}
    return bodies.heartbeat_body(
        sent_at=clock.now(),
        software_version="0.1.0",
        mode="in_service",
        devices={
            "cash_acceptor": ok,
            "printer": {"state": "ok", "paper": "ok"},
            "card_reader": ok,
            "scanner": ok,
        },
        outbox_depth=0,
        oldest_unsent_at=None,
        cashbox_notes=3,
        cashbox_total_fen=30000,
    )


def test_heartbeat_ping_collection_and_settlement(
    client: UtilityClient, clock: ManualClock
) -> None:
    ping = client.ping(heartbeat(clock), "HB-K-330106-0001-0001")
    assert ping.latency_s == 0.0  # the manual clock stands still
    assert abs(ping.clock_offset_s) < 1
    assert isinstance(client.heartbeat(heartbeat(clock), "HB-K-330106-0001-0002").commands, list)
    paid = client.post_payment(cash_payment(client, 10000))
    collection = client.post_cash_collection(
        bodies.cash_collection_body(
            collection_id="CC-K-330106-0001-0001",
            opened_at=clock.now(),
            closed_at=clock.now(),
            staff_id="S-001",
            expected={10000: 1},
            counted={},
        )
    )
    assert collection.discrepancy_fen == -10000
    settlement = client.post_settlement(
        bodies.settlement_body(
            settlement_id="S-K-330106-0001-20261126",
            business_date=date(2026, 11, 26),
            totals=[{"method": "cash", "count": 1, "amount_fen": 10000}],
            transaction_ids=[paid.transaction_id],
        )
    )
    assert settlement.status == "matched", settlement


def test_one_client_many_threads(sim: SimulatorServer, client: UtilityClient) -> None:
    ids = [f"T-K-330106-0001-{n:06d}" for n in range(300, 316)]

    def pay(tx: str) -> str:
        return client.post_payment(cash_payment(client, 10000, tx, "3300000002")).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(pay, ids)) == ["posted"] * len(ids)
    ledger = sim_call(sim, "GET", "/v1/sim/ledger")["payments"]
    mine = sorted(p["transaction_id"] for p in ledger if p.get("transaction_id") in ids)
    assert mine == ids  # each exactly once
    assert client.get_account("3300000002").balance_fen == 5000 + 10000 * len(ids)


def test_nothing_listening_is_backend_unavailable(clock: ManualClock) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        UtilityClient(f"http://127.0.0.1:{port}", KIOSK_ID, SECRET, clock=clock) as offline,
        pytest.raises(BackendUnavailable) as caught,
    ):
        offline.post_payment(cash_payment(offline, 10000))
    assert caught.value.may_have_committed is False
    assert "ConnectError" in str(caught.value)


def test_systemerror_on_create_is_outcome_unknown_then_queried(client: UtilityClient) -> None:
    charge_id = "C-K-330106-0001-000130"
    body = bodies.mobile_charge_body(
        charge_id=charge_id,
        account_no="3300000001",
        amount_fen=10000,
        auth_code="134567890123450004",
    )
    with pytest.raises(OutcomeUnknown) as caught:
        client.create_mobile_charge(body)
    assert (caught.value.status, caught.value.server_code) == (500, "SYSTEMERROR")
    assert "134567890123450004" not in str(caught.value)
    assert client.get_mobile_charge(charge_id).status == "SUCCESS"  # it did go through


def test_connection_is_reused(sim: SimulatorServer, client: UtilityClient) -> None:
    seen: set[tuple[str, int]] = set()
    for _ in range(5):
        client.get_account("3300000002")
        seen |= {conn.getpeername() for conn in sim._httpd.connections}  # type: ignore[union-attr]
    assert len(seen) == 1  # one keep-alive TCP connection carried all five requests
