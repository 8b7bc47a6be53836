"""Injectable clocks: production code asks a Clock, tests advance a ManualClock."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for timeouts)."""
        ...

    def now(self) -> datetime:
        """Wall-clock time, timezone-aware UTC (for journals and the back end)."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to; thread-safe."""

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._mono = 1000.0
        self._wall = start or datetime(2026, 11, 26, 8, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def now(self) -> datetime:
        with self._lock:
            return self._wall

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        with self._lock:
            self._mono += seconds
            self._wall += timedelta(seconds=seconds)


def rfc3339(moment: datetime) -> str:
    """RFC 3339 UTC with a trailing Z, second precision, as the back end expects."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class OffsetClock:
    """The system clock plus an offset that can be moved forward (the demo's 'walk away')."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return time.monotonic() + self._offset

    def now(self) -> datetime:
        from datetime import timedelta

        with self._lock:
            return datetime.now(UTC) + timedelta(seconds=self._offset)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds
