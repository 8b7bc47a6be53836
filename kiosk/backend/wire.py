"""Bytes on the wire: body encoding, strict JSON decoding, and mapping of answers to errors.

Pure functions, so every malformed-reply case is a table test without a server.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from kiosk.backend.errors import (
    ApiError,
    BackendUnavailable,
    BadResponse,
    InvalidRequest,
    OutcomeUnknown,
)

MAX_REPLY_BYTES = 1 << 20  # 1 MiB; the largest real reply (a ledger-free list) is a few KiB
MUTATING = frozenset({"POST", "DELETE"})


@dataclass(frozen=True)
class ApiResponse:
    """A 200/201 answer: its status, decoded JSON object, and whether the server replayed it."""

    status: int
    body: dict[str, Any]
    replayed: bool = False
    elapsed_s: float = 0.0


def _check_money(value: Any, where: str) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            is_fen = isinstance(key, str) and key.endswith("_fen")
            if is_fen and (isinstance(item, bool) or not isinstance(item, int)):
                raise InvalidRequest(f"{where}{key} must be an int number of fen")
            _check_money(item, f"{where}{key}.")
    elif isinstance(value, list | tuple):
        for item in value:
            _check_money(item, where)


def encode_body(body: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON in the dict's own key order; `*_fen` must be ints, NaN is refused."""
    _check_money(body, "")
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def check_stored_body(content: bytes) -> None:
    """A journaled body is sent as its stored bytes: it must still be a JSON object whose
    `*_fen` are ints, with no NaN/Infinity, or InvalidRequest (nothing is sent)."""
    try:
        value = json.loads(content.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidRequest("stored body is not valid JSON") from None
    if not isinstance(value, dict):
        raise InvalidRequest("stored body is not a JSON object")
    try:
        _check_money(value, "")
    except InvalidRequest as exc:
        raise InvalidRequest(f"stored body: {exc.message}") from None


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json"


def decode_object(
    raw: bytes, content_type: str | None, status: int, committed: bool
) -> dict[str, Any]:
    """The reply as a JSON object, or BadResponse (wrong type, bad UTF-8/JSON, not an object)."""
    if not is_json(content_type):
        shown = (content_type or "none")[:60]
        raise BadResponse(
            f"HTTP {status} reply is {shown}, not application/json",
            status=status,
            may_have_committed=committed,
        )
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_constant=_no_constants, object_pairs_hook=_no_duplicates
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        kind = type(exc).__name__
        raise BadResponse(
            f"HTTP {status} reply is not valid JSON ({kind}, {len(raw)} bytes)",
            status=status,
            may_have_committed=committed,
        ) from None
    if not isinstance(value, dict):
        raise BadResponse(
            f"HTTP {status} reply is not a JSON object", status=status, may_have_committed=committed
        )
    return value


def retry_after(header: str | None) -> int | None:
    """Retry-After in whole seconds (the contract's form); anything else is ignored."""
    if header is None or not header.strip().isdigit():
        return None
    return min(int(header.strip()), 86_400)


def _error_detail(body: dict[str, Any]) -> dict[str, Any] | None:
    detail = body.get("error")
    if not isinstance(detail, dict):
        return None
    if not isinstance(detail.get("code"), str) or not isinstance(detail.get("message"), str):
        return None
    if not isinstance(detail.get("retryable"), bool):
        return None
    return detail


def _fields(detail: dict[str, Any]) -> dict[str, str]:
    fields = detail.get("fields")
    if not isinstance(fields, dict):
        return {}
    return {str(k)[:64]: str(v)[:200] for k, v in list(fields.items())[:50]}


@dataclass(frozen=True)
class Answer:
    """What came back, before it is judged."""

    method: str
    path: str
    idempotency_key: str | None
    status: int
    content_type: str | None
    raw: bytes
    replayed: bool
    retry_after: int | None
    elapsed_s: float


def judge(answer: Answer, expected_status: int | None = None) -> ApiResponse:
    """Turn an answer into an ApiResponse or raise the matching BackendError (see errors.py)."""
    mutating = answer.method in MUTATING
    status = answer.status
    if status in (200, 201):
        body = decode_object(answer.raw, answer.content_type, status, mutating)
        if expected_status is not None and status != expected_status:
            raise BadResponse(
                f"HTTP {status} where {expected_status} was expected",
                status=status,
                may_have_committed=mutating,
            )
        return ApiResponse(status, body, answer.replayed, answer.elapsed_s)

    detail: dict[str, Any] | None = None
    body = {}
    if is_json(answer.content_type):
        try:
            body = decode_object(answer.raw, answer.content_type, status, mutating)
            detail = _error_detail(body)
        except BadResponse:
            detail = None
    server_code = None if detail is None else str(detail["code"])[:64]

    if mutating and status in (500, 502, 504):
        raise OutcomeUnknown(
            f"HTTP {status} {server_code or ''}".rstrip()
            + "; the server may have done it: retry with the same key or query",
            method=answer.method,
            path=answer.path,
            idempotency_key=answer.idempotency_key,
            status=status,
            server_code=server_code,
            retry_after=answer.retry_after,
        )
    if status in (429, 503) and detail is None:
        code = "TOO_MANY_REQUESTS" if status == 429 else "SERVICE_UNAVAILABLE"
        detail = {"code": code, "message": f"HTTP {status}", "retryable": True}
    if detail is not None and (400 <= status < 500 or status >= 500):
        raise ApiError(
            status=status,
            code=str(detail["code"])[:64],
            message=str(detail["message"])[:300],
            retryable=bool(detail["retryable"]) or status in (429, 503),
            fields=_fields(detail),
            retry_after=answer.retry_after,
            body=body,
            replayed=answer.replayed,
        )
    if not mutating and status >= 500:
        raise BackendUnavailable(
            f"{answer.method} {answer.path}: HTTP {status} without an error body"
        )
    raise BadResponse(
        f"unexpected HTTP {status} for {answer.method} {answer.path}",
        status=status,
        may_have_committed=mutating and not 400 <= status < 500,
    )
