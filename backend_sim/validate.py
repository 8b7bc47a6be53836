"""Field validation of request bodies: collect every problem, then one 400 VALIDATION."""

from __future__ import annotations

import re
from typing import Any

from backend_sim.errors import validation

ACCOUNT_NO_RE = re.compile(r"^[0-9]{10,13}$")
ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATETIME_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$")
MAX_FEN = 10**12


class Fields:
    """Reads typed fields from a JSON object, remembering what is wrong."""

    def __init__(self, body: dict[str, Any], prefix: str = "") -> None:
        self.body = body
        self.prefix = prefix
        self.errors: dict[str, str] = {}

    def _bad(self, name: str, reason: str) -> None:
        self.errors[self.prefix + name] = reason

    def text(
        self,
        name: str,
        pattern: re.Pattern[str] | None = None,
        *,
        optional: bool = False,
        max_len: int = 200,
    ) -> str | None:
        value = self.body.get(name)
        if value is None:
            if not optional:
                self._bad(name, "required")
            return None
        if not isinstance(value, str) or not value or len(value) > max_len:
            self._bad(name, f"must be a non-empty string of at most {max_len} characters")
            return None
        if pattern is not None and not pattern.match(value):
            self._bad(name, f"does not match {pattern.pattern}")
            return None
        return value

    def req_text(
        self, name: str, pattern: re.Pattern[str] | None = None, max_len: int = 200
    ) -> str:
        return self.text(name, pattern, max_len=max_len) or ""

    def integer(
        self, name: str, minimum: int = 0, maximum: int = MAX_FEN, *, optional: bool = False
    ) -> int | None:
        value = self.body.get(name)
        if value is None:
            if not optional:
                self._bad(name, "required")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(name, "must be an integer")
            return None
        if not minimum <= value <= maximum:
            self._bad(name, f"must be between {minimum} and {maximum}")
            return None
        return value

    def req_int(self, name: str, minimum: int = 0, maximum: int = MAX_FEN) -> int:
        value = self.integer(name, minimum, maximum)
        return 0 if value is None else value

    def fen(self, name: str) -> int:
        """A positive amount of money in fen."""
        return self.req_int(name, 1, MAX_FEN)

    def obj(self, name: str, *, optional: bool = False) -> dict[str, Any] | None:
        value = self.body.get(name)
        if value is None:
            if not optional:
                self._bad(name, "required")
            return None
        if not isinstance(value, dict):
            self._bad(name, "must be an object")
            return None
        return value

    def sub(self, name: str, *, optional: bool = False) -> Fields:
        """Fields of a nested object; their errors land in this one as name.field."""
        nested = Fields(self.obj(name, optional=optional) or {}, f"{self.prefix}{name}.")
        nested.errors = self.errors
        return nested

    def choice(self, name: str, allowed: tuple[str, ...], *, optional: bool = False) -> str:
        value = self.body.get(name)
        if value is None and optional:
            return ""
        if value not in allowed:
            self._bad(name, "must be one of " + ", ".join(allowed))
            return ""
        return str(value)

    def note_counts(self, name: str, *, optional: bool = False) -> dict[str, int] | None:
        """{"10000": 3}: denomination in fen -> count."""
        value = self.obj(name, optional=optional)
        if value is None:
            return None
        for denom, count in value.items():
            if not denom.isdigit() or isinstance(count, bool) or not isinstance(count, int):
                self._bad(name, "must map denominations in fen to counts")
                return None
            if count < 0:
                self._bad(name, "counts must not be negative")
                return None
        return {str(k): int(v) for k, v in value.items()}

    def fail(self, name: str, reason: str) -> None:
        self._bad(name, reason)

    def done(self) -> None:
        if self.errors:
            raise validation(dict(self.errors))


def note_total(notes: dict[str, int]) -> int:
    return sum(int(denom) * count for denom, count in notes.items())


def luhn_ok(pan: str) -> bool:
    if not pan.isdigit() or not 12 <= len(pan) <= 19:
        return False
    total = 0
    for index, char in enumerate(reversed(pan)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
