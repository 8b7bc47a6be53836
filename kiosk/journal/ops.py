"""Writes that run inside the writer thread's transaction (each takes the writer's Session).

Callers that need several writes to be atomic (enqueue + state change) compose these in one
job passed to Journal.submit(); everything in one job commits or rolls back together. They
use SQLAlchemy Core statements on the mapped tables: the hot paths (a stacked note, an outbox
answer) stay well under a millisecond of CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.backend.signing import IDEMPOTENCY_KEY_RE
from kiosk.journal import guard
from kiosk.journal.convert import attention_item, dumps, loads_dict, outbox_item
from kiosk.journal.errors import JournalError, SensitiveDataError, UnknownTransaction
from kiosk.journal.models import (
    ATTENTION,
    COUNTS,
    EVENTS,
    NOTES,
    OUTBOX,
    PERIODS,
    SEQUENCES,
    TXNS,
    UTCDateTime,
)
from kiosk.journal.records import (
    TXN_KINDS,
    AttentionItem,
    NoteRecord,
    OutboxItem,
    TransactionRecord,
)

_NOW = UTCDateTime()
# Statements are built once: SQLAlchemy then reuses their compiled form and cache key.
_TXN = select(TXNS).where(TXNS.c.id == bindparam("b_id"))
_TXN_EXISTS = select(TXNS.c.id).where(TXNS.c.id == bindparam("b_id"))
_UPDATE_TXN = update(TXNS).where(TXNS.c.id == bindparam("b_id"))
_ADD_AMOUNT = _UPDATE_TXN.values(
    amount_fen=TXNS.c.amount_fen + bindparam("b_delta"), updated_at=bindparam("b_now", type_=_NOW)
)
_AMOUNT = select(TXNS.c.amount_fen).where(TXNS.c.id == bindparam("b_id"))
_OPEN_PERIOD = (
    select(PERIODS.c.id).where(PERIODS.c.closed_at.is_(None)).order_by(PERIODS.c.id).limit(1)
)
_CLOSE_PERIOD = update(PERIODS).where(PERIODS.c.id == bindparam("b_id"))
_SEQ_NEXT = (
    sqlite_insert(SEQUENCES)
    .values(prefix=bindparam("b_prefix"), last_value=1)
    .on_conflict_do_update(
        index_elements=[SEQUENCES.c.prefix], set_={"last_value": SEQUENCES.c.last_value + 1}
    )
)
_SEQ_GET = select(SEQUENCES.c.last_value).where(SEQUENCES.c.prefix == bindparam("b_prefix"))
_BUMP_COUNT = (
    sqlite_insert(COUNTS)
    .values(cashbox_period=bindparam("b_period"), value_fen=bindparam("b_value"), count=1)
    .on_conflict_do_update(
        index_elements=[COUNTS.c.cashbox_period, COUNTS.c.value_fen],
        set_={"count": COUNTS.c.count + 1},
    )
)
_OUTBOX = select(OUTBOX).where(OUTBOX.c.id == bindparam("b_id"))
_OUTBOX_BY_KEY = select(OUTBOX.c.id).where(OUTBOX.c.idempotency_key == bindparam("b_key"))
_UPDATE_OUTBOX = update(OUTBOX).where(OUTBOX.c.id == bindparam("b_id"))
_DIALECT = sqlite_dialect()
_SQL_MARK_SENT = (
    "UPDATE outbox SET attempts = attempts + 1, state = 'sent', last_error = NULL, response = ?"
    " WHERE id = ? AND state = 'pending' RETURNING txn_id"
)
_SQL_PATCH_TXN = (
    "UPDATE transactions SET state = ?, updated_at = ?, detail = json_patch(detail, ?) WHERE id = ?"
)
_SQL_EVENT = "INSERT INTO transaction_events (txn_id, state, at, detail) VALUES (?, ?, ?, '{}')"
_ATTENTION = select(ATTENTION).where(ATTENTION.c.id == bindparam("b_id"))
_INSERT = {table.name: insert(table) for table in (TXNS, EVENTS, PERIODS, NOTES, OUTBOX, ATTENTION)}

ID_PREFIXES = {
    "payment": "T",
    "mobile_charge": "C",
    "mobile_order": "O",
    "card_authorization": "A",
    "card_purchase": "U",
    "invoice_request": "I",
    "mandate": "M",
    "collection": "L",
    "settlement": "S",
}


def new_id(session: Session, now: datetime, kind: str, kiosk_id: str) -> str:
    """T-K-330106-0001-20261126-000123: a durable per-day counter, unique across restarts."""
    base = f"{ID_PREFIXES[kind]}-{kiosk_id}-{now.strftime('%Y%m%d')}"
    conn = session.connection()
    conn.execute(_SEQ_NEXT, {"b_prefix": base})
    value = conn.execute(_SEQ_GET, {"b_prefix": base}).scalar_one()
    return f"{base}-{value:06d}"


def _insert(session: Session, table: Table, values: dict[str, Any]) -> int:
    """INSERT one row and return its integer primary key."""
    result = session.connection().execute(_INSERT[table.name], values)
    key = result.inserted_primary_key
    if key is None:
        raise JournalError("insert returned no primary key")
    return int(key[0])


def txn_row(session: Session, txn_id: str) -> Any:
    """The transaction's row (Core Row), or UnknownTransaction."""
    row = session.connection().execute(_TXN, {"b_id": txn_id}).first()
    if row is None:
        raise UnknownTransaction(txn_id)
    return row


