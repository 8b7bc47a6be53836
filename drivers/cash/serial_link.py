"""The serial transport under the acceptor protocols: pyserial with explicit settings.

Only raw write/read live here; protocols do their own framing. RTS/DTR are optional because a PTY
(used by the emulators) answers those ioctls with ENOTTY.
"""

from __future__ import annotations

import errno
import logging
import termios
from dataclasses import dataclass

import serial

from drivers.errors import DeviceNotConnected

# What a vanished port raises: pyserial's own error, the OS error, or termios' (not an OSError).
_PORT_ERRORS = (serial.SerialException, OSError, termios.error)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SerialSettings:
    baudrate: int
    bytesize: int
    parity: str
    stopbits: float


ESSP_SERIAL = SerialSettings(9600, serial.EIGHTBITS, serial.PARITY_NONE, serial.STOPBITS_TWO)
ID003_SERIAL = SerialSettings(9600, serial.EIGHTBITS, serial.PARITY_EVEN, serial.STOPBITS_ONE)
CCNET_SERIAL = SerialSettings(9600, serial.EIGHTBITS, serial.PARITY_NONE, serial.STOPBITS_ONE)

READ_SLICE_S = 0.02  # one blocking read never lasts longer than this, so close() is prompt


def make_serial(port: str, settings: SerialSettings) -> serial.Serial:
    """An unopened pyserial port carrying the protocol's settings (checked by a unit test)."""
    ser = serial.Serial()
    ser.port = port
    ser.baudrate = settings.baudrate
    ser.bytesize = settings.bytesize
    ser.parity = settings.parity
    ser.stopbits = settings.stopbits
    ser.timeout = READ_SLICE_S
    ser.write_timeout = 1.0
    ser.xonxoff = False
    ser.rtscts = False
    ser.dsrdtr = False
    return ser


class SerialLink:
    """Owns one pyserial port. Used from one thread at a time (the driver's owner thread)."""

    def __init__(
        self,
        port: str,
        settings: SerialSettings,
        *,
        rts: bool | None = None,
        dtr: bool | None = None,
    ) -> None:
        self.port = port
        self.settings = settings
        self._rts = rts
        self._dtr = dtr
        self._ser: serial.Serial | None = None

    @property
    def is_open(self) -> bool:
        return self._ser is not None and self._ser.is_open

    def open(self) -> None:
        ser = make_serial(self.port, self.settings)
        try:
            ser.open()
        except _PORT_ERRORS as exc:
            raise DeviceNotConnected(f"cannot open {self.port}: {exc}") from exc
        for name, value in (("rts", self._rts), ("dtr", self._dtr)):
            if value is None:
                continue
            try:
                setattr(ser, name, value)
            except _PORT_ERRORS as exc:
                err = getattr(exc, "errno", None)
                if err not in (errno.ENOTTY, errno.EINVAL, None):
                    raise
                log.info("%s: %s not supported on this port (%s)", self.port, name.upper(), exc)
        self._ser = ser

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except _PORT_ERRORS:
                log.debug("closing %s failed", self.port, exc_info=True)

    def _port(self) -> serial.Serial:
        if self._ser is None:
            raise DeviceNotConnected(f"{self.port} is not open")
        return self._ser

    def write(self, data: bytes) -> None:
        try:
            self._port().write(data)
        except _PORT_ERRORS as exc:
            raise DeviceNotConnected(f"write to {self.port} failed: {exc}") from exc

    def read_some(self) -> bytes:
        """Whatever arrives within one short slice (possibly nothing)."""
        ser = self._port()
        try:
            return bytes(ser.read(max(1, ser.in_waiting)))
        except _PORT_ERRORS as exc:
            raise DeviceNotConnected(f"read from {self.port} failed: {exc}") from exc

    def discard_input(self) -> None:
        try:
            self._port().reset_input_buffer()
        except _PORT_ERRORS as exc:
            raise DeviceNotConnected(f"flush of {self.port} failed: {exc}") from exc
