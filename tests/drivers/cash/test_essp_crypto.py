from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.cash.essp_crypto import (
    DEFAULT_FIXED_KEY,
    EsspCipher,
    aes_key,
    is_prime,
    packing_length,
    random_prime,
)
from drivers.cash.ssp_frame import SspFrameParser, encode_frame
from drivers.errors import ProtocolError

# devices.md: negotiated key 0x2B, count 0, POLL, zero packing (note the stuffed 7F).
VECTOR = "7f 80 11 7e 86 fb 94 b1 ca 56 31 02 d1 e9 56 44 c0 36 af 7f 7f 1f 2f"


def _zero_cipher(key: int = 0x2B) -> EsspCipher:
    return EsspCipher(aes_key(DEFAULT_FIXED_KEY, key), packing=bytes)


def test_encrypted_poll_matches_the_vector() -> None:
    assert encode_frame(True, 0, _zero_cipher().wrap(0, b"\x07")) == bytes.fromhex(VECTOR)


def test_the_vector_decrypts_to_poll_count_0() -> None:
    (frame,) = SspFrameParser().feed(bytes.fromhex(VECTOR))
    assert _zero_cipher().unwrap(frame.data) == (0, b"\x07")


def test_aes_key_is_fixed_then_negotiated_little_endian() -> None:
    assert aes_key(DEFAULT_FIXED_KEY, 0x2B).hex() == "67452301674523012b00000000000000"


@pytest.mark.parametrize(("n", "pad"), [(1, 8), (9, 0), (10, 15), (0, 9), (25, 0), (26, 15)])
def test_packing_length_table(n: int, pad: int) -> None:
    assert packing_length(n) == pad
    assert (1 + 4 + n + pad + 2) % 16 == 0


def test_wrong_key_or_tampering_is_refused() -> None:
    data = bytearray(_zero_cipher().wrap(5, b"\x0a"))
    with pytest.raises(ProtocolError):
        _zero_cipher(0x2C).unwrap(bytes(data))
    data[3] ^= 0x40
    with pytest.raises(ProtocolError):
        _zero_cipher().unwrap(bytes(data))
    with pytest.raises(ProtocolError):
        _zero_cipher().unwrap(b"\x7e\x00")


@pytest.mark.parametrize(
    ("n", "prime"),
    [
        (2, True),
        (1, False),
        (97, True),
        (561, False),
        ((1 << 61) - 1, True),
        (18446744073709551557, True),
        (18446744073709551559, False),
        (3215031751, False),
    ],
)
def test_is_prime_table(n: int, prime: bool) -> None:
    assert is_prime(n) is prime


def test_random_primes_are_prime_and_fit_8_bytes() -> None:
    for _ in range(5):
        p = random_prime()
        assert is_prime(p)
        assert p.bit_length() == 63


@settings(max_examples=200)
@given(st.integers(0, 2**32 - 2), st.binary(max_size=200), st.integers(0, 2**64 - 1))
def test_wrap_unwrap_round_trip(count: int, payload: bytes, key: int) -> None:
    cipher = EsspCipher(aes_key(DEFAULT_FIXED_KEY, key))
    wrapped = cipher.wrap(count, payload[:220])
    assert len(wrapped) % 16 == 1
    assert cipher.unwrap(wrapped) == (count, payload[:220])


@settings(max_examples=150)
@given(st.binary(max_size=120))
def test_unwrap_of_random_bytes_never_crashes(data: bytes) -> None:
    with contextlib.suppress(ProtocolError):
        _zero_cipher().unwrap(b"\x7e" + data)
