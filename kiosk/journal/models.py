"""ORM tables of the journal. The schema itself is owned by the Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from sqlalchemy import ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as fixed-width ISO text, so text order is time order."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("journal times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)  # "...Z" parses as UTC (Python 3.11+)


class Base(DeclarativeBase):
    pass


class Transaction(Base):
    __tablename__ = "transactions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    account_no: Mapped[str | None] = mapped_column(String(32))
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    detail: Mapped[str] = mapped_column(Text, default="{}")


class TransactionEvent(Base):
    __tablename__ = "transaction_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    txn_id: Mapped[str] = mapped_column(ForeignKey("transactions.id"), index=True)
    state: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    detail: Mapped[str] = mapped_column(Text, default="{}")


class CashboxPeriod(Base):
    __tablename__ = "cashbox_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    txn_id: Mapped[str | None] = mapped_column(ForeignKey("transactions.id"), index=True)
    value_fen: Mapped[int] = mapped_column(Integer)
    device: Mapped[str] = mapped_column(String(64))
    channel: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    cashbox_period: Mapped[int] = mapped_column(ForeignKey("cashbox_periods.id"))


class CashboxCount(Base):
    __tablename__ = "cashbox_counts"

    cashbox_period: Mapped[int] = mapped_column(ForeignKey("cashbox_periods.id"), primary_key=True)
    value_fen: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_account_id", "state", "account_no", "id"),
        Index("ix_outbox_state_due", "state", "next_attempt_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    txn_id: Mapped[str] = mapped_column(ForeignKey("transactions.id"), index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    account_no: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    response: Mapped[str | None] = mapped_column(Text)


class AccountCache(Base):
    __tablename__ = "account_cache"

    account_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Attention(Base):
    __tablename__ = "attention"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    txn_id: Mapped[str | None] = mapped_column(ForeignKey("transactions.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)


class IdSequence(Base):
    """Added by migration 0002: per-prefix, per-day counters so ids survive restarts."""

    __tablename__ = "id_sequences"

    prefix: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


# Core views of the mapped tables, for the hot write/read paths (no unit-of-work overhead).
TXNS = _table(Transaction)
EVENTS = _table(TransactionEvent)
PERIODS = _table(CashboxPeriod)
NOTES = _table(Note)
COUNTS = _table(CashboxCount)
OUTBOX = _table(OutboxRow)
CACHE = _table(AccountCache)
ATTENTION = _table(Attention)
SEQUENCES = _table(IdSequence)
