"""T=0 handling in the channel: 61xx GET RESPONSE loops and 6Cxx resends."""

from __future__ import annotations

import pytest

from drivers.card.apdu import exchange, split_sw, with_le
from drivers.card.sim_cards import T0Behaviour, UtilitySimCard, utility_test_card
from drivers.errors import ProtocolError


@pytest.mark.parametrize(
    ("apdu", "le", "expected"),
    [
        ("00A40000", 0x10, "00A4000010"),  # case 1 -> Le added
        ("00B0000000", 0x30, "00B0000030"),  # case 2 -> Le replaced
        ("00A4020C020102", 0x05, "00A4020C02010205"),  # case 3 -> Le added
        ("00A4040002A00000", 0x20, "00A4040002A00020"),  # case 4 -> Le replaced
    ],
)
def test_with_le(apdu: str, le: int, expected: str) -> None:
    assert with_le(bytes.fromhex(apdu), le).hex().upper() == expected


@pytest.mark.parametrize("apdu", ["00A4", "00A4040005A000"])
def test_with_le_rejects_malformed(apdu: str) -> None:
    with pytest.raises(ProtocolError):
        with_le(bytes.fromhex(apdu), 1)


def test_split_sw() -> None:
    assert split_sw(bytes.fromhex("01029000")) == (b"\x01\x02", 0x9000)
    with pytest.raises(ProtocolError, match="no status word"):
        split_sw(b"\x90")


def _read_customer(card: UtilitySimCard, le: int) -> tuple[bytes, int]:
    for apdu in ("00A4040009F055544C434152443100", "00A4020C020101"):
        assert exchange(card.process, bytes.fromhex(apdu))[1] == 0x9000
    return exchange(card.process, bytes([0, 0xB0, 0, 0, le]))


def test_6cxx_resends_with_the_right_le() -> None:
    card = utility_test_card(T0Behaviour())
    data, sw = _read_customer(card, 0x00)
    assert sw == 0x9000
    assert len(data) == 48
    assert [a.hex() for a in card.log[-2:]] == ["00b0000000", "00b0000030"]
    assert card.process(bytes.fromhex("00b0000000")).hex() == "6c30"  # what the card answered


def test_61xx_loops_get_response() -> None:
    from drivers.card.sim_cards import EmvSimCard

    card = EmvSimCard(t0=T0Behaviour(chunk=8))
    data, sw = exchange(card.process, bytes.fromhex("00A404000E315041592E5359532E444446303100"))
    assert sw == 0x9000
    assert data.startswith(bytes.fromhex("6F"))
    assert len(data) == data[1] + 2
    fetches = [a for a in card.log if a[1] == 0xC0]
    assert len(fetches) == (len(data) + 7) // 8
    assert all(f[:4] == bytes.fromhex("00C00000") for f in fetches)


def test_endless_61xx_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="61xx"):
        exchange(lambda _apdu: bytes.fromhex("6110"), bytes.fromhex("00B0000000"))


def test_endless_6cxx_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="wrong length"):
        exchange(lambda _apdu: bytes.fromhex("6C10"), bytes.fromhex("00B0000000"))
