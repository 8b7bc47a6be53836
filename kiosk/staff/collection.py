"""Cash collection as a persisted state machine that resumes after a crash.

started -> cashbox_removed -> counted -> cashbox_inserted -> closed (or started -> cancelled).

The collection is a journal transaction of kind `collection` from its first step (its id is the
collection_id and the Idempotency-Key), so every step is a state change with an event row, done
in one writer job together with its audit row. Journal transaction states: the four open steps
by name, then `posting` (closed, POST queued in the outbox), `done`/`rejected` (the forwarder's
answer), or `cancelled`.

- start: the kiosk goes out of service (stored, so it stays so across a restart).
- cashbox_removed: the device reported it; `expected` is the cashbox period's note counts now.
- count: staff's counts; discrepancy = counted - expected (fen); non-zero needs a reason.
- close: new cashbox period, POST /v1/kiosks/{id}/cash-collections enqueued with
  key = collection_id, and the kiosk back to the mode it had before, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import calls
from kiosk.backend.bodies import cash_collection_body
from kiosk.backend.errors import InvalidRequest
from kiosk.clock import Clock, rfc3339
from kiosk.journal import Journal, TransactionRecord, guard, ops
from kiosk.journal.convert import loads_dict
from kiosk.journal.models import COUNTS, TXNS
from kiosk.staff import audit
from kiosk.staff.access import DEVICE_ACTOR, Principal
from kiosk.staff.cashbox import DENOMINATIONS_FEN
from kiosk.staff.errors import InvalidInput, NotFound, WrongState
from kiosk.staff.service_mode import read_mode, write_mode

OPEN_STATES = ("started", "cashbox_removed", "counted", "cashbox_inserted")
CLOSED_STATES = ("posting", "done", "rejected")


class Wakeable(Protocol):
    def wake(self) -> None: ...


@dataclass(frozen=True)
class CollectionView:
    collection_id: str
    state: str  # started | cashbox_removed | counted | cashbox_inserted | closed | cancelled
    txn_state: str
    staff_id: str
    opened_at: datetime
    expected: dict[int, int] | None
    expected_total_fen: int | None
    counted: dict[int, int] | None
    counted_total_fen: int | None
    discrepancy_fen: int | None
    reason: str
    closed_at: str | None

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES


def _counts(raw: Any) -> dict[int, int] | None:
    if raw is None:
        return None
    return {int(k): int(v) for k, v in dict(raw).items()}


def view(txn: TransactionRecord) -> CollectionView:
    d = txn.detail
    state = "closed" if txn.state in CLOSED_STATES else txn.state
    return CollectionView(
        collection_id=txn.id,
        state=state,
        txn_state=txn.state,
        staff_id=str(d.get("staff_id", "")),
        opened_at=txn.created_at,
        expected=_counts(d.get("expected")),
        expected_total_fen=d.get("expected_total_fen"),
        counted=_counts(d.get("counted")),
        counted_total_fen=d.get("counted_total_fen"),
        discrepancy_fen=d.get("discrepancy_fen"),
        reason=str(d.get("reason", "")),
        closed_at=d.get("closed_at"),
    )


def check_counts(counted: Mapping[int, int]) -> dict[int, int]:
    """Denominations the kiosk knows, counts as non-negative ints; zero counts dropped."""
    if not isinstance(counted, Mapping):
        raise InvalidInput("counted notes are a mapping of denomination (fen) to count")
    out: dict[int, int] = {}
    for value, count in counted.items():
        if isinstance(value, bool) or not isinstance(value, int) or value not in DENOMINATIONS_FEN:
            raise InvalidInput(f"{value!r} is not a banknote denomination in fen")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 100_000:
            raise InvalidInput(f"the count of {value} fen notes must be an int from 0 to 100000")
        if count:
            out[value] = count
    return out


def _text_counts(counts: Mapping[int, int]) -> dict[str, int]:
    return {str(k): counts[k] for k in sorted(counts, reverse=True)}


def _total(counts: Mapping[int, int]) -> int:
    return sum(value * count for value, count in counts.items())


class Collections:
    def __init__(
        self,
        journal: Journal,
        clock: Clock,
        kiosk_id: str,
        *,
        forwarder: Wakeable | None = None,
    ) -> None:
        self._journal = journal
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._forwarder = forwarder

    # --- reads ----------------------------------------------------------------------------

    def current_collection(self) -> CollectionView | None:
        """The open collection (also after a restart), or None."""
        for txn in self._journal.list_transactions(kind="collection"):
            if txn.state in OPEN_STATES:
                return view(txn)
        return None

    def get(self, collection_id: str) -> CollectionView:
        txn = self._journal.get_transaction(collection_id)
        if txn is None or txn.kind != "collection":
            raise NotFound(f"no collection {collection_id}")
        return view(txn)

    # --- steps ----------------------------------------------------------------------------

    def start(self, by: Principal) -> CollectionView:
        actor = by.require("staff")
        now = self._clock.now()

        def job(s: Session) -> str:
            if self._open_id(s) is not None:
                raise WrongState("a cash collection is already open; finish it first")
            previous = read_mode(s).mode
            txn = ops.create_transaction(
                s,
                now,
                kiosk_id=self._kiosk_id,
                kind="collection",
                account_no=None,
                amount_fen=0,
                method=None,
                state="started",
                detail={"staff_id": actor.name, "previous_mode": previous},
            )
            write_mode(s, now, actor, "out_of_service", f"cash collection {txn.id}")
            audit.append(s, now, actor, "collection_started", txn.id, None, {"state": "started"})
            return txn.id

        return self.get(self._journal.write(job))

    def cashbox_removed(self, by: Principal | None = None) -> CollectionView:
        """The acceptor reported its cashbox out: freeze what the journal expects in it."""
        actor = by.require("staff") if by is not None else DEVICE_ACTOR
        now = self._clock.now()

        def job(s: Session) -> str:
            txn_id, _ = self._step(s, ("started",))
            period = ops.current_period(s, now)
            rows = s.execute(select(COUNTS).where(COUNTS.c.cashbox_period == period)).all()
            expected = {
                int(r.value_fen): int(r._mapping["count"]) for r in rows if r._mapping["count"]
            }
            update = {
                "period": period,
                "expected": _text_counts(expected),
                "expected_total_fen": _total(expected),
                "removed_at": rfc3339(now),
            }
            ops.set_state(s, now, txn_id, "cashbox_removed", detail_update=update)
            after = {"state": "cashbox_removed", **update}
            audit.append(s, now, actor, "cashbox_removed", txn_id, {"state": "started"}, after)
            return txn_id

        return self.get(self._journal.write(job))

    def count(
        self, by: Principal, counted: Mapping[int, int], reason: str | None = None
    ) -> CollectionView:
        """Record staff's count (again, to correct it, until the cashbox is back in)."""
        actor = by.require("staff")
        notes = check_counts(counted)
        why = (reason or "").strip()
        if why:
            guard.check_value(why, "reason")
            if len(why) > 500:
                raise InvalidInput("the reason is at most 500 characters")
        now = self._clock.now()

        def job(s: Session) -> str:
            txn_id, detail = self._step(s, ("cashbox_removed", "counted"))
            expected_total = int(detail["expected_total_fen"])
            counted_total = _total(notes)
            discrepancy = counted_total - expected_total
            if discrepancy and not why:
                raise InvalidInput(
                    f"counted differs from expected by {discrepancy} fen: a reason is required"
                )
            update = {
                "counted": _text_counts(notes),
                "counted_total_fen": counted_total,
                "discrepancy_fen": discrepancy,
                "reason": why,
            }
            before = {k: detail.get(k) for k in update}
            ops.set_state(s, now, txn_id, "counted", detail_update=update, amount_fen=counted_total)
            audit.append(s, now, actor, "collection_counted", txn_id, before, update)
            return txn_id

        return self.get(self._journal.write(job))

    def cashbox_inserted(self, by: Principal | None = None) -> CollectionView:
        actor = by.require("staff") if by is not None else DEVICE_ACTOR
        now = self._clock.now()

        def job(s: Session) -> str:
            txn_id, _ = self._step(s, ("counted",))
            ops.set_state(s, now, txn_id, "cashbox_inserted")
            before, after = {"state": "counted"}, {"state": "cashbox_inserted"}
            audit.append(s, now, actor, "cashbox_inserted", txn_id, before, after)
            return txn_id

        return self.get(self._journal.write(job))

    def close(self, by: Principal) -> CollectionView:
        """New cashbox period, the report queued for the back end, the kiosk back in service."""
        actor = by.require("staff")
        now = self._clock.now()

        def job(s: Session) -> str:
            txn_id, detail = self._step(s, ("cashbox_inserted",))
            txn = ops.txn_row(s, txn_id)
            try:
                body = cash_collection_body(
                    collection_id=txn_id,
                    opened_at=txn.created_at,
                    closed_at=now,
                    staff_id=str(detail["staff_id"]),
                    expected=_counts(detail["expected"]) or {},
                    counted=_counts(detail["counted"]) or {},
                    note=str(detail.get("reason", "")),
                )
            except InvalidRequest as exc:
                raise InvalidInput(str(exc)) from exc
            call = calls.post_cash_collection(self._kiosk_id, body)
            late = self._late_notes(s, int(detail["period"]), detail["expected"])
            if late:
                reason = f"collection {txn_id}: notes journaled after the cashbox came out: {late}"
                ops.add_attention(s, now, txn_id, reason)
            new_period = ops.new_cashbox_period(s, now)
            ops.enqueue(
                s,
                now,
                txn_id=txn_id,
                method=call.method,
                path=call.path,
                body=dict(body),
                key=txn_id,
                account_no=self._kiosk_id,  # kiosk-level reports share one outbox lane
            )
            update = {"closed_at": rfc3339(now), "new_period": new_period}
            ops.set_state(s, now, txn_id, "posting", detail_update=update)
            previous = str(detail.get("previous_mode", "in_service"))
            write_mode(s, now, actor, previous, f"cash collection {txn_id} closed")
            after = {"state": "closed", "new_period": new_period}
            audit.append(
                s, now, actor, "collection_closed", txn_id, {"state": "cashbox_inserted"}, after
            )
            return txn_id

        collection = self.get(self._journal.write(job))
        if self._forwarder is not None:
            self._forwarder.wake()
        return collection

    def cancel(self, by: Principal, reason: str) -> CollectionView:
        """Only before the cashbox came out: nothing was touched, the old mode comes back."""
        actor = by.require("staff")
        why = (reason or "").strip()
        if not why:
            raise InvalidInput("say why the collection is cancelled")
        guard.check_value(why, "reason")
        now = self._clock.now()

        def job(s: Session) -> str:
            txn_id, detail = self._step(s, ("started",))
            ops.set_state(s, now, txn_id, "cancelled", event_detail={"reason": why})
            previous = str(detail.get("previous_mode", "in_service"))
            write_mode(s, now, actor, previous, f"cash collection {txn_id} cancelled")
            after = {"state": "cancelled", "reason": why}
            audit.append(s, now, actor, "collection_cancelled", txn_id, {"state": "started"}, after)
            return txn_id

        return self.get(self._journal.write(job))

    # --- helpers (writer thread) ----------------------------------------------------------

    @staticmethod
    def _open_id(s: Session) -> str | None:
        row = s.execute(
            select(TXNS.c.id)
            .where(TXNS.c.kind == "collection", TXNS.c.state.in_(OPEN_STATES))
            .order_by(TXNS.c.created_at)
            .limit(1)
        ).first()
        return None if row is None else str(row.id)

    @staticmethod
    def _late_notes(s: Session, period: int, expected: Mapping[str, int]) -> dict[str, int]:
        """Notes added to the emptied period since removal (should never happen: we are out of
        service), by denomination; they belong to neither count, so staff must look."""
        rows = s.execute(select(COUNTS).where(COUNTS.c.cashbox_period == period)).all()
        now_counts = {str(r.value_fen): int(r._mapping["count"]) for r in rows}
        return {
            value: count - int(expected.get(value, 0))
            for value, count in now_counts.items()
            if count != int(expected.get(value, 0))
        }

    def _step(self, s: Session, allowed: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
        txn_id = self._open_id(s)
        if txn_id is None:
            raise WrongState("no cash collection is open")
        row = ops.txn_row(s, txn_id)
        if row.state not in allowed:
            raise WrongState(f"collection {txn_id} is {row.state}; this step needs {allowed}")
        return txn_id, loads_dict(row.detail)
