"""Printer errors. Each says whether anything reached the paper, so callers know to reprint."""

from __future__ import annotations

from drivers.errors import DeviceError, DeviceTimeout


class PaperOut(DeviceError):
    """No paper. `printed` is False when it was seen before sending anything."""

    code = "PAPER_OUT"

    def __init__(self, message: str, *, printed: bool = False) -> None:
        super().__init__(message)
        self.printed = printed


class PaperStatusUnknown(DeviceTimeout):
    """The printer did not answer DLE EOT 4 (or answered garbage): success cannot be claimed."""

    code = "PRINTER_STATUS_UNKNOWN"

    def __init__(self, message: str, *, printed: bool = False) -> None:
        super().__init__(message)
        self.printed = printed
