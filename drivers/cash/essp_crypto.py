"""eSSP encryption: Diffie-Hellman on 64-bit primes and the AES-128-ECB packet wrapper.

Encrypted DATA = 7E + AES-ECB(eLEN | eCOUNT (4 LE) | eDATA | packing | eCRC); the AES key is the
fixed 64-bit key (LE) followed by the negotiated 64-bit key (LE).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from drivers.cash.crc import crc16_ssp
from drivers.errors import ProtocolError

ENCRYPTED_STX = 0x7E
DEFAULT_FIXED_KEY = 0x0123456701234567
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)  # deterministic below 3.3e24


def is_prime(n: int) -> bool:
    """Deterministic Miller-Rabin for the 64-bit numbers eSSP uses."""
    if n < 2:
        return False
    for p in _MR_BASES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits: int = 63, randbits: Callable[[int], int] = secrets.randbits) -> int:
    """A random prime with the top bit set (fits the 8-byte fields with room to spare)."""
    while True:
        candidate = randbits(bits) | (1 << (bits - 1)) | 1
        if is_prime(candidate):
            return candidate


def packing_length(data_len: int) -> int:
    return (16 - (data_len + 7) % 16) % 16


def aes_key(fixed_key: int, negotiated_key: int) -> bytes:
    return fixed_key.to_bytes(8, "little") + negotiated_key.to_bytes(8, "little")


class EsspCipher:
    """Wraps and unwraps eSSP packets for one negotiated key; the caller owns the count."""

    def __init__(self, key: bytes, packing: Callable[[int], bytes] = secrets.token_bytes) -> None:
        if len(key) != 16:
            raise ValueError("AES-128 key must be 16 bytes")
        self._cipher = Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305 - eSSP mandates ECB
        self._packing = packing

    def wrap(self, count: int, payload: bytes) -> bytes:
        if len(payload) > 255 - 7 - 16:
            raise ValueError("payload too long for one eSSP packet")
        plain = bytes([len(payload)]) + count.to_bytes(4, "little") + payload
        plain += self._packing(packing_length(len(payload)))
        crc = crc16_ssp(plain)
        plain += bytes([crc & 0xFF, crc >> 8])
        enc = self._cipher.encryptor()
        return bytes([ENCRYPTED_STX]) + enc.update(plain) + enc.finalize()

    def unwrap(self, data: bytes) -> tuple[int, bytes]:
        """(count, payload) of an encrypted DATA field; ProtocolError if it does not check."""
        if len(data) < 17 or data[0] != ENCRYPTED_STX or (len(data) - 1) % 16:
            raise ProtocolError("not an eSSP encrypted packet")
        dec = self._cipher.decryptor()
        plain = dec.update(bytes(data[1:])) + dec.finalize()
        crc = crc16_ssp(plain[:-2])
        if plain[-2] != crc & 0xFF or plain[-1] != crc >> 8:
            raise ProtocolError("eSSP packet CRC mismatch (wrong key?)")
        length = plain[0]
        if 5 + length > len(plain) - 2:
            raise ProtocolError("eSSP packet length out of range")
        return int.from_bytes(plain[1:5], "little"), plain[5 : 5 + length]


def u64(value: int) -> bytes:
    return value.to_bytes(8, "little")


def read_u64(data: bytes) -> int:
    if len(data) != 8:
        raise ProtocolError(f"expected 8 key bytes, got {len(data)}")
    return int.from_bytes(data, "little")
