"""UI-free core of the staff and technician modes: users and sessions, the audit chain, the
kiosk's mode, cashbox and cash collection, end-of-day settlement and the attention list.

Importing this package registers its tables on the journal's metadata (migration 0003).
"""

from kiosk.staff import models as _models  # noqa: F401  (registers the tables)
from kiosk.staff.access import CLI_ACTOR, DEVICE_ACTOR, Actor, Role, StaffSession
from kiosk.staff.errors import (
    InvalidInput,
    LoginFailed,
    NotFound,
    PermissionDenied,
    SessionExpired,
    StaffError,
    WrongState,
)

__all__ = [
    "CLI_ACTOR",
    "DEVICE_ACTOR",
    "Actor",
    "InvalidInput",
    "LoginFailed",
    "NotFound",
    "PermissionDenied",
    "Role",
    "SessionExpired",
    "StaffError",
    "StaffSession",
    "WrongState",
]
