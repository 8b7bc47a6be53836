"""The server's clock: the injected Clock plus an offset the sim endpoints can move."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone

from kiosk.clock import Clock, rfc3339

# The utility's business day (late fees, settlements) follows China Standard Time.
BUSINESS_TZ = timezone(timedelta(hours=8))


class OffsetClock:
    """Wraps a Clock; set_now/advance shift wall time (and monotonic time alike)."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._offset = 0.0
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        return self._base.monotonic() + self._offset

    def now(self) -> datetime:
        return self._base.now() + timedelta(seconds=self._offset)

    def set_now(self, moment: datetime) -> None:
        with self._lock:
            self._offset = (moment - self._base.now()).total_seconds()

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0


def business_date(moment: datetime) -> date:
    return moment.astimezone(BUSINESS_TZ).date()


def iso(moment: datetime) -> str:
    return rfc3339(moment.astimezone(UTC))
