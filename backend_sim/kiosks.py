"""Kiosk operations: heartbeats (with queued commands), cash collections, settlements (对账)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend_sim.context import (
    Ctx,
    Reply,
    Route,
    fingerprint,
    public,
    route,
    same_or_conflict,
)
from backend_sim.errors import ApiError
from backend_sim.payments import METHODS
from backend_sim.simclock import business_date
from backend_sim.validate import DATE_RE, DATETIME_RE, ID_RE, Fields, note_total

COMMAND_KINDS = ("take_out_of_service", "return_to_service", "upload_logs", "reload_config")
MODES = ("in_service", "out_of_service", "maintenance")


def _own_kiosk(ctx: Ctx) -> str:
    kiosk_id = ctx.params["kiosk_id"]
    if kiosk_id != ctx.kiosk_id:
        raise ApiError(
            400, "VALIDATION", "path names another kiosk", fields={"kiosk_id": "not X-Kiosk-Id"}
        )
    return kiosk_id


def heartbeat(ctx: Ctx) -> Reply:
    kiosk_id = _own_kiosk(ctx)
    f = Fields(ctx.body)
    f.req_text("sent_at", DATETIME_RE)
    f.req_text("software_version", max_len=64)
    f.choice("mode", MODES)
    f.obj("devices")
    f.req_int("outbox_depth", 0, 10**9)
    f.obj("cashbox")
    f.done()
    ctx.tx.put("heartbeat", kiosk_id, {**ctx.body, "received_at": ctx.now_iso}, kiosk_id=kiosk_id)
    commands = []
    for command in ctx.tx.list("command", kiosk_id=kiosk_id):
        if command["delivered_at"] is None:
            command["delivered_at"] = ctx.now_iso
            ctx.tx.put("command", command["command_id"], command)
            commands.append(public(command, "command_id", "kind"))
    return Reply(200, {"server_time": ctx.now_iso, "commands": commands})


def sim_queue_command(ctx: Ctx) -> Reply:
    """Simulator: queue a command for a kiosk's next heartbeat."""
    f = Fields(ctx.body)
    kind = f.choice("kind", COMMAND_KINDS)
    f.done()
    command_id = f"CMD-{ctx.tx.next_number('command'):06d}"
    kiosk_id = ctx.params["kiosk_id"]
    command = {"command_id": command_id, "kind": kind, "kiosk_id": kiosk_id, "delivered_at": None}
    ctx.tx.put("command", command_id, command, kiosk_id=kiosk_id)
    return Reply(200, {"command_id": command_id, "kind": kind})


def cash_collection(ctx: Ctx) -> Reply:
    kiosk_id = _own_kiosk(ctx)
    f = Fields(ctx.body)
    collection_id = f.req_text("collection_id", ID_RE)
    f.req_text("opened_at", DATETIME_RE)
    f.req_text("closed_at", DATETIME_RE)
    f.req_text("staff_id", max_len=64)
    expected = f.note_counts("expected")
    counted = f.note_counts("counted")
    expected_total = f.req_int("expected_total_fen")
    counted_total = f.req_int("counted_total_fen")
    if not isinstance(ctx.body.get("note", ""), str):
        f.fail("note", "must be a string")
    if expected is not None and note_total(expected) != expected_total:
        f.fail("expected_total_fen", "does not match the expected notes")
    if counted is not None and note_total(counted) != counted_total:
        f.fail("counted_total_fen", "does not match the counted notes")
    f.done()
    print_ = fingerprint(ctx.body)
    existing = ctx.tx.get("collection", collection_id)
    if existing is None:
        existing = {
            **ctx.body,
            "kiosk_id": kiosk_id,
            "discrepancy_fen": counted_total - expected_total,
            "received_at": ctx.now_iso,
            "_fingerprint": print_,
        }
        ctx.tx.put("collection", collection_id, existing, kiosk_id=kiosk_id)
    same_or_conflict(existing, print_, f"collection {collection_id}")
    return Reply(201, public(existing, "collection_id", "discrepancy_fen"))


def _read_totals(f: Fields, raw: Any) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    if not isinstance(raw, list):
        f.fail("totals", "must be a list")
        return totals
    for index, item in enumerate(raw):
        line = Fields(item if isinstance(item, dict) else {}, f"totals[{index}].")
        line.errors = f.errors
        method = line.choice("method", METHODS)
        count = line.req_int("count", 0, 10**9)
        amount = line.req_int("amount_fen")
        if method:
            old = totals.get(method, (0, 0))
            totals[method] = (old[0] + count, old[1] + amount)
    return totals


def settlement(ctx: Ctx) -> Reply:
    kiosk_id = _own_kiosk(ctx)
    f = Fields(ctx.body)
    settlement_id = f.req_text("settlement_id", ID_RE)
    day = f.req_text("business_date", DATE_RE)
    kiosk_totals = _read_totals(f, ctx.body.get("totals"))
    ids = ctx.body.get("transaction_ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        f.fail("transaction_ids", "must be a list of transaction ids")
        ids = []
    f.done()
    print_ = fingerprint(ctx.body)
    existing = ctx.tx.get("settlement", settlement_id)
    if existing is not None:
        same_or_conflict(existing, print_, f"settlement {settlement_id}")
        return Reply(201, public(existing, *RESULT_FIELDS))
    server: dict[str, dict[str, Any]] = {}
    for payment in ctx.tx.list("payment", kiosk_id=kiosk_id):
        occurred = datetime.fromisoformat(payment["occurred_at"].replace("Z", "+00:00"))
        if business_date(occurred).isoformat() == day:
            server[payment["transaction_id"]] = payment
    server_totals: dict[str, tuple[int, int]] = {}
    for payment in server.values():
        old = server_totals.get(payment["method"], (0, 0))
        server_totals[payment["method"]] = (old[0] + 1, old[1] + payment["amount_fen"])
    listed = set(ids)
    missing = [t for t in dict.fromkeys(ids) if ctx.tx.get("txn", t) is None]
    unknown = [t for t in server if t not in listed]
    nonzero = {m: v for m, v in kiosk_totals.items() if v != (0, 0)}
    matched = not missing and not unknown and nonzero == server_totals
    result = {
        "settlement_id": settlement_id,
        "status": "matched" if matched else "mismatch",
        "server_totals": [
            {"method": m, "count": c, "amount_fen": a}
            for m, (c, a) in sorted(server_totals.items())
        ],
        "missing_on_server": missing,
        "unknown_to_kiosk": unknown,
        "business_date": day,
        "kiosk_id": kiosk_id,
        "received_at": ctx.now_iso,
        "_fingerprint": print_,
    }
    ctx.tx.put("settlement", settlement_id, result, kiosk_id=kiosk_id)
    return Reply(201, public(result, *RESULT_FIELDS))


RESULT_FIELDS = (
    "settlement_id",
    "status",
    "server_totals",
    "missing_on_server",
    "unknown_to_kiosk",
)

ROUTES: list[Route] = [
    route("POST", "/v1/kiosks/{kiosk_id}/heartbeats", heartbeat),
    route("POST", "/v1/kiosks/{kiosk_id}/cash-collections", cash_collection),
    route("POST", "/v1/kiosks/{kiosk_id}/settlements", settlement),
    route("POST", "/v1/sim/kiosks/{kiosk_id}/commands", sim_queue_command),
]
