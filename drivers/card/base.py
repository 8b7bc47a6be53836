"""Card-reader interface: reader and card events, and an APDU channel to an inserted card."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class CardEventKind(StrEnum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"


@dataclass(frozen=True)
class CardEvent:
    kind: CardEventKind
    reader: str
    atr_hex: str | None = None


CardListener = Callable[[CardEvent], None]


class CardChannel(Protocol):
    """An open connection to one card. `transmit` hides T=0 details (61xx GET RESPONSE, 6Cxx)."""

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send a command APDU; return (response data, status word as int, e.g. 0x9000)."""
        ...

    def close(self) -> None: ...


class CardReader(Protocol):
    """Reader monitoring runs on the driver's own thread and reports through the listener."""

    def open(self) -> None: ...

    def close(self) -> None: ...

    def set_listener(self, listener: CardListener) -> None: ...

    def readers(self) -> list[str]: ...

    def connect(self, reader: str | None = None) -> CardChannel:
        """Connect to the card in `reader` (the first reader with a card when None)."""
        ...

    def status(self) -> dict[str, object]: ...


class PinPad(Protocol):
    """An encrypting PIN pad: the PIN never leaves it, only an opaque encrypted PIN block."""

    def request_pin(self, masked_pan: str, amount_fen: int) -> str | None:
        """Block until the resident enters the PIN; return the PIN block hex, None on cancel."""
        ...
