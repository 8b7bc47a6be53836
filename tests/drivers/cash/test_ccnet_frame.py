from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.cash import ccnet_frame as cc
from drivers.cash.ccnet_frame import CcnetFrame, CcnetFrameParser, encode_frame
from drivers.errors import ProtocolError


def test_poll_matches_the_checked_example() -> None:
    assert encode_frame(cc.POLL) == bytes.fromhex("02 03 06 33 DA 81")
    assert CcnetFrameParser().feed(bytes.fromhex("02 03 06 33 DA 81")) == [CcnetFrame(cc.POLL)]


@pytest.mark.parametrize(
    "garbage", ["", "00", "02", "02 03", "02 03 FF", "02 05 06 33 DA 81", "02 03 07"]
)
def test_parser_resyncs_after_garbage(garbage: str) -> None:
    good = encode_frame(cc.STACKED, b"\x02")
    parser = CcnetFrameParser()
    frames = parser.feed(bytes.fromhex(garbage) + good) + parser.feed(good)
    assert set(frames) == {CcnetFrame(cc.STACKED, b"\x02")}


def test_bill_table_round_trip_and_refusals() -> None:
    values, currency = cc.parse_bill_table(cc.build_bill_table([1, 5, 10, 20, 50, 100]))
    assert (values, currency) == ((100, 500, 1000, 2000, 5000, 10000), "CHN")
    with pytest.raises(ProtocolError):
        cc.parse_bill_table(bytes(119))
    with pytest.raises(ProtocolError):
        cc.parse_bill_table(bytes([5, 0x43, 0x48, 0x4E, 0x82]) + bytes(115))  # 5 x 10^-2


def test_type_mask_is_big_endian_bits() -> None:
    assert cc.type_mask((100, 0, 1000)) == bytes([0, 0, 0b101])
    assert cc.type_mask(tuple([1] * 24)) == b"\xff\xff\xff"


@settings(max_examples=200)
@given(st.binary(max_size=400), st.integers(1, 40))
def test_random_bytes_only_yield_correctly_framed_frames(stream: bytes, chunk: int) -> None:
    parser = CcnetFrameParser()
    for frame in [
        f for i in range(0, len(stream), chunk) for f in parser.feed(stream[i : i + chunk])
    ]:
        assert encode_frame(frame.cmd, frame.data) in stream


@settings(max_examples=250)
@given(st.integers(0, 6), st.integers(0, 255), st.binary(max_size=12), st.binary(max_size=12))
def test_a_corrupted_stacked_never_credits(
    pos: int, value: int, before: bytes, after: bytes
) -> None:
    wire = bytearray(encode_frame(cc.STACKED, b"\x02"))
    assume(wire[pos] != value)
    wire[pos] = value
    stream = before + bytes(wire) + after
    for frame in CcnetFrameParser().feed(stream):
        encoded = encode_frame(frame.cmd, frame.data)
        assert encoded in stream
        if frame.cmd == cc.STACKED:
            assert encoded in before or encoded in after
