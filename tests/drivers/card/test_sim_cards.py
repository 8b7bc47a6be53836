"""The simulated cards answer like the real ones: the utility card checks MACs itself."""

from __future__ import annotations

import pytest

from drivers.card.sim_cards import (
    TEST_CARD_SERIAL,
    TEST_MASTER_KEY,
    EmvSimCard,
    T0Behaviour,
    card_key,
    parse_command,
    purchase_data,
    utility_test_card,
)

SELECT_APP = bytes.fromhex("00A4040009F055544C434152443100")
KEY = card_key(TEST_MASTER_KEY, TEST_CARD_SERIAL)


def _sw(answer: bytes) -> str:
    return answer[-2:].hex().upper()


def _on_purchase(card: object) -> None:
    for apdu in (SELECT_APP, bytes.fromhex("00A4020C020102")):
        assert _sw(card.process(apdu)) == "9000"  # type: ignore[attr-defined]


def test_seed_state() -> None:
    card = utility_test_card()
    assert card.purchase == purchase_data(KEY, TEST_CARD_SERIAL, 5000, 7)
    assert card.writeback.hex() == "000008fc000000070000000000000000"


@pytest.mark.parametrize(
    ("data", "sw"),
    [
        (purchase_data(KEY, TEST_CARD_SERIAL, 10000, 8), "9000"),
        (purchase_data(KEY, TEST_CARD_SERIAL, 5000, 7), "9000"),  # identical rewrite
        (purchase_data(KEY, TEST_CARD_SERIAL, 10000, 7), "6985"),
        (purchase_data(KEY, TEST_CARD_SERIAL, 10000, 10), "6985"),
        (purchase_data(KEY, "8600000000000004", 10000, 8), "6988"),
        (bytes(12), "6988"),
    ],
)
def test_write_rules(data: bytes, sw: str) -> None:
    card = utility_test_card()
    before = card.purchase
    _on_purchase(card)
    assert _sw(card.process(bytes.fromhex("00D600000C") + data)) == sw
    assert card.purchase == (data if sw == "9000" else before)


@pytest.mark.parametrize(
    ("apdu", "sw"),
    [
        ("00A4040009F055544C434152443200", "6A82"),  # other AID
        ("00A4020C020104", "6A82"),
        ("00B000000C", "6986"),  # nothing selected
        ("00D600000C" + "00" * 12, "6986"),
        ("80B0000000", "6E00"),
        ("00CA000000", "6D00"),
        ("00A4", "6700"),
        ("00A4040009F055", "6700"),
    ],
)
def test_errors(apdu: str, sw: str) -> None:
    assert _sw(utility_test_card().process(bytes.fromhex(apdu))) == sw


def test_writeback_is_read_only_and_wrong_length() -> None:
    card = utility_test_card()
    card.process(SELECT_APP)
    card.process(bytes.fromhex("00A4020C020103"))
    assert _sw(card.process(bytes.fromhex("00D600000C") + bytes(12))) == "6982"
    _on_purchase(card)
    assert _sw(card.process(bytes.fromhex("00D600000B") + bytes(11))) == "6700"


def test_power_on_forgets_the_selection() -> None:
    card = utility_test_card()
    _on_purchase(card)
    card.power_on()
    assert _sw(card.process(bytes.fromhex("00B000000C"))) == "6986"


def test_meter_load_takes_only_the_next_purchase() -> None:
    card = utility_test_card()
    card.meter_load()  # count 7 already loaded: nothing added
    assert card.writeback[:8].hex() == "000008fc00000007"
    _on_purchase(card)
    card.process(bytes.fromhex("00D600000C") + purchase_data(KEY, TEST_CARD_SERIAL, 10000, 8))
    card.meter_load()
    assert card.writeback[:8].hex() == "0000300c00000008"  # 2300 + 10000 = 0x300C


def test_t0_answers() -> None:
    card = utility_test_card(T0Behaviour(chunk=16))
    _on_purchase(card)
    assert _sw(card.process(bytes.fromhex("00B0000000"))) == "6C0C"
    assert _sw(card.process(bytes.fromhex("00B000000C"))) == "9000"
    assert _sw(card.process(bytes.fromhex("00C0000010"))) == "6985"  # nothing pending
    emv = EmvSimCard(t0=T0Behaviour(chunk=16))
    first = emv.process(bytes.fromhex("00A404000E315041592E5359532E444446303100"))
    assert first.hex().upper() == "6110"
    assert _sw(emv.process(bytes.fromhex("00C0000020"))) == "6C17"  # 23 bytes pending
    assert _sw(emv.process(bytes.fromhex("00C0000010"))) == "6107"
    last = emv.process(bytes.fromhex("00C0000007"))
    assert (len(last), _sw(last)) == (9, "9000")


def test_emv_gpo_checks_pdol_length() -> None:
    emv = EmvSimCard(pdol=True)
    assert _sw(emv.process(bytes.fromhex("80A8000002830000"))) == "6985"  # no app selected
    emv.process(bytes.fromhex("00A4040008A00000033301010100"))
    assert _sw(emv.process(bytes.fromhex("80A8000002830000"))) == "6700"
    assert _sw(emv.process(bytes.fromhex("80A8000012" + "8310" + "00" * 16 + "00"))) == "9000"


@pytest.mark.parametrize(
    ("apdu", "fields"),
    [
        ("00B0000010", (0, 0xB0, b"", 0x10)),
        ("00A4020C020101", (0, 0xA4, b"\x01\x01", None)),
        ("00A4040002010200", (0, 0xA4, b"\x01\x02", 0)),
    ],
)
def test_parse_command(apdu: str, fields: tuple[int, int, bytes, int | None]) -> None:
    cmd = parse_command(bytes.fromhex(apdu))
    assert (cmd.cla, cmd.ins, cmd.data, cmd.le) == fields
