"""Append-only, hash-chained audit log of every staff, technician and admin action.

Each row's hash is SHA-256 over a canonical JSON of its fields (seq, at, actor, role, action,
target, before, after, all as stored) plus the previous row's hash; the first row chains to a
fixed genesis value. `staff_audit_head` keeps the newest seq and hash and is updated in the same
DB transaction as the insert, so `verify_chain()` finds an edited, deleted, reordered row and a
cut-off tail. (Someone who rewrites the whole chain *and* the head is not detected: for that,
send the head hash off the kiosk, e.g. with the heartbeat.)

Audit rows never hold PINs, PIN hashes, card ids/numbers or secrets: `check_audit_value` refuses
them (the journal's PAN/payment-code guard included) before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.journal import Journal, guard
from kiosk.journal.errors import SensitiveDataError
from kiosk.staff.access import Actor
from kiosk.staff.models import AUDIT, AUDIT_HEAD

GENESIS_HASH = hashlib.sha256(b"powerpay-kiosk staff audit genesis v1").hexdigest()
_FORBIDDEN_KEYS = frozenset(
    {
        "pin",
        "new_pin",
        "old_pin",
        "pin_hash",
        "pin_block",
        "password",
        "secret",
        "service_card_id",
        "card_id",
        "card_no",
        "pan",
        "track2",
        "cvv",
        "auth_code",
        "payment_code",
    }
)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    role: str
    action: str
    target: str
    before: Any
    after: Any


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    first_bad_seq: int | None
    reason: str
    rows: int = 0


def time_text(moment: datetime) -> str:
    """The exact text the journal's UTCDateTime column stores (and the hash covers)."""
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(
    seq: int,
    at: str,
    actor: str,
    role: str,
    action: str,
    target: str,
    before_json: str,
    after_json: str,
    prev_hash: str,
) -> str:
    fields = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "role": role,
        "action": action,
        "target": target,
        "before": before_json,
        "after": after_json,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()


def _refuse_secrets(value: Any, where: str) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if str(key).lower() in _FORBIDDEN_KEYS:
                raise SensitiveDataError(f"{where}.{key}: may not be audited")
            _refuse_secrets(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _refuse_secrets(item, f"{where}[{index}]")
    elif isinstance(value, str) and value.startswith("$argon2"):
        raise SensitiveDataError(f"{where}: looks like a PIN hash; refused")


def check_audit_value(value: Any, where: str = "audit") -> None:
    """Raise SensitiveDataError for PIN/card/secret fields, argon2 hashes or card numbers."""
    _refuse_secrets(value, where)
    guard.check_value(value, where)


def append(
    session: Session,
    now: datetime,
    actor: Actor,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
) -> int:
    """Append one row inside the caller's writer job (so it commits with the change it records).

    Returns the new seq. The head row, not max(seq), decides the next seq: after a cut tail the
    next row leaves a gap that verify_chain() still reports.
    """
    for where, value in (("actor", actor.name), ("action", action), ("target", target)):
        check_audit_value(value, f"audit {where}")
    check_audit_value(before, "audit before")
    check_audit_value(after, "audit after")
    head = session.execute(select(AUDIT_HEAD).where(AUDIT_HEAD.c.id == 1)).first()
    if head is not None:
        prev_seq, prev_hash = int(head.seq), str(head.hash)
    else:
        last = session.execute(select(AUDIT).order_by(AUDIT.c.seq.desc()).limit(1)).first()
        prev_seq, prev_hash = (int(last.seq), str(last.hash)) if last else (0, GENESIS_HASH)
    seq = prev_seq + 1
    before_json, after_json = canonical(before), canonical(after)
    digest = row_hash(
        seq,
        time_text(now),
        actor.name,
        actor.role,
        action,
        target,
        before_json,
        after_json,
        prev_hash,
    )
    session.execute(
        insert(AUDIT).values(
            seq=seq,
            at=now,
            actor=actor.name,
            role=actor.role,
            action=action,
            target=target,
            before_json=before_json,
            after_json=after_json,
            prev_hash=prev_hash,
            hash=digest,
        )
    )
    upsert = sqlite_insert(AUDIT_HEAD).values(id=1, seq=seq, hash=digest)
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=[AUDIT_HEAD.c.id],
            set_={"seq": upsert.excluded.seq, "hash": upsert.excluded.hash},
        )
    )
    return seq


def record(
    journal: Journal,
    actor: Actor,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
) -> int:
    """Append a row as its own writer job (for actions that change nothing else)."""
    now = journal.now()
    return journal.write(lambda s: append(s, now, actor, action, target, before, after))


def entries(journal: Journal, *, limit: int | None = None) -> list[AuditEntry]:
    """Rows oldest first (the newest `limit` when given)."""
    with journal.reading() as conn:
        query = select(AUDIT).order_by(AUDIT.c.seq.desc())
        if limit is not None:
            query = query.limit(limit)
        rows = list(conn.execute(query))
    return [
        AuditEntry(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            role=row.role,
            action=row.action,
            target=row.target,
            before=json.loads(row.before_json),
            after=json.loads(row.after_json),
        )
        for row in reversed(rows)
    ]


def verify_connection(conn: Connection) -> VerifyResult:
    """Walk the chain on raw column text (exactly the bytes that were hashed)."""
    rows = conn.execute(
        text(
            "SELECT seq, at, actor, role, action, target, before_json, after_json, prev_hash,"
            " hash FROM staff_audit ORDER BY seq"
        )
    ).all()
    head = conn.execute(text("SELECT seq, hash FROM staff_audit_head WHERE id = 1")).first()
    expected_seq, prev = 1, GENESIS_HASH
    for row in rows:
        seq = row[0]
        if seq != expected_seq:
            return VerifyResult(False, expected_seq, f"row {expected_seq} is missing", len(rows))
        if row[8] != prev:
            return VerifyResult(
                False, seq, f"row {seq} does not link to the row before it", len(rows)
            )
        if row_hash(*row[:9]) != row[9]:
            return VerifyResult(
                False, seq, f"row {seq} was changed after it was written", len(rows)
            )
        prev, expected_seq = row[9], seq + 1
    last_seq = expected_seq - 1
    if head is None:
        if rows:
            return VerifyResult(False, 1, "the head record is missing", len(rows))
        return VerifyResult(True, None, "empty log", 0)
    if head[0] > last_seq:
        return VerifyResult(
            False, last_seq + 1, f"rows {last_seq + 1}..{head[0]} were cut off", len(rows)
        )
    if head[0] < last_seq:
        return VerifyResult(
            False, head[0] + 1, f"rows after {head[0]} were added outside the log", len(rows)
        )
    if head[1] != prev:
        return VerifyResult(
            False, last_seq, "the head record does not match the last row", len(rows)
        )
    return VerifyResult(True, None, f"{len(rows)} rows intact", len(rows))


def verify_chain(journal: Journal) -> VerifyResult:
    with journal.reading() as conn:
        return verify_connection(conn)


def head(journal: Journal) -> tuple[int, str] | None:
    """(seq, hash) of the newest row: send it off the kiosk to anchor the chain."""
    with journal.reading() as conn:
        row = conn.execute(select(AUDIT_HEAD.c.seq, AUDIT_HEAD.c.hash)).first()
    return None if row is None else (int(row.seq), str(row.hash))
