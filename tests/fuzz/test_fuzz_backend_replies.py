"""Hostile back-end replies into the typed client (httpx.MockTransport stands in for the server
here only): a reply either becomes a fully valid model or a BackendError; a payment counts only
when the reply echoes it and allocates exactly its amount; an unknown outcome stays unknown."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.backend import models as m
from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import ApiError, BackendError, OutcomeUnknown
from kiosk.clock import ManualClock

FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SECRET = "dev-secret-change-me"

ACCOUNT = {
    "account_no": "3300000001", "holder_name_masked": "张*明",
    "address_masked": "杭州市西湖区文三路***号", "category": "residential",
    "billing_mode": "postpaid", "status": "arrears", "balance_fen": 0, "arrears_fen": 37714,
    "late_fee_fen": 697, "amount_due_fen": 38411, "min_payment_fen": 100,
    "max_payment_fen": 5000000,
    "meter": {"meter_no": "000012345678", "kind": "conventional", "tou": False},
    "card": None, "autopay": {"enrolled": False, "bank_masked": None, "day_of_month": None},
}  # fmt: skip
PAYMENT_BODY = {
    "transaction_id": "T-K-330106-0001-000001", "account_no": "3300000001", "amount_fen": 40000,
    "method": "cash", "method_ref": None, "occurred_at": "2026-11-26T08:30:00Z",
    "cash_notes": {"10000": 4},
}  # fmt: skip
PAYMENT_RESULT = {
    "payment_id": "P-00000001", "transaction_id": "T-K-330106-0001-000001",
    "receipt_no": "R-00000001", "status": "posted",
    "applied": [{"bill_id": "B-3300000001-2026-09", "amount_fen": 13988},
                {"bill_id": "B-3300000001-2026-10", "amount_fen": 23726}],
    "late_fee_paid_fen": 697, "to_balance_fen": 1589, "new_balance_fen": 1589,
    "new_amount_due_fen": 0,
}  # fmt: skip

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -1, 1, 10**13, 10**13 + 1, -(10**13), 2**63, 2**64 + 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["1", "38411", "", "posted", "NaN", "1e400", "2026-11-26T08:30:00Z"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """The base reply with a few fields deleted, retyped, set to extreme values or added."""
    doc: Any = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(doc)))
        op = draw(st.sampled_from(["delete", "replace", "add"]))
        if not path:
            if op == "replace":
                doc = draw(json_values)
            continue
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        last = path[-1]
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = draw(json_values)
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
    return doc


def _client(status: int, raw: bytes, content_type: str = "application/json") -> UtilityClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=raw, headers={"Content-Type": content_type})

    return UtilityClient(
        "http://backend.test",
        "K-330106-0001",
        SECRET,
        clock=ManualClock(),
        transport=httpx.MockTransport(handler),
    )


def _attempt(call: Any) -> tuple[Any, BackendError | None]:
    """(result, None) or (None, the BackendError raised); anything else propagates and fails."""
    try:
        return call(), None
    except BackendError as exc:
        return None, exc


def _encode(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _check_account(account: m.Account) -> None:
    for name in ("balance_fen", "arrears_fen", "late_fee_fen", "amount_due_fen",
                 "min_payment_fen", "max_payment_fen"):  # fmt: skip
        value = getattr(account, name)
        assert type(value) is int and 0 <= value <= m.MAX_FEN
    due = max(0, account.arrears_fen + account.late_fee_fen - account.balance_fen)
    assert account.amount_due_fen == due
    assert account.min_payment_fen <= account.max_payment_fen
    assert account.account_no == "3300000001"


def test_the_samples_are_valid() -> None:
    """The bases of the mutations are accepted as they are (else the fuzzing proves nothing)."""
    with _client(200, _encode(ACCOUNT)) as client:
        _check_account(client.get_account("3300000001"))
    with _client(201, _encode(PAYMENT_RESULT)) as client:
        assert client.post_payment(dict(PAYMENT_BODY)).status == "posted"  # type: ignore[arg-type]


@FUZZ
@given(mutated(ACCOUNT))
def test_mutated_account_replies(doc: Any) -> None:
    with _client(200, _encode(doc)) as client:
        account, error = _attempt(lambda: client.get_account("3300000001"))
    if error is not None:
        assert SECRET not in str(error)
        assert not isinstance(error, OutcomeUnknown)  # a GET never has an unknown outcome
        return
    _check_account(account)


@FUZZ
@given(mutated(PAYMENT_RESULT), st.sampled_from([200, 201]))
def test_mutated_payment_replies_never_credit_a_wrong_amount(doc: Any, status: int) -> None:
    with _client(status, _encode(doc)) as client:
        result, error = _attempt(lambda: client.post_payment(dict(PAYMENT_BODY)))  # type: ignore[arg-type]
    if error is not None:
        assert SECRET not in str(error)
        return
    assert result.transaction_id == PAYMENT_BODY["transaction_id"]
    if result.status == "posted":
        split = result.late_fee_paid_fen + result.to_balance_fen
        split += sum(item.amount_fen for item in result.applied)
        assert split == PAYMENT_BODY["amount_fen"]
    for value in (result.late_fee_paid_fen, result.to_balance_fen, result.new_balance_fen):
        assert type(value) is int and 0 <= value <= m.MAX_FEN


@FUZZ
@given(
    st.sampled_from([200, 201, 202, 204, 301, 400, 401, 404, 409, 422, 429, 500, 502, 503, 504]),
    st.one_of(
        st.binary(max_size=200), json_values.map(_encode), mutated(PAYMENT_RESULT).map(_encode)
    ),
    st.sampled_from(["application/json", "application/json; charset=utf-8", "text/html", ""]),
)
def test_any_status_and_body_on_a_payment(status: int, raw: bytes, content_type: str) -> None:
    with _client(status, raw, content_type) as client:
        _result, error = _attempt(lambda: client.post_payment(dict(PAYMENT_BODY)))  # type: ignore[arg-type]
    if isinstance(error, OutcomeUnknown):
        assert status >= 500  # only a server error or no answer leaves the outcome open
    elif isinstance(error, ApiError):
        assert error.status >= 400
    elif error is None:
        assert status in (200, 201)


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([200, 404, 500, 503]))
def test_any_body_on_an_account_lookup(raw: bytes, status: int) -> None:
    with _client(status, raw) as client:
        account, error = _attempt(lambda: client.get_account("3300000001"))
    assert not isinstance(error, OutcomeUnknown)  # a GET never has an unknown outcome
    if error is None:
        _check_account(account)
