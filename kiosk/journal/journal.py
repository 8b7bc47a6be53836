"""The Journal facade: typed methods over one writer thread and read-only sessions.

Every write goes through the single writer thread and returns only after its COMMIT (the row
is on disk); reads use separate query_only sessions and never wait for the writer.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.journal import db, guard, ops, queries
from kiosk.journal.convert import dumps
from kiosk.journal.errors import JournalError
from kiosk.journal.models import ATTENTION, CACHE
from kiosk.journal.records import (
    AttentionItem,
    CashboxSummary,
    EventRecord,
    JournalStatus,
    NoteRecord,
    OutboxItem,
    TransactionRecord,
)
from kiosk.journal.writer import WriterThread

T = TypeVar("T")
WRITE_TIMEOUT_S = 30.0


class Journal:
    def __init__(self, path: Path, clock: Clock) -> None:
        """Use Journal.open(); this constructor expects an already migrated database."""
        self.path = path
        self.clock = clock
        self._write_engine = db.make_engine(path)
        self._read_engine = db.make_engine(path, read_only=True)
        self._writer = WriterThread(self._write_engine)
        self._writer.start()

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Journal:
        """Create or upgrade (Alembic `upgrade head`) the journal file, then open it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db.upgrade(path)
        return cls(path, clock)

    def close(self) -> None:
        self._writer.stop()
        self._write_engine.dispose()
        self._read_engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- plumbing -------------------------------------------------------------------------

    def submit(self, fn: Callable[[Session], T], *, core: bool = False) -> Future[T]:
        """Run fn(session) on the writer thread inside one DB transaction.

        core=True: fn runs only Core/raw SQL on session.connection() (cheaper savepoint)."""
        return self._writer.submit(fn, core=core)

    def write(
        self, fn: Callable[[Session], T], timeout_s: float = WRITE_TIMEOUT_S, *, core: bool = False
    ) -> T:
        """submit() and wait until the transaction is committed to disk."""
        return self._writer.submit(fn, core=core).result(timeout_s)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A query_only connection inside one read transaction (a consistent snapshot)."""
        with self._read_engine.connect() as connection, connection.begin():
            yield connection

    def _read(self, fn: Callable[[Connection], T]) -> T:
        with self.reading() as session:
            return fn(session)

    def now(self) -> datetime:
        return self.clock.now()

    # --- transactions ---------------------------------------------------------------------

    def create_transaction(
        self,
        *,
        kiosk_id: str,
        kind: str,
        account_no: str | None,
        amount_fen: int = 0,
        method: str | None = None,
        state: str,
        detail: dict[str, Any] | None = None,
    ) -> TransactionRecord:
        now = self.now()
        return self.write(
            lambda s: ops.create_transaction(
                s,
                now,
                kiosk_id=kiosk_id,
                kind=kind,
                account_no=account_no,
                amount_fen=amount_fen,
                method=method,
                state=state,
                detail=detail,
            )
        )

    def set_state(
        self,
        txn_id: str,
        state: str,
        *,
        detail_update: dict[str, Any] | None = None,
        event_detail: dict[str, Any] | None = None,
    ) -> TransactionRecord:
        now = self.now()
        return self.write(
            lambda s: ops.set_state(
                s, now, txn_id, state, detail_update=detail_update, event_detail=event_detail
            )
        )

    def get_transaction(self, txn_id: str) -> TransactionRecord | None:
        return self._read(lambda s: queries.transaction(s, txn_id))

    def list_transactions(
        self, *, state: str | None = None, kind: str | None = None, limit: int | None = None
    ) -> list[TransactionRecord]:
        return self._read(lambda s: queries.transactions(s, state=state, kind=kind, limit=limit))

    def list_unfinished(self) -> list[TransactionRecord]:
        """Transactions not in a terminal state (recovery's work list)."""
        return self._read(queries.unfinished)

    def events_for(self, txn_id: str) -> list[EventRecord]:
        return self._read(lambda s: queries.events(s, txn_id))

    # --- notes and cashbox ----------------------------------------------------------------

    def record_note(
        self, txn_id: str | None, value_fen: int, device: str, channel: int
    ) -> NoteRecord:
        """Journal a stacked note; returns only once the row is durable."""
        now = self.now()
        return self.write(lambda s: ops.record_note(s, now, txn_id, value_fen, device, channel))

    def notes_for(self, txn_id: str | None) -> list[NoteRecord]:
        """Notes of a transaction (None: notes with no transaction, e.g. power-up clears)."""
        return self._read(lambda s: queries.notes(s, txn_id))

    def all_notes(self) -> list[NoteRecord]:
        return self._read(lambda s: queries.notes(s, all_notes=True))

    def notes_total(self, txn_id: str) -> int:
        return self._read(lambda s: queries.notes_total(s, txn_id))

    def cashbox_summary(self) -> CashboxSummary | None:
        return self._read(queries.cashbox_summary)

    def new_cashbox_period(self) -> int:
        now = self.now()
        return self.write(lambda s: ops.new_cashbox_period(s, now))

    # --- outbox ---------------------------------------------------------------------------

    def enqueue(
        self,
        txn_id: str,
        method: str,
        path: str,
        body: dict[str, Any],
        key: str,
        account_no: str,
    ) -> OutboxItem:
        """Store a request before its first send (never for card authorizations: see guard)."""
        now = self.now()
        return self.write(
            lambda s: ops.enqueue(
                s,
                now,
                txn_id=txn_id,
                method=method,
                path=path,
                body=body,
                key=key,
                account_no=account_no,
            )
        )

    def outbox_for(self, txn_id: str) -> list[OutboxItem]:
        return self._read(lambda s: queries.outbox_for_txn(s, txn_id))

    def outbox_item(self, item_id: int) -> OutboxItem | None:
        return self._read(lambda s: queries.outbox_item_by_id(s, item_id))

    def due_outbox(
        self, *, exclude_accounts: Collection[str] = (), limit: int = 16
    ) -> list[OutboxItem]:
        now = self.now()
        return self._read(
            lambda s: queries.due_outbox(s, now, exclude_accounts=exclude_accounts, limit=limit)
        )

    def pending_outbox(self) -> list[OutboxItem]:
        """Every pending item, in order per account."""
        return self._read(queries.pending_outbox)

    def next_outbox_due(self, exclude_accounts: Collection[str] = ()) -> datetime | None:
        return self._read(lambda s: queries.next_outbox_due(s, exclude_accounts=exclude_accounts))

    def outbox_depth(self) -> int:
        return self._read(queries.outbox_depth)

    def oldest_unsent(self) -> datetime | None:
        return self._read(queries.oldest_unsent)

    # --- account cache (offline cash within 24 h) -----------------------------------------

    def cache_account(self, account_no: str, data: dict[str, Any]) -> None:
        guard.check_value(data, "account cache")
        now = self.now()

        def job(s: Session) -> None:
            upsert = sqlite_insert(CACHE).values(
                account_no=account_no, data=dumps(data), fetched_at=now
            )
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=[CACHE.c.account_no],
                    set_={"data": upsert.excluded.data, "fetched_at": upsert.excluded.fetched_at},
                )
            )

        self.write(job)

    def get_cached_account(
        self, account_no: str, max_age: timedelta = timedelta(hours=24)
    ) -> dict[str, Any] | None:
        found = self._read(lambda s: queries.cached_account(s, account_no))
        if found is None:
            return None
        data, fetched_at = found
        return data if self.now() - fetched_at <= max_age else None

    # --- staff attention list -------------------------------------------------------------

    def add_attention(self, txn_id: str | None, reason: str) -> AttentionItem:
        now = self.now()
        return self.write(lambda s: ops.add_attention(s, now, txn_id, reason))

    def list_attention(self, *, include_resolved: bool = False) -> list[AttentionItem]:
        return self._read(lambda s: queries.attention(s, include_resolved=include_resolved))

    def resolve_attention(self, item_id: int, resolved_by: str, resolution: str) -> None:
        guard.check_value(resolution, "resolution")
        now = self.now()

        def job(s: Session) -> None:
            row = s.execute(select(ATTENTION).where(ATTENTION.c.id == item_id)).first()
            if row is None:
                raise JournalError(f"no attention item {item_id}")
            if row.resolved_at is not None:
                raise JournalError(f"attention item {item_id} is already resolved")
            s.execute(
                update(ATTENTION)
                .where(ATTENTION.c.id == item_id)
                .values(resolved_at=now, resolved_by=resolved_by, resolution=resolution)
            )

        self.write(job)

    # --- status and export ----------------------------------------------------------------

    def status(self) -> JournalStatus:
        return self._read(queries.status)

    def export(self) -> dict[str, Any]:
        """Every transaction (with events and outbox items), note and attention row."""
        from kiosk.journal.export import export_all

        return self._read(export_all)
