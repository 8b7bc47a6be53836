"""Wallet charges and orders against the real simulator, time moved by the shared ManualClock."""

from __future__ import annotations

import random

import httpx
import pytest

from kiosk.outbox import Forwarder
from kiosk.payload import PaymentCode, classify
from kiosk.payments.recovery import recover
from kiosk.payments.wallet import WalletPayments, WalletProgress

ACCOUNT = "3300000002"  # active, nothing due: any amount goes to the balance


def code(last4: str) -> PaymentCode:
    parsed = classify("1345678901234" + "0" + last4)  # 18 digits, prefix 13: WeChat
    assert isinstance(parsed, PaymentCode)
    return parsed


@pytest.fixture
def forwarder(journal, client, clock):
    return Forwarder(journal, client, clock, random.Random(1))


@pytest.fixture
def wallet(journal, client, forwarder, clock):
    return WalletPayments(journal, client, forwarder, "K-330106-0001", clock, poll_s=3.0)


def sleeper(clock, on_wait=None):
    """Waiting moves the shared clock (simulator included); returns True to mean "cancelled"."""
    calls = {"n": 0}

    def wait(seconds: float) -> bool:
        calls["n"] += 1
        clock.advance(seconds)
        return bool(on_wait and on_wait(calls["n"]))

    return wait


def ledger(sim) -> dict:
    return httpx.get(f"{sim.url}/v1/sim/ledger", timeout=10).json()


def kiosk_payments(sim) -> list[dict]:
    return [
        p for p in ledger(sim)["payments"] if str(p.get("transaction_id", "")).startswith("T-K")
    ]


def charges(sim) -> list[dict]:
    return ledger(sim).get("mobile_charges") or ledger(sim).get("charges") or []


def progress_log():
    seen: list[WalletProgress] = []
    return seen, seen.append


def test_immediate_success_becomes_one_posted_payment(wallet, forwarder, journal, sim, clock):
    seen, progress = progress_log()
    result = wallet.charge(ACCOUNT, 5000, code("1234"), sleeper(clock), progress)
    assert result.outcome == "paid"
    charge = journal.get_transaction(result.operation_id)
    assert charge.state == "done"
    assert charge.detail["code"] == "13************1234"
    payment = journal.get_transaction(result.payment_txn_id)
    assert payment.state == "posting" and payment.method == "wechat"
    summary = forwarder.drain_once()
    assert summary.sent == 1
    posted = kiosk_payments(sim)
    assert [(p["amount_fen"], p["method"], p["method_ref"]) for p in posted] == [
        (5000, "wechat", result.operation_id)
    ]
    assert journal.get_transaction(result.payment_txn_id).state == "posted"


def test_failed_code_charges_nothing(wallet, journal, sim, clock):
    result = wallet.charge(ACCOUNT, 5000, code("0001"), sleeper(clock), lambda p: None)
    assert result.outcome == "failed"
    assert journal.get_transaction(result.operation_id).state == "failed"
    assert kiosk_payments(sim) == []


def test_userpaying_then_success_is_polled_to_the_end(wallet, journal, clock):
    seen, progress = progress_log()
    result = wallet.charge(ACCOUNT, 5000, code("0002"), sleeper(clock), progress)
    assert result.outcome == "paid"
    assert seen and seen[0].phase == "userpaying" and seen[0].seconds_left == 45
    # The phone pays at 20 s; polls every 3 s see it at the first poll after that.
    paid_seen_at = 45 - seen[-1].seconds_left + 3
    assert 20 <= paid_seen_at < 23


def test_never_paid_is_reversed_after_45_seconds(wallet, journal, sim, clock):
    start = clock.monotonic()
    result = wallet.charge(ACCOUNT, 5000, code("0003"), sleeper(clock), lambda p: None)
    assert result.outcome == "cancelled"
    assert clock.monotonic() - start == pytest.approx(45, abs=0.01)
    txn = journal.get_transaction(result.operation_id)
    assert (txn.state, txn.detail["reason"]) == ("cancelled", "closed")
    assert kiosk_payments(sim) == []


def test_system_error_on_create_is_queried_not_assumed(wallet, forwarder, journal, sim, clock):
    result = wallet.charge(ACCOUNT, 5000, code("0004"), sleeper(clock), lambda p: None)
    assert result.outcome == "paid"
    forwarder.drain_once()
    assert [p["method_ref"] for p in kiosk_payments(sim)] == [result.operation_id]


def test_resident_cancel_reverses_at_once(wallet, journal, clock):
    start = clock.monotonic()
    wait = sleeper(clock, on_wait=lambda n: n == 2)
    result = wallet.charge(ACCOUNT, 5000, code("0003"), wait, lambda p: None)
    assert result.outcome == "cancelled"
    assert clock.monotonic() - start == pytest.approx(6)


