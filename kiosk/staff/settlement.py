"""End-of-day settlement (对账): the kiosk's posted payments of a business date vs the server's.

The business date is the Asia/Shanghai calendar date (UTC+8 all year, no DST) of each payment's
`occurred_at` as it was sent in its POST /v1/payments body, the same rule the back end uses.
Only payments the server confirmed (journal state posted or suspense) are counted; payments
still queued are listed as `pending` so staff can wait for the outbox first.

The body is journaled (a `settlement` transaction, id = settlement_id = Idempotency-Key) before
it is sent; the answer is stored in the transaction's detail. A mismatch also goes on the
attention list with the transaction ids. An unknown outcome leaves the transaction `sending`;
`send()` again resends the same body (the server replays its first answer).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import models as m
from kiosk.backend.bodies import SettlementBody, SettlementTotalBody, settlement_body
from kiosk.backend.errors import ApiError, BackendError, InvalidRequest
from kiosk.clock import Clock
from kiosk.journal import Journal, guard, ops
from kiosk.journal.models import OUTBOX, TXNS
from kiosk.staff import audit
from kiosk.staff.access import Principal
from kiosk.staff.errors import InvalidInput, NotFound, WrongState

BUSINESS_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
PAYMENTS_PATH = "/v1/payments"
CONFIRMED_STATES = ("posted", "suspense")
METHOD_ORDER = ("cash", "bank_card", "wechat", "alipay", "unionpay_qr")


class SettlementClient(Protocol):
    def post_settlement(self, body: SettlementBody) -> m.SettlementResult: ...


def business_date_of(moment: datetime) -> date:
    return moment.astimezone(BUSINESS_TZ).date()


@dataclass(frozen=True)
class DayTotals:
    business_date: date
    totals: list[SettlementTotalBody]
    transaction_ids: list[str]
    pending_ids: list[str] = field(default_factory=list)

    @property
    def amount_fen(self) -> int:
        return sum(row["amount_fen"] for row in self.totals)


@dataclass(frozen=True)
class SettlementReport:
    settlement_id: str
    business_date: date
    status: Literal["matched", "mismatch", "unsent", "rejected"]
    totals: list[SettlementTotalBody]
    transaction_ids: list[str]
    missing_on_server: list[str] = field(default_factory=list)
    unknown_to_kiosk: list[str] = field(default_factory=list)
    server_totals: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def _occurred(body: dict[str, Any], fallback: datetime) -> datetime:
    text = body.get("occurred_at")
    if isinstance(text, str):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    return fallback


def day_totals(journal: Journal, business_date: date) -> DayTotals:
    """Count and sum per method of the payments of business_date, from the sent bodies."""
    query = (
        select(TXNS.c.id, TXNS.c.state, TXNS.c.created_at, OUTBOX.c.body)
        .select_from(TXNS.join(OUTBOX, OUTBOX.c.txn_id == TXNS.c.id))
        .where(TXNS.c.kind == "payment", OUTBOX.c.path == PAYMENTS_PATH)
        .order_by(TXNS.c.created_at, TXNS.c.id)
    )
    sums: dict[str, tuple[int, int]] = {}
    ids: list[str] = []
    pending: list[str] = []
    with journal.reading() as conn:
        rows = conn.execute(query).all()
    for txn_id, state, created_at, raw in rows:
        body = json.loads(raw) if raw else {}
        if business_date_of(_occurred(body, created_at)) != business_date:
            continue
        if state not in CONFIRMED_STATES:
            if state == "posting":
                pending.append(txn_id)
            continue
        method = str(body.get("method"))
        count, amount = sums.get(method, (0, 0))
        sums[method] = (count + 1, amount + int(body.get("amount_fen", 0)))
        ids.append(txn_id)
    order = {name: index for index, name in enumerate(METHOD_ORDER)}
    totals: list[SettlementTotalBody] = [
        {"method": method, "count": count, "amount_fen": amount}  # type: ignore[typeddict-item]
        for method, (count, amount) in sorted(sums.items(), key=lambda kv: order.get(kv[0], 99))
    ]
    return DayTotals(business_date, totals, ids, pending)


class Settlements:
    def __init__(self, journal: Journal, clock: Clock, kiosk_id: str) -> None:
        self._journal = journal
        self._clock = clock
        self._kiosk_id = kiosk_id

    def today(self) -> date:
        return business_date_of(self._clock.now())

    def prepare(self, by: Principal, business_date: date) -> str:
        """Journal the settlement body (state `sending`) and return its settlement_id."""
        actor = by.require("staff")
        totals = day_totals(self._journal, business_date)
        now = self._clock.now()

        def job(s: Session) -> str:
            txn = ops.create_transaction(
                s,
                now,
                kiosk_id=self._kiosk_id,
                kind="settlement",
                account_no=None,
                amount_fen=totals.amount_fen,
                method=None,
                state="new",
            )
            try:
                body = settlement_body(
                    settlement_id=txn.id,
                    business_date=business_date,
                    totals=totals.totals,
                    transaction_ids=totals.transaction_ids,
                )
            except InvalidRequest as exc:
                raise InvalidInput(str(exc)) from exc
            detail = {
                "business_date": business_date.isoformat(),
                "body": dict(body),
                "pending_ids": totals.pending_ids,
            }
            ops.set_state(s, now, txn.id, "sending", detail_update=detail)
            after = {"business_date": business_date.isoformat(), "totals": body["totals"]}
            audit.append(s, now, actor, "settlement_prepared", txn.id, None, after)
            return txn.id

        return self._journal.write(job)

    def send(self, by: Principal, client: SettlementClient, settlement_id: str) -> SettlementReport:
        """Send (or resend, unchanged) a prepared settlement and journal the answer."""
        actor = by.require("staff")
        txn = self._journal.get_transaction(settlement_id)
        if txn is None or txn.kind != "settlement":
            raise NotFound(f"no settlement {settlement_id}")
        if txn.state != "sending":
            raise WrongState(f"settlement {settlement_id} is {txn.state}, already answered")
        body: SettlementBody = txn.detail["body"]
        day = date.fromisoformat(str(txn.detail["business_date"]))
        base = SettlementReport(
            settlement_id, day, "unsent", list(body["totals"]), list(body["transaction_ids"])
        )
        try:
            result = client.post_settlement(body)
        except ApiError as exc:
            if exc.retryable or exc.status >= 500 or exc.status in (401, 403):
                return self._unsent(actor, base, str(exc))
            return self._rejected(actor, base, str(exc))
        except BackendError as exc:
            return self._unsent(actor, base, str(exc))
        missing = list(result.missing_on_server)
        unknown = list(result.unknown_to_kiosk)
        server_totals = [t.model_dump() for t in result.server_totals]
        answer: dict[str, Any] = {
            "status": result.status,
            "server_totals": server_totals,
            "missing_on_server": missing,
            "unknown_to_kiosk": unknown,
        }
        now = self._clock.now()

        def job(s: Session) -> None:
            ops.set_state(s, now, settlement_id, "done", detail_update={"answer": answer})
            if result.status != "matched":
                ops.add_attention(s, now, settlement_id, _mismatch_text(day, answer))
            after = {
                "status": result.status,
                "missing_on_server": answer["missing_on_server"],
                "unknown_to_kiosk": answer["unknown_to_kiosk"],
            }
            audit.append(s, now, actor, "settlement_answered", settlement_id, None, after)

        self._journal.write(job)
        return SettlementReport(
            settlement_id,
            day,
            result.status,
            base.totals,
            base.transaction_ids,
            missing,
            unknown,
            server_totals,
        )

    def settle(
        self, by: Principal, client: SettlementClient, business_date: date | None = None
    ) -> SettlementReport:
        """prepare + send for business_date (default: today in Asia/Shanghai)."""
        settlement_id = self.prepare(by, business_date or self.today())
        return self.send(by, client, settlement_id)

    def unsent(self) -> list[str]:
        """Settlements journaled but not answered yet (send them again)."""
        return [t.id for t in self._journal.list_transactions(kind="settlement", state="sending")]

    def _unsent(self, actor: Any, base: SettlementReport, error: str) -> SettlementReport:
        safe = guard.safe_text(error)
        now = self._clock.now()

        def job(s: Session) -> None:
            ops.set_state(s, now, base.settlement_id, "sending", event_detail={"error": safe})
            after = {"error": safe}
            audit.append(s, now, actor, "settlement_unsent", base.settlement_id, None, after)

        self._journal.write(job)
        return _with(base, "unsent", safe)

    def _rejected(self, actor: Any, base: SettlementReport, error: str) -> SettlementReport:
        safe = guard.safe_text(error)
        now = self._clock.now()

        def job(s: Session) -> None:
            ops.set_state(s, now, base.settlement_id, "rejected", event_detail={"error": safe})
            ops.add_attention(s, now, base.settlement_id, f"settlement refused: {safe}")
            after = {"error": safe}
            audit.append(s, now, actor, "settlement_rejected", base.settlement_id, None, after)

        self._journal.write(job)
        return _with(base, "rejected", safe)


def _with(
    base: SettlementReport, status: Literal["unsent", "rejected"], error: str
) -> SettlementReport:
    return SettlementReport(
        base.settlement_id,
        base.business_date,
        status,
        base.totals,
        base.transaction_ids,
        error=error,
    )


def _mismatch_text(day: date, answer: dict[str, Any]) -> str:
    parts = [f"settlement {day.isoformat()} does not match the server"]
    for key, label in (
        ("missing_on_server", "missing on server"),
        ("unknown_to_kiosk", "unknown to kiosk"),
    ):
        ids: Sequence[str] = answer[key]
        if ids:
            shown = ", ".join(ids[:20]) + (f" (+{len(ids) - 20} more)" if len(ids) > 20 else "")
            parts.append(f"{label}: {shown}")
    if not answer["missing_on_server"] and not answer["unknown_to_kiosk"]:
        parts.append("totals differ")
    return guard.safe_text("; ".join(parts), limit=2000)
