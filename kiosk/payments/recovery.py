"""Start-up recovery, run before the start screen: no payment is left half-way.

Rules for cash payments:
- `collecting` with notes: the notes are in the cashbox, so the payment is finished and credited
  (enqueued with its own transaction id as key, occurred_at = the last note's time).
- `collecting` without notes: cancelled.
- `posting`: its outbox item stays and is resent unchanged (same key, same body).
- Anything that cannot be decided (no outbox item, unknown kind/state): the attention list.
Other kinds (wallet charges, card authorizations, ...) pass a hook to recover(hooks=...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.journal import Journal, TransactionRecord
from kiosk.payments.cash import finish_in_session


class Wakeable(Protocol):
    def wake(self) -> None: ...


@dataclass
class RecoveryReport:
    finished: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    resent: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.finished or self.cancelled or self.attention)


# kind -> hook(journal, txn, report); a hook decides or puts the transaction on the list.
RecoveryHook = Callable[[Journal, TransactionRecord, RecoveryReport], None]


def _needs_staff(
    journal: Journal, txn: TransactionRecord, reason: str, report: RecoveryReport
) -> None:
    open_reasons = {(a.txn_id, a.reason) for a in journal.list_attention()}
    if (txn.id, reason) not in open_reasons:
        journal.add_attention(txn.id, reason)
    report.attention.append(txn.id)


def _recover_payment(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
    if txn.state == "collecting" and txn.method == "cash":
        notes = journal.notes_for(txn.id)
        occurred_at = notes[-1].at if notes else journal.now()
        now = journal.now()
        state = journal.write(
            lambda s: finish_in_session(s, now, txn.id, occurred_at, recovered=True)
        )
        if state == "posting":
            report.finished.append(txn.id)
        elif state == "cancelled":
            report.cancelled.append(txn.id)
        return
    if txn.state == "posting":
        items = journal.outbox_for(txn.id)
        if items and items[-1].state == "pending":
            report.resent.append(txn.id)
            return
        _needs_staff(journal, txn, "payment is posting but has no pending outbox item", report)
        return
    reason = f"{txn.method} payment left in state {txn.state!r}: no recovery rule"
    _needs_staff(journal, txn, reason, report)


DEFAULT_HOOKS: Mapping[str, RecoveryHook] = {"payment": _recover_payment}


def recover(
    journal: Journal, forwarder: Wakeable, *, hooks: Mapping[str, RecoveryHook] | None = None
) -> RecoveryReport:
    """Settle every unfinished transaction; then wake the forwarder for what was queued.

    hooks add rules for more kinds (mobile_charge, card_authorization, ...) as they arrive.
    """
    rules = {**DEFAULT_HOOKS, **(hooks or {})}
    report = RecoveryReport()
    for txn in journal.list_unfinished():
        if txn.kind in rules:
            rules[txn.kind](journal, txn, report)
        else:
            reason = f"unfinished {txn.kind} in state {txn.state!r}: no recovery rule yet"
            _needs_staff(journal, txn, reason, report)
    if report.finished or report.resent:
        forwarder.wake()
    return report