def _check_txn(session: Session, txn_id: str) -> None:
    if session.connection().execute(_TXN_EXISTS, {"b_id": txn_id}).first() is None:
        raise UnknownTransaction(txn_id)


def add_event(
    session: Session, now: datetime, txn_id: str, state: str, detail: dict[str, Any] | None = None
) -> None:
    guard.check_value(detail, "event detail")
    values = {"txn_id": txn_id, "state": state, "at": now, "detail": dumps(detail or {})}
    _insert(session, EVENTS, values)


def create_transaction(
    session: Session,
    now: datetime,
    *,
    kiosk_id: str,
    kind: str,
    account_no: str | None,
    amount_fen: int,
    method: str | None,
    state: str,
    detail: dict[str, Any] | None = None,
) -> TransactionRecord:
    if kind not in TXN_KINDS:
        raise JournalError(f"unknown transaction kind {kind!r}")
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be an int")
    detail = detail or {}
    guard.check_value(detail, "detail")
    guard.check_value({"account_no": account_no, "method": method}, "transaction")
    txn_id = new_id(session, now, kind, kiosk_id)
    values = {
        "id": txn_id,
        "kind": kind,
        "account_no": account_no,
        "amount_fen": amount_fen,
        "method": method,
        "state": state,
        "created_at": now,
        "updated_at": now,
        "detail": dumps(detail),
    }
    session.connection().execute(_INSERT["transactions"], values)
    add_event(session, now, txn_id, state)
    return TransactionRecord(
        id=txn_id,
        kind=kind,
        account_no=account_no,
        amount_fen=amount_fen,
        method=method,
        state=state,
        created_at=now,
        updated_at=now,
        detail=detail,
    )


def set_state(
    session: Session,
    now: datetime,
    txn_id: str,
    state: str,
    *,
    detail_update: dict[str, Any] | None = None,
    event_detail: dict[str, Any] | None = None,
    amount_fen: int | None = None,
) -> TransactionRecord:
    """Move a transaction to state and append the matching event row (same DB transaction)."""
    guard.check_value(detail_update, "detail")
    guard.check_value(event_detail, "event detail")
    row = txn_row(session, txn_id)
    values: dict[str, Any] = {"b_id": txn_id, "state": state, "updated_at": now}
    detail = loads_dict(row.detail)
    if detail_update:
        detail.update(detail_update)
        values["detail"] = dumps(detail)
    if amount_fen is not None:
        values["amount_fen"] = amount_fen
    session.connection().execute(_UPDATE_TXN, values)
    add_event(session, now, txn_id, state, event_detail)
    return TransactionRecord(
        id=txn_id,
        kind=row.kind,
        account_no=row.account_no,
        amount_fen=row.amount_fen if amount_fen is None else amount_fen,
        method=row.method,
        state=state,
        created_at=row.created_at,
        updated_at=now,
        detail=detail,
    )


