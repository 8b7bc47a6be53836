"""Simulator-only endpoints under /v1/sim/ (no signature): faults, ledger, reset, clock, kiosks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend_sim.context import Ctx, Reply, Route, route
from backend_sim.errors import validation
from backend_sim.faults import parse_faults
from backend_sim.seed import write_seed
from backend_sim.simclock import business_date, iso
from backend_sim.validate import DATETIME_RE, Fields

LEDGER_KINDS = {
    "payments": "payment",
    "mobile_charges": "charge",
    "mobile_orders": "order",
    "card_authorizations": "auth",
    "card_purchases": "purchase",
    "invoices": "invoice",
    "autopay_mandates": "mandate",
    "cash_collections": "collection",
    "settlements": "settlement",
}


def set_faults(ctx: Ctx) -> Reply:
    ctx.sim.faults.configure(parse_faults(ctx.body))
    return Reply(200, ctx.sim.faults.as_dict())


def get_faults(ctx: Ctx) -> Reply:
    return Reply(200, ctx.sim.faults.as_dict())


def ledger(ctx: Ctx) -> Reply:
    """Everything money-related, as stored (minus request fingerprints)."""
    out: dict[str, Any] = {}
    for name, kind in LEDGER_KINDS.items():
        docs = ctx.tx.list(kind)
        out[name] = [{k: v for k, v in d.items() if k != "_fingerprint"} for d in docs]
    return Reply(200, out)


def reset(ctx: Ctx) -> Reply:
    ctx.tx.wipe()
    write_seed(ctx.tx, ctx.sim.seed)
    ctx.tx.meta_set("seeded", ctx.now_iso)
    ctx.sim.faults.configure(parse_faults({}))
    return Reply(200, {"status": "reset"})


def _clock_view(ctx: Ctx) -> dict[str, Any]:
    now = ctx.sim.clock.now()
    return {"now": iso(now), "business_date": business_date(now).isoformat()}


def get_clock(ctx: Ctx) -> Reply:
    return Reply(200, _clock_view(ctx))


def set_clock(ctx: Ctx) -> Reply:
    """{"now": RFC 3339} or {"advance_s": seconds}. Signed requests must follow the new time."""
    f = Fields(ctx.body)
    now = f.text("now", DATETIME_RE, optional=True)
    advance = ctx.body.get("advance_s")
    if advance is not None and (isinstance(advance, bool) or not isinstance(advance, int | float)):
        f.fail("advance_s", "must be a number of seconds")
    f.done()
    if now is not None:
        ctx.sim.clock.set_now(datetime.fromisoformat(now.replace("Z", "+00:00")))
    if advance is not None:
        ctx.sim.clock.advance(float(advance))
    return Reply(200, _clock_view(ctx))


def set_kiosk_disabled(ctx: Ctx) -> Reply:
    disabled = ctx.body.get("disabled")
    if not isinstance(disabled, bool):
        raise validation({"disabled": "must be true or false"})
    ctx.sim.auth.set_disabled(ctx.params["kiosk_id"], disabled)
    return Reply(200, {"kiosk_id": ctx.params["kiosk_id"], "disabled": disabled})


ROUTES: list[Route] = [
    route("POST", "/v1/sim/faults", set_faults),
    route("GET", "/v1/sim/faults", get_faults),
    route("GET", "/v1/sim/ledger", ledger),
    route("POST", "/v1/sim/reset", reset),
    route("GET", "/v1/sim/clock", get_clock),
    route("POST", "/v1/sim/clock", set_clock),
    route("POST", "/v1/sim/kiosks/{kiosk_id}/disabled", set_kiosk_disabled),
]
