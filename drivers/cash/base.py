"""The protocol-neutral banknote-acceptor interface and event model the core relies on.

Only `CashEventKind.STACKED` credits money. Listeners are called synchronously on the driver's own
poll thread; the core's STACKED handler returns only after the note is durable in the journal, so a
driver must not acknowledge or poll on before the listener returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Protocol


class CashEventKind(StrEnum):
    ESCROWED = "escrowed"  # a note is held; the escrow policy decides
    STACKED = "stacked"  # the ONLY credit: the note is in the cashbox
    REJECTED = "rejected"  # the device refused a note (reason in detail)
    RETURNED = "returned"  # a note went back to the resident (host decision or timeout)
    JAM = "jam"  # `safe` tells whether the note is still reachable by the resident
    FRAUD = "fraud"
    CASHBOX_REMOVED = "cashbox_removed"
    CASHBOX_REPLACED = "cashbox_replaced"
    CASHBOX_FULL = "cashbox_full"
    DISABLED = "disabled"
    ENABLED = "enabled"
    FAULT = "fault"
    CLEARED_TO_CASHBOX = "cleared_to_cashbox"  # at power-up: a note was in the path, now stacked
    CLEARED_TO_FRONT = "cleared_to_front"  # at power-up: a note was in the path, given back
    RESET = "reset"  # the device restarted
    # The device confirmed a credit's acknowledgement: it will never report that note again.
    # Follows a STACKED event with ack_pending=True (drivers whose protocol repeats credits).
    ACKNOWLEDGED = "acknowledged"


@dataclass(frozen=True)
class CashEvent:
    """One thing the acceptor reported, in protocol-neutral terms."""

    kind: CashEventKind
    value_fen: int | None = None
    channel: int | None = None
    detail: str = ""
    safe: bool | None = None  # for JAM
    # STACKED only: the device repeats this credit until the driver acknowledges it, which it
    # does after the listener returned; ACKNOWLEDGED follows. A crash in between makes the
    # device report the same note again at start-up, and the core must not count it twice.
    ack_pending: bool = False


class EscrowDecision(Enum):
    STACK = "stack"
    RETURN = "return"


@dataclass(frozen=True)
class AcceptorIdentity:
    """What the device says it is; diagnostics show it to the technician."""

    protocol: str  # "essp", "id003", "ccnet", "ict", "fake"
    model: str
    serial: str
    firmware: str
    currency: str
    # Value in fen of each channel, channel 1 first; 0 for an unused channel. Comes from the device.
    channel_values: tuple[int, ...] = field(default_factory=tuple)


CashListener = Callable[[CashEvent], None]
# Called on the poll thread with the escrowed note's value in fen; must answer fast, without I/O.
EscrowPolicy = Callable[[int], EscrowDecision]


class BanknoteAcceptor(Protocol):
    """What the core needs from any acceptor; `open()` runs start-up and the poll thread."""

    def open(self) -> None: ...

    def close(self) -> None: ...

    def identity(self) -> AcceptorIdentity: ...

    def set_listener(self, listener: CashListener) -> None: ...

    def set_escrow_policy(self, policy: EscrowPolicy) -> None: ...

    def enable(self) -> None:
        """Accept notes (all channels the device reports)."""
        ...

    def disable(self) -> None: ...

    def quiesce(self, timeout_s: float) -> bool:
        """Disable and wait until no note is left in the path: a note already decided STACK is
        reported stacked first. False when that did not happen in time."""
        ...

    def status(self) -> dict[str, object]:
        """State, detail, last error and counters for the technician screen (no secrets)."""
        ...