def test_paid_between_last_query_and_reverse_is_reported_as_refunded(wallet, sim, clock):
    """The phone pays at 20 s; our last query is at 18 s; the reverse arrives after 20 s."""
    short = WalletPayments(
        wallet._journal,
        wallet._client,
        wallet._forwarder,
        "K-330106-0001",
        clock,
        poll_s=3.0,
        max_wait_s=19.0,
    )

    def progress(p: WalletProgress) -> None:
        if p.phase == "reversing":
            clock.advance(5)

    result = short.charge(ACCOUNT, 5000, code("0002"), sleeper(clock), progress)
    assert result.outcome == "refunded"
    assert kiosk_payments(sim) == []


def test_the_payment_code_is_never_stored(wallet, journal_path, clock):
    full = code("5678")
    wallet.charge(ACCOUNT, 5000, full, sleeper(clock), lambda p: None)
    for path in journal_path.parent.glob("journal.db*"):
        assert full.code.encode() not in path.read_bytes()


def test_restart_mid_charge_drives_it_to_a_final_state(journal, client, sim, clock, waker):
    """A crash while the resident was confirming: recovery queries, then reverses."""
    crashed = WalletPayments(journal, client, waker, "K-330106-0001", clock)

    def crash_wait(seconds: float) -> bool:
        raise SystemExit("power cut")  # the process dies while waiting for the phone

    with pytest.raises(SystemExit):
        crashed.charge(ACCOUNT, 5000, code("0003"), crash_wait, lambda p: None)
    open_txns = [t for t in journal.list_unfinished() if t.kind == "mobile_charge"]
    assert [t.state for t in open_txns] == ["userpaying"]
    report = recover(journal, waker, hooks=crashed.recovery_hooks())
    assert report.finished == [open_txns[0].id]
    assert journal.get_transaction(open_txns[0].id).state == "cancelled"


def test_restart_after_the_phone_paid_posts_the_payment(journal, client, sim, clock, waker):
    crashed = WalletPayments(journal, client, waker, "K-330106-0001", clock)

    def crash_wait(seconds: float) -> bool:
        raise SystemExit("power cut")

    with pytest.raises(SystemExit):
        crashed.charge(ACCOUNT, 5000, code("0002"), crash_wait, lambda p: None)
    clock.advance(30)  # the resident confirmed on the phone while the kiosk was down
    recover(journal, waker, hooks=crashed.recovery_hooks())
    (charge,) = journal.list_transactions(kind="mobile_charge")
    assert charge.state == "done"
    payment = journal.get_transaction(charge.detail["payment_txn"])
    assert payment.state == "posting"
    # Running recovery again changes nothing: one payment per charge.
    recover(journal, waker, hooks=crashed.recovery_hooks())
    assert len(journal.list_transactions(kind="payment")) == 1


def test_displayed_qr_paid_by_the_phone(wallet, forwarder, journal, sim, clock):
    urls: list[str] = []

    def progress(p: WalletProgress) -> None:
        if p.code_url:
            urls.append(p.code_url)

    def pay_on_second_wait(n: int) -> bool:
        if n == 2:
            order_id = journal.list_transactions(kind="mobile_order")[0].id
            reply = httpx.post(
                f"{sim.url}/v1/sim/mobile-orders/{order_id}/pay", json={"wallet": "alipay"}
            )
            assert reply.status_code == 200
        return False

    result = wallet.order(ACCOUNT, 8000, 300, sleeper(clock, pay_on_second_wait), progress)
    assert result.outcome == "paid"
    assert urls and urls[0].startswith("https://")
    forwarder.drain_once()
    assert [(p["amount_fen"], p["method"]) for p in kiosk_payments(sim)] == [(8000, "alipay")]


def test_displayed_qr_expires_and_is_closed(wallet, journal, sim, clock):
    result = wallet.order(ACCOUNT, 8000, 60, sleeper(clock), lambda p: None)
    assert result.outcome == "cancelled"
    assert journal.get_transaction(result.operation_id).state == "cancelled"
    assert kiosk_payments(sim) == []


def test_close_that_finds_the_order_paid_completes_it(wallet, journal, sim, clock):
    def pay_then_cancel(n: int) -> bool:
        order_id = journal.list_transactions(kind="mobile_order")[0].id
        httpx.post(f"{sim.url}/v1/sim/mobile-orders/{order_id}/pay", json={"wallet": "wechat"})
        return True  # the resident pressed cancel just as the phone paid

    result = wallet.order(ACCOUNT, 8000, 300, sleeper(clock, pay_then_cancel), lambda p: None)
    assert result.outcome == "paid"


def test_large_amount_asks_for_the_password_then_pays(wallet, journal, clock):
    """Above ¥1000 the wallet asks for the payer's password: USERPAYING for 10 s, then SUCCESS."""
    seen, progress = progress_log()
    result = wallet.charge(ACCOUNT, 100_001, code("5678"), sleeper(clock), progress)
    assert result.outcome == "paid"
    assert seen and seen[0].phase == "userpaying"
    assert 45 - seen[-1].seconds_left + 3 >= 10
