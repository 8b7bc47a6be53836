"""Errors of the card layer: PC/SC failures, card status words, utility-card and EMV faults.

All derive from drivers.errors.DeviceError so callers can catch one type; each has a stable code.
"""

from __future__ import annotations

from drivers.errors import DeviceError, DeviceNotConnected, DeviceTimeout, ProtocolError

__all__ = [
    "CardAbsent",
    "CardCommError",
    "CardError",
    "CardProtocolMismatch",
    "CardRemoved",
    "CardReset",
    "CardUnresponsive",
    "DeviceTimeout",
    "EmvError",
    "NotEmvCard",
    "NotUtilityCard",
    "PcscUnavailable",
    "ReadOnly",
    "ReaderBusy",
    "ReaderUnavailable",
    "UtilityCardError",
    "WriteVerifyFailed",
    "WrongCount",
    "WrongMac",
]


class CardRemoved(DeviceError):
    """The card left the reader before or while a command ran; its outcome is unknown."""

    code = "CARD_REMOVED"


class CardAbsent(DeviceError):
    """No card is in the reader (nothing was sent)."""

    code = "CARD_ABSENT"


class CardReset(DeviceError):
    """Another application reset the card; the session state on the card is lost."""

    code = "CARD_RESET"


class CardUnresponsive(DeviceError):
    """The card does not answer to reset (inserted the wrong way round, dirty or broken)."""

    code = "CARD_UNRESPONSIVE"


class CardProtocolMismatch(DeviceError):
    code = "CARD_PROTOCOL_MISMATCH"


class CardCommError(DeviceError):
    """The reader could not exchange an APDU with a card that is still present."""

    code = "CARD_COMM_ERROR"


class ReaderUnavailable(DeviceNotConnected):
    """The reader was unplugged or is unknown to PC/SC."""

    code = "READER_UNAVAILABLE"


class ReaderBusy(DeviceError):
    """Another process holds the card exclusively."""

    code = "READER_BUSY"


class PcscUnavailable(DeviceNotConnected):
    """The PC/SC service (pcscd) is not running or stopped."""

    code = "PCSC_UNAVAILABLE"


class CardError(DeviceError):
    """The card answered a status word other than success. `sw` is e.g. 0x6A82."""

    code = "CARD_ERROR"

    def __init__(self, message: str, *, sw: int | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.sw = sw


class UtilityCardError(CardError):
    code = "UTILITY_CARD_ERROR"


class NotUtilityCard(UtilityCardError):
    code = "NOT_UTILITY_CARD"


class WrongMac(UtilityCardError):
    code = "CARD_WRONG_MAC"


class WrongCount(UtilityCardError):
    code = "CARD_WRONG_COUNT"


class ReadOnly(UtilityCardError):
    code = "CARD_READ_ONLY"


class WriteVerifyFailed(UtilityCardError):
    """The purchase read back from the card differs from what was written."""

    code = "CARD_WRITE_VERIFY_FAILED"


class EmvError(ProtocolError):
    """An EMV card answered something that does not follow EMV (bad TLV, missing tags, ...)."""

    code = "EMV_ERROR"


class NotEmvCard(EmvError):
    code = "NOT_EMV_CARD"
