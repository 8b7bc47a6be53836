"""The simulator core: routing, authentication, idempotency and faults around the handlers.

HTTP-free: server.py feeds it (method, target, headers, body) and writes back an Outcome.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from backend_sim import (
    accounts,
    cards,
    idempotency,
    invoices,
    kiosks,
    payments,
    simctl,
    wallets,
)
from backend_sim.auth import Authenticator
from backend_sim.context import Ctx, Reply, Route
from backend_sim.errors import ApiError, validation
from backend_sim.faults import Faults
from backend_sim.seed import SeedData, load_seed, write_seed
from backend_sim.simclock import OffsetClock, iso
from backend_sim.store import IdemRecord, Store
from kiosk.clock import Clock

log = logging.getLogger(__name__)
ROUTES: list[Route] = [
    *accounts.ROUTES,
    *payments.ROUTES,
    *wallets.ROUTES,
    *cards.ROUTES,
    *invoices.ROUTES,
    *kiosks.ROUTES,
    *simctl.ROUTES,
]
MUTATING = ("POST", "DELETE")


@dataclass
class Outcome:
    """What to send: a status, JSON bytes and headers, or nothing at all (drop)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


def _json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _error(error: ApiError) -> Outcome:
    return Outcome(error.status, _json(error.body()), dict(error.headers))


class Simulator:
    """All of the back end's behaviour; thread-safe (the store serialises state changes)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        kiosks: dict[str, str] | None = None,
        *,
        seed: SeedData | None = None,
        slow_card_delay_s: float = 15.0,
    ) -> None:
        self.store = store
        self.clock = OffsetClock(clock)
        self.seed = seed or load_seed()
        self.auth = _authenticator(self.seed, kiosks, self.clock)
        self.faults = Faults()
        self.slow_card_delay_s = slow_card_delay_s
        self.stopping = threading.Event()
        with store.transaction() as tx:
            if tx.meta_get("seeded") is None:
                write_seed(tx, self.seed)
                tx.meta_set("seeded", iso(self.clock.now()))

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.stopping.wait(seconds)

    def handle(
        self, method: str, target: str, header: Callable[[str], str | None], body: bytes
    ) -> Outcome:
        parts = urlsplit(target)
        path = parts.path
        found = _match(method, path)
        if isinstance(found, ApiError):
            return _error(found)
        route_, params = found
        mutating = method in MUTATING and not route_.sim
        kiosk_id = "sim"
        if not route_.sim:
            self._sleep(self.faults.latency_s())
            if mutating and self.faults.fail_before_commit():
                return _error(
                    ApiError(
                        503,
                        "SERVICE_UNAVAILABLE",
                        "injected fault: try again",
                        retryable=True,
                        headers={"Retry-After": "1"},
                    )
                )
            try:
                kiosk_id = self.auth.check(method, target, header, body)
            except ApiError as error:
                return _error(error)
        try:
            parsed = _parse_body(body)
            key = idempotency.read_key(header) if mutating else None
        except ApiError as error:
            return _error(error)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            outcome, delay = self._run(route_, kiosk_id, key, method, path, params, query, parsed)
        except Exception:
            log.exception("simulator handler failed: %s %s", method, path)
            return _error(ApiError(500, "SYSTEMERROR", "internal error", retryable=True))
        self._sleep(delay)
        if mutating and self.faults.drop_after_commit():
            return Outcome(drop=True)
        return outcome

    def _run(
        self,
        route_: Route,
        kiosk_id: str,
        key: str | None,
        method: str,
        path: str,
        params: dict[str, str],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[Outcome, float]:
        """One transaction: replay a known key, or run the handler and remember its answer."""
        print_ = idempotency.body_fingerprint(body)
        with self.store.transaction() as tx:
            if key is not None:
                try:
                    known = idempotency.replay(tx, kiosk_id, key, method, path, print_)
                except ApiError as error:
                    return _error(error), 0.0
                if known is not None:
                    return Outcome(known.status, known.body, dict(idempotency.REPLAYED_HEADER)), 0.0
            ctx = Ctx(self, tx, kiosk_id, params, query, body, self.clock.now())
            try:
                with tx.savepoint():
                    reply = route_.handler(ctx)
            except ApiError as error:
                reply = Reply(error.status, error.body(), dict(error.headers))
            data = _json(reply.payload)
            if key is not None and idempotency.worth_remembering(reply.status, reply.remember):
                record = IdemRecord(method, path, print_, reply.status, data)
                tx.idem_put(kiosk_id, key, record, ctx.now_iso)
        return Outcome(reply.status, data, dict(reply.headers)), reply.delay_s


def _authenticator(seed: SeedData, kiosks: dict[str, str] | None, clock: Clock) -> Authenticator:
    return Authenticator({**seed.kiosks, **(kiosks or {})}, clock)


def _match(method: str, path: str) -> tuple[Route, dict[str, str]] | ApiError:
    allowed = False
    for candidate in ROUTES:
        match = candidate.pattern.match(path)
        if match is None:
            continue
        if candidate.method == method:
            return candidate, match.groupdict()
        allowed = True
    if allowed:
        return ApiError(405, "METHOD_NOT_ALLOWED", f"{method} is not allowed on {path}")
    return ApiError(404, "NOT_FOUND", f"no such resource: {path}")


def _parse_body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise validation({"body": "not valid UTF-8 JSON"}) from None
    if not isinstance(parsed, dict):
        raise validation({"body": "must be a JSON object"})
    return parsed
