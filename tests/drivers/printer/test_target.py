"""Target strings, as a table."""

from __future__ import annotations

import pytest

from drivers.printer.target import SerialTarget, TcpTarget, UsbTarget, parse_target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tcp://127.0.0.1:9100", TcpTarget("127.0.0.1", 9100)),
        ("tcp://printer.local:9100", TcpTarget("printer.local", 9100)),
        ("tcp://[::1]:9100", TcpTarget("::1", 9100)),
        ("serial:/dev/ttyUSB0", SerialTarget("/dev/ttyUSB0", 9600)),
        ("serial:/dev/ttyS1:115200", SerialTarget("/dev/ttyS1", 115200)),
        ("usb:04b8:0202", UsbTarget(0x04B8, 0x0202)),
        ("usb:0416:5011", UsbTarget(0x0416, 0x5011)),
    ],
)
def test_good(text: str, expected: object) -> None:
    assert parse_target(text) == expected
    assert parse_target(str(expected)) == expected  # str() round-trips


@pytest.mark.parametrize(
    "text",
    [
        "",
        "127.0.0.1:9100",
        "tcp://127.0.0.1",
        "tcp://:9100",
        "tcp://host:0",
        "tcp://host:70000",
        "tcp://host:http",
        "serial:",
        "serial:/dev/ttyS0:12345",
        "usb:04b8",
        "usb:04b8:zzzz",
        "usb:104b8:0202",
        "lpt:1",
    ],
)
def test_bad(text: str) -> None:
    with pytest.raises(ValueError, match="tcp://HOST:PORT"):
        parse_target(text)
