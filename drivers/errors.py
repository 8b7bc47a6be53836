"""Errors of the driver layer, each with a stable code for screens, logs and the journal."""

from __future__ import annotations


class DeviceError(Exception):
    """A device could not do what was asked. `code` is stable; the message is for technicians."""

    code = "DEVICE_ERROR"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class DeviceNotConnected(DeviceError):
    code = "DEVICE_NOT_CONNECTED"


class DeviceTimeout(DeviceError):
    code = "DEVICE_TIMEOUT"


class ProtocolError(DeviceError):
    """The peer sent bytes that do not parse; the driver resyncs and reports, it never guesses."""

    code = "PROTOCOL_ERROR"
