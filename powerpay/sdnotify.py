"""systemd's notify protocol over a plain AF_UNIX datagram socket (no libsystemd binding).

The unit is Type=notify with WatchdogSec: the kiosk says READY=1 once the window is up and the
journal recovered, then WATCHDOG=1 at least every half watchdog interval from the GUI thread's
timer, so a hung event loop gets the service restarted. Outside systemd ($NOTIFY_SOCKET unset)
every call is a no-op that returns False.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

__all__ = ["Notifier"]


class Notifier:
    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        address = env.get("NOTIFY_SOCKET", "")
        # A leading "@" names a socket in the abstract namespace.
        if address.startswith("@"):
            address = "\0" + address[1:]
        self._address: str | None = address or None
        # WATCHDOG_PID is deliberately not compared with our pid: the kiosk runs as a child of cage
        # (or xinit), the unit's main process, and the unit sets NotifyAccess=all for that reason.
        self._watchdog_usec = _positive_int(env.get("WATCHDOG_USEC"))

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def watchdog_interval_s(self) -> float | None:
        """How often to send WATCHDOG=1 (half the configured WatchdogSec), or None if not asked."""
        return None if self._watchdog_usec is None else self._watchdog_usec / 2_000_000

    def notify(self, **fields: str) -> bool:
        """Send KEY=value lines (keys upper-cased); False outside systemd or if the send failed."""
        if self._address is None:
            return False
        lines = []
        for key, value in fields.items():
            if "\n" in value:
                raise ValueError("systemd notify values are single lines")
            lines.append(f"{key.upper()}={value}")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto("\n".join(lines).encode("utf-8"), self._address)
        except OSError:
            return False
        return True

    def ready(self, status: str = "ready") -> bool:
        return self.notify(ready="1", status=status)

    def watchdog(self) -> bool:
        return self.notify(watchdog="1")

    def status(self, text: str) -> bool:
        return self.notify(status=text)

    def stopping(self) -> bool:
        return self.notify(stopping="1")


def _positive_int(text: str | None) -> int | None:
    if not text or not text.isdigit():
        return None
    value = int(text)
    return value if value > 0 else None
