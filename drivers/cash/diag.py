"""Technician check of an acceptor: `kiosk diag cash --protocol essp|id003|ccnet --port PATH`.

Connects, prints the identity and channel table as one JSON line, enables, stacks every escrowed
note and prints one JSON line per event until the time is up, then a summary. Non-zero on fault.
"""

from __future__ import annotations

import json
import queue
import time
from collections.abc import Mapping
from typing import TextIO

from drivers.cash.base import CashEvent, CashEventKind, EscrowDecision
from drivers.cash.factory import open_acceptor
from drivers.errors import DeviceError

EXIT_OK, EXIT_FAULT, EXIT_NO_DEVICE = 0, 1, 2


def _line(out: TextIO, payload: dict[str, object]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n")
    out.flush()


def _event_json(event: CashEvent) -> dict[str, object]:
    return {
        "type": "event",
        "kind": event.kind.value,
        "value_fen": event.value_fen,
        "channel": event.channel,
        "detail": event.detail,
        "safe": event.safe,
    }


def run_diag(
    protocol: str,
    port: str,
    encrypted: bool,
    accept_for_s: float,
    out: TextIO,
    *,
    timing: Mapping[str, float] | None = None,
) -> int:
    try:
        acceptor = open_acceptor(protocol, port, encrypted=encrypted, **dict(timing or {}))
    except ValueError as exc:
        _line(out, {"type": "error", "code": "BAD_ARGUMENT", "message": str(exc)})
        return EXIT_NO_DEVICE
    events: queue.Queue[CashEvent] = queue.Queue()
    acceptor.set_listener(events.put)
    acceptor.set_escrow_policy(lambda _value: EscrowDecision.STACK)
    try:
        acceptor.open()
    except DeviceError as exc:
        _line(out, {"type": "error", "code": exc.code, "message": str(exc)})
        return EXIT_NO_DEVICE
    faulted = False
    stacked: list[int] = []
    try:
        ident = acceptor.identity()
        _line(
            out,
            {
                "type": "identity",
                "protocol": ident.protocol,
                "model": ident.model,
                "serial": ident.serial,
                "firmware": ident.firmware,
                "currency": ident.currency,
                "channel_values_fen": list(ident.channel_values),
                "encrypted": encrypted,
            },
        )
        acceptor.enable()
        deadline = time.monotonic() + accept_for_s
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = events.get(timeout=remaining)
            except queue.Empty:
                break
            _line(out, _event_json(event))
            if event.kind is CashEventKind.FAULT:
                faulted = True
            elif event.kind is CashEventKind.STACKED and event.value_fen is not None:
                stacked.append(event.value_fen)
        acceptor.disable()
    finally:
        acceptor.close()
    _line(
        out,
        {
            "type": "summary",
            "notes_stacked": len(stacked),
            "stacked_fen": sum(stacked),
            "faulted": faulted,
            "status": acceptor.status(),
        },
    )
    return EXIT_FAULT if faulted else EXIT_OK
