"""The two CRC-16 variants the acceptor protocols use; pure functions with table tests."""

from __future__ import annotations


def _ssp_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return tuple(table)


def _kermit_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_SSP = _ssp_table()
_KERMIT = _kermit_table()


def crc16_ssp(data: bytes) -> int:
    """ITL SSP: poly 0x8005, seed 0xFFFF, not reflected. Sent low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ _SSP[((crc >> 8) ^ byte) & 0xFF]
    return crc


def crc16_kermit(data: bytes) -> int:
    """CRC-16/KERMIT (JCM ID003, CashCode CCNET): reflected 0x8408, init 0, low byte first."""
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ _KERMIT[(crc ^ byte) & 0xFF]
    return crc
