"""Staff actions on the attention list: list, retry (wake the outbox), resolve. All audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from kiosk.journal import AttentionItem, Journal, guard
from kiosk.journal.models import ATTENTION, OUTBOX
from kiosk.staff import audit
from kiosk.staff.access import Principal
from kiosk.staff.errors import InvalidInput, NotFound, WrongState


class Wakeable(Protocol):
    def wake(self) -> None: ...


@dataclass(frozen=True)
class RetryOutcome:
    item_id: int
    requeued: int  # pending outbox items made due now
    note: str


class AttentionDesk:
    def __init__(self, journal: Journal, *, forwarder: Wakeable | None = None) -> None:
        self._journal = journal
        self._forwarder = forwarder

    def open_items(self) -> list[AttentionItem]:
        return self._journal.list_attention()

    def retry(self, by: Principal, item: AttentionItem | int) -> RetryOutcome:
        """Make the item's pending outbox requests due now and wake the forwarder.

        TODO(journal): items with no pending outbox request (a transaction recovery could not
        decide) have nothing to re-queue yet; they are audited and left for `resolve`.
        """
        actor = by.require("staff", "technician")
        item_id = item if isinstance(item, int) else item.id
        now = self._journal.now()

        def job(s: Session) -> RetryOutcome:
            row = s.execute(select(ATTENTION).where(ATTENTION.c.id == item_id)).first()
            if row is None:
                raise NotFound(f"no attention item {item_id}")
            if row.resolved_at is not None:
                raise WrongState(f"attention item {item_id} is already resolved")
            requeued = 0
            if row.txn_id is not None:
                result = cast(
                    CursorResult[Any],
                    s.execute(
                        update(OUTBOX)
                        .where(OUTBOX.c.txn_id == row.txn_id, OUTBOX.c.state == "pending")
                        .values(next_attempt_at=now),
                    ),
                )
                requeued = int(result.rowcount or 0)
            note = (
                f"{requeued} request(s) due now"
                if requeued
                else "nothing queued to resend; resolve it by hand"
            )
            after = {"txn_id": row.txn_id, "requeued": requeued}
            audit.append(s, now, actor, "attention_retry", f"attention {item_id}", None, after)
            return RetryOutcome(item_id, requeued, note)

        outcome = self._journal.write(job)
        if outcome.requeued and self._forwarder is not None:
            self._forwarder.wake()
        return outcome

    def resolve(self, by: Principal, item: AttentionItem | int, reason: str) -> None:
        actor = by.require("staff", "technician")
        item_id = item if isinstance(item, int) else item.id
        why = (reason or "").strip()
        if not why:
            raise InvalidInput("say how the item was resolved")
        guard.check_value(why, "resolution")
        now = self._journal.now()

        def job(s: Session) -> None:
            row = s.execute(select(ATTENTION).where(ATTENTION.c.id == item_id)).first()
            if row is None:
                raise NotFound(f"no attention item {item_id}")
            if row.resolved_at is not None:
                raise WrongState(f"attention item {item_id} is already resolved")
            s.execute(
                update(ATTENTION)
                .where(ATTENTION.c.id == item_id)
                .values(resolved_at=now, resolved_by=actor.name, resolution=why)
            )
            before = {"resolved": False, "txn_id": row.txn_id}
            after = {"resolved": True, "resolution": why}
            audit.append(s, now, actor, "attention_resolved", f"attention {item_id}", before, after)

        self._journal.write(job)
