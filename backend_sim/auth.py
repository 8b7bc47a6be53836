"""Request authentication per the contract: kiosk id, timestamp window, nonce replay, HMAC."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from backend_sim.errors import ApiError
from kiosk.backend.signing import NONCE_RE, verify
from kiosk.clock import Clock

SKEW_LIMIT_S = 300
NONCE_TTL_S = 600


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message)


class Authenticator:
    """Checks the four signed headers; remembers nonces for 600 s (in memory)."""

    def __init__(self, kiosks: dict[str, str], clock: Clock) -> None:
        self._kiosks = dict(kiosks)
        self._clock = clock
        self._disabled: set[str] = set()
        self._nonces: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def known(self, kiosk_id: str) -> bool:
        return kiosk_id in self._kiosks

    def set_disabled(self, kiosk_id: str, disabled: bool) -> None:
        with self._lock:
            if disabled:
                self._disabled.add(kiosk_id)
            else:
                self._disabled.discard(kiosk_id)

    def check(
        self, method: str, target: str, header: Callable[[str], str | None], body: bytes
    ) -> str:
        """The authenticated kiosk id, or ApiError 401/403."""
        kiosk_id = header("X-Kiosk-Id") or ""
        secret = self._kiosks.get(kiosk_id)
        if secret is None:
            raise _unauthorized("UNKNOWN_KIOSK", "unknown kiosk id")
        timestamp = header("X-Timestamp") or ""
        nonce = header("X-Nonce") or ""
        signature = header("X-Signature") or ""
        if not NONCE_RE.match(nonce):
            raise _unauthorized("BAD_SIGNATURE", "X-Nonce must be 16-64 chars [A-Za-z0-9-]")
        if not verify(secret, signature.lower(), method, target, timestamp, nonce, body):
            raise _unauthorized("BAD_SIGNATURE", "signature does not match the request")
        now = self._clock.now()
        try:
            sent = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
        except ValueError:
            raise _unauthorized("CLOCK_SKEW", "X-Timestamp is not RFC 3339") from None
        if sent.tzinfo is None or abs((now - sent).total_seconds()) > SKEW_LIMIT_S:
            raise _unauthorized("CLOCK_SKEW", "X-Timestamp is more than 300 s from server time")
        self._remember_nonce(kiosk_id, nonce, now.timestamp())
        if kiosk_id in self._disabled:
            raise ApiError(403, "KIOSK_DISABLED", "this kiosk is disabled")
        return kiosk_id

    def _remember_nonce(self, kiosk_id: str, nonce: str, now: float) -> None:
        with self._lock:
            seen = self._nonces.get((kiosk_id, nonce))
            if seen is not None and now - seen < NONCE_TTL_S:
                raise _unauthorized("REPLAYED", "this nonce was used in the last 600 s")
            self._nonces[(kiosk_id, nonce)] = now
            if len(self._nonces) > 50_000:
                self._nonces = {k: t for k, t in self._nonces.items() if now - t < NONCE_TTL_S}
