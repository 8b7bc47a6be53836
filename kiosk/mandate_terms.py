"""What an auto-debit sign-up asks for and answers with: the terms a resident may choose, the
request with its checks, the outcome, and the holder-name rule.

Kept apart from kiosk.mandates (the service, which needs the journal and the back-end client) so
the resident's session can be built before those are imported, at start-up.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from kiosk.masking import mask_name

# The kiosk offers days 1-28 so that every month has the chosen day (the contract allows 31).
DAY_MIN, DAY_MAX = 1, 28
DEFAULT_DAY = 10
LIMIT_CHOICES_FEN = (20000, 50000, 100000, 200000)  # ¥200, ¥500, ¥1000, ¥2000
DEFAULT_LIMIT_FEN = 50000
NAME_MAX = 60  # the back end's limit

Status = Literal["active", "failed", "cancelled", "unknown"]


@dataclass(frozen=True)
class MandateRequest:
    """An auto-debit sign-up as the resident filled it in, checked before the card is read."""

    account_no: str
    holder_masked: str  # as the utility shows it: 张*明
    holder_name: str  # as the resident typed it
    day_of_month: int
    limit_fen: int

    def issues(self) -> list[tuple[str, str]]:
        """(field, key) for every problem, so the form shows them all at once."""
        found: list[tuple[str, str]] = []
        name = normalize_name(self.holder_name)
        if not name:
            found.append(("holder", "holder_missing"))
        elif len(name) > NAME_MAX or not holder_matches(name, self.holder_masked):
            found.append(("holder", "holder_mismatch"))
        if not DAY_MIN <= self.day_of_month <= DAY_MAX:
            found.append(("day", "day_out_of_range"))
        if self.limit_fen not in LIMIT_CHOICES_FEN:
            found.append(("limit", "limit_out_of_range"))
        return found


@dataclass(frozen=True)
class MandateOutcome:
    """What the utility answered to a sign-up; shown to the resident and journaled (masked)."""

    status: Status
    mandate_id: str
    masked_pan: str
    day_of_month: int
    limit_fen: int
    reason: str | None = None


def normalize_name(text: str) -> str:
    """NFKC (full-width letters), no surrounding or repeated spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def holder_matches(typed: str, masked: str) -> bool:
    """Does a full name agree with a masked one? Every unmasked character must match.

    张三明 / 张*明 yes; 张三 / 张*明 no (length); Zhang San / Z**** S** yes (case-insensitive).
    A name that masks to the same text by our own rule also matches.
    """
    name, shown = normalize_name(typed), normalize_name(masked)
    if not name or not shown or "*" in name:
        return False
    if mask_name(name) == shown:
        return True
    if len(name) != len(shown):
        return False
    return all(s == "*" or s.casefold() == c.casefold() for c, s in zip(name, shown, strict=True))


class MandateInputError(Exception):
    def __init__(self, issues: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(key for _, key in issues))
        self.issues = issues
