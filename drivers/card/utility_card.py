"""The utility prepaid electricity card (购电卡) application, as the kiosk uses it.

The kiosk only reads the card and writes purchases the back end prepared and MAC-signed; it never
holds a key. Parsers and the kiosk rules are pure functions so they can be table-tested.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.card.base import CardChannel
from drivers.card.errors import (
    NotUtilityCard,
    ReadOnly,
    UtilityCardError,
    WriteVerifyFailed,
    WrongCount,
    WrongMac,
)
from drivers.errors import ProtocolError

AID = bytes.fromhex("F055544C4341524431")
EF_CUSTOMER = 0x0101
EF_PURCHASE = 0x0102
EF_WRITEBACK = 0x0103
CUSTOMER_SIZE = 48
PURCHASE_SIZE = 12
WRITEBACK_SIZE = 16
SW_OK = 0x9000

_SW_MESSAGES: dict[int, tuple[type[UtilityCardError], str]] = {
    0x6988: (WrongMac, "the card rejected the purchase MAC (6988)"),
    0x6985: (WrongCount, "the purchase count is not the card's count + 1 (6985)"),
    0x6982: (ReadOnly, "the file is read-only for the kiosk (6982)"),
    0x6A82: (UtilityCardError, "no such file on the card (6A82)"),
    0x6700: (UtilityCardError, "wrong length for the card (6700)"),
    0x6986: (UtilityCardError, "no file selected on the card (6986)"),
    0x6D00: (UtilityCardError, "instruction not supported by the card (6D00)"),
    0x6E00: (UtilityCardError, "class not supported by the card (6E00)"),
}


@dataclass(frozen=True)
class Customer:
    account_no: str
    meter_no: str
    card_serial: str
    card_type: int


@dataclass(frozen=True)
class Purchase:
    amount_fen: int
    purchase_count: int
    mac: bytes


@dataclass(frozen=True)
class WriteBack:
    balance_fen: int
    loaded_count: int
    timestamp: int
    illegal_insert_count: int


@dataclass(frozen=True)
class UtilityCardData:
    customer: Customer
    purchase: Purchase
    writeback: WriteBack


def _ascii(raw: bytes, what: str) -> str:
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"card {what} is not ASCII: {raw.hex()}") from exc


def parse_customer(raw: bytes) -> Customer:
    if len(raw) != CUSTOMER_SIZE:
        raise ProtocolError(f"CUSTOMER must be {CUSTOMER_SIZE} bytes, got {len(raw)}")
    account = _ascii(raw[0:16], "account_no").rstrip(" ")
    meter = _ascii(raw[16:28], "meter_no")
    serial = _ascii(raw[28:44], "card_serial")
    if not account.isdigit() or not meter.isdigit() or not serial.isdigit():
        raise ProtocolError("CUSTOMER account, meter or serial is not numeric")
    return Customer(account, meter, serial, raw[44])


def parse_purchase(raw: bytes) -> Purchase:
    if len(raw) != PURCHASE_SIZE:
        raise ProtocolError(f"PURCHASE must be {PURCHASE_SIZE} bytes, got {len(raw)}")
    return Purchase(
        amount_fen=int.from_bytes(raw[0:4], "big"),
        purchase_count=int.from_bytes(raw[4:8], "big"),
        mac=raw[8:12],
    )


def encode_purchase(purchase: Purchase) -> bytes:
    return (
        purchase.amount_fen.to_bytes(4, "big")
        + purchase.purchase_count.to_bytes(4, "big")
        + purchase.mac
    )


def parse_writeback(raw: bytes) -> WriteBack:
    if len(raw) != WRITEBACK_SIZE:
        raise ProtocolError(f"WRITE-BACK must be {WRITEBACK_SIZE} bytes, got {len(raw)}")
    return WriteBack(
        balance_fen=int.from_bytes(raw[0:4], "big", signed=True),
        loaded_count=int.from_bytes(raw[4:8], "big"),
        timestamp=int.from_bytes(raw[8:12], "big"),
        illegal_insert_count=raw[12],
    )


def purchase_blocked(purchase: Purchase, writeback: WriteBack) -> bool:
    """Rule 2: the last purchase is still on the card, not yet taken by the meter."""
    return purchase.purchase_count > writeback.loaded_count


def needs_rewrite(issued_count: int, purchase: Purchase) -> bool:
    """Rule 3: the back end issued a purchase that never reached the card (补写卡)."""
    return issued_count > purchase.purchase_count


def _raise_for(sw: int, what: str) -> None:
    if sw == SW_OK:
        return
    cls, text = _SW_MESSAGES.get(sw, (UtilityCardError, f"card answered {sw:04X}"))
    raise cls(f"{what}: {text}", sw=sw)


class UtilityCard:
    """The application on one connected card. Call `select()` first (done by `read_all`)."""

    def __init__(self, channel: CardChannel) -> None:
        self._channel = channel

    def select(self) -> None:
        _data, sw = self._channel.transmit(bytes([0x00, 0xA4, 0x04, 0x00, len(AID)]) + AID + b"\0")
        if sw == 0x6A82:
            raise NotUtilityCard("not a utility card: application not found (6A82)", sw=sw)
        if sw != SW_OK:
            raise NotUtilityCard(f"not a utility card: SELECT answered {sw:04X}", sw=sw)

    def _select_file(self, ef: int) -> None:
        _data, sw = self._channel.transmit(bytes([0x00, 0xA4, 0x02, 0x0C, 0x02]) + ef.to_bytes(2))
        _raise_for(sw, f"select file {ef:04X}")

    def _read(self, ef: int, size: int) -> bytes:
        self._select_file(ef)
        data, sw = self._channel.transmit(bytes([0x00, 0xB0, 0x00, 0x00, size]))
        _raise_for(sw, f"read file {ef:04X}")
        if len(data) != size:
            raise ProtocolError(f"file {ef:04X}: expected {size} bytes, card sent {len(data)}")
        return data

    def read_customer(self) -> Customer:
        return parse_customer(self._read(EF_CUSTOMER, CUSTOMER_SIZE))

    def read_purchase(self) -> Purchase:
        return parse_purchase(self._read(EF_PURCHASE, PURCHASE_SIZE))

    def read_writeback(self) -> WriteBack:
        return parse_writeback(self._read(EF_WRITEBACK, WRITEBACK_SIZE))

    def read_all(self) -> UtilityCardData:
        """Rule 1: select the application and read the three files."""
        self.select()
        return UtilityCardData(self.read_customer(), self.read_purchase(), self.read_writeback())

    def write_purchase(self, data12: bytes) -> Purchase:
        """Write the back end's 12 bytes to PURCHASE, read them back and compare.

        A CardRemoved (or any DeviceError) here means the outcome is unknown: the purchase stays
        pending_write and rule 3 finishes it on the next insertion.
        """
        if len(data12) != PURCHASE_SIZE:
            raise ValueError(f"purchase data must be {PURCHASE_SIZE} bytes, got {len(data12)}")
        self._select_file(EF_PURCHASE)
        _data, sw = self._channel.transmit(bytes([0x00, 0xD6, 0x00, 0x00, PURCHASE_SIZE]) + data12)
        _raise_for(sw, "write purchase")
        back = self._read(EF_PURCHASE, PURCHASE_SIZE)
        if back != data12:
            raise WriteVerifyFailed(
                f"purchase read back {back.hex()} differs from written {data12.hex()}"
            )
        return parse_purchase(back)


__all__ = [
    "AID",
    "Customer",
    "Purchase",
    "UtilityCard",
    "UtilityCardData",
    "WriteBack",
    "encode_purchase",
    "needs_rewrite",
    "parse_customer",
    "parse_purchase",
    "parse_writeback",
    "purchase_blocked",
]
