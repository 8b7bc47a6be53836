"""DLE EOT 4 (paper sensor) reply parsing: a pure function with table tests.

Reply byte: bits 1 and 4 always 1, bits 0 and 7 always 0; bits 2-3 near end, bits 5-6 paper out.
Nothing, or nothing that fits that pattern, is UNKNOWN: never read silence as "paper OK".
"""

from __future__ import annotations

from drivers.printer.base import PaperStatus

DLE_EOT_PAPER = b"\x10\x04\x04"
_FIXED_MASK = 0x93
_FIXED_BITS = 0x12
_NEAR_END = 0x0C
_OUT = 0x60


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def parse_paper_status(reply: bytes) -> PaperStatus:
    """The newest well-formed status byte in `reply` decides; none means UNKNOWN."""
    for value in reversed(reply):
        if is_status_byte(value):
            if value & _OUT:
                return PaperStatus.OUT
            if value & _NEAR_END:
                return PaperStatus.NEAR_END
            return PaperStatus.OK
    return PaperStatus.UNKNOWN
