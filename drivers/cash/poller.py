"""What every polled acceptor driver shares: the owner thread, listener, escrow policy, status.

A protocol subclass implements `_startup()` (connect and configure; returns the identity),
`_apply_enabled(bool)` and `_poll_once()`. Everything that touches the port runs on the poll
thread once `open()` has returned; `enable()`/`disable()` only record the wish and wake the thread.
"""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from drivers.cash.base import (
    AcceptorIdentity,
    CashEvent,
    CashEventKind,
    CashListener,
    EscrowDecision,
    EscrowPolicy,
)
from drivers.cash.serial_link import SerialLink
from drivers.errors import DeviceError, DeviceNotConnected, DeviceTimeout
from kiosk.clock import Clock, SystemClock

log = logging.getLogger(__name__)

F = TypeVar("F")


class FrameParser(Protocol[F]):
    """A protocol's byte-stream parser: whole frames out of whatever the line delivered."""

    def reset(self) -> None: ...

    def feed(self, chunk: bytes) -> list[F]: ...


class DeviceGone(DeviceTimeout):
    """The device did not answer after every resend."""

    code = "DEVICE_GONE"


class Stopped(Exception):
    """close() was called while the poll thread was waiting on the device."""


@dataclass(frozen=True)
class Timing:
    poll_interval_s: float = 0.2
    reply_timeout_s: float = 1.0
    retries: int = 20
    escrow_hold_limit_s: float = 30.0  # return a note whose fate nobody decided in this time


@dataclass
class Escrow:
    channel: int
    value_fen: int
    since: float
    decision: EscrowDecision | None = None


