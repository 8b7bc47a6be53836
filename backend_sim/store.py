"""SQLite persistence: JSON documents by kind, idempotency records, counters.

One connection, one lock, one transaction per request: the simulator serialises all
state changes, which keeps the money rules simple and is fast enough for 10k payments.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    account_no TEXT,
    kiosk_id TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS docs_by_account ON docs (kind, account_no);
CREATE INDEX IF NOT EXISTS docs_by_kiosk ON docs (kind, kiosk_id);
CREATE TABLE IF NOT EXISTS idempotency (
    kiosk_id TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, key)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class IdemRecord:
    method: str
    path: str
    fingerprint: str
    status: int
    body: bytes


class Tx:
    """Operations inside one transaction (the caller holds the store lock)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, kind: str, doc_id: str) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT body FROM docs WHERE kind = ? AND id = ?", (kind, doc_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put(
        self,
        kind: str,
        doc_id: str,
        doc: dict[str, Any],
        *,
        account_no: str | None = None,
        kiosk_id: str | None = None,
    ) -> None:
        """Insert or update; an update keeps the row's original insertion order."""
        self._conn.execute(
            "INSERT INTO docs (kind, id, account_no, kiosk_id, body) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
            (kind, doc_id, account_no, kiosk_id, json.dumps(doc, ensure_ascii=False)),
        )

    def list(
        self,
        kind: str,
        *,
        account_no: str | None = None,
        kiosk_id: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        sql = "SELECT body FROM docs WHERE kind = ?"
        args: list[Any] = [kind]
        if account_no is not None:
            sql += " AND account_no = ?"
            args.append(account_no)
        if kiosk_id is not None:
            sql += " AND kiosk_id = ?"
            args.append(kiosk_id)
        sql += " ORDER BY rowid DESC" if newest_first else " ORDER BY rowid"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [dict(json.loads(row[0])) for row in self._conn.execute(sql, args)]

    def next_number(self, name: str) -> int:
        """A counter that never repeats (ids of payments, receipts, invoices ...)."""
        key = f"counter:{name}"
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        value = (int(row[0]) if row else 0) + 1
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, str(value)),
        )
        return value

    def meta_get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def meta_set(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def idem_get(self, kiosk_id: str, key: str) -> IdemRecord | None:
        row = self._conn.execute(
            "SELECT method, path, fingerprint, status, body FROM idempotency "
            "WHERE kiosk_id = ? AND key = ?",
            (kiosk_id, key),
        ).fetchone()
        if row is None:
            return None
        return IdemRecord(row[0], row[1], row[2], int(row[3]), bytes(row[4]))

    def idem_put(self, kiosk_id: str, key: str, record: IdemRecord, created_at: str) -> None:
        self._conn.execute(
            "INSERT INTO idempotency "
            "(kiosk_id, key, method, path, fingerprint, status, body, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kiosk_id,
                key,
                record.method,
                record.path,
                record.fingerprint,
                record.status,
                record.body,
                created_at,
            ),
        )

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo only the block's changes when it raises (the outer transaction goes on)."""
        self._conn.execute("SAVEPOINT handler")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK TO handler")
            self._conn.execute("RELEASE handler")
            raise
        self._conn.execute("RELEASE handler")

    def wipe(self) -> None:
        """Forget everything (before seeding again)."""
        self._conn.execute("DELETE FROM docs")
        self._conn.execute("DELETE FROM idempotency")
        self._conn.execute("DELETE FROM meta")


class Store:
    """The simulator's state in one SQLite file (or in memory when no path is given)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        if path is not None:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """Serialised: commit when the block ends normally, roll back on any exception."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
