"""Refuses values that look like a card number, wallet payment code, PIN block or secret.

The journal is read by staff, exported and backed up, so it must never hold such data. Values
are scanned recursively before anything is written; a hit raises SensitiveDataError and the
write does not happen. Identifier fields (keys ending in _id, _no, _ids) may contain long digit
runs (receipt numbers, account numbers up to 13 digits) and are refused only when the whole
value is a Luhn-valid 14–19 digit number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.journal.errors import SensitiveDataError

_FORBIDDEN_KEYS = frozenset(
    {"pan", "pin_block", "pin", "auth_code", "payment_code", "track2", "cvv", "cvn", "secret"}
)
# Plain digit runs, and PANs written in groups of four ("6212 3456 7890 1234 569").
_RUN_RE = re.compile(r"(?<!\d)(?:\d{13,}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?)(?!\d)")
# Paths whose bodies carry a PAN or payment code: sent directly, never journaled.
DIRECT_ONLY_PATHS = ("/v1/card-authorizations", "/v1/autopay-mandates", "/v1/mobile-charges")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def looks_like_pan(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn_ok(digits)


def looks_like_payment_code(digits: str) -> bool:
    """WeChat 18 digits from 10–15, Alipay 16–24 from 25–30, UnionPay 19 from 62."""
    head = int(digits[:2])
    length = len(digits)
    return (
        (length == 18 and 10 <= head <= 15)
        or (16 <= length <= 24 and 25 <= head <= 30)
        or (length == 19 and head == 62)
    )


def _sensitive_runs(text: str) -> str | None:
    for match in _RUN_RE.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if looks_like_pan(digits):
            return "a card number"
        if looks_like_payment_code(digits):
            return "a payment code"
    return None


def _is_identifier_key(key: str) -> bool:
    return key.endswith(("_id", "_no", "_ids"))


def check_text(text: str, where: str, *, identifier: bool = False) -> None:
    if len(text) < 13:  # too short to hold a 13-digit run: the common case, kept cheap
        return
    if identifier:
        bare = text.replace(" ", "")
        if bare.isdigit() and 14 <= len(bare) <= 19 and luhn_ok(bare):
            raise SensitiveDataError(f"{where}: value looks like a card number; refused")
        return
    found = _sensitive_runs(text)
    if found is not None:
        raise SensitiveDataError(f"{where}: value looks like {found}; refused")


def check_value(value: Any, where: str = "value", *, identifier: bool = False) -> None:
    """Raise SensitiveDataError when value (JSON-like) holds card data or a payment code."""
    if value is None or isinstance(value, bool | float):
        return
    if isinstance(value, int) and -(10**12) < value < 10**12:
        return
    if isinstance(value, int | str):
        check_text(str(value), where, identifier=identifier)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            name = str(key)
            if name.lower() in _FORBIDDEN_KEYS and item not in (None, ""):
                raise SensitiveDataError(f"{where}.{name}: field may not be journaled")
            check_text(name, f"{where} key")
            check_value(item, f"{where}.{name}", identifier=_is_identifier_key(name))
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_value(item, f"{where}[{index}]", identifier=identifier)
        return
    raise SensitiveDataError(f"{where}: unsupported type {type(value).__name__}")


def check_path(path: str) -> None:
    if path.startswith(DIRECT_ONLY_PATHS) and path.count("/") <= 2:
        raise SensitiveDataError(f"{path} carries card data or a payment code: send it directly")


def safe_text(text: str, limit: int = 500) -> str:
    """Text for an error column: refused-looking content is replaced, never stored."""
    try:
        check_text(text, "text")
    except SensitiveDataError:
        return "[redacted: looked like card data or a payment code]"
    return text[:limit]
