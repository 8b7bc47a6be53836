from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.cash import id003_frame as jcm
from drivers.cash.id003_frame import Id003Frame, Id003FrameParser, encode_frame
from drivers.errors import ProtocolError

CHECKED = [
    (0x11, "", "FC 05 11 27 56"),  # status request
    (0x50, "", "FC 05 50 AA 05"),  # ACK (the answer VEND VALID needs)
]


@pytest.mark.parametrize(("cmd", "data", "wire"), CHECKED)
def test_encode_matches_checked_examples(cmd: int, data: str, wire: str) -> None:
    assert encode_frame(cmd, bytes.fromhex(data)) == bytes.fromhex(wire)


@pytest.mark.parametrize(("cmd", "data", "wire"), CHECKED)
def test_parse_checked_examples(cmd: int, data: str, wire: str) -> None:
    assert Id003FrameParser().feed(bytes.fromhex(wire)) == [Id003Frame(cmd, bytes.fromhex(data))]


@pytest.mark.parametrize(
    "garbage", ["", "00", "FC", "FC 04", "FC FF 00", "FC 06 13 63 00 00", "11 FC"]
)
def test_parser_resyncs_after_garbage(garbage: str) -> None:
    good = encode_frame(jcm.ESCROW, b"\x63")
    parser = Id003FrameParser()
    frames = parser.feed(bytes.fromhex(garbage) + good)
    frames += parser.feed(good)  # a garbage length byte can hide the first copy: the resend comes
    assert Id003Frame(jcm.ESCROW, b"\x63") in frames
    assert set(frames) == {Id003Frame(jcm.ESCROW, b"\x63")}


def test_bad_crc_is_never_a_frame() -> None:
    wire = bytearray(encode_frame(jcm.VEND_VALID))
    wire[-2] ^= 0x10
    assert Id003FrameParser().feed(bytes(wire)) == []


def test_currency_table_round_trip_in_fen() -> None:
    raw = jcm.build_currency_table({0x61: 1, 0x62: 5, 0x63: 10, 0x64: 20, 0x65: 50, 0x66: 100})
    assert jcm.parse_currency_table(raw) == {
        0x61: 100,
        0x62: 500,
        0x63: 1000,
        0x64: 2000,
        0x65: 5000,
        0x66: 10000,
    }
    with pytest.raises(ProtocolError):
        jcm.parse_currency_table(raw[:-1])
    with pytest.raises(ProtocolError):
        jcm.parse_currency_table(bytes([0x61, 1, 1, 9]))


@settings(max_examples=200)
@given(st.binary(max_size=400), st.integers(1, 40))
def test_random_bytes_only_yield_correctly_framed_frames(stream: bytes, chunk: int) -> None:
    parser = Id003FrameParser()
    out = [f for i in range(0, len(stream), chunk) for f in parser.feed(stream[i : i + chunk])]
    for frame in out:
        assert encode_frame(frame.cmd, frame.data) in stream


@settings(max_examples=150)
@given(
    st.lists(st.tuples(st.integers(0, 255), st.binary(max_size=30)), max_size=5),
    st.lists(st.binary(max_size=20), max_size=6),
)
def test_frames_survive_garbage_without_sync(
    frames: list[tuple[int, bytes]], junk: list[bytes]
) -> None:
    junk = [j.replace(b"\xfc", b"") for j in junk] + [b""] * (len(frames) + 1)
    stream = b"".join(junk[i] + encode_frame(c, d) for i, (c, d) in enumerate(frames)) + junk[-1]
    # garbage cannot start a frame (no FC); frame bodies may hold FC and must still come through
    assert Id003FrameParser().feed(stream) == [Id003Frame(c, d) for c, d in frames]


@settings(max_examples=250)
@given(st.integers(0, 4), st.integers(0, 255), st.binary(max_size=12), st.binary(max_size=12))
def test_a_corrupted_vend_valid_never_credits(
    pos: int, value: int, before: bytes, after: bytes
) -> None:
    wire = bytearray(encode_frame(jcm.VEND_VALID))
    assume(wire[pos] != value)
    wire[pos] = value
    stream = before + bytes(wire) + after
    for frame in Id003FrameParser().feed(stream):
        encoded = encode_frame(frame.cmd, frame.data)
        assert encoded in stream
        if frame.cmd == jcm.VEND_VALID:
            assert encoded in before or encoded in after
