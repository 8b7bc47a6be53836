"""Money as integer fen (1 yuan = 100 fen). Floats never touch an amount."""

from __future__ import annotations

import re
from typing import NewType

Fen = NewType("Fen", int)

_YUAN_RE = re.compile(r"^(?P<sign>-)?(?P<yuan>\d{1,12})(?:\.(?P<fen>\d{1,2}))?$")


def fen(value: int) -> Fen:
    """Tag an int as fen, refusing anything that is not an int (bool and float included)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"money must be an int number of fen, got {type(value).__name__}")
    return Fen(value)


def format_yuan(amount: int, symbol: str = "¥") -> str:
    """¥12.34 with the fen exact; negative amounts as -¥12.34."""
    amount = fen(amount)
    sign = "-" if amount < 0 else ""
    yuan, cents = divmod(abs(amount), 100)
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def parse_yuan(text: str) -> Fen:
    """Parse "12", "12.3" or "12.34" (yuan) into fen; raise ValueError on anything else."""
    match = _YUAN_RE.match(text.strip())
    if match is None:
        raise ValueError(f"not an amount in yuan: {text!r}")
    cents = (match["fen"] or "0").ljust(2, "0")
    total = int(match["yuan"]) * 100 + int(cents)
    return Fen(-total if match["sign"] else total)
