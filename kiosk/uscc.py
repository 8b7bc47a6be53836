"""Unified Social Credit Code (统一社会信用代码, GB 32100-2015) check for company e-invoices.

A code that fails the check character test may still be a legal early code, so callers warn
and let the resident confirm rather than refuse outright.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUES = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


class UsccStatus(StrEnum):
    VALID = "valid"
    BAD_FORMAT = "bad_format"
    BAD_CHECK = "bad_check"


@dataclass(frozen=True)
class UsccResult:
    status: UsccStatus
    code: str  # normalised (stripped, upper case)
    reason: str = ""
    expected_check: str | None = None  # the right 18th character, when the format is fine

    @property
    def valid(self) -> bool:
        return self.status is UsccStatus.VALID


def check_character(first17: str) -> str:
    """The 18th character for 17 characters of the alphabet; ValueError on anything else."""
    if len(first17) != LENGTH - 1:
        raise ValueError(f"need 17 characters, got {len(first17)}")
    try:
        total = sum(_VALUES[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} is not in the USCC alphabet") from None
    return ALPHABET[(31 - total % 31) % 31]


def check_uscc(code: str) -> UsccResult:
    """Classify a typed code: valid, bad format (length/alphabet), or bad check character."""
    norm = code.strip().upper()
    if len(norm) != LENGTH:
        return UsccResult(UsccStatus.BAD_FORMAT, norm, f"must be 18 characters, got {len(norm)}")
    bad = [ch for ch in norm if ch not in _VALUES]
    if bad:
        return UsccResult(UsccStatus.BAD_FORMAT, norm, f"character {bad[0]!r} is not allowed")
    expected = check_character(norm[:17])
    if norm[17] != expected:
        return UsccResult(
            UsccStatus.BAD_CHECK,
            norm,
            f"check character is {norm[17]!r}, expected {expected!r}",
            expected_check=expected,
        )
    return UsccResult(UsccStatus.VALID, norm, expected_check=expected)