def add_amount(session: Session, now: datetime, txn_id: str, delta_fen: int) -> int:
    """Add delta_fen to the transaction's amount; returns the new amount."""
    conn = session.connection()
    conn.execute(_ADD_AMOUNT, {"b_id": txn_id, "b_delta": delta_fen, "b_now": now})
    return int(conn.execute(_AMOUNT, {"b_id": txn_id}).scalar_one())


def current_period(session: Session, now: datetime) -> int:
    """Id of the open cashbox period (one is opened if there is none)."""
    found = session.connection().execute(_OPEN_PERIOD).scalar()
    if found is not None:
        return int(found)
    return _insert(session, PERIODS, {"opened_at": now, "closed_at": None})


def new_cashbox_period(session: Session, now: datetime) -> int:
    """Close the current cashbox period (the box was emptied) and open a fresh one."""
    current = current_period(session, now)
    session.connection().execute(_CLOSE_PERIOD, {"b_id": current, "closed_at": now})
    return _insert(session, PERIODS, {"opened_at": now, "closed_at": None})


def record_note(
    session: Session, now: datetime, txn_id: str | None, value_fen: int, device: str, channel: int
) -> NoteRecord:
    """Insert the note and bump the cashbox count in the same DB transaction."""
    if isinstance(value_fen, bool) or not isinstance(value_fen, int) or value_fen <= 0:
        raise JournalError(f"note value must be a positive int of fen, got {value_fen!r}")
    guard.check_value({"device": device}, "note")
    if txn_id is not None:
        _check_txn(session, txn_id)
    period = current_period(session, now)
    values = {
        "txn_id": txn_id,
        "value_fen": value_fen,
        "device": device,
        "channel": channel,
        "at": now,
        "cashbox_period": period,
    }
    note_id = _insert(session, NOTES, values)
    session.connection().execute(_BUMP_COUNT, {"b_period": period, "b_value": value_fen})
    return NoteRecord(
        id=note_id,
        txn_id=txn_id,
        value_fen=value_fen,
        device=device,
        channel=channel,
        at=now,
        cashbox_period=period,
    )


def enqueue(
    session: Session,
    now: datetime,
    *,
    txn_id: str,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    key: str,
    account_no: str,
) -> OutboxItem:
    """Store a request (key + body exactly as it will be sent) before its first send."""
    guard.check_path(path)
    guard.check_value(body, "outbox body")
    if not IDEMPOTENCY_KEY_RE.match(key):
        raise JournalError(f"invalid idempotency key {key!r}")
    _check_txn(session, txn_id)
    taken = session.connection().execute(_OUTBOX_BY_KEY, {"b_key": key}).first()
    if taken is not None:
        raise JournalError(f"idempotency key {key} is already in the outbox")
    values: dict[str, Any] = {
        "txn_id": txn_id,
        "method": method.upper(),
        "path": path,
        "body": "" if body is None else dumps(body),
        "idempotency_key": key,
        "account_no": account_no,
        "state": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": None,
        "created_at": now,
        "response": None,
    }
    item_id = _insert(session, OUTBOX, values)
    return OutboxItem(id=item_id, **values)


def _pending_outbox(session: Session, item_id: int) -> Any:
    row = session.connection().execute(_OUTBOX, {"b_id": item_id}).first()
    if row is None:
        raise JournalError(f"no outbox item {item_id}")
    if row.state != "pending":
        raise JournalError(f"outbox item {item_id} is {row.state}, not pending")
    return row


def _update_outbox(session: Session, row: Any, **values: Any) -> OutboxItem:
    """Update the pending row and return the item as it now is (no re-read)."""
    session.connection().execute(_UPDATE_OUTBOX, {"b_id": row.id, **values})
    current = dict(row._mapping)
    current.update(values)
    return outbox_item(SimpleNamespace(**current))


