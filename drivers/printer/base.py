"""Receipt-printer interface. Printing never fakes success: unknown paper is not 'ok'."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PIL.Image import Image


class PaperStatus(StrEnum):
    OK = "ok"
    NEAR_END = "low"  # the contract's heartbeat word for near end
    OUT = "out"
    UNKNOWN = "unknown"


class ReceiptPrinter(Protocol):
    def open(self) -> None: ...

    def close(self) -> None: ...

    def paper_status(self) -> PaperStatus: ...

    def print_image(self, image: Image) -> None:
        """Print a 1-bit raster receipt and cut. Raises DeviceError (never returns on failure)."""
        ...

    def status(self) -> dict[str, object]: ...
