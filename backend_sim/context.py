"""What a route handler gets (Ctx) and gives back (Reply), plus the route table type."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from backend_sim.errors import ApiError
from backend_sim.simclock import business_date, iso
from backend_sim.store import Tx

if TYPE_CHECKING:
    from backend_sim.app import Simulator


@dataclass
class Reply:
    """A handler's answer. remember=False keeps it out of the idempotency store."""

    status: int
    payload: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    remember: bool = True


@dataclass
class Ctx:
    sim: Simulator
    tx: Tx
    kiosk_id: str
    params: dict[str, str]
    query: dict[str, str]
    body: dict[str, Any]
    now: datetime

    @property
    def now_iso(self) -> str:
        return iso(self.now)

    @property
    def today(self) -> date:
        return business_date(self.now)

    def query_int(self, name: str, default: int, minimum: int = 1, maximum: int = 1000) -> int:
        raw = self.query.get(name)
        if raw is None:
            return default
        if not raw.isdigit() or not minimum <= int(raw) <= maximum:
            raise ApiError(
                400,
                "VALIDATION",
                "bad query parameter",
                fields={name: f"must be an integer from {minimum} to {maximum}"},
            )
        return int(raw)


Handler = Callable[[Ctx], Reply]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    sim: bool = False


def route(method: str, template: str, handler: Handler) -> Route:
    """'/v1/mobile-charges/{charge_id}/reverse' -> a compiled route; params are path segments."""
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
    return Route(method, re.compile(f"^{regex}$"), handler, template.startswith("/v1/sim/"))


def public(doc: dict[str, Any], *names: str) -> dict[str, Any]:
    """Only the named fields of a stored document, in that order."""
    return {name: doc.get(name) for name in names}


def fingerprint(values: dict[str, Any]) -> str:
    """Identity of a create request, to tell a retry from a different request with the same id."""
    blob = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def same_or_conflict(existing: dict[str, Any], print_: str, what: str) -> None:
    """An id reused with different content is a 409, like a reused Idempotency-Key."""
    if existing.get("_fingerprint") != print_:
        raise ApiError(409, "IDEMPOTENCY_CONFLICT", f"{what} already exists with different content")
