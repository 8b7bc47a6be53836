"""JSON export of the whole journal for staff and auditors (holds no card data by design)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from kiosk.clock import rfc3339
from kiosk.journal import queries


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def export_all(session: Connection) -> dict[str, Any]:
    transactions = []
    for txn in queries.transactions(session):
        entry = asdict(txn)
        entry["events"] = [asdict(e) for e in queries.events(session, txn.id)]
        entry["outbox"] = [asdict(o) for o in queries.outbox_for_txn(session, txn.id)]
        transactions.append(entry)
    summary = queries.cashbox_summary(session)
    cashbox = None
    if summary is not None:
        cashbox = {
            "period": summary.period,
            "opened_at": rfc3339(summary.opened_at),
            "counts": {str(k): v for k, v in sorted(summary.counts.items())},
            "notes": summary.notes,
            "total_fen": summary.total_fen,
        }
    result: dict[str, Any] = _plain(
        {
            "transactions": transactions,
            "notes": [asdict(n) for n in queries.notes(session, all_notes=True)],
            "attention": [asdict(a) for a in queries.attention(session, include_resolved=True)],
            "cashbox": cashbox,
        }
    )
    return result
