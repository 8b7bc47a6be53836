"""APDU helpers shared by every channel: T=0 response handling (61xx / 6Cxx) and SW splitting.

A reader hands raw responses (data + SW1 SW2) to `exchange`, which hides the two T=0 quirks the
application layers must never see: 61xx (fetch the rest with GET RESPONSE) and 6Cxx (wrong Le,
send again with Le = xx).
"""

from __future__ import annotations

from collections.abc import Callable

from drivers.errors import ProtocolError

RawTransmit = Callable[[bytes], bytes]

MAX_GET_RESPONSE = 64  # 64 x 256 bytes is far above any card file the kiosk reads
MAX_WRONG_LE = 2


def split_sw(response: bytes) -> tuple[bytes, int]:
    """Split a raw response into (data, status word); a response must hold at least SW1 SW2."""
    if len(response) < 2:
        raise ProtocolError(f"card response too short ({len(response)} bytes), no status word")
    return response[:-2], (response[-2] << 8) | response[-1]


def with_le(apdu: bytes, le: int) -> bytes:
    """The same short command with its Le set to `le` (replaced for cases 2/4, added for 1/3)."""
    if len(apdu) < 4:
        raise ProtocolError(f"command APDU too short ({len(apdu)} bytes)")
    if not 0 <= le <= 0xFF:
        raise ValueError(f"short Le out of range: {le}")
    if len(apdu) == 4:  # case 1
        return apdu + bytes([le])
    if len(apdu) == 5:  # case 2
        return apdu[:4] + bytes([le])
    lc = apdu[4]
    if len(apdu) == 5 + lc:  # case 3
        return apdu + bytes([le])
    if len(apdu) == 6 + lc:  # case 4
        return apdu[:-1] + bytes([le])
    raise ProtocolError(f"malformed short APDU: Lc={lc} but {len(apdu)} bytes")


def get_response(cla: int, le: int) -> bytes:
    """GET RESPONSE on the same logical channel as `cla` (00 C0 00 00 Le)."""
    return bytes([cla & 0x03, 0xC0, 0x00, 0x00, le & 0xFF])


def exchange(raw: RawTransmit, apdu: bytes) -> tuple[bytes, int]:
    """Send `apdu` through `raw`, following 6Cxx and looping 61xx; return (data, final SW)."""
    data, sw = split_sw(raw(apdu))
    retries = 0
    while (sw >> 8) == 0x6C:
        retries += 1
        if retries > MAX_WRONG_LE:
            raise ProtocolError(f"card keeps answering {sw:04X} (wrong length) to {apdu[:4].hex()}")
        data, sw = split_sw(raw(with_le(apdu, sw & 0xFF)))
    collected = bytearray(data)
    fetches = 0
    while (sw >> 8) == 0x61:
        fetches += 1
        if fetches > MAX_GET_RESPONSE:
            raise ProtocolError("card never stops answering 61xx to GET RESPONSE")
        chunk, sw = split_sw(raw(get_response(apdu[0], sw & 0xFF)))
        collected += chunk
    return bytes(collected), sw
