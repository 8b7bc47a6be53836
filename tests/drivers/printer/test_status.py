"""DLE EOT 4 reply parsing, as a table."""

from __future__ import annotations

import pytest

from drivers.printer.base import PaperStatus
from drivers.printer.status import is_status_byte, parse_paper_status


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (b"\x12", PaperStatus.OK),
        (b"\x1e", PaperStatus.NEAR_END),
        (b"\x16", PaperStatus.NEAR_END),  # only one near-end bit
        (b"\x72", PaperStatus.OUT),
        (b"\x7e", PaperStatus.OUT),  # near end and out: out wins
        (b"\x32", PaperStatus.OUT),  # only one paper-end bit
        (b"", PaperStatus.UNKNOWN),  # silence is never "paper OK"
        (b"\xff", PaperStatus.UNKNOWN),  # fixed bits wrong
        (b"\x00", PaperStatus.UNKNOWN),
        (b"\x13", PaperStatus.UNKNOWN),  # bit 0 must be 0
        (b"\x92", PaperStatus.UNKNOWN),  # bit 7 must be 0
        (b"\x72\x12", PaperStatus.OK),  # the newest byte decides
        (b"\x12\xff", PaperStatus.OK),  # trailing noise skipped
    ],
)
def test_parse(reply: bytes, expected: PaperStatus) -> None:
    assert parse_paper_status(reply) is expected


def test_fixed_bit_pattern() -> None:
    valid = [b for b in range(256) if is_status_byte(b)]
    assert len(valid) == 16  # 4 fixed bits out of 8
    assert all(b & 0x12 == 0x12 and not b & 0x81 for b in valid)


def test_python_escpos_reads_silence_as_paper_ok() -> None:
    """Why the driver parses replies itself: the library's own answer to an empty reply."""
    from escpos.printer import Dummy

    class Silent(Dummy):  # type: ignore[misc]
        def _read(self) -> bytes:
            return b""

    assert Silent().paper_status() == 2  # "paper adequate"
    assert parse_paper_status(b"") is PaperStatus.UNKNOWN
