"""Heartbeats to the utility every minute (device states, paper, cashbox, outbox) and the remote
commands that come back in the answer, each carried out and audited."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Protocol

from kiosk.backend import models as m
from kiosk.backend.bodies import DeviceBody, heartbeat_body
from kiosk.backend.errors import BackendError
from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.service_mode import ServiceMode

log = logging.getLogger(__name__)

UTILITY = Actor("utility", "admin")  # remote commands are the utility's, audited as such


def software_version() -> str:
    try:
        return version("powerpay-kiosk")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class BeatResult:
    ok: bool
    latency_ms: int | None
    commands: tuple[str, ...] = ()
    error: str | None = None


class HeartbeatApi(Protocol):
    def heartbeat(self, body: Any, idempotency_key: str) -> m.HeartbeatReply: ...


class Heartbeat:
    def __init__(
        self,
        *,
        client: HeartbeatApi,
        journal: Journal,
        clock: Clock,
        kiosk_id: str,
        service_mode: ServiceMode,
        devices: Callable[[], Mapping[str, DeviceBody]],
        on_mode: Callable[[str], None],
        on_reload: Callable[[], None] | None = None,
        interval_s: float = 60.0,
    ) -> None:
        self._client = client
        self._journal = journal
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._mode = service_mode
        self._devices = devices
        self._on_mode = on_mode
        self._on_reload = on_reload
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: BeatResult | None = None

    def beat_once(self) -> BeatResult:
        now = self._clock.now()
        cashbox = self._journal.cashbox_summary()
        body = heartbeat_body(
            sent_at=now,
            software_version=software_version(),
            mode=self._mode.mode(),
            devices=self._devices(),
            outbox_depth=self._journal.outbox_depth(),
            oldest_unsent_at=self._journal.oldest_unsent(),
            cashbox_notes=cashbox.notes if cashbox else 0,
            cashbox_total_fen=cashbox.total_fen if cashbox else 0,
        )
        key = f"HB-{uuid.uuid4().hex}"  # each beat is a new operation
        started = time.monotonic()
        try:
            reply = self._client.heartbeat(body, key)
        except BackendError as exc:
            self.last = BeatResult(False, None, error=exc.code)
            log.warning("heartbeat failed: %s", exc.code)
            return self.last
        latency = int((time.monotonic() - started) * 1000)
        done = tuple(self._carry_out(c) for c in reply.commands)
        self.last = BeatResult(True, latency, done)
        return self.last

    def _carry_out(self, command: m.KioskCommand) -> str:
        kind = command.kind
        before = self._mode.stored().mode
        if kind in ("take_out_of_service", "return_to_service"):
            mode = "out_of_service" if kind == "take_out_of_service" else "in_service"
            self._mode.set_mode(UTILITY, mode, f"remote command {command.command_id}")
            self._on_mode(self._mode.mode())
        elif kind == "reload_config" and self._on_reload is not None:
            self._on_reload()
            audit.record(self._journal, UTILITY, "reload_config", command.command_id)
        else:
            # No upload channel is in the contract yet: the request is kept for the technician.
            audit.record(
                self._journal, UTILITY, kind, command.command_id, before=None, after="noted"
            )
        log.info(
            "remote command %s (%s) carried out; mode was %s", command.command_id, kind, before
        )
        return kind

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.beat_once()
            except Exception:
                log.exception("heartbeat round failed")
            self._stop.wait(self._interval_s)


def device_state(status: Mapping[str, object] | None) -> DeviceBody:
    """A driver's status() as the contract's device state (no secrets, short detail)."""
    if status is None:
        return {"state": "absent", "detail": ""}
    raw = str(status.get("state", "ok"))
    state = {"fault": "fault", "error": "fault", "closed": "fault", "absent": "absent"}.get(
        raw, "ok"
    )
    detail = str(status.get("detail") or status.get("last_error") or "")[:200]
    return {"state": state, "detail": detail}  # type: ignore[typeddict-item]
