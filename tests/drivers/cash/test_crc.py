from __future__ import annotations

import pytest

from drivers.cash.crc import crc16_kermit, crc16_ssp


@pytest.mark.parametrize(
    ("body", "wire"),
    [
        ("80 01 11", "65 82"),  # SYNC
        ("80 01 07", "12 02"),  # POLL
        ("80 01 F0", "23 80"),  # OK
        ("80 04 F0 EE 01 EB", "B9 48"),  # credit ch1 + stacked
    ],
)
def test_ssp_crc_matches_the_checked_frames(body: str, wire: str) -> None:
    crc = crc16_ssp(bytes.fromhex(body))
    assert bytes([crc & 0xFF, crc >> 8]) == bytes.fromhex(wire)


@pytest.mark.parametrize(
    ("body", "wire"),
    [
        ("FC 05 11", "27 56"),  # ID003 status request
        ("FC 05 50", "AA 05"),  # ID003 ACK
        ("02 03 06 33", "DA 81"),  # CCNET POLL (same CRC family)
    ],
)
def test_kermit_crc_matches_the_checked_frames(body: str, wire: str) -> None:
    crc = crc16_kermit(bytes.fromhex(body))
    assert bytes([crc & 0xFF, crc >> 8]) == bytes.fromhex(wire)


def test_crc_check_values_of_the_catalogue() -> None:
    # The standard "123456789" check values: KERMIT 0x2189; poly 0x8005 seed 0xFFFF unreflected
    # without final xor is CRC-16/CMS, check 0xAEE7.
    assert crc16_kermit(b"123456789") == 0x2189
    assert crc16_ssp(b"123456789") == 0xAEE7
