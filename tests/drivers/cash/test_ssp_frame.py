from __future__ import annotations

import contextlib

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.cash.ssp_events import CREDIT, parse_events
from drivers.cash.ssp_frame import SspFrame, SspFrameParser, encode_frame, stuff
from drivers.errors import ProtocolError

CHECKED = [
    (True, "11", "7F 80 01 11 65 82"),  # SYNC
    (True, "07", "7F 80 01 07 12 02"),  # POLL
    (True, "F0", "7F 80 01 F0 23 80"),  # OK
    (True, "F0 EE 01 EB", "7F 80 04 F0 EE 01 EB B9 48"),  # credit ch1 + stacked
]


@pytest.mark.parametrize(("seq", "data", "wire"), CHECKED)
def test_encode_matches_checked_examples(seq: bool, data: str, wire: str) -> None:
    assert encode_frame(seq, 0, bytes.fromhex(data)) == bytes.fromhex(wire)


@pytest.mark.parametrize(("seq", "data", "wire"), CHECKED)
def test_parse_checked_examples(seq: bool, data: str, wire: str) -> None:
    assert SspFrameParser().feed(bytes.fromhex(wire)) == [SspFrame(seq, 0, bytes.fromhex(data))]


def test_stuffing_doubles_every_7f_after_the_stx() -> None:
    assert stuff(bytes.fromhex("01 7F 02 7F 7F")) == bytes.fromhex("01 7F 7F 02 7F 7F 7F 7F")
    wire = encode_frame(False, 0x7F, b"\x7f")
    assert wire[:5] == bytes.fromhex("7F 7F 7F 01 7F")
    assert SspFrameParser().feed(wire) == [SspFrame(False, 0x7F, b"\x7f")]


@pytest.mark.parametrize(
    "garbage",
    ["", "00", "7F", "7F 05", "12 7F 80 01", "7F 80 01 F0 23 81", "7F 80 02 F0", "7F 01 7F"],
)
def test_parser_resyncs_after_garbage(garbage: str) -> None:
    good = encode_frame(True, 0, bytes.fromhex("F0 EE 01 EB"))
    parser = SspFrameParser()
    frames = parser.feed(bytes.fromhex(garbage) + good)
    if garbage == "7F 01 7F":  # 7F 7F reads as a stuffed length byte: wait for the resend
        assert frames == []
        frames += parser.feed(good * 20)[:1]
    assert frames[-1:] == [SspFrame(True, 0, bytes.fromhex("F0 EE 01 EB"))]
    assert len(frames) == 1


def test_parser_accepts_bytes_one_at_a_time() -> None:
    wire = encode_frame(False, 0, bytes(range(0x70, 0x90)))
    parser = SspFrameParser()
    frames = [f for b in wire for f in parser.feed(bytes([b]))]
    assert frames == [SspFrame(False, 0, bytes(range(0x70, 0x90)))]


def test_bad_crc_is_never_a_frame() -> None:
    wire = bytearray(encode_frame(True, 0, bytes.fromhex("F0 EE 01 EB")))
    wire[-1] ^= 0x01
    parser = SspFrameParser()
    assert parser.feed(bytes(wire)) == []
    assert parser.discarded > 0


def test_encode_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="address"):
        encode_frame(True, 0x80, b"")
    with pytest.raises(ValueError, match="too long"):
        encode_frame(True, 0, bytes(256))


# ---- properties ----------------------------------------------------------------------------------
frames_st = st.builds(SspFrame, st.booleans(), st.integers(0, 0x7F), st.binary(max_size=40))


@settings(max_examples=200)
@given(st.binary(max_size=600), st.integers(1, 64))
def test_random_bytes_only_yield_correctly_framed_frames(stream: bytes, chunk: int) -> None:
    parser = SspFrameParser()
    out = [f for i in range(0, len(stream), chunk) for f in parser.feed(stream[i : i + chunk])]
    for frame in out:  # every frame must be exactly present on the wire, CRC and all
        assert encode_frame(frame.seq, frame.address, frame.data) in stream
        with contextlib.suppress(ProtocolError):
            parse_events(frame.data[1:])


@settings(max_examples=150)
@given(st.lists(frames_st, max_size=5), st.lists(st.binary(max_size=20), max_size=6))
def test_frames_survive_garbage_without_stx(frames: list[SspFrame], junk: list[bytes]) -> None:
    junk = [j.replace(b"\x7f", b"") for j in junk] + [b""] * (len(frames) + 1)
    stream = b"".join(
        junk[i] + encode_frame(f.seq, f.address, f.data) for i, f in enumerate(frames)
    )
    assert SspFrameParser().feed(stream + junk[-1]) == frames


@settings(max_examples=250)
@given(st.integers(0, 8), st.integers(0, 255), st.binary(max_size=12), st.binary(max_size=12))
def test_a_corrupted_credit_never_credits(
    pos: int, value: int, before: bytes, after: bytes
) -> None:
    wire = bytearray(encode_frame(True, 0, bytes.fromhex("F0 EE 01 EB")))
    assume(wire[pos] != value)
    wire[pos] = value
    stream = before + bytes(wire) + after
    for frame in SspFrameParser().feed(stream):
        encoded = encode_frame(frame.seq, frame.address, frame.data)
        assert encoded in stream
        try:
            events = parse_events(frame.data[1:])
        except ProtocolError:
            continue
        if any(code == CREDIT for code, _ in events):  # only a credit hypothesis itself framed
            assert encoded in before or encoded in after
