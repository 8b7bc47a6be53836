"""What is in the card slot: a utility prepaid card or a bank card, read through the driver.

The session asks on its worker; each call opens a fresh channel, so a card pulled and inserted
again is simply read again (no stale handles).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from drivers.card.base import CardEvent, CardEventKind, CardReader
from drivers.card.emv import EmvCard, read_emv
from drivers.card.errors import NotUtilityCard
from drivers.card.utility_card import UtilityCard, UtilityCardData


@dataclass(frozen=True)
class UtilityInserted:
    app: UtilityCard
    data: UtilityCardData


@dataclass(frozen=True)
class BankInserted:
    card: EmvCard  # its repr shows only the masked PAN


class CardDesk:
    def __init__(self, reader: CardReader) -> None:
        self._reader = reader
        self._present = threading.Event()

    def on_event(self, event: CardEvent) -> None:
        if event.kind is CardEventKind.CARD_INSERTED:
            self._present.set()
        elif event.kind in (CardEventKind.CARD_REMOVED, CardEventKind.READER_REMOVED):
            self._present.clear()

    def present(self) -> bool:
        return self._present.is_set()

    def read(self) -> UtilityInserted | BankInserted:
        """Raises DeviceError subclasses (no card, removed, unreadable, not EMV)."""
        channel = self._reader.connect()
        app = UtilityCard(channel)
        try:
            app.select()
        except NotUtilityCard:
            return BankInserted(read_emv(channel))
        return UtilityInserted(app, app.read_all())

    def utility(self) -> UtilityInserted:
        found = self.read()
        if not isinstance(found, UtilityInserted):
            raise NotUtilityCard("the card in the slot is not the utility card")
        return found
