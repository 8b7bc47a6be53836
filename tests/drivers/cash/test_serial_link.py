"""A PTY ignores baud, parity and stop bits, so the settings are checked here on the object."""

from __future__ import annotations

import os
import tty

import pytest
import serial

from drivers.cash.serial_link import ESSP_SERIAL, ID003_SERIAL, SerialLink, make_serial
from drivers.errors import DeviceNotConnected


def test_essp_is_9600_8n2() -> None:
    ser = make_serial("/dev/null", ESSP_SERIAL)
    assert (ser.baudrate, ser.bytesize, ser.parity, ser.stopbits) == (
        9600,
        serial.EIGHTBITS,
        serial.PARITY_NONE,
        serial.STOPBITS_TWO,
    )
    assert (ser.xonxoff, ser.rtscts, ser.dsrdtr) == (False, False, False)
    assert not ser.is_open


def test_id003_is_9600_8e1() -> None:
    ser = make_serial("/dev/null", ID003_SERIAL)
    assert (ser.baudrate, ser.bytesize, ser.parity, ser.stopbits) == (
        9600,
        serial.EIGHTBITS,
        serial.PARITY_EVEN,
        serial.STOPBITS_ONE,
    )


def test_rts_dtr_are_optional_on_a_pty() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        link = SerialLink(os.ttyname(slave), ESSP_SERIAL, rts=True, dtr=True)
        link.open()  # ENOTTY from the modem-control ioctls must not stop us
        assert link.is_open
        link.write(b"\x7f")
        assert os.read(master, 1) == b"\x7f"
        link.close()
        assert not link.is_open
    finally:
        os.close(master)
        os.close(slave)


def test_missing_port_is_not_connected() -> None:
    with pytest.raises(DeviceNotConnected):
        SerialLink("/nonexistent/ttyUSB9", ESSP_SERIAL).open()
