"""Utility card application: pure parsers and rules (table tests), and the app on a fake reader."""

from __future__ import annotations

import pytest

from drivers.card.errors import (
    NotUtilityCard,
    ReadOnly,
    UtilityCardError,
    WriteVerifyFailed,
    WrongCount,
    WrongMac,
)
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import (
    TEST_CARD_SERIAL,
    TEST_MASTER_KEY,
    EmvSimCard,
    T0Behaviour,
    UtilitySimCard,
    card_key,
    purchase_data,
    utility_test_card,
)
from drivers.card.utility_card import (
    Purchase,
    UtilityCard,
    WriteBack,
    encode_purchase,
    needs_rewrite,
    parse_customer,
    parse_purchase,
    parse_writeback,
    purchase_blocked,
)
from drivers.errors import ProtocolError

TEST_VECTOR = "0000271000000008ca3335e0"
KEY = card_key(TEST_MASTER_KEY, TEST_CARD_SERIAL)


def test_test_card_key_matches_the_utility_documentation() -> None:
    assert KEY.hex() == "15bfeb5fe4b2827240fdc561903a58a63b89d85d7856fea9674f58dda38916f7"


@pytest.mark.parametrize(
    ("hexdata", "amount", "count", "mac"),
    [
        (TEST_VECTOR, 10000, 8, "ca3335e0"),
        ("000000000000000000000000", 0, 0, "00000000"),
        ("ffffffff00000001a1b2c3d4", 0xFFFFFFFF, 1, "a1b2c3d4"),
    ],
)
def test_parse_purchase(hexdata: str, amount: int, count: int, mac: str) -> None:
    purchase = parse_purchase(bytes.fromhex(hexdata))
    assert (purchase.amount_fen, purchase.purchase_count, purchase.mac.hex()) == (
        amount,
        count,
        mac,
    )
    assert encode_purchase(purchase).hex() == hexdata


def test_back_end_signing_reproduces_the_test_vector() -> None:
    assert purchase_data(KEY, TEST_CARD_SERIAL, 10000, 8).hex() == TEST_VECTOR


@pytest.mark.parametrize(
    ("hexdata", "balance", "loaded", "ts", "illegal"),
    [
        ("000008fc000000076915a38003000000", 2300, 7, 1763025792, 3),
        ("fffffc1800000009000000000000000000"[:32], -1000, 9, 0, 0),
    ],
)
def test_parse_writeback(hexdata: str, balance: int, loaded: int, ts: int, illegal: int) -> None:
    wb = parse_writeback(bytes.fromhex(hexdata))
    assert (wb.balance_fen, wb.loaded_count, wb.timestamp, wb.illegal_insert_count) == (
        balance,
        loaded,
        ts,
        illegal,
    )


def test_parse_customer() -> None:
    raw = b"3300000003      " + b"000033000003" + b"8600000000000003" + b"\x01\0\0\0"
    customer = parse_customer(raw)
    assert customer.account_no == "3300000003"
    assert customer.meter_no == "000033000003"
    assert customer.card_serial == "8600000000000003"
    assert customer.card_type == 1


@pytest.mark.parametrize(
    ("parser", "raw"),
    [
        (parse_purchase, bytes(11)),
        (parse_writeback, bytes(17)),
        (parse_customer, bytes(48)),  # NUL bytes are not a numeric account
        (parse_customer, b"\xff" * 48),
        (parse_customer, bytes(47)),
    ],
)
def test_parsers_reject_bad_files(parser: object, raw: bytes) -> None:
    with pytest.raises(ProtocolError):
        parser(raw)  # type: ignore[operator]


def _p(count: int) -> Purchase:
    return Purchase(amount_fen=100, purchase_count=count, mac=b"\0" * 4)


def _wb(loaded: int) -> WriteBack:
    return WriteBack(balance_fen=0, loaded_count=loaded, timestamp=0, illegal_insert_count=0)


@pytest.mark.parametrize(
    ("count", "loaded", "blocked"), [(7, 7, False), (8, 7, True), (7, 8, False), (0, 0, False)]
)
def test_rule2_purchase_blocked(count: int, loaded: int, blocked: bool) -> None:
    assert purchase_blocked(_p(count), _wb(loaded)) is blocked


@pytest.mark.parametrize(
    ("issued", "on_card", "rewrite"), [(8, 7, True), (7, 7, False), (6, 7, False)]
)
def test_rule3_needs_rewrite(issued: int, on_card: int, rewrite: bool) -> None:
    assert needs_rewrite(issued, _p(on_card)) is rewrite


