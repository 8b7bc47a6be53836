"""JSON helpers and row (Core Row or ORM object) to record conversion."""

from __future__ import annotations

import json
from typing import Any

from kiosk.journal.records import (
    AttentionItem,
    EventRecord,
    NoteRecord,
    OutboxItem,
    TransactionRecord,
)


def dumps(value: Any) -> str:
    """Compact, order-preserving JSON (the outbox body is stored exactly as it is sent)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads_dict(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("journal JSON column does not hold an object")
    return value


def txn_record(row: Any) -> TransactionRecord:
    return TransactionRecord(
        id=row.id,
        kind=row.kind,
        account_no=row.account_no,
        amount_fen=row.amount_fen,
        method=row.method,
        state=row.state,
        created_at=row.created_at,
        updated_at=row.updated_at,
        detail=loads_dict(row.detail),
    )


def event_record(row: Any) -> EventRecord:
    return EventRecord(txn_id=row.txn_id, state=row.state, at=row.at, detail=loads_dict(row.detail))


def note_record(row: Any) -> NoteRecord:
    return NoteRecord(
        id=row.id,
        txn_id=row.txn_id,
        value_fen=row.value_fen,
        device=row.device,
        channel=row.channel,
        at=row.at,
        cashbox_period=row.cashbox_period,
    )


def outbox_item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        txn_id=row.txn_id,
        method=row.method,
        path=row.path,
        body=row.body,
        idempotency_key=row.idempotency_key,
        account_no=row.account_no,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        created_at=row.created_at,
        response=loads_dict(row.response) if row.response is not None else None,
    )


def attention_item(row: Any) -> AttentionItem:
    return AttentionItem(
        id=row.id,
        txn_id=row.txn_id,
        reason=row.reason,
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
    )