class PollingAcceptor(ABC):
    protocol = "?"

    def __init__(self, link: SerialLink, timing: Timing, clock: Clock | None = None) -> None:
        self._link = link
        self._timing = timing
        self._clock: Clock = clock or SystemClock()
        self._listener: CashListener | None = None
        self._policy: EscrowPolicy | None = None
        self._identity: AcceptorIdentity | None = None
        self._want_enabled = False
        self._applied_enabled: bool | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._state = "closed"
        self._detail = ""
        self._last_error = ""
        self._counters: dict[str, int] = {}
        self._faulted = False
        self._needs_init = False
        self._polls_since_open = 0
        self.escrow: Escrow | None = None
        self._stepped = threading.Condition()  # notified after every poll step

    # ---- public interface -------------------------------------------------------------------
    def open(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._polls_since_open = 0
        self._link.open()
        try:
            self._identity = self._startup()
        except (DeviceError, Stopped) as exc:
            self._link.close()
            self._set_state("closed", str(exc))
            if isinstance(exc, Stopped):
                raise DeviceNotConnected("closed during start-up") from exc
            raise
        self._set_state("ready", "")
        self._thread = threading.Thread(target=self._run, name=f"cash-{self.protocol}", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
            if thread.is_alive():
                log.error("%s poll thread did not stop in time", self.protocol)
        if thread is None or thread is not threading.current_thread():
            self._link.close()
        self._set_state("closed", "")

    def identity(self) -> AcceptorIdentity:
        if self._identity is None:
            raise DeviceNotConnected("acceptor not opened")
        return self._identity

    def set_listener(self, listener: CashListener) -> None:
        self._listener = listener

    def set_escrow_policy(self, policy: EscrowPolicy) -> None:
        self._policy = policy
        self._wake.set()

    def enable(self) -> None:
        self._want_enabled = True
        self._wake.set()

    def disable(self) -> None:
        self._want_enabled = False
        self._wake.set()

    def quiesce(self, timeout_s: float = 15.0) -> bool:
        """Disable, then wait until the device applied it, holds no note in escrow, and two
        more polls delivered whatever was already on its way (a note decided STACK is credited
        before this returns). False if that did not happen in time."""
        self.disable()
        if self._thread is None or self._thread is threading.current_thread():
            return self._thread is None  # the poll thread cannot wait for itself
        with self._stepped:
            mark = self._polls_since_open
            return self._stepped.wait_for(
                lambda: (
                    self._thread is None
                    or (
                        self._applied_enabled is False
                        and self.escrow is None
                        and self._polls_since_open >= mark + 2
                    )
                ),
                timeout_s,
            )

    def status(self) -> dict[str, object]:
        with self._lock:
            return {
                "protocol": self.protocol,
                "port": self._link.port,
                "state": self._state,
                "detail": self._detail,
                "last_error": self._last_error,
                "enabled": self._applied_enabled,
                "counters": dict(self._counters),
            }

    # ---- for subclasses ---------------------------------------------------------------------
    @abstractmethod
    def _startup(self) -> AcceptorIdentity: ...

    @abstractmethod
    def _apply_enabled(self, enabled: bool) -> None: ...

    @abstractmethod
    def _poll_once(self) -> None: ...

    def _request(
        self,
        frame: bytes,
        parser: FrameParser[F],
        what: str,
        *,
        wanted: Callable[[F], bool] | None = None,
        reply: bool = True,
    ) -> F | None:
        """Send a command frame and return its reply, resending it on silence (every protocol
        here is host-polled, one command in flight). `wanted` tells a reply from a stray frame;
        with `reply=False` the frame is sent once and None returned. DeviceGone after the tries.
        """
        for attempt in range(self._timing.retries):
            self._check_stop()
            parser.reset()
            self._link.discard_input()
            self._link.write(frame)
            self._count("resends" if attempt else "commands")
            if not reply:
                return None
            answer = self._await_frame(parser, wanted)
            if answer is not None:
                return answer
            self._count("reply_timeouts")
        raise DeviceGone(f"no reply to {what} after {self._timing.retries} tries")

    def _await_frame(self, parser: FrameParser[F], wanted: Callable[[F], bool] | None) -> F | None:
        """The last wanted frame of the first chunk that has one, within the reply timeout."""
        deadline = time.monotonic() + self._timing.reply_timeout_s  # real I/O time, not the clock
        while time.monotonic() < deadline:
            self._check_stop()
            chunk = self._link.read_some()
            if not chunk:
                continue
            found: F | None = None
            for candidate in parser.feed(chunk):
                if wanted is None or wanted(candidate):
                    found = candidate
                else:
                    self._count("stray_frames")
            if found is not None:
                return found
        return None

    def _count(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._counters[name] = self._counters.get(name, 0) + by

    def _set_state(self, state: str, detail: str) -> None:
        with self._lock:
            self._state, self._detail = state, detail

    def _error(self, message: str) -> None:
        log.warning("%s acceptor: %s", self.protocol, message)
        with self._lock:
            self._last_error = message

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise Stopped

    def _emit(self, event: CashEvent) -> bool:
        """Hand an event to the listener; False if it raised (then a credit must not be acked)."""
        self._count(f"event_{event.kind.value}")
        listener = self._listener
        if listener is None:
            return event.kind is not CashEventKind.STACKED  # nobody journaled it: do not ack
        try:
            listener(event)
        except Exception:
            log.exception("cash listener failed on %s", event.kind.value)
            return False
        return True

    def _note_enabled(self, enabled: bool) -> None:
        """Record the device's enabled state; ENABLED/DISABLED only on a change."""
        if self._applied_enabled is not enabled:
            self._applied_enabled = enabled
            kind = CashEventKind.ENABLED if enabled else CashEventKind.DISABLED
            self._emit(CashEvent(kind, detail="recovered" if self._faulted else ""))

    def _credit_detail(self) -> str:
        """Why a credit is unusual: reported before we ever polled (a note stacked before this
        process started and never acknowledged), or while the host had the acceptor disabled."""
        if self._polls_since_open == 0:
            return "reported_at_startup"
        return "" if self._applied_enabled else "while_disabled"

    def _decide(self, value_fen: int) -> EscrowDecision | None:
        policy = self._policy
        if policy is None:
            return None
        try:
            return policy(value_fen)
        except Exception:
            log.exception("escrow policy failed; returning the note")
            return EscrowDecision.RETURN

    def _hold_expired(self) -> bool:
        esc = self.escrow
        return esc is not None and (
            self._clock.monotonic() - esc.since >= self._timing.escrow_hold_limit_s
        )

    # ---- the poll thread --------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._step()
                with self._stepped:
                    self._stepped.notify_all()
                self._wake.wait(self._timing.poll_interval_s)
                self._wake.clear()
        finally:
            if self._thread is None:  # close() was called from a listener on this thread
                self._link.close()

    def _step(self) -> None:
        try:
            if self._needs_init:
                self._identity = self._startup()
                self._needs_init = False
                self._applied_enabled = None
            if self._want_enabled is not self._applied_enabled:
                self._apply_enabled(self._want_enabled)
            self._poll_once()
            self._polls_since_open += 1
            if self._faulted:
                self._faulted = False
                self._set_state("ready", "recovered")
        except Stopped:
            return
        except DeviceGone as exc:
            self._lost(str(exc))
        except DeviceNotConnected as exc:
            self._lost(str(exc))
            self._reopen()
        except DeviceError as exc:  # protocol trouble: resync from scratch next time
            self._count("protocol_errors")
            self._error(str(exc))
            self._needs_init = True
        except Exception as exc:  # a bug or an odd OS error must not kill the poll thread
            log.exception("%s acceptor: unexpected error", self.protocol)
            self._lost(f"unexpected error: {exc!r}")
            self._reopen()

    def _lost(self, message: str) -> None:
        self._error(message)
        self._needs_init = True
        if not self._faulted:
            self._faulted = True
            self._set_state("fault", message)
            self._emit(CashEvent(CashEventKind.FAULT, detail=message))

    def _reopen(self) -> None:
        self._link.close()
        try:
            self._link.open()
        except DeviceNotConnected as exc:
            self._error(str(exc))
