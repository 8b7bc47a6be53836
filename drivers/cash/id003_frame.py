"""JCM ID003 wire framing and codes. Pure functions, no I/O.

Frame: FC | LNG (whole frame) | CMD | DATA | CRC (CRC-16/KERMIT over FC..DATA, low byte first).
The parser resyncs on garbage and only yields frames whose CRC checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.cash.crc import crc16_kermit
from drivers.errors import ProtocolError

SYNC = 0xFC
MIN_LEN = 5
MAX_LEN = 250

# Host commands
STATUS_REQUEST, ACK = 0x11, 0x50
RESET, STACK_1, STACK_2, RETURN, HOLD, WAIT = 0x40, 0x41, 0x42, 0x43, 0x44, 0x45
SET_DENOMINATION, SET_SECURITY, SET_COMM_MODE, SET_INHIBIT, SET_DIRECTION = (
    0xC0,
    0xC1,
    0xC2,
    0xC3,
    0xC4,
)
VERSION_REQUEST, CURRENCY_ASSIGN_REQUEST = 0x88, 0x8A

# Statuses
IDLING, ACCEPTING, ESCROW, STACKING, VEND_VALID, STACKED = 0x11, 0x12, 0x13, 0x14, 0x15, 0x16
REJECTING, RETURNING, HOLDING, INHIBITED, INITIALIZE = 0x17, 0x18, 0x19, 0x1A, 0x1B
POWER_UP, POWER_UP_ACCEPTOR, POWER_UP_STACKER = 0x40, 0x41, 0x42
STACKER_FULL, STACKER_OPEN, ACCEPTOR_JAM, STACKER_JAM, PAUSE, CHEATED, FAILURE = (
    0x43,
    0x44,
    0x45,
    0x46,
    0x47,
    0x48,
    0x49,
)
COMMUNICATION_ERROR, INVALID_COMMAND = 0x4A, 0x4B
FIRST_DENOMINATION, LAST_DENOMINATION = 0x61, 0x68

REJECT_REASONS = {
    0x71: "insertion error",
    0x72: "mag error",
    0x73: "remaining bills in head",
    0x74: "compensation error",
    0x75: "conveying error",
    0x76: "denomination assessing error",
    0x77: "photo pattern error",
    0x78: "photo level error",
    0x79: "inhibited or escrow timeout",
    0x7A: "operation error",
    0x7B: "remaining bills in stacker",
    0x7C: "length error",
    0x7D: "photo pattern error",
    0x7E: "true bill feature error",
}


@dataclass(frozen=True)
class Id003Frame:
    cmd: int
    data: bytes = b""


def encode_frame(cmd: int, data: bytes = b"") -> bytes:
    length = MIN_LEN + len(data)
    if length > MAX_LEN:
        raise ValueError(f"ID003 data too long: {len(data)} bytes")
    body = bytes([SYNC, length, cmd]) + data
    crc = crc16_kermit(body)
    return body + bytes([crc & 0xFF, crc >> 8])


class Id003FrameParser:
    """Incremental parser: feed raw bytes, get whole CRC-checked frames; garbage is skipped."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.discarded = 0

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, chunk: bytes) -> list[Id003Frame]:
        self._buf.extend(chunk)
        frames: list[Id003Frame] = []
        while True:
            start = self._buf.find(SYNC)
            if start < 0:
                self.discarded += len(self._buf)
                self._buf.clear()
                return frames
            if start:
                self.discarded += start
                del self._buf[:start]
            if len(self._buf) < 2:
                return frames
            length = self._buf[1]
            if not MIN_LEN <= length <= MAX_LEN:
                self.discarded += 1
                del self._buf[:1]
                continue
            if len(self._buf) < length:
                return frames
            body = bytes(self._buf[: length - 2])
            crc = self._buf[length - 2] | (self._buf[length - 1] << 8)
            if crc16_kermit(body) != crc:
                self.discarded += 1
                del self._buf[:1]
                continue
            frames.append(Id003Frame(body[2], body[3:]))
            del self._buf[:length]


def parse_currency_table(data: bytes) -> dict[int, int]:
    """CURRENCY ASSIGN reply: 4-byte entries (code, country, base, exponent) -> {code: fen}."""
    if len(data) % 4:
        raise ProtocolError("ID003 currency table is not a list of 4-byte entries")
    table: dict[int, int] = {}
    for i in range(0, len(data), 4):
        code, _country, base, exponent = data[i : i + 4]
        if FIRST_DENOMINATION <= code <= LAST_DENOMINATION and base:
            if exponent > 6:
                raise ProtocolError(f"ID003 denomination exponent {exponent} out of range")
            table[code] = base * 10**exponent * 100
    return table


def build_currency_table(yuan: dict[int, int], country: int = 0x01) -> bytes:
    """The other direction, for emulators: {code: yuan} -> CURRENCY ASSIGN data."""
    out = bytearray()
    for code, value in sorted(yuan.items()):
        exponent = 0
        while value >= 256 or (value and value % 10 == 0 and value > 9):
            value //= 10
            exponent += 1
        out += bytes([code, country, value, exponent])
    return bytes(out)
