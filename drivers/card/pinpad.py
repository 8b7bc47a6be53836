"""A scriptable stand-in for an encrypting PIN pad (EPP).

Like a real EPP it hands out only an enciphered PIN block: an ISO 9564 format 4 PIN field
(control 4, length, PIN, 'A' fill, 8 random bytes) enciphered with AES-128 under a key created
per instance. A real EPP also binds the PAN; this pad only ever sees the masked PAN, so it omits
that step. The PIN itself is never stored, logged or returned.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from drivers.errors import DeviceTimeout

_CANCEL = None


def _pin_field(pin: str) -> bytes:
    nibbles = f"4{len(pin):X}{pin}".ljust(16, "A")
    return bytes.fromhex(nibbles) + os.urandom(8)


def _check_pin(pin: str) -> None:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("a PIN is 4 to 12 digits")


class FakePinPad:
    """`enter(pin)` / `cancel()` script what the resident does; `request_pin` takes the next one."""

    def __init__(self, entries: Iterable[str | None] = (), *, timeout_s: float = 60.0) -> None:
        self._key = os.urandom(16)
        self._timeout_s = timeout_s
        self._cond = threading.Condition()
        self._entries: deque[str | None] = deque()
        self.requests: list[tuple[str, int]] = []
        for entry in entries:
            if entry is None:
                self.cancel()
            else:
                self.enter(entry)

    def enter(self, pin: str) -> None:
        _check_pin(pin)
        with self._cond:
            self._entries.append(pin)
            self._cond.notify_all()

    def cancel(self) -> None:
        with self._cond:
            self._entries.append(_CANCEL)
            self._cond.notify_all()

    def request_pin(self, masked_pan: str, amount_fen: int) -> str | None:
        """The PIN block hex (32 chars), None on cancel; DeviceTimeout when nobody types."""
        with self._cond:
            self.requests.append((masked_pan, amount_fen))
            if not self._cond.wait_for(lambda: bool(self._entries), self._timeout_s):
                raise DeviceTimeout("no PIN entered on the PIN pad in time")
            pin = self._entries.popleft()
        if pin is None:
            return None
        encryptor = Cipher(algorithms.AES(self._key), modes.ECB()).encryptor()  # noqa: S305 - one random-padded block
        return (encryptor.update(_pin_field(pin)) + encryptor.finalize()).hex()

    def reveal_pin(self, block_hex: str) -> str:
        """Test-only: decipher a block of this pad (stands in for the bank's HSM)."""
        decryptor = Cipher(algorithms.AES(self._key), modes.ECB()).decryptor()  # noqa: S305
        plain = (decryptor.update(bytes.fromhex(block_hex)) + decryptor.finalize()).hex().upper()
        if plain[0] != "4":
            raise ValueError("not a format 4 PIN block of this pad")
        length = int(plain[1], 16)
        return plain[2 : 2 + length]