@pytest.fixture
def fake() -> FakeCardReader:
    return FakeCardReader()


@pytest.mark.parametrize("t0", [None, T0Behaviour(chunk=5)])
def test_read_all_on_the_test_card(fake: FakeCardReader, t0: T0Behaviour | None) -> None:
    fake.insert(utility_test_card(t0))
    data = UtilityCard(fake.connect()).read_all()
    assert data.customer.account_no == "3300000003"
    assert data.customer.card_serial == "8600000000000003"
    assert (data.purchase.amount_fen, data.purchase.purchase_count) == (5000, 7)
    assert (data.writeback.loaded_count, data.writeback.balance_fen) == (7, 2300)
    assert not purchase_blocked(data.purchase, data.writeback)


def test_write_purchase_and_read_back(fake: FakeCardReader) -> None:
    card = utility_test_card()
    fake.insert(card)
    app = UtilityCard(fake.connect())
    app.select()
    written = app.write_purchase(bytes.fromhex(TEST_VECTOR))
    assert (written.amount_fen, written.purchase_count) == (10000, 8)
    assert card.purchase.hex() == TEST_VECTOR
    # identical rewrite is accepted and changes nothing
    assert app.write_purchase(bytes.fromhex(TEST_VECTOR)) == written
    # now rule 2 holds until the meter takes it
    assert purchase_blocked(app.read_purchase(), app.read_writeback())
    card.meter_load()
    assert not purchase_blocked(app.read_purchase(), app.read_writeback())
    assert app.read_writeback().balance_fen == 12300


@pytest.mark.parametrize(
    ("data", "error", "sw"),
    [
        ("0000271000000008ca3335e1", WrongMac, 0x6988),
        (purchase_data(KEY, TEST_CARD_SERIAL, 10000, 9).hex(), WrongCount, 0x6985),
        (purchase_data(KEY, TEST_CARD_SERIAL, 10000, 7).hex(), WrongCount, 0x6985),
        (purchase_data(b"other-master-key", TEST_CARD_SERIAL, 10000, 8).hex(), WrongMac, 0x6988),
    ],
)
def test_card_rejects_bad_purchases(
    fake: FakeCardReader, data: str, error: type[UtilityCardError], sw: int
) -> None:
    card = utility_test_card()
    before = card.purchase
    fake.insert(card)
    app = UtilityCard(fake.connect())
    app.select()
    with pytest.raises(error) as info:
        app.write_purchase(bytes.fromhex(data))
    assert info.value.sw == sw
    assert card.purchase == before


def test_customer_file_is_read_only(fake: FakeCardReader) -> None:
    card = utility_test_card()
    fake.insert(card)
    channel = fake.connect()
    UtilityCard(channel).select()
    assert channel.transmit(bytes.fromhex("00A4020C020101"))[1] == 0x9000
    _data, sw = channel.transmit(bytes.fromhex("00D600000C") + bytes(12))
    assert sw == 0x6982


def test_read_only_answer_is_a_clear_error(fake: FakeCardReader) -> None:
    class LockedCard(UtilitySimCard):
        def _write(self, cmd: object) -> int:
            return 0x6982

    fake.insert(LockedCard())
    app = UtilityCard(fake.connect())
    app.select()
    with pytest.raises(ReadOnly, match="read-only") as info:
        app.write_purchase(bytes.fromhex(TEST_VECTOR))
    assert info.value.code == "CARD_READ_ONLY"


def test_emv_card_is_not_a_utility_card(fake: FakeCardReader) -> None:
    fake.insert(EmvSimCard())
    with pytest.raises(NotUtilityCard) as info:
        UtilityCard(fake.connect()).read_all()
    assert info.value.sw == 0x6A82


def test_write_verify_detects_a_card_that_lies(fake: FakeCardReader) -> None:
    class ForgetfulCard(UtilitySimCard):
        def _write(self, cmd: object) -> int:
            return 0x9000  # claims success, stores nothing

    fake.insert(ForgetfulCard())
    app = UtilityCard(fake.connect())
    app.select()
    with pytest.raises(WriteVerifyFailed):
        app.write_purchase(bytes.fromhex(TEST_VECTOR))


def test_write_rejects_wrong_length_before_sending(fake: FakeCardReader) -> None:
    fake.insert(utility_test_card())
    app = UtilityCard(fake.connect())
    with pytest.raises(ValueError, match="12 bytes"):
        app.write_purchase(bytes(11))
    assert fake.commands == 0
