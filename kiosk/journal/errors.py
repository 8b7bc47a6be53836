"""Errors raised by the journal; each says what was refused and changes nothing."""

from __future__ import annotations


class JournalError(Exception):
    """Base of every journal error."""


class SensitiveDataError(JournalError):
    """A value looked like a card number, payment code, PIN block or secret: refused unwritten."""


class UnknownTransaction(JournalError):
    """The transaction id is not in the journal."""


class InvalidState(JournalError):
    """The operation does not fit the transaction's current state."""
