"""Who is acting: roles, the Actor of an action and the idle-limited StaffSession.

Role rule: `require(*roles)` passes when the actor's role is one of `roles`, and always for
`admin`. Sessions expire after 2 minutes without `touch()`, measured on the injected clock's
monotonic time (a wall-clock jump neither ends nor extends a session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from kiosk.clock import Clock
from kiosk.staff.errors import InvalidInput, PermissionDenied, SessionExpired

Role = Literal["staff", "technician", "admin"]
ROLES: tuple[Role, ...] = ("staff", "technician", "admin")
IDLE_TIMEOUT_S = 120.0


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return role


def _allowed(role: str, roles: tuple[str, ...]) -> bool:
    return role == "admin" or role in roles


@dataclass(frozen=True)
class Actor:
    """The name and role an audit row records. `device`/`cli` actors are not people."""

    name: str
    role: str

    def require(self, *roles: Role) -> Actor:
        if not _allowed(self.role, roles):
            raise PermissionDenied(f"{self.name} ({self.role}) may not do this; needs {roles}")
        return self


# The `kiosk users ...` command runs as root on the kiosk itself: it acts as an admin.
CLI_ACTOR = Actor("cli", "admin")
# Events the device reports (cashbox removed/inserted) when no session is at hand.
DEVICE_ACTOR = Actor("device", "system")
SYSTEM_ACTOR = Actor("system", "system")


class Principal(Protocol):
    """An Actor or a StaffSession: anything that can vouch for a role."""

    def require(self, *roles: Role) -> Actor: ...


class StaffSession:
    """A logged-in staff member at the kiosk. Not thread-safe: the UI thread owns it."""

    def __init__(self, who: str, role: Role, clock: Clock, *, user_id: int | None = None) -> None:
        self.who = who
        self.role: Role = role
        self.user_id = user_id
        self._clock = clock
        self.started_at: datetime = clock.now()
        self.last_activity: float = clock.monotonic()  # monotonic seconds
        self.ended = False

    @property
    def actor(self) -> Actor:
        return Actor(self.who, self.role)

    def idle_s(self) -> float:
        return self._clock.monotonic() - self.last_activity

    def expired(self) -> bool:
        return self.ended or self.idle_s() >= IDLE_TIMEOUT_S

    def touch(self) -> None:
        """Record activity (a tap); refused once expired, so a stale session stays dead."""
        if self.expired():
            raise SessionExpired(f"session of {self.who} has ended; log in again")
        self.last_activity = self._clock.monotonic()

    def end(self) -> None:
        self.ended = True

    def require(self, *roles: Role) -> Actor:
        """The session's Actor if it is alive and its role fits; counts as activity."""
        if self.expired():
            raise SessionExpired(f"session of {self.who} has ended; log in again")
        actor = self.actor.require(*roles)
        self.last_activity = self._clock.monotonic()
        return actor

    def __repr__(self) -> str:
        return f"StaffSession(who={self.who!r}, role={self.role!r}, started_at={self.started_at})"
