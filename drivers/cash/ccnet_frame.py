"""CashCode CCNET wire framing, codes and bill table. Pure functions, no I/O.

Frame: 02 | 03 (bill validator) | LNG (whole frame) | CMD | DATA | CRC (CRC-16/KERMIT over 02..DATA,
low byte first). The parser resyncs on garbage and only yields frames whose CRC checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.cash.crc import crc16_kermit
from drivers.errors import ProtocolError

SYNC, VALIDATOR = 0x02, 0x03
MIN_LEN, MAX_LEN = 6, 250

ACK, NAK = 0x00, 0xFF
RESET, GET_STATUS, POLL, ENABLE_BILL_TYPES, STACK, RETURN, IDENTIFICATION, HOLD = (
    0x30,
    0x31,
    0x33,
    0x34,
    0x35,
    0x36,
    0x37,
    0x38,
)
GET_BILL_TABLE = 0x41

POWER_UP, POWER_UP_VALIDATOR, POWER_UP_STACKER, INITIALIZE = 0x10, 0x11, 0x12, 0x13
IDLING, ACCEPTING, STACKING, RETURNING, DISABLED, HOLDING, BUSY, REJECTING = (
    0x14,
    0x15,
    0x17,
    0x18,
    0x19,
    0x1A,
    0x1B,
    0x1C,
)
CASSETTE_FULL, CASSETTE_OUT, VALIDATOR_JAM, CASSETTE_JAM, CHEATED, PAUSE, FAILURE = (
    0x41,
    0x42,
    0x43,
    0x44,
    0x45,
    0x46,
    0x47,
)
ESCROW, STACKED, RETURNED = 0x80, 0x81, 0x82
POWER_UPS = frozenset({POWER_UP, POWER_UP_VALIDATOR, POWER_UP_STACKER})

REJECT_REASONS = {
    0x60: "insertion error",
    0x61: "magnetic error",
    0x62: "bill remained in head",
    0x63: "multiplying error",
    0x64: "conveying error",
    0x65: "identification error",
    0x66: "verification error",
    0x67: "optic error",
    0x68: "inhibited",
    0x69: "capacity error",
    0x6A: "operation error",
    0x6C: "length error",
}


@dataclass(frozen=True)
class CcnetFrame:
    cmd: int
    data: bytes = b""


def encode_frame(cmd: int, data: bytes = b"", address: int = VALIDATOR) -> bytes:
    length = MIN_LEN + len(data)
    if length > MAX_LEN:
        raise ValueError(f"CCNET data too long: {len(data)} bytes")
    body = bytes([SYNC, address, length, cmd]) + data
    crc = crc16_kermit(body)
    return body + bytes([crc & 0xFF, crc >> 8])


class CcnetFrameParser:
    """Incremental parser for frames to/from one address; garbage is skipped."""

    def __init__(self, address: int = VALIDATOR) -> None:
        self._address = address
        self._buf = bytearray()

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, chunk: bytes) -> list[CcnetFrame]:
        self._buf.extend(chunk)
        frames: list[CcnetFrame] = []
        while True:
            start = self._buf.find(SYNC)
            if start < 0:
                self._buf.clear()
                return frames
            del self._buf[:start]
            if len(self._buf) < 3:
                return frames
            length = self._buf[2]
            if self._buf[1] != self._address or not MIN_LEN <= length <= MAX_LEN:
                del self._buf[:1]
                continue
            if len(self._buf) < length:
                return frames
            body = bytes(self._buf[: length - 2])
            if crc16_kermit(body) != self._buf[length - 2] | (self._buf[length - 1] << 8):
                del self._buf[:1]
                continue
            frames.append(CcnetFrame(body[3], body[4:]))
            del self._buf[:length]


def parse_bill_table(data: bytes) -> tuple[tuple[int, ...], str]:
    """GET BILL TABLE: 24 x (digit, country ASCII x3, exponent) -> (fen per type, currency)."""
    if len(data) != 120:
        raise ProtocolError(f"CCNET bill table has {len(data)} bytes, expected 120")
    values: list[int] = []
    currency = ""
    for i in range(0, 120, 5):
        digit, country, exponent = data[i], data[i + 1 : i + 4], data[i + 4]
        if exponent & 0x80:
            raise ProtocolError("CCNET bill table: fractional denominations are not supported")
        if exponent > 6:
            raise ProtocolError(f"CCNET bill table exponent {exponent} out of range")
        values.append(digit * 10**exponent * 100)
        if digit and not currency:
            currency = country.decode("ascii", errors="replace").strip()
    while values and values[-1] == 0:
        values.pop()
    return tuple(values), currency


def build_bill_table(yuan: list[int], currency: str = "CHN") -> bytes:
    """The other direction, for emulators."""
    out = bytearray()
    for value in [*yuan, *([0] * (24 - len(yuan)))]:
        exponent = 0
        while value >= 256 or (value >= 10 and value % 10 == 0):
            value //= 10
            exponent += 1
        out += (
            bytes([value]) + (currency.encode() if value else b"\x00\x00\x00") + bytes([exponent])
        )
    return bytes(out)


def type_mask(values: tuple[int, ...]) -> bytes:
    """3-byte big-endian bit mask with a bit for every bill type that has a value."""
    mask = sum(1 << i for i, v in enumerate(values[:24]) if v > 0)
    return mask.to_bytes(3, "big")
