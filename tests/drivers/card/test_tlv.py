"""BER-TLV parser: table tests and a property test that garbage only ever raises EmvError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.errors import EmvError


@pytest.mark.parametrize(
    ("hexdata", "expected"),
    [
        ("5A0962123456789012349F", [(0x5A, "62123456789012349f")]),
        ("5F24032812319F0802ABCD", [(0x5F24, "281231"), (0x9F08, "abcd")]),
        ("00005F340101FF", [(0x5F34, "01")]),  # 00/FF padding
        ("9F3881020102", [(0x9F38, "0102")]),  # long-form length 81
        ("50820003414243", [(0x50, "414243")]),  # long-form length 82
        ("9F7F00", [(0x9F7F, "")]),
        ("", []),
    ],
)
def test_parse_primitive(hexdata: str, expected: list[tuple[int, str]]) -> None:
    nodes = tlv.parse_tlv(bytes.fromhex(hexdata))
    assert [(n.tag, n.value.hex()) for n in nodes] == expected


def test_parse_constructed_and_find() -> None:
    data = bytes.fromhex("6F1084075041592E53595388A5058801019F00")
    data = bytes.fromhex("6F0F8407A0000003330101A50488010100")
    nodes = tlv.parse_tlv(data)
    assert nodes[0].constructed
    assert tlv.find_value(nodes, 0x84) == bytes.fromhex("A0000003330101")
    assert tlv.find_value(nodes, 0x88) == b"\x01"
    assert tlv.find(nodes, 0x5A) is None


@pytest.mark.parametrize(
    ("hexdata", "message"),
    [
        ("5A05123456", "only 3 remain"),
        ("9F", "tag runs past"),
        ("9F9F9F9F01", "longer than 4"),
        ("5A", "length missing"),
        ("5A8412345678", "unsupported TLV length"),
        ("5A8201", "runs past"),
        ("70" * 40, "nested too deeply|remain"),
    ],
)
def test_garbage_is_a_clean_error(hexdata: str, message: str) -> None:
    with pytest.raises(EmvError, match=message):
        tlv.parse_tlv(bytes.fromhex(hexdata))


def test_deep_nesting_is_bounded() -> None:
    data = b""
    for _ in range(20):
        data = tlv.encode(0x70, data + b"\x5a\x00")
    with pytest.raises(EmvError, match="nested too deeply"):
        tlv.parse_tlv(data)


def test_encode_roundtrip() -> None:
    value = bytes(range(200))
    assert tlv.parse_tlv(tlv.encode(0x9F4B, value))[0].value == value
    assert tlv.parse_dol(bytes.fromhex("9F66049F0206")) == [(0x9F66, 4), (0x9F02, 6)]


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        nodes = tlv.parse_tlv(data)
    except EmvError:
        return
    for node in nodes:
        assert isinstance(node.tag, int)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64))
def test_arbitrary_dol_never_crashes(data: bytes) -> None:
    with contextlib.suppress(EmvError):
        tlv.parse_dol(data)
