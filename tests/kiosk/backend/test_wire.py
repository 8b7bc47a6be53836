"""Table tests of body encoding, strict JSON decoding and the answer -> error mapping."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kiosk.backend.errors import (
    ApiError,
    BackendError,
    BackendUnavailable,
    BadResponse,
    InvalidRequest,
    OutcomeUnknown,
)
from kiosk.backend.wire import Answer, decode_object, encode_body, judge, retry_after

JSON = "application/json"


def answer(
    status: int,
    body: Any = None,
    *,
    method: str = "POST",
    raw: bytes | None = None,
    content_type: str | None = JSON,
    retry: int | None = None,
    replayed: bool = False,
) -> Answer:
    data = raw if raw is not None else json.dumps(body).encode()
    return Answer(
        method, "/v1/payments", "T-000000001", status, content_type, data, replayed, retry, 0.0
    )


def error(code: str, retryable: bool = False, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": "human readable", "retryable": retryable, **extra}}


def test_encode_body_is_compact_utf8_in_key_order() -> None:
    body = {"b": 1, "a": "电费", "amount_fen": 5}
    assert encode_body(body) == '{"b":1,"a":"电费","amount_fen":5}'.encode()


@pytest.mark.parametrize(
    "body",
    [
        {"amount_fen": 100.0},
        {"amount_fen": True},
        {"totals": [{"amount_fen": "100"}]},
        {"nested": {"limit_fen": None}},
    ],
)
def test_encode_body_refuses_money_that_is_not_an_int(body: dict[str, Any]) -> None:
    with pytest.raises(InvalidRequest, match="int number of fen"):
        encode_body(body)


def test_encode_body_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        encode_body({"rate": float("nan")})


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        (b'{"payment_id": "P-1", ', JSON),  # truncated
        (b"", JSON),  # empty
        (b'{"a": NaN}', JSON),
        (b'{"a": Infinity}', JSON),
        (b'{"a": 1, "a": 2}', JSON),  # duplicate key
        (b"[1, 2]", JSON),  # not an object
        (b'"text"', JSON),
        (b"\xff\xfe{}", JSON),  # not UTF-8
        (b"[" * 100_000 + b"]" * 100_000, JSON),  # nesting bomb
        (b'{"a": ' + b"9" * 5000 + b"}", JSON),  # beyond Python's int digit limit
        (b"{}", "text/html"),
        (b"{}", None),
        (b"{}", "application/jsonx"),
    ],
)
def test_decode_object_refuses_what_is_not_a_json_object(
    raw: bytes, content_type: str | None
) -> None:
    with pytest.raises(BadResponse) as caught:
        decode_object(raw, content_type, 201, committed=True)
    assert caught.value.may_have_committed is True
    assert caught.value.code == "BAD_RESPONSE"


def test_decode_object_accepts_charset_parameter() -> None:
    assert decode_object(b'{"a": 1}', "application/json; charset=utf-8", 200, False) == {"a": 1}


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7), (" 30 ", 30), (None, None), ("-1", None), ("soon", None), ("999999", 86400)],
)
def test_retry_after(header: str | None, seconds: int | None) -> None:
    assert retry_after(header) == seconds


def test_success_and_replayed_flag() -> None:
    response = judge(answer(201, {"ok": 1}, replayed=True), 201)
    assert (response.status, response.body, response.replayed) == (201, {"ok": 1}, True)


def test_unexpected_success_status_is_bad_response() -> None:
    with pytest.raises(BadResponse, match="200 where 201"):
        judge(answer(200, {"ok": 1}), 201)


@pytest.mark.parametrize(
    ("case", "exc_type", "code", "committed", "retryable"),
    [
        (
            answer(400, error("VALIDATION", fields={"amount_fen": "bad"})),
            ApiError,
            "VALIDATION",
            False,
            False,
        ),
        (answer(401, error("BAD_SIGNATURE")), ApiError, "BAD_SIGNATURE", False, False),
        (
            answer(404, error("ACCOUNT_NOT_FOUND"), method="GET"),
            ApiError,
            "ACCOUNT_NOT_FOUND",
            False,
            False,
        ),
        (
            answer(409, error("IDEMPOTENCY_CONFLICT")),
            ApiError,
            "IDEMPOTENCY_CONFLICT",
            False,
            False,
        ),
        (answer(422, error("ACCOUNT_CLOSED")), ApiError, "ACCOUNT_CLOSED", False, False),
        (answer(429, error("RATE_LIMITED", True), retry=3), ApiError, "RATE_LIMITED", False, True),
        (answer(503, error("BUSY", True), retry=5), ApiError, "BUSY", False, True),
        (
            answer(503, raw=b"<html>", content_type="text/html"),
            ApiError,
            "SERVICE_UNAVAILABLE",
            False,
            True,
        ),
        (answer(429, raw=b""), ApiError, "TOO_MANY_REQUESTS", False, True),
        (answer(500, error("SYSTEMERROR", True)), OutcomeUnknown, "OUTCOME_UNKNOWN", True, True),
        (
            answer(502, raw=b"bad gateway", content_type="text/plain"),
            OutcomeUnknown,
            "OUTCOME_UNKNOWN",
            True,
            True,
        ),
        (answer(504, raw=b""), OutcomeUnknown, "OUTCOME_UNKNOWN", True, True),
        (
            answer(500, error("SYSTEMERROR", True), method="GET"),
            ApiError,
            "SYSTEMERROR",
            False,
            True,
        ),
        (
            answer(502, raw=b"", content_type=None, method="GET"),
            BackendUnavailable,
            "BACKEND_UNAVAILABLE",
            False,
            True,
        ),
        (
            answer(404, raw=b"<html>", content_type="text/html"),
            BadResponse,
            "BAD_RESPONSE",
            False,
            False,
        ),
        (answer(400, {"error": "no"}), BadResponse, "BAD_RESPONSE", False, False),
        (answer(204, raw=b""), BadResponse, "BAD_RESPONSE", True, False),
        (answer(302, raw=b""), BadResponse, "BAD_RESPONSE", True, False),
        (answer(202, {"ok": 1}), BadResponse, "BAD_RESPONSE", True, False),
        (answer(202, {"ok": 1}, method="GET"), BadResponse, "BAD_RESPONSE", False, False),
        (answer(501, raw=b""), BadResponse, "BAD_RESPONSE", True, False),
    ],
)
def test_error_mapping(
    case: Answer, exc_type: type[BackendError], code: str, committed: bool, retryable: bool
) -> None:
    with pytest.raises(exc_type) as caught:
        judge(case)
    assert type(caught.value) is exc_type
    assert caught.value.code == code
    assert caught.value.may_have_committed is committed
    assert caught.value.retryable is retryable


def test_api_error_carries_contract_details() -> None:
    body = error("VALIDATION", fields={"amount_fen": "must be an integer"})
    with pytest.raises(ApiError) as caught:
        judge(answer(400, body, replayed=True))
    err = caught.value
    assert (err.status, err.fields, err.replayed) == (
        400,
        {"amount_fen": "must be an integer"},
        True,
    )
    assert str(err) == "VALIDATION: HTTP 400: human readable"


def test_retry_after_travels_with_429_and_outcome_unknown() -> None:
    with pytest.raises(ApiError) as busy:
        judge(answer(429, error("RATE_LIMITED", True), retry=7))
    assert busy.value.retry_after == 7
    with pytest.raises(OutcomeUnknown) as unknown:
        judge(answer(500, error("SYSTEMERROR", True), retry=2))
    assert (unknown.value.retry_after, unknown.value.server_code) == (2, "SYSTEMERROR")
    assert unknown.value.idempotency_key == "T-000000001"
    assert unknown.value.status == 500


@pytest.mark.parametrize(
    "body",
    [
        {
            "error": {
                "code": "ALREADY_INVOICED",
                "message": "m",
                "retryable": False,
                "invoice_no": "INV-000001",
            }
        },
        {
            "error": {"code": "ALREADY_INVOICED", "message": "m", "retryable": False},
            "invoice_no": "INV-000001",
        },
    ],
)
def test_already_invoiced_exposes_existing_invoice(body: dict[str, Any]) -> None:
    with pytest.raises(ApiError) as caught:
        judge(answer(409, body))
    assert caught.value.code == "ALREADY_INVOICED"
    assert caught.value.invoice_no == "INV-000001"


def test_card_numbers_in_server_messages_are_masked() -> None:
    pan = "6212345678901234569"
    body = error("VALIDATION", fields={"card.pan": f"{pan} fails Luhn"})
    body["error"]["message"] = f"card {pan} is not valid"
    with pytest.raises(ApiError) as caught:
        judge(answer(400, body))
    err = caught.value
    for text in (str(err), repr(err), json.dumps(err.body), json.dumps(err.fields)):
        assert pan not in text
    assert "621234*********4569" in str(err)
