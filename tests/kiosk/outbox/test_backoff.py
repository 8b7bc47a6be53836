"""Backoff grows exponentially with bounded jitter and never undercuts Retry-After."""

from __future__ import annotations

import random

from kiosk.outbox import RetryPolicy
from kiosk.outbox.outcomes import ResponseMismatch, judge_success


def test_exponential_with_jitter_and_cap() -> None:
    policy = RetryPolicy(base_s=1, max_s=60, min_s=0.5)
    rng = random.Random(9)
    for attempts in range(1, 12):
        step = min(60.0, 2.0 ** (attempts - 1))
        samples = [policy.delay_s(attempts, None, rng) for _ in range(50)]
        assert all(max(0.5, step / 2) <= s <= step for s in samples)
        assert len(set(samples)) > 1  # jittered


def test_retry_after_is_a_floor() -> None:
    policy = RetryPolicy()
    rng = random.Random(1)
    samples = [policy.delay_s(1, 30, rng) for _ in range(50)]
    assert all(30 <= s <= 33 for s in samples)


def test_judge_success_checks_ids_and_status() -> None:
    sent = {"transaction_id": "T-1", "amount_fen": 100}
    good = {
        "transaction_id": "T-1",
        "status": "suspense",
        "payment_id": "P",
        "receipt_no": "R",
        "new_balance_fen": 0,
    }
    assert judge_success("/v1/payments", 201, sent, good) == (
        "suspense",
        {"payment_id": "P", "receipt_no": "R", "new_balance_fen": 0},
    )
    for bad in (
        {**good, "transaction_id": "T-2"},
        {**good, "status": "weird"},
        {**good, "new_balance_fen": 1.5},
        {k: v for k, v in good.items() if k != "receipt_no"},
    ):
        try:
            judge_success("/v1/payments", 201, sent, bad)
        except ResponseMismatch:
            continue
        raise AssertionError(f"accepted {bad}")
    assert (
        judge_success("/v1/x/y/reverse", 200, {"charge_id": "C-1"}, {"charge_id": "C-1"})[0]
        == "done"
    )
