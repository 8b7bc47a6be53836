""" "Cashbox now": notes by denomination and their total since the last collection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.journal import Journal
from kiosk.money import format_yuan

# Chinese banknotes the kiosk can hold, in fen (1, 5, 10, 20, 50, 100 yuan).
DENOMINATIONS_FEN = (100, 500, 1000, 2000, 5000, 10000)


@dataclass(frozen=True)
class CashboxNow:
    period: int | None
    opened_at: datetime | None
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def notes(self) -> int:
        return sum(self.counts.values())

    @property
    def total_fen(self) -> int:
        return sum(value * count for value, count in self.counts.items())

    def lines(self) -> list[str]:
        """Largest note first, e.g. "¥100.00 x 12 = ¥1,200.00"."""
        return [
            f"{format_yuan(value)} x {count} = {format_yuan(value * count)}"
            for value, count in sorted(self.counts.items(), reverse=True)
        ]


def cashbox_now(journal: Journal) -> CashboxNow:
    summary = journal.cashbox_summary()
    if summary is None:
        return CashboxNow(None, None, {})
    counts = {value: count for value, count in summary.counts.items() if count}
    return CashboxNow(summary.period, summary.opened_at, counts)
