"""BER-TLV as EMV uses it. Pure: bytes in, a tree out, or a clean EmvError for bad input."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drivers.card.errors import EmvError

MAX_DEPTH = 8
MAX_TAG_BYTES = 4


@dataclass(frozen=True)
class Tlv:
    """One data object. `children` is set for constructed tags (bit 6 of the first tag byte)."""

    tag: int
    value: bytes
    children: tuple[Tlv, ...] = ()

    @property
    def constructed(self) -> bool:
        return _first_tag_byte(self.tag) & 0x20 != 0


def _first_tag_byte(tag: int) -> int:
    while tag > 0xFF:
        tag >>= 8
    return tag


def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:
        count = 1
        while True:
            if pos >= len(data):
                raise EmvError("TLV tag runs past the end of the data")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            count += 1
            if count > MAX_TAG_BYTES:
                raise EmvError("TLV tag longer than 4 bytes")
            if byte & 0x80 == 0:
                break
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise EmvError("TLV length missing at the end of the data")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise EmvError(f"unsupported TLV length form {first:02X}")
    if pos + count > len(data):
        raise EmvError("TLV length runs past the end of the data")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def parse_tlv(data: bytes, *, _depth: int = 0) -> tuple[Tlv, ...]:
    """Parse a sequence of BER-TLV objects; 00/FF padding between objects is skipped."""
    if _depth > MAX_DEPTH:
        raise EmvError("TLV nested too deeply")
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):
            pos += 1
            continue
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        end = pos + length
        if end > len(data):
            raise EmvError(f"TLV {tag:X} says {length} bytes but only {len(data) - pos} remain")
        value = data[pos:end]
        pos = end
        node = Tlv(tag, value)
        if node.constructed:
            node = Tlv(tag, value, parse_tlv(value, _depth=_depth + 1))
        out.append(node)
    return tuple(out)


def find(nodes: Iterable[Tlv], tag: int) -> Tlv | None:
    """Depth-first search for the first object with `tag`."""
    for node in nodes:
        if node.tag == tag:
            return node
        hit = find(node.children, tag)
        if hit is not None:
            return hit
    return None


def find_value(nodes: Iterable[Tlv], tag: int) -> bytes | None:
    node = find(nodes, tag)
    return None if node is None else node.value


def find_all(nodes: Iterable[Tlv], tag: int) -> list[Tlv]:
    found: list[Tlv] = []
    for node in nodes:
        if node.tag == tag:
            found.append(node)
        found.extend(find_all(node.children, tag))
    return found


def encode(tag: int, value: bytes) -> bytes:
    """Encode one object (used by the simulated cards and tests)."""
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return tag_bytes + length + value


def parse_dol(data: bytes) -> list[tuple[int, int]]:
    """A data object list (PDOL, CDOL): (tag, length) pairs without values."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(data):
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        out.append((tag, length))
    return out
