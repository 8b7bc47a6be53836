"""Paths, query strings and idempotency keys of each operation."""

from __future__ import annotations

import pytest

from kiosk.backend import calls
from kiosk.backend.errors import InvalidRequest


def test_reads_are_gets_with_exact_query_strings() -> None:
    assert calls.bills("3300000001") == calls.Call(
        "GET", "/v1/accounts/3300000001/bills?status=unpaid&limit=12", None, None, 200
    )
    assert calls.bills("1300000000008", "all", 5).path == (
        "/v1/accounts/1300000000008/bills?status=all&limit=5"
    )
    assert calls.usage("3300000001", 6).path == "/v1/accounts/3300000001/usage?months=6"
    assert calls.payments("3300000001").path == "/v1/accounts/3300000001/payments?limit=20"
    assert calls.pending_card_purchases("3300000003").path == (
        "/v1/accounts/3300000003/card-purchases?status=pending_write"
    )


@pytest.mark.parametrize(
    ("call", "method", "path", "key"),
    [
        (
            calls.reverse_mobile_charge("C-K-330106-0001-000124"),
            "POST",
            "/v1/mobile-charges/C-K-330106-0001-000124/reverse",
            "C-K-330106-0001-000124-reverse",
        ),
        (
            calls.close_mobile_order("O-K-330106-0001-000125"),
            "POST",
            "/v1/mobile-orders/O-K-330106-0001-000125/close",
            "O-K-330106-0001-000125-close",
        ),
        (
            calls.reverse_card_authorization("A-K-330106-0001-000126"),
            "POST",
            "/v1/card-authorizations/A-K-330106-0001-000126/reverse",
            "A-K-330106-0001-000126-reverse",
        ),
        (
            calls.confirm_card_purchase("U-K-330106-0001-000127", 8),
            "POST",
            "/v1/card-purchases/U-K-330106-0001-000127/confirm",
            "U-K-330106-0001-000127-confirm",
        ),
        (
            calls.cancel_mandate("M-K-330106-0001-000129"),
            "DELETE",
            "/v1/autopay-mandates/M-K-330106-0001-000129",
            "M-K-330106-0001-000129-cancel",
        ),
    ],
)
def test_follow_ups_use_their_own_keys(call: calls.Call, method: str, path: str, key: str) -> None:
    assert (call.method, call.path, call.idempotency_key, call.expected_status) == (
        method,
        path,
        key,
        200,
    )


def test_confirm_carries_the_count_after() -> None:
    call = calls.confirm_card_purchase("U-K-330106-0001-000127", 8)
    assert call.body == {"card_purchase_count_after": 8}


def test_longest_id_still_makes_a_valid_follow_up_key() -> None:
    longest = "C" * 56
    assert calls.reverse_mobile_charge(longest).idempotency_key == longest + "-reverse"
    with pytest.raises(InvalidRequest):
        calls.reverse_mobile_charge("C" * 57)


@pytest.mark.parametrize(
    "bad", ["../../v1/payments", "C-1/../x", "C K 330106 01", "短短短短短短短短"]
)
def test_ids_that_would_bend_the_path_are_refused(bad: str) -> None:
    with pytest.raises(InvalidRequest):
        calls.get_mobile_charge(bad)


def test_reads_refuse_bad_arguments() -> None:
    with pytest.raises(InvalidRequest, match="unpaid or all"):
        calls.bills("3300000001", "open")  # type: ignore[arg-type]
    with pytest.raises(InvalidRequest, match="limit"):
        calls.payments("3300000001", 0)
    with pytest.raises(InvalidRequest, match="months"):
        calls.usage("3300000001", 1000)
