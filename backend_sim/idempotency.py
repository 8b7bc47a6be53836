"""Idempotency-Key rules: key format, replay of the first answer, conflicts.

A key belongs to one kiosk; reusing it for another method, path or body is a 409. Answers are
remembered except 400 (nothing was attempted) and 5xx (the outcome is unknown to the client,
so a retry must be able to learn the real one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from backend_sim.errors import ApiError, validation
from backend_sim.store import IdemRecord, Tx
from kiosk.backend.signing import IDEMPOTENCY_KEY_RE

REPLAYED_HEADER = {"Idempotent-Replayed": "true"}


def read_key(header: Callable[[str], str | None]) -> str:
    key = header("Idempotency-Key")
    if key is None or not IDEMPOTENCY_KEY_RE.match(key):
        raise validation({"Idempotency-Key": "required: 8-64 chars [A-Za-z0-9_-]"})
    return key


def body_fingerprint(body: dict[str, Any]) -> str:
    """Same JSON content gives the same fingerprint, whatever the key order or spacing."""
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def replay(
    tx: Tx, kiosk_id: str, key: str, method: str, path: str, fingerprint: str
) -> IdemRecord | None:
    """The remembered answer for this key, None if new; 409 if used for another request."""
    known = tx.idem_get(kiosk_id, key)
    if known is None:
        return None
    if (known.method, known.path, known.fingerprint) != (method, path, fingerprint):
        raise ApiError(
            409, "IDEMPOTENCY_CONFLICT", "this Idempotency-Key was used for another request"
        )
    return known


def worth_remembering(status: int, remember: bool) -> bool:
    return remember and status != 400 and status < 500
