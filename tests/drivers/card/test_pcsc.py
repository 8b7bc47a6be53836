"""PcscCardReader against a real pcscd with the vpcd driver and a simulated card over TCP."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drivers.card.base import CardEventKind
from drivers.card.emv import read_emv
from drivers.card.errors import (
    CardAbsent,
    CardRemoved,
    PcscUnavailable,
    ReaderUnavailable,
    WrongMac,
)
from drivers.card.pcsc import PcscCardReader, map_error
from drivers.card.sim_cards import (
    ATR_T0,
    ATR_T1,
    TEST_CARD_SERIAL,
    TEST_MASTER_KEY,
    TEST_PAN_APPROVED,
    EmvSimCard,
    T0Behaviour,
    UtilitySimCard,
    card_key,
    purchase_data,
    utility_test_card,
)
from drivers.card.utility_card import UtilityCard, purchase_blocked
from drivers.errors import DeviceNotConnected
from tests.emulators.card.pcscd_fixture import READER_0, PcscdDaemon, wait_card
from tests.emulators.card.vpcd_card import VpcdCard
from tests.waiting import wait_until

from .conftest import EventRecorder

pytestmark = pytest.mark.pcsc

VECTOR = bytes.fromhex("0000271000000008ca3335e0")
Insert = Callable[[UtilitySimCard | EmvSimCard], VpcdCard]


def _pull_and_wait(vc: VpcdCard) -> None:
    assert vc.wait_removed(5)
    assert wait_card(READER_0, present=False, timeout=5)


def test_reads_the_utility_test_card(
    reader: PcscCardReader, vcard: Insert, events: EventRecorder
) -> None:
    events.wait_for(CardEventKind.READER_ADDED, READER_0)
    vcard(utility_test_card())
    inserted = events.wait_for(CardEventKind.CARD_INSERTED, READER_0)
    assert inserted.atr_hex == ATR_T1.hex().upper()
    with reader.connect(READER_0) as channel:
        assert channel.protocol == "T=1"
        assert channel.atr == ATR_T1
        data = UtilityCard(channel).read_all()
    assert data.customer.account_no == "3300000003"
    assert data.customer.meter_no == "000033000003"
    assert (data.purchase.amount_fen, data.purchase.purchase_count) == (5000, 7)
    assert (data.writeback.loaded_count, data.writeback.balance_fen) == (7, 2300)
    assert reader.status()["readers"][READER_0] == {  # type: ignore[index]
        "card": True,
        "atr": ATR_T1.hex().upper(),
    }


def test_purchase_write_read_back_and_rule2(reader: PcscCardReader, vcard: Insert) -> None:
    sim = utility_test_card()
    vc = vcard(sim)
    with reader.connect() as channel:
        app = UtilityCard(channel)
        assert not purchase_blocked(app.read_all().purchase, app.read_writeback())
        written = app.write_purchase(VECTOR)
    assert (written.amount_fen, written.purchase_count) == (10000, 8)
    assert sim.purchase == VECTOR
    vc.remove()
    _pull_and_wait(vc)
    # next visit, before the meter took it: rule 2 blocks a new purchase
    vc = vcard(sim)
    with reader.connect() as channel:
        data = UtilityCard(channel).read_all()
    assert purchase_blocked(data.purchase, data.writeback)
    vc.remove()
    _pull_and_wait(vc)
    sim.meter_load()  # the resident inserted the card into the meter
    vcard(sim)
    with reader.connect() as channel:
        data = UtilityCard(channel).read_all()
    assert not purchase_blocked(data.purchase, data.writeback)
    assert data.writeback.balance_fen == 12300


def test_wrong_mac_is_rejected(reader: PcscCardReader, vcard: Insert) -> None:
    sim = utility_test_card()
    before = sim.purchase
    vcard(sim)
    forged = purchase_data(
        card_key(b"not-the-master-key", TEST_CARD_SERIAL), TEST_CARD_SERIAL, 10000, 8
    )
    with reader.connect() as channel:
        app = UtilityCard(channel)
        app.select()
        with pytest.raises(WrongMac) as info:
            app.write_purchase(forged)
    assert info.value.sw == 0x6988
    assert sim.purchase == before
    assert card_key(TEST_MASTER_KEY, TEST_CARD_SERIAL) != card_key(b"x", TEST_CARD_SERIAL)


@pytest.mark.parametrize(
    ("answered", "mid", "expected"),
    [(1, False, "old"), (1, True, "new"), (2, False, "new")],
    ids=["before-write", "during-write", "after-write"],
)
def test_card_pulled_around_the_write(
    reader: PcscCardReader,
    vcard: Insert,
    events: EventRecorder,
    answered: int,
    mid: bool,
    expected: str,
) -> None:
    sim = utility_test_card()
    before = sim.purchase
    vc = vcard(sim)
    channel = reader.connect(READER_0)
    app = UtilityCard(channel)
    app.read_all()
    mark = events.mark()
    vc.remove_after(answered, mid_command=mid)  # answers SELECT FILE (and the write if 2)
    with pytest.raises(CardRemoved):
        app.write_purchase(VECTOR)
    channel.close()
    _pull_and_wait(vc)
    events.wait_for(CardEventKind.CARD_REMOVED, READER_0, after=mark)
    vcard(sim)
    with reader.connect(READER_0) as channel2:
        purchase = UtilityCard(channel2).read_all().purchase
    on_card = purchase.amount_fen.to_bytes(4, "big") + purchase.purchase_count.to_bytes(4, "big")
    assert on_card + purchase.mac == (VECTOR if expected == "new" else before)


def test_card_out_and_back_in(reader: PcscCardReader, vcard: Insert, events: EventRecorder) -> None:
    sim = utility_test_card()
    vc = vcard(sim)
    channel = reader.connect(READER_0)
    mark = events.mark()
    vc.remove()
    events.wait_for(CardEventKind.CARD_REMOVED, READER_0, after=mark)
    with pytest.raises(CardRemoved):
        channel.transmit(bytes.fromhex("00A4040009F055544C434152443100"))
    channel.close()
    with pytest.raises(CardAbsent, match="no card"):
        reader.connect(READER_0)
    vcard(sim)
    events.wait_for(CardEventKind.CARD_INSERTED, READER_0, after=mark)
    with reader.connect(READER_0) as channel:
        assert UtilityCard(channel).read_all().customer.card_serial == TEST_CARD_SERIAL


def test_unknown_reader(reader: PcscCardReader) -> None:
    assert READER_0 in reader.readers()
    with pytest.raises(ReaderUnavailable, match="not connected"):
        reader.connect("No Such Reader 99")


def test_pcscd_restart_recovers_without_restarting_the_driver(
    reader: PcscCardReader, rig: PcscdDaemon, events: EventRecorder
) -> None:
    events.wait_for(CardEventKind.READER_ADDED, READER_0)
    sim = utility_test_card()
    vc = VpcdCard(sim, port=rig.port)
    vc.insert()
    events.wait_for(CardEventKind.CARD_INSERTED, READER_0)
    mark = events.mark()
    rig.stop()  # the reader goes away (as when its USB cable is pulled)
    events.wait_for(CardEventKind.CARD_REMOVED, READER_0, after=mark)
    events.wait_for(CardEventKind.READER_REMOVED, READER_0, after=mark)
    assert vc.wait_removed(5)
    assert wait_until(lambda: reader.status()["service"] == "unavailable", 5)
    with pytest.raises(DeviceNotConnected) as info:
        reader.connect(READER_0)
    assert info.value.code in ("PCSC_UNAVAILABLE", "READER_UNAVAILABLE")
    mark = events.mark()
    rig.start()  # plugged back in
    events.wait_for(CardEventKind.READER_ADDED, READER_0, after=mark, timeout=10)
    vc.insert()
    try:
        events.wait_for(CardEventKind.CARD_INSERTED, READER_0, after=mark)
        with reader.connect(READER_0) as channel:
            assert UtilityCard(channel).read_all().customer.account_no == "3300000003"
        assert reader.status()["service"] == "ok"
    finally:
        vc.remove()
        assert wait_card(READER_0, present=False, timeout=5)


@pytest.mark.parametrize("t0", [None, T0Behaviour(chunk=8)], ids=["T=1", "T=0"])
def test_emv_pan_read_and_masking(
    reader: PcscCardReader, vcard: Insert, t0: T0Behaviour | None
) -> None:
    sim = EmvSimCard(TEST_PAN_APPROVED, t0=t0)
    vcard(sim)
    with reader.connect(READER_0) as channel:
        card = read_emv(channel)
    assert card.pan == TEST_PAN_APPROVED
    assert card.expiry == "2812"
    assert card.pan_sequence == 1
    assert str(card) == "621234*********4569"
    assert TEST_PAN_APPROVED not in repr(card)
    if t0 is not None:
        assert any(apdu[1] == 0xC0 for apdu in sim.log)  # 61xx answered by GET RESPONSE


def test_t0_utility_card_61xx_and_6cxx(reader: PcscCardReader, vcard: Insert) -> None:
    sim = utility_test_card(T0Behaviour(chunk=8))
    vcard(sim)
    with reader.connect(READER_0) as channel:
        assert channel.protocol == "T=0"
        assert channel.atr == ATR_T0
        app = UtilityCard(channel)
        app.select()
        app.write_purchase(VECTOR)
        # READ BINARY with Le=00: the card answers 6C30, the channel resends with Le=30
        channel.transmit(bytes.fromhex("00A4020C020101"))
        data, sw = channel.transmit(bytes.fromhex("00B0000000"))
    assert (len(data), sw) == (48, 0x9000)
    assert data.startswith(b"3300000003")
    assert sim.log[-2:] == [bytes.fromhex("00B0000000"), bytes.fromhex("00B0000030")]
    emv = EmvSimCard(t0=T0Behaviour(chunk=8))
    assert emv.process(bytes.fromhex("00A404000E315041592E5359532E444446303100"))[-2] == 0x61


def test_error_mapping_messages() -> None:
    from smartcard import scard

    err = map_error(scard.SCARD_W_REMOVED_CARD, "transmit")
    assert isinstance(err, CardRemoved)
    assert "transmit: the card was removed" in str(err)
    assert map_error(scard.SCARD_E_NO_SERVICE, "x").code == "PCSC_UNAVAILABLE"
    assert map_error(scard.SCARD_E_SHARING_VIOLATION, "x").code == "READER_BUSY"
    assert map_error(0x80100099, "x").code == "DEVICE_ERROR"


def test_monitor_started_before_pcscd(rig: PcscdDaemon, events: EventRecorder) -> None:
    rig.stop()
    reader = PcscCardReader(poll_interval_s=0.2, retry_interval_s=0.1)
    reader.set_listener(events)
    reader.open()
    try:
        with pytest.raises(PcscUnavailable, match="not running"):
            reader.readers()
        assert reader.status()["service"] == "unavailable"
        assert wait_until(lambda: "pcscd" in str(reader.status()["last_error"]), 5)
        rig.start()
        events.wait_for(CardEventKind.READER_ADDED, READER_0, timeout=10)
        assert reader.status()["service"] == "ok"
    finally:
        reader.close()
    assert reader.status()["monitoring"] is False
