"""FakeCardReader: events on its own thread, pulls mid-session, unplug/plug."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.card.base import CardEventKind
from drivers.card.errors import CardAbsent, CardRemoved, ReaderUnavailable
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import ATR_T1, utility_test_card
from drivers.card.utility_card import UtilityCard

from .conftest import EventRecorder

VECTOR = bytes.fromhex("0000271000000008ca3335e0")


@pytest.fixture
def fake(events: EventRecorder) -> Iterator[FakeCardReader]:
    reader = FakeCardReader()
    reader.set_listener(events)
    reader.open()
    yield reader
    reader.close()


def test_events_for_insert_and_remove(fake: FakeCardReader, events: EventRecorder) -> None:
    events.wait_for(CardEventKind.READER_ADDED, fake.name)
    fake.insert(utility_test_card())
    inserted = events.wait_for(CardEventKind.CARD_INSERTED, fake.name)
    assert inserted.atr_hex == ATR_T1.hex().upper()
    fake.remove()
    events.wait_for(CardEventKind.CARD_REMOVED, fake.name)
    with pytest.raises(CardAbsent):
        fake.connect()


def test_old_channel_fails_after_reinsert(fake: FakeCardReader) -> None:
    card = utility_test_card()
    fake.insert(card)
    channel = fake.connect()
    fake.remove()
    fake.insert(card)
    with pytest.raises(CardRemoved):
        channel.transmit(bytes.fromhex("00A4040009F055544C434152443100"))


@pytest.mark.parametrize(
    ("n", "mid", "expected"),
    [
        (1, False, "old"),  # pulled before the write reaches the card
        (1, True, "new"),  # pulled while the card executes the write
        (2, False, "new"),  # pulled after the write, before the read-back
    ],
)
def test_pull_around_the_write(fake: FakeCardReader, n: int, mid: bool, expected: str) -> None:
    card = utility_test_card()
    before = card.purchase
    fake.insert(card)
    app = UtilityCard(fake.connect())
    app.read_all()
    fake.pull_after(n, mid_command=mid)
    with pytest.raises(CardRemoved):
        app.write_purchase(VECTOR)
    fake.insert(card)
    after = UtilityCard(fake.connect()).read_all().purchase
    raw = after.amount_fen.to_bytes(4, "big") + after.purchase_count.to_bytes(4, "big") + after.mac
    assert raw == (VECTOR if expected == "new" else before)


def test_unplug_and_plug(fake: FakeCardReader, events: EventRecorder) -> None:
    fake.insert(utility_test_card())
    channel = fake.connect()
    mark = events.mark()
    fake.unplug()
    events.wait_for(CardEventKind.CARD_REMOVED, after=mark)
    events.wait_for(CardEventKind.READER_REMOVED, after=mark)
    assert fake.readers() == []
    with pytest.raises(ReaderUnavailable):
        channel.transmit(bytes.fromhex("00A4040009F055544C434152443100"))
    with pytest.raises(ReaderUnavailable):
        fake.connect()
    fake.plug()
    events.wait_for(CardEventKind.READER_ADDED, after=mark)
    fake.insert(utility_test_card())
    assert UtilityCard(fake.connect()).read_all().customer.account_no == "3300000003"
    assert fake.status()["readers"] == {fake.name: {"card": True}}


def test_faulty_listener_does_not_stop_events(events: EventRecorder) -> None:
    calls: list[str] = []

    def listener(event: object) -> None:
        calls.append(str(event))
        if len(calls) == 1:
            raise RuntimeError("listener bug")
        events(event)  # type: ignore[arg-type]

    reader = FakeCardReader()
    reader.set_listener(listener)
    reader.open()
    try:
        reader.insert(utility_test_card())
        events.wait_for(CardEventKind.CARD_INSERTED)
    finally:
        reader.close()
