from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.cash import ssp_events as ssp
from drivers.errors import ProtocolError


@pytest.mark.parametrize(
    ("body", "events"),
    [
        ("", []),
        ("EE 01 EB", [(0xEE, 1), (0xEB, None)]),
        ("EF 00 EF 03", [(0xEF, 0), (0xEF, 3)]),
        ("F1 E2 04", [(0xF1, None), (0xE2, 4)]),
        (
            "E8 E3 E9 EA E7 E6 02 E1 01 E4 E0 B5 B6 CF CC ED EC",
            [
                (0xE8, None),
                (0xE3, None),
                (0xE9, None),
                (0xEA, None),
                (0xE7, None),
                (0xE6, 2),
                (0xE1, 1),
                (0xE4, None),
                (0xE0, None),
                (0xB5, None),
                (0xB6, None),
                (0xCF, None),
                (0xCC, None),
                (0xED, None),
                (0xEC, None),
            ],
        ),
    ],
)
def test_parse_events_table(body: str, events: list[ssp.Event]) -> None:
    assert ssp.parse_events(bytes.fromhex(body)) == events


@pytest.mark.parametrize("body", ["EE", "EB 12", "EF"])
def test_truncated_or_unknown_events_are_refused(body: str) -> None:
    with pytest.raises(ProtocolError):
        ssp.parse_events(bytes.fromhex(body))


def test_check_ok_and_generic_errors() -> None:
    assert ssp.check_ok(b"\xf0\x01", ssp.POLL) == b"\x01"
    with pytest.raises(ssp.SspCommandError, match="key not set") as err:
        ssp.check_ok(b"\xfa", ssp.POLL)
    assert err.value.reply == ssp.KEY_NOT_SET
    with pytest.raises(ProtocolError):
        ssp.check_ok(b"", ssp.POLL)


@pytest.mark.parametrize("protocol", [4, 6, 7])
def test_setup_round_trip_gives_fen(protocol: int) -> None:
    raw = ssp.build_setup("0420", "CNY", [1, 5, 10, 20, 50, 100], 100, protocol=protocol)
    info = ssp.parse_setup(raw)
    assert info.channel_values_fen == (100, 500, 1000, 2000, 5000, 10000)
    assert (info.currency, info.firmware, info.protocol_version) == ("CNY", "0420", protocol)


def test_setup_wide_values_beat_the_one_byte_ones() -> None:
    raw = ssp.build_setup("0100", "CNY", [500], 100, protocol=7)  # 500 yuan does not fit a byte
    assert ssp.parse_setup(raw).channel_values_fen == (50000,)


def test_short_setup_is_refused() -> None:
    raw = ssp.build_setup("0420", "CNY", [1, 5], 100, protocol=4)
    with pytest.raises(ProtocolError):
        ssp.parse_setup(raw[:-3])


@settings(max_examples=200)
@given(st.binary(max_size=80))
def test_random_reply_bodies_never_crash(body: bytes) -> None:
    with contextlib.suppress(ProtocolError):
        ssp.parse_events(body)
    with contextlib.suppress(ProtocolError):
        ssp.parse_setup(body)
