"""Start-up recovery hooks for the staff transaction kinds (pass to kiosk.payments.recover).

An open collection is not an error after a restart: staff resume it (`current_collection()`),
and the stored out_of_service mode keeps residents away meanwhile. A closed one whose report is
still queued is resent by the forwarder. An unanswered settlement waits for `Settlements.send`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.journal import Journal, TransactionRecord
from kiosk.payments.recovery import RecoveryHook, RecoveryReport
from kiosk.staff.collection import OPEN_STATES


def _needs_staff(
    journal: Journal, txn: TransactionRecord, reason: str, report: RecoveryReport
) -> None:
    if (txn.id, reason) not in {(a.txn_id, a.reason) for a in journal.list_attention()}:
        journal.add_attention(txn.id, reason)
    report.attention.append(txn.id)


def recover_collection(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
    if txn.state in OPEN_STATES:
        return
    if txn.state == "posting":
        items = journal.outbox_for(txn.id)
        if items and items[-1].state == "pending":
            report.resent.append(txn.id)
            return
    _needs_staff(journal, txn, f"collection left in state {txn.state!r}", report)


def recover_settlement(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
    if txn.state in ("new", "sending"):
        return
    _needs_staff(journal, txn, f"settlement left in state {txn.state!r}", report)


RECOVERY_HOOKS: Mapping[str, RecoveryHook] = {
    "collection": recover_collection,
    "settlement": recover_settlement,
}
