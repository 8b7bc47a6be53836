"""Exceptions of the back-end client, with stable codes for screens, logs and the journal.

What each one means for a request that moves money (POST/DELETE):

- `InvalidRequest`: refused by the kiosk before anything was sent (bad account number, key, ...).
- `BackendUnavailable`: nothing reached the server (connect refused/timed out, TLS handshake
  refused, no free connection), or a GET got no usable answer (timeout, dropped connection, a
  5xx without an error body). Safe: nothing happened; try again later.
- `ApiError`: the server answered with a contract error body (4xx, 429, 503, and 5xx on a GET;
  a 429/503 without a body gets code TOO_MANY_REQUESTS/SERVICE_UNAVAILABLE).
  The server decided; `retryable` and `retry_after` say whether and when to try again. 429 and 503
  are refused before anything is done (the contract's "fail before commit").
- `OutcomeUnknown`: the request may have been committed and the answer is lost: read/write timeout,
  connection dropped after sending, 500 SYSTEMERROR, 502, 504. Retry with the SAME key and body
  (the server replays the first answer) or query the resource; never assume it failed.
- `BadResponse`: an answer that breaks the contract (malformed or truncated JSON, wrong content
  type, unexpected status, missing/out-of-range fields, a reply for another id). For a POST/DELETE
  with a 2xx/5xx status the server may have committed (`may_have_committed`), so treat it like
  `OutcomeUnknown` but do not loop on it: it needs a person or a fixed server.

`may_have_committed` is the one flag a forwarder needs: when true, keep the journal entry and
resend it unchanged (same key, same body) or query; when false, nothing happened on the server.
Messages never carry the kiosk secret, card numbers or payment codes.
"""

from __future__ import annotations

import re
from typing import Any

# Runs of 14 or more digits are card numbers or wallet payment codes (account numbers have <= 13).
_LONG_DIGITS = re.compile(r"\d{14,}")


def scrub(text: str) -> str:
    """Mask any long digit run (PAN, payment code) as first 6 + last 4 digits."""
    return _LONG_DIGITS.sub(lambda m: m[0][:6] + "*" * (len(m[0]) - 10) + m[0][-4:], text)


def scrub_json(value: Any) -> Any:
    """`scrub` every string (keys and values) inside a decoded JSON value."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(str(k)): scrub_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_json(v) for v in value]
    return value


class BackendError(Exception):
    """Base of every back-end client error; `code` is stable and safe to store."""

    code: str = "BACKEND_ERROR"
    retryable: bool = False
    may_have_committed: bool = False

    def __init__(self, message: str) -> None:
        self.message = scrub(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InvalidRequest(BackendError, ValueError):
    """The kiosk refused to send a request (bad argument); nothing was sent."""

    code = "INVALID_REQUEST"


class BackendUnavailable(BackendError):
    """Nothing reached the server, or a read-only request failed: safe to try again."""

    code = "BACKEND_UNAVAILABLE"
    retryable = True


class ApiError(BackendError):
    """The server answered with a contract error body; the server decided."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        retryable: bool,
        fields: dict[str, str] | None = None,
        retry_after: int | None = None,
        body: dict[str, Any] | None = None,
        replayed: bool = False,
    ) -> None:
        self.status = status
        self.code = code
        self.retryable = retryable
        self.fields: dict[str, str] = {scrub(k): scrub(v) for k, v in (fields or {}).items()}
        self.retry_after = retry_after
        self.body: dict[str, Any] = scrub_json(body or {})
        self.replayed = replayed
        super().__init__(f"HTTP {status}: {message}")

    @property
    def invoice_no(self) -> str | None:
        """For ALREADY_INVOICED: the existing invoice's number (inside `error` or beside it)."""
        for holder in (self.body.get("error"), self.body):
            if isinstance(holder, dict) and isinstance(holder.get("invoice_no"), str):
                return str(holder["invoice_no"])
        return None


class OutcomeUnknown(BackendError):
    """A POST/DELETE may have been committed but its answer was lost; retry same key, or query."""

    code = "OUTCOME_UNKNOWN"
    retryable = True
    may_have_committed = True

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        idempotency_key: str | None,
        status: int | None = None,
        server_code: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.idempotency_key = idempotency_key
        self.status = status
        self.server_code = server_code
        self.retry_after = retry_after
        super().__init__(f"{method} {path}: {message}")


class BadResponse(BackendError):
    """The server's answer breaks the contract; see `may_have_committed` for a POST/DELETE."""

    code = "BAD_RESPONSE"

    def __init__(
        self, message: str, *, status: int | None = None, may_have_committed: bool = False
    ) -> None:
        self.status = status
        self.may_have_committed = may_have_committed
        super().__init__(message)
