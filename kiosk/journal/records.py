"""Immutable views of journal rows handed to other threads (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TXN_KINDS = frozenset(
    {
        "payment",
        "mobile_charge",
        "mobile_order",
        "card_authorization",
        "card_purchase",
        "invoice_request",
        "mandate",
        "collection",
        "settlement",
    }
)

# States after which a transaction never changes again (recovery leaves them alone).
TERMINAL_STATES = frozenset({"posted", "suspense", "rejected", "cancelled", "done", "failed"})

OUTBOX_STATES = frozenset({"pending", "sent", "failed_final"})


@dataclass(frozen=True)
class TransactionRecord:
    id: str
    kind: str
    account_no: str | None
    amount_fen: int
    method: str | None
    state: str
    created_at: datetime
    updated_at: datetime
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventRecord:
    txn_id: str
    state: str
    at: datetime
    detail: dict[str, Any]


@dataclass(frozen=True)
class NoteRecord:
    """A stacked note, returned only after its row is committed to disk."""

    id: int
    txn_id: str | None
    value_fen: int
    device: str
    channel: int
    at: datetime
    cashbox_period: int


@dataclass(frozen=True)
class OutboxItem:
    id: int
    txn_id: str
    method: str
    path: str
    body: str
    idempotency_key: str
    account_no: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    response: dict[str, Any] | None


@dataclass(frozen=True)
class AttentionItem:
    id: int
    txn_id: str | None
    reason: str
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None


@dataclass(frozen=True)
class CashboxSummary:
    period: int
    opened_at: datetime
    counts: dict[int, int]

    @property
    def notes(self) -> int:
        return sum(self.counts.values())

    @property
    def total_fen(self) -> int:
        return sum(value * count for value, count in self.counts.items())


@dataclass(frozen=True)
class JournalStatus:
    counts_by_state: dict[str, int]
    outbox_depth: int
    oldest_unsent_at: datetime | None
    open_attention: int
