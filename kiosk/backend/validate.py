"""Checks the kiosk makes before it sends anything: a refused request changes nothing.

Every failure is `InvalidRequest` with a message that never repeats a card number or payment code.
"""

from __future__ import annotations

import re

from kiosk.backend.errors import InvalidRequest
from kiosk.backend.signing import IDEMPOTENCY_KEY_RE
from kiosk.masking import mask_code, mask_pan

ACCOUNT_NO_RE = re.compile(r"^[0-9]{10,13}$")
# An operation id doubles as its Idempotency-Key (8-64 chars) and follow-ups add a suffix such as
# "-confirm" (8 chars), so ids stop at 56 characters.
OPERATION_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,56}$")
AUTH_CODE_RE = re.compile(r"^(1[0-5][0-9]{16}|(2[5-9]|30)[0-9]{14,22}|62[0-9]{17})$")
PAN_RE = re.compile(r"^[0-9]{12,19}$")
EXPIRY_RE = re.compile(r"^[0-9]{2}(0[1-9]|1[0-2])$")
HEX_RE = re.compile(r"^[0-9A-Fa-f]+$")
MAX_AMOUNT_FEN = 10**13


def account_no(value: str) -> str:
    if not isinstance(value, str) or not ACCOUNT_NO_RE.match(value):
        raise InvalidRequest("an account number is 10 to 13 digits")
    return value


def operation_id(name: str, value: str) -> str:
    if not isinstance(value, str) or not OPERATION_ID_RE.match(value):
        raise InvalidRequest(f"{name} must be 8-56 characters of A-Z a-z 0-9 _ -")
    return value


def idempotency_key(value: str) -> str:
    if not isinstance(value, str) or not IDEMPOTENCY_KEY_RE.match(value):
        raise InvalidRequest("an Idempotency-Key is 8-64 characters of A-Z a-z 0-9 _ -")
    return value


def amount_fen(name: str, value: int, *, allow_zero: bool = False) -> int:
    """An int number of fen (never a float or bool), positive unless zero is allowed."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequest(f"{name} must be an int number of fen, not {type(value).__name__}")
    low = 0 if allow_zero else 1
    if not low <= value <= MAX_AMOUNT_FEN:
        raise InvalidRequest(f"{name} must be between {low} and {MAX_AMOUNT_FEN} fen")
    return value


def count(name: str, value: int, *, low: int = 0, high: int = 4_294_967_295) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidRequest(f"{name} must be an int from {low} to {high}")
    return value


def auth_code(value: str) -> str:
    """A wallet payment code (WeChat, Alipay, UnionPay); refused here rather than by the server."""
    if not isinstance(value, str) or not AUTH_CODE_RE.match(value):
        shown = mask_code(value) if isinstance(value, str) else "?"
        raise InvalidRequest(f"not a WeChat, Alipay or UnionPay payment code: {shown}")
    return value


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number = number * 2 - 9 if number > 4 else number * 2
        total += number
    return total % 10 == 0


def pan(value: str) -> str:
    if not isinstance(value, str) or not PAN_RE.match(value):
        raise InvalidRequest("a card number is 12 to 19 digits")
    if not luhn_ok(value):
        raise InvalidRequest(f"card number {mask_pan(value)} fails the Luhn check")
    return value


def expiry(value: str) -> str:
    if not isinstance(value, str) or not EXPIRY_RE.match(value):
        raise InvalidRequest("a card expiry is 4 digits YYMM")
    return value


def hex_string(name: str, value: str, max_length: int = 64) -> str:
    if not isinstance(value, str) or not HEX_RE.match(value) or len(value) > max_length:
        raise InvalidRequest(f"{name} must be hex, at most {max_length} characters")
    return value


def text(name: str, value: str, max_length: int, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > max_length or (not value and not allow_empty):
        raise InvalidRequest(f"{name} must be a string of at most {max_length} characters")
    return value
