"""The forwarder against the real simulator over loopback HTTP."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

from backend_sim.server import SimulatorServer
from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox import Forwarder, ItemResult, RetryPolicy
from kiosk.payments import CashPayments

from .conftest import KIOSK, Recording, ledger_payments, set_faults

ACCOUNTS = ("3300000001", "3300000002", "3300000007", "1300000000008", "3399999999")


def _pay(cash: CashPayments, account: str, notes: tuple[int, ...]) -> str:
    txn = cash.begin(account, due_fen=0, ceiling_fen=1_000_000)
    for value in notes:
        cash.note_stacked(txn, value, "nv200", 4)
    cash.finish(txn)
    return txn


def test_posts_in_order_per_account(
    journal: Journal,
    forwarder: Forwarder,
    client: Recording,
    sim: SimulatorServer,
    clock: ManualClock,
) -> None:
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    a = [_pay(cash, "3300000001", (10000,)), _pay(cash, "3300000001", (5000, 2000))]
    b = [_pay(cash, "3300000002", (10000,))]
    a.append(_pay(cash, "3300000001", (100,)))
    set_faults(sim, fail_before_commit_rate=1.0)
    first = forwarder.drain_once()
    # only each account's head was tried; the younger items of the same account waited
    assert [key for *_, key in client.calls] == [a[0], b[0]]
    assert (first.sent, first.pending, first.retried) == (0, 4, 2)
    set_faults(sim)
    clock.advance(5)
    summary = forwarder.drain_once()
    assert (summary.sent, summary.failed, summary.pending) == (4, 0, 0)
    ledger = ledger_payments(sim)
    assert [p["transaction_id"] for p in ledger if p["account_no"] == "3300000001"] == a
    assert [p["amount_fen"] for p in ledger if p["account_no"] == "3300000001"] == [
        10000,
        7000,
        100,
    ]
    outcome = cash.outcome(a[1])
    assert outcome.state == "posted"
    assert outcome.amount_fen == 7000
    assert outcome.receipt_no == next(
        p["receipt_no"] for p in ledger if p["transaction_id"] == a[1]
    )
    assert outcome.new_balance_fen == 0


def test_dropped_answer_is_resent_with_same_key_and_replayed(
    journal: Journal,
    forwarder: Forwarder,
    client: Recording,
    sim: SimulatorServer,
    clock: ManualClock,
) -> None:
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    set_faults(sim, drop_response_after_commit_rate=1.0)
    txn = _pay(cash, "3300000001", (10000, 10000))
    assert forwarder.drain_once().pending == 1
    item = journal.outbox_for(txn)[0]
    assert (item.state, item.attempts) == ("pending", 1)
    assert "OUTCOME_UNKNOWN" in (item.last_error or "")
    assert len(ledger_payments(sim)) == 1  # the server did commit it
    set_faults(sim)
    assert forwarder.drain_once().sent == 0  # not due yet: backoff
    clock.advance(61)
    assert forwarder.drain_once().sent == 1
    assert len(client.calls) == 2
    assert client.calls[0] == client.calls[1]  # same method, path, body and key
    assert journal.get_transaction(txn).detail["replayed"] is True  # type: ignore[union-attr]
    assert [p["transaction_id"] for p in ledger_payments(sim)] == [txn]
    assert cash.outcome(txn).state == "posted"


def test_503_retry_after_is_honoured_on_the_injected_clock(
    journal: Journal,
    forwarder: Forwarder,
    client: Recording,
    sim: SimulatorServer,
    clock: ManualClock,
) -> None:
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    set_faults(sim, fail_before_commit_rate=1.0)
    txn = _pay(cash, "3300000002", (5000,))
    sent_at = clock.now()
    forwarder.drain_once()
    item = journal.outbox_for(txn)[0]
    assert item.next_attempt_at >= sent_at + timedelta(seconds=1)  # Retry-After: 1
    assert item.next_attempt_at <= sent_at + timedelta(seconds=1.1)
    set_faults(sim)
    clock.advance(0.9)
    forwarder.drain_once()
    assert len(client.calls) == 1  # still waiting
    clock.advance(0.25)
    assert forwarder.drain_once().sent == 1
    assert len(client.calls) == 2
    assert ledger_payments(sim)[0]["transaction_id"] == txn


def test_final_refusals_go_to_rejected_and_attention(
    journal: Journal, forwarder: Forwarder, sim: SimulatorServer
) -> None:
    paid = journal.create_transaction(
        kiosk_id=KIOSK,
        kind="payment",
        account_no="3300000001",
        amount_fen=100,
        method="wechat",
        state="posting",
    ).id
    body = {
        "transaction_id": paid,
        "account_no": "3300000001",
        "amount_fen": 100,
        "method": "wechat",
        "method_ref": "C-NEVER-EXISTED-1",
        "occurred_at": "2026-11-26T08:00:00Z",
        "cash_notes": None,
    }
    journal.enqueue(paid, "POST", "/v1/payments", body, paid, "3300000001")
    charge = journal.create_transaction(
        kiosk_id=KIOSK, kind="mobile_charge", account_no="3300000002", state="reversing"
    ).id
    journal.enqueue(
        charge,
        "POST",
        "/v1/mobile-charges/C-UNKNOWN-0001/reverse",
        None,  # type: ignore[arg-type]
        f"{charge}-reverse",
        "3300000002",
    )
    summary = forwarder.drain_once()
    assert (summary.sent, summary.failed, summary.pending) == (0, 2, 0)
    for txn_id, code in ((paid, "PAYMENT_NOT_CONFIRMED"), (charge, "NOT_FOUND")):
        item = journal.outbox_for(txn_id)[0]
        assert item.state == "failed_final"
        assert code in (item.last_error or "")
        assert journal.get_transaction(txn_id).state == "rejected"  # type: ignore[union-attr]
    reasons = {a.txn_id: a.reason for a in journal.list_attention()}
    assert "PAYMENT_NOT_CONFIRMED" in reasons[paid]
    assert "NOT_FOUND" in reasons[charge]
    assert ledger_payments(sim) == []


def test_wrong_secret_is_retried_not_rejected(
    journal: Journal, sim: SimulatorServer, clock: ManualClock
) -> None:
    with UtilityClient(sim.url, KIOSK, "wrong-secret", clock=clock) as bad:
        forwarder = Forwarder(journal, bad, clock, random.Random(2))
        cash = CashPayments(journal, forwarder, KIOSK, clock)
        txn = _pay(cash, "3300000001", (10000,))
        assert forwarder.drain_once().pending == 1
    item = journal.outbox_for(txn)[0]
    assert item.state == "pending"
    assert "BAD_SIGNATURE" in (item.last_error or "")
    assert cash.outcome(txn).state == "posting"


def test_unreachable_back_end_keeps_items_and_flags_stuck_ones(
    journal: Journal, clock: ManualClock
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with UtilityClient(f"http://127.0.0.1:{port}", KIOSK, "s", clock=clock) as dead:
        policy = RetryPolicy(base_s=1, max_s=8, attention_after=3)
        forwarder = Forwarder(journal, dead, clock, random.Random(3), policy=policy)
        txn = _pay(CashPayments(journal, forwarder, KIOSK, clock), "3300000001", (5000,))
        delays = []
        for _ in range(4):
            before = clock.now()
            forwarder.drain_once()
            delays.append((journal.outbox_for(txn)[0].next_attempt_at - before).total_seconds())
            clock.advance(10)
    assert journal.outbox_for(txn)[0].attempts == 4
    assert 0.5 <= delays[0] <= 1
    assert 1 <= delays[1] <= 2
    assert 2 <= delays[2] <= 4
    assert 4 <= delays[3] <= 8
    attention = journal.list_attention()
    assert len(attention) == 1  # once, at the third attempt
    assert "BACKEND_UNAVAILABLE" in attention[0].reason
    assert journal.get_transaction(txn).state == "posting"  # type: ignore[union-attr]


def test_thread_forwarder_wait_result_and_callback(
    journal: Journal, client: Recording, sim: SimulatorServer, clock: ManualClock
) -> None:
    seen: list[ItemResult] = []
    forwarder = Forwarder(journal, client, clock, random.Random(4), on_result=seen.append)
    forwarder.start()
    try:
        cash = CashPayments(journal, forwarder, KIOSK, clock)
        txn = _pay(cash, "3300000001", (10000,))
        result = forwarder.wait_result(txn, timeout_s=20)
    finally:
        forwarder.stop()
    assert result is not None
    assert (result.state, result.txn_state) == ("sent", "posted")
    assert result.response is not None
    assert result.response["transaction_id"] == txn
    assert [r.txn_id for r in seen] == [txn]
    assert forwarder.wait_result("T-never", timeout_s=0.05) is None


def _settle(journal: Journal, forwarder: Forwarder, clock: ManualClock, rounds: int) -> None:
    for _ in range(rounds):
        if journal.outbox_depth() == 0:
            return
        forwarder.drain_once()
        clock.advance(61)


def _assert_ledger_equals_journal(journal: Journal, sim: SimulatorServer, txns: list[str]) -> None:
    ledger = ledger_payments(sim)
    by_txn = {p["transaction_id"]: p for p in ledger}
    assert len(ledger) == len(by_txn) == len(txns)  # nothing posted twice, nothing missing
    for txn_id in txns:
        record = journal.get_transaction(txn_id)
        assert record is not None
        posted = by_txn[txn_id]
        notes = journal.notes_for(txn_id)
        assert posted["amount_fen"] == record.amount_fen == sum(n.value_fen for n in notes)
        assert posted["account_no"] == record.account_no
        assert record.state == posted["status"]
        assert record.detail["receipt_no"] == posted["receipt_no"]
        assert record.detail["payment_id"] == posted["payment_id"]


def test_faulty_back_end_ledger_equals_journal(
    journal: Journal,
    forwarder: Forwarder,
    client: Recording,
    sim: SimulatorServer,
    clock: ManualClock,
) -> None:
    set_faults(sim, fail_before_commit_rate=0.2, drop_response_after_commit_rate=0.2, seed=11)
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    rng = random.Random(5)
    txns = [
        _pay(
            cash,
            rng.choice(ACCOUNTS),
            tuple(
                rng.choice((100, 500, 1000, 2000, 5000, 10000)) for _ in range(rng.randint(1, 4))
            ),
        )
        for _ in range(50)
    ]
    _settle(journal, forwarder, clock, rounds=60)
    assert journal.outbox_depth() == 0
    _assert_ledger_equals_journal(journal, sim, txns)
    assert {journal.get_transaction(t).state for t in txns} <= {"posted", "suspense"}  # type: ignore[union-attr]
    assert any(journal.get_transaction(t).state == "suspense" for t in txns)  # type: ignore[union-attr]
    # the faults really happened: resends, and answers replayed after a dropped one
    assert len(client.calls) >= 60
    replayed = [t for t in txns if journal.get_transaction(t).detail["replayed"]]  # type: ignore[union-attr]
    assert len(replayed) >= 3


def test_faulty_back_end_with_worker_threads(
    journal: Journal, client: Recording, sim: SimulatorServer, clock: ManualClock
) -> None:
    set_faults(sim, fail_before_commit_rate=0.2, drop_response_after_commit_rate=0.2, seed=12)
    done = threading.Condition()
    finished: list[str] = []

    def on_result(result: ItemResult) -> None:
        with done:
            finished.append(result.txn_id)
            done.notify_all()

    forwarder = Forwarder(
        journal,
        client,
        clock,
        random.Random(6),
        workers=4,
        on_result=on_result,
        policy=RetryPolicy(max_s=30),
        idle_poll_s=0.05,
    )
    cash = CashPayments(journal, forwarder, KIOSK, clock)
    txns = [_pay(cash, ACCOUNTS[i % len(ACCOUNTS)], (1000 * (i + 1),)) for i in range(30)]
    forwarder.start()
    try:
        for _ in range(200):
            with done:
                if len(finished) == len(txns):
                    break
                done.wait(0.1)
            clock.advance(35)
            forwarder.wake()
    finally:
        forwarder.stop()
    assert sorted(finished) == sorted(txns)
    _assert_ledger_equals_journal(journal, sim, txns)
