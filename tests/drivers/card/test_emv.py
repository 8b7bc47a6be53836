"""EMV read: pure parsers (table tests) and full reads from simulated cards on the fake reader."""

from __future__ import annotations

import logging

import pytest

from drivers.card import tlv
from drivers.card.emv import (
    EmvCard,
    aids_from_pse_records,
    card_from_records,
    decode_pan,
    gpo_command,
    parse_afl,
    parse_gpo,
    parse_track2,
    read_emv,
)
from drivers.card.errors import EmvError, NotEmvCard
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import (
    TEST_PAN_APPROVED,
    TEST_PAN_DECLINED,
    TEST_PAN_TIMEOUT,
    EmvSimCard,
    T0Behaviour,
    utility_test_card,
)

VISA = bytes.fromhex("A0000000031010")


@pytest.mark.parametrize(
    ("bcd", "pan"),
    [("6212345678901234569F", "6212345678901234569"), ("4111111111111111", "4111111111111111")],
)
def test_decode_pan(bcd: str, pan: str) -> None:
    assert decode_pan(bytes.fromhex(bcd)) == pan


@pytest.mark.parametrize("bcd", ["62123A", "", "FFFF", "12345678901F"[:10]])
def test_decode_pan_rejects(bcd: str) -> None:
    with pytest.raises(EmvError):
        decode_pan(bytes.fromhex(bcd))


@pytest.mark.parametrize(
    ("track2", "pan", "yymm"),
    [
        ("6212345678901234569D28122010000000000F", "6212345678901234569", "2812"),
        ("4111111111111111D25011010000000000", "4111111111111111", "2501"),
    ],
)
def test_parse_track2(track2: str, pan: str, yymm: str) -> None:
    assert parse_track2(bytes.fromhex(track2)) == (pan, yymm)


@pytest.mark.parametrize("track2", ["41111111111111112501", "4111111111111111D2F", "D2812"])
def test_parse_track2_rejects(track2: str) -> None:
    with pytest.raises(EmvError):
        parse_track2(bytes.fromhex(track2.ljust(len(track2) + len(track2) % 2, "F")))


@pytest.mark.parametrize(
    ("afl", "entries"),
    [
        ("08010100", [(1, 1, 1)]),
        ("1001010018010200", [(2, 1, 1), (3, 1, 2)]),
    ],
)
def test_parse_afl(afl: str, entries: list[tuple[int, int, int]]) -> None:
    assert parse_afl(bytes.fromhex(afl)) == entries


@pytest.mark.parametrize("afl", ["", "080101", "00010100", "08000100", "08030100"])
def test_parse_afl_rejects(afl: str) -> None:
    with pytest.raises(EmvError):
        parse_afl(bytes.fromhex(afl))


@pytest.mark.parametrize(
    ("gpo", "aip", "afl"),
    [
        ("800A19801001010018010200", "1980", "1001010018010200"),  # format 1
        ("770E8202198094081001010018010200", "1980", "1001010018010200"),  # format 2
    ],
)
def test_parse_gpo(gpo: str, aip: str, afl: str) -> None:
    got = parse_gpo(bytes.fromhex(gpo))
    assert (got[0].hex().upper(), got[1].hex().upper()) == (aip, afl)


@pytest.mark.parametrize("gpo", ["", "8001AA", "77048202198", "6F00"])
def test_parse_gpo_rejects(gpo: str) -> None:
    with pytest.raises(EmvError):
        parse_gpo(bytes.fromhex(gpo.ljust(len(gpo) + len(gpo) % 2, "0")))


@pytest.mark.parametrize(
    ("pdol", "command"),
    [
        (None, "80A8000002830000"),
        ("9F66049F02069F37045F2A02", "80A80000128310" + "00" * 16 + "00"),
    ],
)
def test_gpo_command(pdol: str | None, command: str) -> None:
    assert gpo_command(bytes.fromhex(pdol) if pdol else None).hex().upper() == command


def test_pse_priorities() -> None:
    def entry(aid: str, prio: int) -> bytes:
        return tlv.encode(
            0x61, tlv.encode(0x4F, bytes.fromhex(aid)) + tlv.encode(0x87, bytes([prio]))
        )

    record = tlv.encode(0x70, entry("A0000000031010", 2) + entry("A000000333010101", 1))
    assert [a.hex() for a in aids_from_pse_records([record])] == [
        "a000000333010101",
        "a0000000031010",
    ]


def test_card_from_track2_only() -> None:
    record = tlv.encode(0x70, tlv.encode(0x57, bytes.fromhex("6212345678901234569D2812201F")))
    card = card_from_records([record], bytes.fromhex("A000000333010101"))
    assert (card.pan, card.expiry, card.pan_sequence) == (TEST_PAN_APPROVED, "2812", None)


def test_card_without_pan_is_an_error() -> None:
    with pytest.raises(EmvError, match="neither PAN"):
        card_from_records([tlv.encode(0x70, tlv.encode(0x5F24, b"\x28\x12\x31"))], VISA)


def test_emvcard_never_shows_the_pan(caplog: pytest.LogCaptureFixture) -> None:
    card = EmvCard(pan=TEST_PAN_APPROVED, expiry="2812", pan_sequence=1, aid="A000000333010101")
    logging.getLogger("test").warning("card %s %r %s", card, card, f"{card}")
    for text in (repr(card), str(card), f"{card}", caplog.text, str([card])):
        assert TEST_PAN_APPROVED not in text
    assert str(card) == "621234*********4569"
    assert card.pan == TEST_PAN_APPROVED  # still there for the one authorization request


@pytest.mark.parametrize(
    ("sim", "pan"),
    [
        (EmvSimCard(TEST_PAN_APPROVED), TEST_PAN_APPROVED),
        (EmvSimCard(TEST_PAN_DECLINED, pse=False), TEST_PAN_DECLINED),
        (EmvSimCard(TEST_PAN_TIMEOUT, pdol=True, afl_format=2), TEST_PAN_TIMEOUT),
        (EmvSimCard(TEST_PAN_TIMEOUT, with_5a=False, t0=T0Behaviour(chunk=7)), TEST_PAN_TIMEOUT),
        (EmvSimCard("4111111111111111", pse=False, aid=VISA, t0=T0Behaviour()), "4111111111111111"),
    ],
    ids=["pse", "no-pse", "pdol-format2", "track2-only-t0", "visa-t0"],
)
def test_read_emv_on_fake_reader(sim: EmvSimCard, pan: str) -> None:
    fake = FakeCardReader()
    fake.insert(sim)
    card = read_emv(fake.connect())
    assert card.pan == pan
    assert card.expiry == "2812"
    assert card.aid == sim.aid.hex().upper()


def test_read_emv_pan_sequence() -> None:
    fake = FakeCardReader()
    fake.insert(EmvSimCard(TEST_PAN_DECLINED, pan_sequence=3))
    card = read_emv(fake.connect())
    assert (card.pan, card.pan_sequence) == (TEST_PAN_DECLINED, 3)


def test_utility_card_is_not_emv() -> None:
    fake = FakeCardReader()
    fake.insert(utility_test_card())
    with pytest.raises(NotEmvCard):
        read_emv(fake.connect())
