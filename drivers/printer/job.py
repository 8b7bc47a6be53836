"""The paper checks around a print job, shared by the real printer and the fake."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.printer.base import PaperStatus
from drivers.printer.errors import PaperOut, PaperStatusUnknown


@dataclass(frozen=True)
class PrintReport:
    """Paper before and after a job that printed. NEAR_END after means: printed, refill soon."""

    before: PaperStatus
    after: PaperStatus

    @property
    def needs_paper_soon(self) -> bool:
        return self.after is PaperStatus.NEAR_END


def require_paper_before(status: PaperStatus, who: str) -> None:
    """Refuse to send anything unless the printer said it has paper (OK or near end)."""
    if status is PaperStatus.OUT:
        raise PaperOut(f"printer {who} is out of paper; nothing printed")
    if status is PaperStatus.UNKNOWN:
        raise PaperStatusUnknown(f"printer {who} did not report its paper; nothing printed")


def confirm_after(before: PaperStatus, after: PaperStatus, who: str) -> PrintReport:
    """Success only with a paper reply after the job; out now means the receipt may be cut short."""
    if after is PaperStatus.OUT:
        raise PaperOut(f"printer {who} ran out of paper during the job", printed=True)
    if after is PaperStatus.UNKNOWN:
        raise PaperStatusUnknown(f"printer {who} did not confirm paper after the job", printed=True)
    return PrintReport(before, after)
