"""SSP command codes, generic replies, poll events and SETUP REQUEST parsing. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.errors import DeviceError, ProtocolError

# Commands
RESET, SET_INHIBITS, SETUP_REQUEST, HOST_PROTOCOL_VERSION, POLL = 0x01, 0x02, 0x05, 0x06, 0x07
REJECT, DISABLE, ENABLE, GET_SERIAL, SYNC = 0x08, 0x09, 0x0A, 0x0C, 0x11
LAST_REJECT_CODE, HOLD = 0x17, 0x18
SET_GENERATOR, SET_MODULUS, REQUEST_KEY_EXCHANGE = 0x4A, 0x4B, 0x4C
POLL_WITH_ACK, EVENT_ACK = 0x56, 0x57

# Generic replies
OK, UNKNOWN_COMMAND, WRONG_PARAMS, OUT_OF_RANGE, CANNOT_PROCESS = 0xF0, 0xF2, 0xF3, 0xF4, 0xF5
SOFTWARE_ERROR, FAIL, KEY_NOT_SET = 0xF6, 0xF8, 0xFA
REPLY_NAMES = {
    UNKNOWN_COMMAND: "unknown command",
    WRONG_PARAMS: "wrong parameter count",
    OUT_OF_RANGE: "parameter out of range",
    CANNOT_PROCESS: "cannot process",
    SOFTWARE_ERROR: "software error",
    FAIL: "fail",
    KEY_NOT_SET: "key not set",
}

# Poll events
SLAVE_RESET, READ, CREDIT, REJECTING, REJECTED, STACKING, STACKED = (
    0xF1,
    0xEF,
    0xEE,
    0xED,
    0xEC,
    0xCC,
    0xEB,
)
UNSAFE_JAM, SAFE_JAM, DISABLED, STACKER_FULL, FRAUD = 0xE9, 0xEA, 0xE8, 0xE7, 0xE6
CLEARED_FRONT, CLEARED_CASHBOX, CASHBOX_REMOVED, CASHBOX_REPLACED = 0xE1, 0xE2, 0xE3, 0xE4
NOTE_PATH_OPEN, CHANNEL_DISABLE, INITIALISING, DEVICE_FULL = 0xE0, 0xB5, 0xB6, 0xCF

EVENTS_WITH_CHANNEL = frozenset({READ, CREDIT, FRAUD, CLEARED_FRONT, CLEARED_CASHBOX})
EVENTS_PLAIN = frozenset(
    {
        SLAVE_RESET,
        REJECTING,
        REJECTED,
        STACKING,
        STACKED,
        UNSAFE_JAM,
        SAFE_JAM,
        DISABLED,
        STACKER_FULL,
        CASHBOX_REMOVED,
        CASHBOX_REPLACED,
        NOTE_PATH_OPEN,
        CHANNEL_DISABLE,
        INITIALISING,
        DEVICE_FULL,
    }
)
# Re-reported under POLL WITH ACK until EVENT ACK: the ones that move or account for money.
ACK_REQUIRED = frozenset({CREDIT, FRAUD, CLEARED_FRONT, CLEARED_CASHBOX})

REJECT_REASONS = {
    0x00: "note accepted",
    0x01: "note length incorrect",
    0x02: "invalid note",
    0x03: "invalid note",
    0x04: "invalid note",
    0x05: "invalid note",
    0x06: "channel inhibited",
    0x07: "second note inserted",
    0x08: "host rejected",
    0x09: "invalid note",
    0x0A: "invalid note",
    0x0B: "note too long",
    0x0C: "channel disabled",
    0x0D: "mechanism slow or stalled",
    0x0E: "strimming attempt",
    0x0F: "fraud channel",
    0x10: "no notes inserted",
    0x11: "peak detect fail",
    0x12: "twisted note",
    0x13: "escrow timeout",
    0x14: "bar code scan fail",
    0x15: "no cam activate",
    0x16: "slot fail 1",
    0x17: "slot fail 2",
    0x18: "lens oversample",
    0x19: "width detect fail",
    0x1A: "short note detect",
}

Event = tuple[int, int | None]


class SspCommandError(DeviceError):
    """The slave answered a command with a generic error (F2..FA)."""

    code = "SSP_COMMAND_ERROR"

    def __init__(self, reply: int, command: int) -> None:
        name = REPLY_NAMES.get(reply, f"reply 0x{reply:02X}")
        super().__init__(f"SSP command 0x{command:02X}: {name}")
        self.reply = reply


def check_ok(reply: bytes, command: int) -> bytes:
    """Return what follows OK, or raise SspCommandError / ProtocolError."""
    if not reply:
        raise ProtocolError(f"empty reply to SSP command 0x{command:02X}")
    if reply[0] != OK:
        raise SspCommandError(reply[0], command)
    return reply[1:]


def parse_events(body: bytes) -> list[Event]:
    """The events after OK in a poll reply. Unknown codes make the whole reply unusable."""
    events: list[Event] = []
    i = 0
    while i < len(body):
        code = body[i]
        if code in EVENTS_WITH_CHANNEL:
            if i + 1 >= len(body):
                raise ProtocolError(f"SSP event 0x{code:02X} lacks its channel byte")
            events.append((code, body[i + 1]))
            i += 2
        elif code in EVENTS_PLAIN:
            events.append((code, None))
            i += 1
        else:
            raise ProtocolError(f"unknown SSP poll event 0x{code:02X}")
    return events


@dataclass(frozen=True)
class SetupInfo:
    unit_type: int
    firmware: str
    currency: str
    channel_values_fen: tuple[int, ...]
    protocol_version: int


def _ascii(raw: bytes) -> str:
    return raw.decode("ascii", errors="replace").strip("\x00 ")


def parse_setup(body: bytes) -> SetupInfo:
    """SETUP REQUEST reply (after OK) of a note validator; channel values converted to fen."""
    try:
        unit_type, firmware, currency = body[0], _ascii(body[1:5]), _ascii(body[5:8])
        n = body[11]
        values = body[12 : 12 + n]
        pos = 12 + 2 * n
        real_multiplier = int.from_bytes(body[pos : pos + 3], "big")
        protocol = body[pos + 3]
        if len(values) != n or pos + 4 > len(body):
            raise IndexError
        pos += 4
        if protocol >= 6 and len(body) >= pos + 7 * n:
            wide = body[pos + 3 * n : pos + 7 * n]
            values_wide = [int.from_bytes(wide[4 * k : 4 * k + 4], "little") for k in range(n)]
        else:
            values_wide = list(values)
    except IndexError as exc:
        raise ProtocolError("SETUP REQUEST reply too short") from exc
    if real_multiplier <= 0:
        raise ProtocolError("SETUP REQUEST: zero value multiplier")
    fen = tuple(v * real_multiplier for v in values_wide)
    return SetupInfo(unit_type, firmware, currency, fen, protocol)


def build_setup(
    firmware: str, currency: str, values: list[int], real_multiplier: int, protocol: int = 7
) -> bytes:
    """The other direction, for emulators: a validator's SETUP REQUEST reply after OK."""
    n = len(values)
    out = bytearray([0x00]) + firmware.encode()[:4].ljust(4, b"0") + currency.encode()[:3]
    out += (1).to_bytes(3, "big") + bytes([n]) + bytes(min(v, 255) for v in values)
    out += bytes([2] * n) + real_multiplier.to_bytes(3, "big") + bytes([protocol])
    if protocol >= 6:
        out += currency.encode()[:3] * n
        out += b"".join(v.to_bytes(4, "little") for v in values)
    return bytes(out)