def outbox_retry(
    session: Session, item_id: int, error: str, next_attempt_at: datetime
) -> OutboxItem:
    row = _pending_outbox(session, item_id)
    return _update_outbox(
        session,
        row,
        attempts=row.attempts + 1,
        last_error=guard.safe_text(error),
        next_attempt_at=next_attempt_at,
    )


def outbox_reschedule_beyond(session: Session, limit: datetime, now: datetime) -> int:
    """Items scheduled after limit become due at now (the wall clock jumped backwards)."""
    result = session.connection().execute(
        update(OUTBOX)
        .where(OUTBOX.c.state == "pending", OUTBOX.c.next_attempt_at > limit)
        .values(next_attempt_at=now)
    )
    return int(result.rowcount)


@dataclass(frozen=True)
class SentAnswer:
    """An answer checked by the guard and serialised, ready for the writer (see prepare_sent)."""

    response_json: str
    txn_state: str
    detail_json: str
    at: str


def prepare_sent(
    now: datetime, response: dict[str, Any], txn_state: str, detail_update: dict[str, Any]
) -> SentAnswer:
    """Guard and serialise an answer in the caller's thread, so the single writer only writes.

    Raises SensitiveDataError / JournalError, as outbox_sent would, before anything is written.
    """
    guard.check_value(response, "response")
    guard.check_value(detail_update, "detail")
    if any(value is None for value in detail_update.values()):  # json_patch drops null keys
        raise JournalError("detail_update of a sent item may not hold nulls")
    at = _NOW.process_bind_param(now, _DIALECT)
    assert at is not None
    return SentAnswer(dumps(response), txn_state, dumps(detail_update), at)


def outbox_sent(
    session: Session,
    now: datetime,
    item_id: int,
    response: dict[str, Any],
    txn_state: str,
    detail_update: dict[str, Any],
) -> None:
    """Store the response, mark the item sent and move its transaction on, atomically."""
    mark_sent(session, item_id, prepare_sent(now, response, txn_state, detail_update))


def mark_sent(session: Session, item_id: int, answer: SentAnswer) -> None:
    """outbox_sent with a prepared answer: the forwarder's hot path, a core job.

    Three plain SQL statements on the session's own DBAPI connection (same transaction): no
    reads, the detail JSON merged by SQLite's json_patch.
    """
    raw = session.connection().connection.driver_connection
    assert raw is not None
    found = raw.execute(_SQL_MARK_SENT, (answer.response_json, item_id)).fetchone()
    if found is None:
        raise JournalError(f"outbox item {item_id} is not pending")
    txn_id = found[0]
    raw.execute(_SQL_PATCH_TXN, (answer.txn_state, answer.at, answer.detail_json, txn_id))
    raw.execute(_SQL_EVENT, (txn_id, answer.txn_state, answer.at))


def outbox_failed(
    session: Session,
    now: datetime,
    item_id: int,
    error: str,
    response: dict[str, Any] | None,
    txn_state: str,
) -> OutboxItem:
    """Final refusal: item failed_final, transaction moved on, and a row for staff."""
    row = _pending_outbox(session, item_id)
    safe = guard.safe_text(error)
    try:
        guard.check_value(response, "response")
        stored = dumps(response) if response is not None else None
    except SensitiveDataError:
        stored = None
    item = _update_outbox(
        session,
        row,
        attempts=row.attempts + 1,
        state="failed_final",
        last_error=safe,
        response=stored,
    )
    set_state(session, now, row.txn_id, txn_state, event_detail={"error": safe})
    add_attention(
        session,
        now,
        row.txn_id,
        guard.safe_text(f"back end refused {row.method} {row.path}: {safe}"),
    )
    return item


def add_attention(
    session: Session, now: datetime, txn_id: str | None, reason: str
) -> AttentionItem:
    guard.check_value(reason, "attention reason")
    if txn_id is not None:
        _check_txn(session, txn_id)
    item_id = _insert(session, ATTENTION, {"txn_id": txn_id, "reason": reason, "created_at": now})
    row = session.connection().execute(_ATTENTION, {"b_id": item_id}).one()
    return attention_item(row)
