"""Reads, run on read-only (query_only) connections from any thread; Core statements only."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, func, select

from kiosk.journal.convert import (
    attention_item,
    event_record,
    loads_dict,
    note_record,
    outbox_item,
    txn_record,
)
from kiosk.journal.models import (
    ATTENTION,
    CACHE,
    COUNTS,
    EVENTS,
    NOTES,
    OUTBOX,
    PERIODS,
    TXNS,
    UTCDateTime,
)
from kiosk.journal.records import (
    TERMINAL_STATES,
    AttentionItem,
    CashboxSummary,
    EventRecord,
    JournalStatus,
    NoteRecord,
    OutboxItem,
    TransactionRecord,
)

_TXN = select(TXNS).where(TXNS.c.id == bindparam("b_id"))
_OUTBOX_FOR_TXN = select(OUTBOX).where(OUTBOX.c.txn_id == bindparam("b_id")).order_by(OUTBOX.c.id)
_DEPTH = select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state == "pending")


def transaction(conn: Connection, txn_id: str) -> TransactionRecord | None:
    row = conn.execute(_TXN, {"b_id": txn_id}).first()
    return txn_record(row) if row is not None else None


def transactions(
    conn: Connection,
    *,
    state: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[TransactionRecord]:
    query = select(TXNS).order_by(TXNS.c.created_at, TXNS.c.id)
    if state is not None:
        query = query.where(TXNS.c.state == state)
    if kind is not None:
        query = query.where(TXNS.c.kind == kind)
    if limit is not None:
        query = query.limit(limit)
    return [txn_record(row) for row in conn.execute(query)]


def unfinished(conn: Connection) -> list[TransactionRecord]:
    """Transactions not yet in a terminal state, oldest first (for start-up recovery)."""
    query = select(TXNS).where(TXNS.c.state.not_in(sorted(TERMINAL_STATES)))
    return [txn_record(row) for row in conn.execute(query.order_by(TXNS.c.created_at, TXNS.c.id))]


def events(conn: Connection, txn_id: str) -> list[EventRecord]:
    query = select(EVENTS).where(EVENTS.c.txn_id == txn_id).order_by(EVENTS.c.id)
    return [event_record(row) for row in conn.execute(query)]


def notes(
    conn: Connection, txn_id: str | None = None, *, all_notes: bool = False
) -> list[NoteRecord]:
    query = select(NOTES).order_by(NOTES.c.id)
    if not all_notes:
        query = query.where(
            NOTES.c.txn_id.is_(None) if txn_id is None else NOTES.c.txn_id == txn_id
        )
    return [note_record(row) for row in conn.execute(query)]


def notes_total(conn: Connection, txn_id: str) -> int:
    total = conn.execute(
        select(func.sum(NOTES.c.value_fen)).where(NOTES.c.txn_id == txn_id)
    ).scalar()
    return int(total or 0)


def cashbox_summary(conn: Connection) -> CashboxSummary | None:
    period = conn.execute(
        select(PERIODS).where(PERIODS.c.closed_at.is_(None)).order_by(PERIODS.c.id).limit(1)
    ).first()
    if period is None:
        return None
    rows = conn.execute(select(COUNTS).where(COUNTS.c.cashbox_period == period.id))
    counts = {int(row.value_fen): int(row._mapping["count"]) for row in rows}
    return CashboxSummary(period=period.id, opened_at=period.opened_at, counts=counts)


def outbox_for_txn(conn: Connection, txn_id: str) -> list[OutboxItem]:
    return [outbox_item(row) for row in conn.execute(_OUTBOX_FOR_TXN, {"b_id": txn_id})]


def outbox_item_by_id(conn: Connection, item_id: int) -> OutboxItem | None:
    row = conn.execute(select(OUTBOX).where(OUTBOX.c.id == item_id)).first()
    return outbox_item(row) if row is not None else None


def _heads() -> Select[Any]:
    """Pending items with no older pending item of the same account (the per-account head)."""
    older = OUTBOX.alias("older")
    blocker = (
        select(older.c.id)
        .where(
            and_(
                older.c.account_no == OUTBOX.c.account_no,
                older.c.state == "pending",
                older.c.id < OUTBOX.c.id,
            )
        )
        .exists()
    )
    return select(OUTBOX).where(OUTBOX.c.state == "pending", ~blocker)


_DUE = (
    _heads()
    .where(
        OUTBOX.c.next_attempt_at <= bindparam("b_now", type_=UTCDateTime()),
        OUTBOX.c.account_no.not_in(bindparam("b_busy", expanding=True)),
    )
    .order_by(OUTBOX.c.next_attempt_at, OUTBOX.c.id)
    .limit(bindparam("b_limit"))
)
_NEXT_DUE = (
    _heads()
    .where(OUTBOX.c.account_no.not_in(bindparam("b_busy", expanding=True)))
    .order_by(OUTBOX.c.next_attempt_at)
    .limit(1)
)


def due_outbox(
    conn: Connection, now: datetime, *, exclude_accounts: Collection[str] = (), limit: int = 16
) -> list[OutboxItem]:
    """Account heads whose next attempt is due, oldest first (index ix_outbox_state_due)."""
    params = {"b_now": now, "b_busy": sorted(exclude_accounts), "b_limit": limit}
    return [outbox_item(row) for row in conn.execute(_DUE, params)]


def next_outbox_due(conn: Connection, *, exclude_accounts: Collection[str] = ()) -> datetime | None:
    """When the earliest account head becomes due (None: nothing pending), leaving out the
    accounts in `exclude_accounts` (being sent for: their head is due, but not to another)."""
    row = conn.execute(_NEXT_DUE, {"b_busy": sorted(exclude_accounts)}).first()
    return row.next_attempt_at if row is not None else None


def pending_outbox(conn: Connection) -> list[OutboxItem]:
    query = select(OUTBOX).where(OUTBOX.c.state == "pending")
    return [
        outbox_item(row) for row in conn.execute(query.order_by(OUTBOX.c.account_no, OUTBOX.c.id))
    ]


def outbox_depth(conn: Connection) -> int:
    return int(conn.execute(_DEPTH).scalar() or 0)


def oldest_unsent(conn: Connection) -> datetime | None:
    query = select(func.min(OUTBOX.c.created_at)).where(OUTBOX.c.state == "pending")
    value: datetime | None = conn.execute(query).scalar()
    return value


def cached_account(conn: Connection, account_no: str) -> tuple[dict[str, Any], datetime] | None:
    row = conn.execute(select(CACHE).where(CACHE.c.account_no == account_no)).first()
    return (loads_dict(row.data), row.fetched_at) if row is not None else None


def attention(conn: Connection, *, include_resolved: bool = False) -> list[AttentionItem]:
    query = select(ATTENTION).order_by(ATTENTION.c.id)
    if not include_resolved:
        query = query.where(ATTENTION.c.resolved_at.is_(None))
    return [attention_item(row) for row in conn.execute(query)]


def status(conn: Connection) -> JournalStatus:
    counts = {
        str(state): int(count)
        for state, count in conn.execute(select(TXNS.c.state, func.count()).group_by(TXNS.c.state))
    }
    open_attention = conn.execute(
        select(func.count()).select_from(ATTENTION).where(ATTENTION.c.resolved_at.is_(None))
    ).scalar()
    return JournalStatus(
        counts_by_state=counts,
        outbox_depth=outbox_depth(conn),
        oldest_unsent_at=oldest_unsent(conn),
        open_attention=int(open_attention or 0),
    )
