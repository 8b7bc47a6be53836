"""Errors of the staff modes; each says what was refused, and a refused call changes nothing."""

from __future__ import annotations


class StaffError(Exception):
    """Base of every staff-mode error."""


class PermissionDenied(StaffError):
    """The acting user's role may not do this (or there is no valid session)."""


class SessionExpired(PermissionDenied):
    """The staff session was idle too long; log in again."""


class LoginFailed(StaffError):
    """Name/PIN or card not accepted. Deliberately the same for unknown, wrong, locked, disabled."""

    def __init__(self) -> None:
        super().__init__("login not accepted (after 5 wrong PINs a user is locked for 15 minutes)")


class InvalidInput(StaffError):
    """Bad input (a weak PIN, an unknown role, a bad note count, a missing reason, ...)."""


class NotFound(StaffError):
    """No such user, collection or attention item."""


class WrongState(StaffError):
    """The step does not fit the current state (e.g. counting before the cashbox is out)."""
