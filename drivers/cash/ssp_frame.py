"""ITL SSP wire framing: build, stuff and parse frames. Pure functions, no I/O.

Frame: 7F | SEQ/ID | LEN | DATA | CRCL CRCH, CRC over SEQ..DATA; every 0x7F after the leading STX is
doubled. The parser resyncs on garbage and only ever yields frames whose CRC checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.cash.crc import crc16_ssp

STX = 0x7F
SEQ_BIT = 0x80
MAX_DATA = 255
_MAX_RAW = 2 * (1 + 2 + MAX_DATA + 2)  # a frame can never be longer than this stuffed


@dataclass(frozen=True)
class SspFrame:
    seq: bool  # the sequence flag (bit 7)
    address: int  # bits 0-6
    data: bytes

    @property
    def seq_id(self) -> int:
        return (SEQ_BIT if self.seq else 0) | self.address


def stuff(body: bytes) -> bytes:
    """Double every 0x7F (applied to everything after the STX)."""
    return body.replace(b"\x7f", b"\x7f\x7f")


def encode_frame(seq: bool, address: int, data: bytes) -> bytes:
    if not 0 <= address <= 0x7F:
        raise ValueError(f"SSP address out of range: {address}")
    if len(data) > MAX_DATA:
        raise ValueError(f"SSP data too long: {len(data)} bytes")
    body = bytes([(SEQ_BIT if seq else 0) | address, len(data)]) + data
    crc = crc16_ssp(body)
    return bytes([STX]) + stuff(body + bytes([crc & 0xFF, crc >> 8]))


_NEED_MORE = -1
_BAD = -2


def _decode_at(buf: bytes | bytearray, start: int) -> tuple[int, SspFrame | None]:
    """Try to decode a frame whose STX is at buf[start]: (end, frame) or (_NEED_MORE/_BAD, None)."""
    out = bytearray()
    i = start + 1
    need = 2
    while len(out) < need:
        if i >= len(buf):
            return _NEED_MORE, None
        byte = buf[i]
        if byte == STX:
            if i + 1 >= len(buf):
                return _NEED_MORE, None
            if buf[i + 1] != STX:
                return _BAD, None  # a lone 7F inside a frame is the start of another one
            i += 2
        else:
            i += 1
        out.append(byte)
        if len(out) == 2:
            need = 2 + out[1] + 2
    body, crc = bytes(out[:-2]), out[-2] | (out[-1] << 8)
    if crc16_ssp(body) != crc:
        return _BAD, None
    return i, SspFrame(seq=bool(body[0] & SEQ_BIT), address=body[0] & 0x7F, data=body[2:])


class SspFrameParser:
    """Incremental parser: feed raw bytes, get whole CRC-checked frames; garbage is skipped."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.discarded = 0  # bytes skipped as garbage or bad frames (for diagnostics)

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, chunk: bytes) -> list[SspFrame]:
        self._buf.extend(chunk)
        frames: list[SspFrame] = []
        while True:
            start = self._buf.find(STX)
            if start < 0:
                self.discarded += len(self._buf)
                self._buf.clear()
                return frames
            if start:
                self.discarded += start
                del self._buf[:start]
            end, frame = _decode_at(self._buf, 0)
            if end == _NEED_MORE:
                if len(self._buf) > _MAX_RAW:  # cannot happen for a real frame
                    self.discarded += 1
                    del self._buf[:1]
                    continue
                return frames
            if frame is None:
                self.discarded += 1
                del self._buf[:1]  # rescan from the next 7F
                continue
            frames.append(frame)
            del self._buf[:end]
