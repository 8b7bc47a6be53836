"""Staff users: argon2id PIN hashes, lockout kept in the DB, admin actions, login.

Rules: a PIN is 6–8 digits (not one repeated digit, not a straight run such as 123456).
Five wrong PINs lock the user for 15 minutes (injected clock; the lock is a DB column, so it
survives a restart). A wrong PIN, an unknown name, a locked or a disabled user all raise the
same LoginFailed after the same argon2 work, so the caller cannot tell them apart. Hashing and
verifying run on the caller's thread, never on the journal's writer.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import (
    SYSTEM_ACTOR,
    Actor,
    Principal,
    Role,
    StaffSession,
    check_role,
)
from kiosk.staff.errors import InvalidInput, LoginFailed, NotFound, PermissionDenied
from kiosk.staff.models import USERS

__all__ = [
    "LOCK_DURATION",
    "MAX_FAILURES",
    "PermissionDenied",
    "StaffSession",
    "UserInfo",
    "Users",
    "default_hasher",
    "validate_pin",
]

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
_PIN_RE = re.compile(r"^[0-9]{6,8}$")
_NAME_RE = re.compile(r"^[^\s\x00-\x1f\x7f]{1,64}$")
_CARD_RE = re.compile(r"^[A-Za-z0-9:_-]{4,64}$")


def default_hasher() -> PasswordHasher:
    """argon2id, 2 passes over 64 MiB with 2 lanes: ~80 ms per verify on a 2-core box."""
    return PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=2)


def validate_pin(pin: str) -> str:
    if not isinstance(pin, str) or not _PIN_RE.match(pin):
        raise InvalidInput("a PIN is 6 to 8 digits")
    if len(set(pin)) == 1:
        raise InvalidInput("a PIN may not be one repeated digit")
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {-1}):
        raise InvalidInput("a PIN may not be a straight run of digits")
    return pin


def validate_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.match(name) or name.isdigit():
        raise InvalidInput("a user name is 1-64 characters, no spaces, not only digits")
    return name


def validate_card(card_id: str) -> str:
    if not isinstance(card_id, str) or not _CARD_RE.match(card_id):
        raise InvalidInput("a service card id is 4-64 characters of A-Z a-z 0-9 : _ -")
    return card_id


@dataclass(frozen=True)
class UserInfo:
    """A user as admins see it: never the PIN hash, never the card id."""

    id: int
    name: str
    role: str
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None
    has_service_card: bool
    created_at: datetime

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def _info(row: Any) -> UserInfo:
    m = row._mapping
    return UserInfo(
        id=int(m["id"]),
        name=str(m["name"]),
        role=str(m["role"]),
        disabled=bool(m["disabled"]),
        failed_attempts=int(m["failed_attempts"]),
        locked_until=m["locked_until"],
        has_service_card=m["service_card_id"] is not None,
        created_at=m["created_at"],
    )


class Users:
    def __init__(
        self, journal: Journal, clock: Clock, *, hasher: PasswordHasher | None = None
    ) -> None:
        self._journal = journal
        self._clock = clock
        self._hasher = hasher or default_hasher()
        self._dummy_hash: str | None = None

    # --- reads ----------------------------------------------------------------------------

    def list(self) -> list[UserInfo]:
        with self._journal.reading() as conn:
            return [_info(r) for r in conn.execute(select(USERS).order_by(USERS.c.name))]

    def get(self, name: str) -> UserInfo | None:
        with self._journal.reading() as conn:
            row = conn.execute(select(USERS).where(USERS.c.name == name)).first()
        return _info(row) if row is not None else None

    def _row(self, session: Session, name: str) -> Any:
        row = session.execute(select(USERS).where(USERS.c.name == name)).first()
        if row is None:
            raise NotFound(f"no user {name!r}")
        return row

    # --- admin actions (each audited in the same DB transaction) --------------------------

    def add(
        self,
        by: Principal,
        name: str,
        role: str,
        pin: str,
        *,
        service_card_id: str | None = None,
    ) -> UserInfo:
        actor = by.require("admin")
        validate_name(name)
        checked_role = check_role(role)
        pin_hash = self._hasher.hash(validate_pin(pin))
        if service_card_id is not None:
            validate_card(service_card_id)
        now = self._clock.now()

        def job(s: Session) -> UserInfo:
            if s.execute(select(USERS.c.id).where(USERS.c.name == name)).first() is not None:
                raise InvalidInput(f"user {name!r} already exists")
            if service_card_id is not None:
                self._card_free(s, service_card_id)
            s.execute(
                insert(USERS).values(
                    name=name,
                    role=checked_role,
                    pin_hash=pin_hash,
                    service_card_id=service_card_id,
                    disabled=0,
                    failed_attempts=0,
                    locked_until=None,
                    created_at=now,
                    updated_at=now,
                )
            )
            after = {"role": checked_role, "service_card": service_card_id is not None}
            audit.append(s, now, actor, "user_added", name, None, after)
            return _info(self._row(s, name))

        return self._journal.write(job)

    @staticmethod
    def _card_free(s: Session, card_id: str, except_id: int | None = None) -> None:
        row = s.execute(select(USERS.c.id).where(USERS.c.service_card_id == card_id)).first()
        if row is not None and row.id != except_id:
            raise InvalidInput("that service card is already assigned to another user")

    def _change(
        self, by: Principal, name: str, action: str, values: Mapping[str, object], what: str
    ) -> UserInfo:
        actor = by.require("admin")
        now = self._clock.now()

        def job(s: Session) -> UserInfo:
            row = self._row(s, name)
            before = _info(row)
            s.execute(update(USERS).where(USERS.c.id == before.id).values(updated_at=now, **values))
            after = _info(self._row(s, name))
            audit.append(s, now, actor, action, name, _public(before, what), _public(after, what))
            return after

        return self._journal.write(job)

    def disable(self, by: Principal, name: str) -> UserInfo:
        return self._change(by, name, "user_disabled", {"disabled": 1}, "disabled")

    def enable(self, by: Principal, name: str) -> UserInfo:
        return self._change(by, name, "user_enabled", {"disabled": 0}, "disabled")

    def unlock(self, by: Principal, name: str) -> UserInfo:
        values = {"failed_attempts": 0, "locked_until": None}
        return self._change(by, name, "user_unlocked", values, "lock")

    def reset_pin(self, by: Principal, name: str, new_pin: str) -> UserInfo:
        """Admin only; also clears a lockout. The audit row says only that the PIN changed."""
        by.require("admin")
        pin_hash = self._hasher.hash(validate_pin(new_pin))
        values = {"pin_hash": pin_hash, "failed_attempts": 0, "locked_until": None}
        return self._change(by, name, "pin_reset", values, "lock")

    def set_service_card(self, by: Principal, name: str, card_id: str | None) -> UserInfo:
        actor = by.require("admin")
        if card_id is not None:
            validate_card(card_id)
        now = self._clock.now()

        def job(s: Session) -> UserInfo:
            row = self._row(s, name)
            before = _info(row)
            if card_id is not None:
                self._card_free(s, card_id, except_id=before.id)
            s.execute(
                update(USERS)
                .where(USERS.c.id == before.id)
                .values(service_card_id=card_id, updated_at=now)
            )
            after = _info(self._row(s, name))
            audit.append(
                s,
                now,
                actor,
                "service_card_set",
                name,
                {"service_card": before.has_service_card},
                {"service_card": after.has_service_card},
            )
            return after

        return self._journal.write(job)

    # --- login ----------------------------------------------------------------------------

    def _burn(self, pin: str) -> None:
        """The argon2 work of a real verify, so a refusal takes as long as a wrong PIN."""
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("8264019")
        with contextlib.suppress(VerificationError, InvalidHashError):
            self._hasher.verify(self._dummy_hash, pin)

    def login(self, name: str, pin: str) -> StaffSession:
        now = self._clock.now()
        row = self.get(name) if isinstance(name, str) else None
        pin_text = pin if isinstance(pin, str) else ""
        if row is None or row.disabled or row.locked(now):
            self._burn(pin_text)
            raise LoginFailed()
        with self._journal.reading() as conn:
            stored = conn.execute(select(USERS.c.pin_hash).where(USERS.c.id == row.id)).scalar()
        try:
            self._hasher.verify(str(stored), pin_text)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            self._journal.write(lambda s: self._count_failure(s, now, row.id))
            raise LoginFailed() from None
        new_hash = (
            self._hasher.hash(pin_text) if self._hasher.check_needs_rehash(str(stored)) else None
        )
        return self._open_session(row, now, "pin", new_hash)

    def login_card(self, card_id: str) -> StaffSession:
        """A staff service card (read elsewhere) stands for its user's name and PIN."""
        now = self._clock.now()
        if not isinstance(card_id, str) or not _CARD_RE.match(card_id):
            raise LoginFailed()
        with self._journal.reading() as conn:
            found = conn.execute(select(USERS).where(USERS.c.service_card_id == card_id)).first()
        row = _info(found) if found is not None else None
        if row is None or row.disabled or row.locked(now):
            raise LoginFailed()
        return self._open_session(row, now, "service_card", None)

    def _count_failure(self, s: Session, now: datetime, user_id: int) -> None:
        row = s.execute(select(USERS).where(USERS.c.id == user_id)).one()
        failures = int(row.failed_attempts)
        if row.locked_until is not None and row.locked_until <= now:
            failures = 0  # the previous lock ran out: start counting afresh
        failures += 1
        if failures >= MAX_FAILURES:
            until = now + LOCK_DURATION
            s.execute(
                update(USERS)
                .where(USERS.c.id == user_id)
                .values(failed_attempts=0, locked_until=until, updated_at=now)
            )
            after = {"locked_until": audit.time_text(until), "failures": failures}
            audit.append(s, now, SYSTEM_ACTOR, "user_locked", str(row.name), None, after)
        else:
            s.execute(
                update(USERS)
                .where(USERS.c.id == user_id)
                .values(failed_attempts=failures, locked_until=None, updated_at=now)
            )

    def _open_session(
        self, row: UserInfo, now: datetime, via: str, new_hash: str | None
    ) -> StaffSession:
        role: Role = check_role(row.role)

        def job(s: Session) -> None:
            values: dict[str, object] = {"failed_attempts": 0, "locked_until": None}
            if new_hash is not None:
                values["pin_hash"] = new_hash
            s.execute(update(USERS).where(USERS.c.id == row.id).values(**values))
            audit.append(s, now, Actor(row.name, role), "login", row.name, None, {"via": via})

        self._journal.write(job)
        return StaffSession(row.name, role, self._clock, user_id=row.id)

    def logout(self, session: StaffSession, *, reason: str = "logout") -> None:
        """End the session (also on idle timeout, with reason "idle") and audit it."""
        if session.ended:
            return
        session.end()
        audit.record(self._journal, session.actor, "logout", session.who, None, {"why": reason})


def _public(info: UserInfo, what: str) -> dict[str, object]:
    if what == "disabled":
        return {"disabled": info.disabled}
    locked = None if info.locked_until is None else audit.time_text(info.locked_until)
    return {"locked_until": locked, "failed_attempts": info.failed_attempts}
