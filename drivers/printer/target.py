"""Printer target strings: tcp://HOST:PORT, serial:PATH[:BAUD], usb:VID:PID (hex)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TcpTarget:
    host: str
    port: int

    def __str__(self) -> str:
        return f"tcp://{self.host}:{self.port}"


@dataclass(frozen=True)
class SerialTarget:
    path: str
    baudrate: int = 9600

    def __str__(self) -> str:
        return f"serial:{self.path}:{self.baudrate}"


@dataclass(frozen=True)
class UsbTarget:
    vendor_id: int
    product_id: int

    def __str__(self) -> str:
        return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"


Target = TcpTarget | SerialTarget | UsbTarget

_BAUDS = frozenset({1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200})


def parse_target(text: str) -> Target:
    """Parse a target string; ValueError with the accepted forms on anything else."""
    raw = text.strip()
    try:
        if raw.startswith("tcp://"):
            host, _, port = raw[len("tcp://") :].rpartition(":")
            host = host.strip("[]")
            number = int(port)
            if not host or not 0 < number < 65536:
                raise ValueError
            return TcpTarget(host, number)
        if raw.startswith("serial:"):
            rest = raw[len("serial:") :]
            path, _, baud = rest.rpartition(":")
            if path and baud.isdigit():
                if int(baud) not in _BAUDS:
                    raise ValueError
                return SerialTarget(path, int(baud))
            if not rest or rest.endswith(":"):
                raise ValueError
            return SerialTarget(rest)
        if raw.startswith("usb:"):
            vid, pid = raw[len("usb:") :].split(":")
            ids = int(vid, 16), int(pid, 16)
            if len(vid) > 4 or len(pid) > 4 or not all(0 <= i <= 0xFFFF for i in ids):
                raise ValueError
            return UsbTarget(*ids)
    except ValueError:
        pass
    raise ValueError(
        f"bad printer target {text!r}: use tcp://HOST:PORT, serial:PATH[:BAUD] "
        f"(BAUD one of {sorted(_BAUDS)}) or usb:VID:PID in hex"
    )
