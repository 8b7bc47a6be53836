"""Account look-up for the session: the back end first, the journal's 24-hour cache when offline."""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from typing import Any, Protocol

from kiosk.backend import models as m
from kiosk.backend.errors import ApiError, BackendUnavailable, BadResponse, OutcomeUnknown
from kiosk.clock import Clock, rfc3339
from kiosk.session.ports import AccountNotFound, BackendDown
from kiosk.session.views import (
    AccountView,
    AlertView,
    BillLineView,
    BillView,
    UsageMonthView,
)

log = logging.getLogger(__name__)


class AccountSource(Protocol):
    def get_account(self, account_no: str) -> m.Account: ...

    def get_bills(
        self, account_no: str, status: Any = "unpaid", limit: int = 12
    ) -> list[m.Bill]: ...

    def get_usage(self, account_no: str, months: int = 12) -> m.Usage: ...


class AccountCache(Protocol):
    def cache_account(self, account_no: str, data: dict[str, Any]) -> None: ...

    def get_cached_account(self, account_no: str) -> dict[str, Any] | None: ...


def to_view(
    account: m.Account, bills: list[m.Bill], usage: m.Usage, fetched_at: str
) -> AccountView:
    return AccountView(
        account_no=account.account_no,
        holder_masked=account.holder_name_masked,
        address_masked=account.address_masked,
        category=account.category,
        billing_mode=account.billing_mode,
        status=account.status,
        balance_fen=account.balance_fen,
        arrears_fen=account.arrears_fen,
        late_fee_fen=account.late_fee_fen,
        amount_due_fen=account.amount_due_fen,
        min_payment_fen=account.min_payment_fen,
        max_payment_fen=account.max_payment_fen,
        bills=tuple(
            BillView(
                bill_id=b.bill_id,
                period=b.period,
                due_on=str(b.due_on),
                usage_kwh=str(b.usage_kwh),
                amount_fen=b.amount_fen,
                paid_fen=b.paid_fen,
                late_fee_fen=b.late_fee_fen,
                status=b.status,
                lines=tuple(
                    BillLineView(
                        kind=line.kind,
                        kwh=str(line.kwh),
                        unit_price_yuan=str(line.unit_price_yuan),
                        amount_fen=line.amount_fen,
                    )
                    for line in b.lines
                ),
            )
            for b in bills
        ),
        usage=tuple(
            UsageMonthView(period=u.period, kwh=str(u.kwh), amount_fen=u.amount_fen)
            for u in usage.months
        ),
        alerts=tuple(
            AlertView(kind=a.kind, message_zh=a.message_zh, message_en=a.message_en)
            for a in usage.alerts
        ),
        card_purchase_count=account.card.purchase_count if account.card else None,
        autopay_enrolled=account.autopay.enrolled,
        autopay_bank_masked=account.autopay.bank_masked,
        autopay_day=account.autopay.day_of_month,
        fetched_at=fetched_at,
    )


def from_cache(data: dict[str, Any]) -> AccountView:
    """Rebuild a cached view; anything malformed counts as no cache."""
    bills = tuple(
        BillView(**{**b, "lines": tuple(BillLineView(**line) for line in b["lines"])})
        for b in data["bills"]
    )
    usage = tuple(UsageMonthView(**u) for u in data["usage"])
    alerts = tuple(AlertView(**a) for a in data["alerts"])
    view = AccountView(**{**data, "bills": bills, "usage": usage, "alerts": alerts})
    return replace(view, offline=True)


class BackendAccounts:
    def __init__(self, source: AccountSource, cache: AccountCache, clock: Clock) -> None:
        self._source = source
        self._cache = cache
        self._clock = clock

    def lookup(self, account_no: str) -> AccountView:
        try:
            account = self._source.get_account(account_no)
            bills = self._source.get_bills(account_no, "unpaid", 12)
            usage = self._source.get_usage(account_no, 12)
        except ApiError as exc:
            if exc.code in ("ACCOUNT_NOT_FOUND", "NOT_FOUND", "VALIDATION"):
                raise AccountNotFound(account_no) from exc
            if not exc.retryable:
                raise
            return self._cached(account_no, exc)
        except (BackendUnavailable, OutcomeUnknown, BadResponse) as exc:
            return self._cached(account_no, exc)
        view = to_view(account, bills, usage, rfc3339(self._clock.now()))
        try:
            self._cache.cache_account(account_no, asdict(view))
        except Exception:
            log.exception("could not cache account data")
        return view

    def _cached(self, account_no: str, cause: Exception) -> AccountView:
        log.warning("back end unreachable for an account look-up: %s", cause)
        data = self._cache.get_cached_account(account_no)
        if data is None:
            raise BackendDown() from cause
        try:
            return from_cache(data)
        except (KeyError, TypeError, ValueError) as exc:
            log.error("cached account data is malformed: %s", exc)
            raise BackendDown() from cause
