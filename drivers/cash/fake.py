"""An in-process banknote acceptor for the demo, the simulation panel and fast unit tests.

It behaves like a real one where it matters: notes are escrowed, the host's policy decides,
and STACKED is reported (synchronously, on the device's own thread) only for notes it stacks.
It can be told to fail: jam, cashbox removed, fault on enable.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from drivers.cash.base import (
    AcceptorIdentity,
    CashEvent,
    CashEventKind,
    CashListener,
    EscrowDecision,
    EscrowPolicy,
)
from drivers.errors import DeviceError

log = logging.getLogger(__name__)

CNY_CHANNELS = (100, 500, 1000, 2000, 5000, 10000)


class FakeAcceptor:
    def __init__(self, channel_values: tuple[int, ...] = CNY_CHANNELS) -> None:
        self._channels = channel_values
        self._listener: CashListener = lambda event: None
        self._policy: EscrowPolicy = lambda value: EscrowDecision.RETURN
        self._enabled = False
        self._fail_enable = False
        self._cashbox: dict[int, int] = {}
        self._work: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition()
        self._pending = 0
        self.stacked: list[int] = []  # every note this device physically stacked
        self.returned: list[int] = []

    # -- BanknoteAcceptor ---------------------------------------------------------------------
    def open(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="fake-acceptor", daemon=True)
            self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self._work.put(None)
            self._thread.join(timeout=5)
            self._thread = None

    def identity(self) -> AcceptorIdentity:
        return AcceptorIdentity(
            protocol="fake",
            model="Simulated NV200",
            serial="SIM-0001",
            firmware="1.0",
            currency="CNY",
            channel_values=self._channels,
        )

    def set_listener(self, listener: CashListener) -> None:
        self._listener = listener

    def set_escrow_policy(self, policy: EscrowPolicy) -> None:
        self._policy = policy

    def enable(self) -> None:
        if self._fail_enable:
            raise DeviceError("simulated acceptor fault", code="CASH_FAULT")
        self._enabled = True
        self._emit(CashEvent(CashEventKind.ENABLED))

    def disable(self) -> None:
        self._enabled = False

    def quiesce(self, timeout_s: float) -> bool:
        self._enabled = False
        if threading.current_thread() is self._thread:
            return True  # called from a listener: nothing else can be in flight meanwhile
        return self.wait_idle(timeout_s)

    def status(self) -> dict[str, object]:
        return {
            "state": "ok" if not self._fail_enable else "fault",
            "enabled": self._enabled,
            "cashbox": dict(self._cashbox),
            "stacked": len(self.stacked),
        }

    # -- simulation controls (panel, tests) ---------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    def insert(self, value_fen: int) -> None:
        """A resident pushes a note in. Processed on the device thread like a real escrow."""
        self._submit(lambda: self._process(value_fen))

    def jam(self) -> None:
        self._submit(lambda: self._emit(CashEvent(CashEventKind.JAM, safe=False)))

    def remove_cashbox(self) -> None:
        self._submit(lambda: self._emit(CashEvent(CashEventKind.CASHBOX_REMOVED)))

    def replace_cashbox(self) -> None:
        """The (emptied) cashbox is pushed back in."""
        self._submit(lambda: self._emit(CashEvent(CashEventKind.CASHBOX_REPLACED)))

    def fail_on_enable(self, fail: bool = True) -> None:
        self._fail_enable = fail

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until every submitted action was processed (for tests and the demo driver)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    # -- device thread -------------------------------------------------------------------------
    def _submit(self, action: Callable[[], None]) -> None:
        with self._idle:
            self._pending += 1
        self._work.put(action)

    def _run(self) -> None:
        while True:
            action = self._work.get()
            if action is None:
                return
            try:
                action()
            except Exception:
                log.exception("fake acceptor action failed")
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _process(self, value_fen: int) -> None:
        if not self._enabled or value_fen not in self._channels:
            self.returned.append(value_fen)
            self._emit(CashEvent(CashEventKind.REJECTED, value_fen=value_fen, detail="inhibited"))
            return
        channel = self._channels.index(value_fen) + 1
        self._emit(CashEvent(CashEventKind.ESCROWED, value_fen=value_fen, channel=channel))
        if self._policy(value_fen) is EscrowDecision.STACK and self._enabled:
            self.stacked.append(value_fen)
            self._cashbox[value_fen] = self._cashbox.get(value_fen, 0) + 1
            self._emit(CashEvent(CashEventKind.STACKED, value_fen=value_fen, channel=channel))
        else:
            self.returned.append(value_fen)
            self._emit(CashEvent(CashEventKind.RETURNED, value_fen=value_fen, channel=channel))

    def _emit(self, event: CashEvent) -> None:
        self._listener(event)
