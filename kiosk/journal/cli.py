"""`kiosk journal ...` and `kiosk forward --once` as plain functions the lead wires into argparse.

Each takes what it needs and a text stream, prints, and returns an exit code (0 ok, 1 not found).
Nothing printed here can hold card data: the journal refuses it at write time.
"""

from __future__ import annotations

import json
from typing import Protocol, TextIO

from kiosk.clock import rfc3339
from kiosk.journal.journal import Journal
from kiosk.money import format_yuan


class _Drains(Protocol):
    def drain_once(self) -> _Summary: ...


class _Summary(Protocol):
    @property
    def sent(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def pending(self) -> int: ...


def cmd_status(journal: Journal, out: TextIO) -> int:
    status = journal.status()
    out.write("transactions by state:\n")
    if not status.counts_by_state:
        out.write("  (none)\n")
    for state, count in sorted(status.counts_by_state.items()):
        out.write(f"  {state:<12} {count}\n")
    oldest = rfc3339(status.oldest_unsent_at) if status.oldest_unsent_at else "-"
    out.write(f"outbox depth: {status.outbox_depth}\n")
    out.write(f"oldest unsent: {oldest}\n")
    out.write(f"open attention items: {status.open_attention}\n")
    cashbox = journal.cashbox_summary()
    if cashbox is not None:
        out.write(f"cashbox: {cashbox.notes} notes, {format_yuan(cashbox.total_fen)}\n")
    return 0


def cmd_list(journal: Journal, out: TextIO, state: str | None = None) -> int:
    for txn in journal.list_transactions(state=state):
        out.write(
            f"{txn.id}  {txn.kind:<18} {txn.state:<10} {txn.account_no or '-':<13} "
            f"{format_yuan(txn.amount_fen):>12}  {rfc3339(txn.created_at)}\n"
        )
    return 0


def cmd_show(journal: Journal, out: TextIO, txn_id: str) -> int:
    txn = journal.get_transaction(txn_id)
    if txn is None:
        out.write(f"no transaction {txn_id}\n")
        return 1
    out.write(f"id:       {txn.id}\nkind:     {txn.kind}\nstate:    {txn.state}\n")
    out.write(f"account:  {txn.account_no or '-'}\namount:   {format_yuan(txn.amount_fen)}\n")
    out.write(f"method:   {txn.method or '-'}\ncreated:  {rfc3339(txn.created_at)}\n")
    out.write(f"detail:   {json.dumps(txn.detail, ensure_ascii=False, sort_keys=True)}\n")
    out.write("events:\n")
    for event in journal.events_for(txn_id):
        extra = json.dumps(event.detail, ensure_ascii=False) if event.detail else ""
        out.write(f"  {rfc3339(event.at)}  {event.state:<10} {extra}\n")
    notes = journal.notes_for(txn_id)
    if notes:
        out.write("notes:\n")
        for note in notes:
            out.write(f"  {rfc3339(note.at)}  {format_yuan(note.value_fen)}  {note.device}\n")
    for item in journal.outbox_for(txn_id):
        out.write(
            f"outbox:   #{item.id} {item.method} {item.path} {item.state}, "
            f"{item.attempts} attempts, key {item.idempotency_key}\n"
        )
        if item.last_error:
            out.write(f"          last error: {item.last_error}\n")
    for attention in journal.list_attention(include_resolved=True):
        if attention.txn_id == txn_id:
            done = " (resolved)" if attention.resolved_at else ""
            out.write(f"attention: {attention.reason}{done}\n")
    return 0


def cmd_export_json(journal: Journal, out: TextIO) -> int:
    json.dump(journal.export(), out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")
    return 0


def cmd_forward_once(forwarder: _Drains, out: TextIO) -> int:
    summary = forwarder.drain_once()
    out.write(f"sent {summary.sent}, failed {summary.failed}, still pending {summary.pending}\n")
    return 0
