"""Durable transaction journal: SQLite (WAL, synchronous=FULL) written by one thread.

Money rules it enforces: a note is journaled (committed to disk) before it is counted; a
request that moves money is stored with its Idempotency-Key and exact body before its first
send (the outbox). Nothing here may hold a card number, payment code, PIN block or secret
(guard.py refuses such values). Card authorizations, mobile charges (they carry a payment code)
and autopay mandates are therefore never put in the outbox: the caller journals the
transaction and its key, then sends the request directly and journals only the masked result.
"""

from kiosk.journal.errors import JournalError, SensitiveDataError, UnknownTransaction
from kiosk.journal.journal import Journal
from kiosk.journal.records import (
    AttentionItem,
    CashboxSummary,
    EventRecord,
    NoteRecord,
    OutboxItem,
    TransactionRecord,
)

__all__ = [
    "AttentionItem",
    "CashboxSummary",
    "EventRecord",
    "Journal",
    "JournalError",
    "NoteRecord",
    "OutboxItem",
    "SensitiveDataError",
    "TransactionRecord",
    "UnknownTransaction",
]
