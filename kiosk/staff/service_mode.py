"""The kiosk's mode (in_service | out_of_service | maintenance), persisted and audited.

`mode()` is what residents get: the stored mode, except that while a live staff or technician
session is open the kiosk shows "out of service" even if the stored mode is in_service (someone
is working at it). Sessions are tracked in memory only; work that must stay out of service
across a crash (a cash collection) stores the mode itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.journal import Journal, guard
from kiosk.staff import audit
from kiosk.staff.access import Actor, Principal, StaffSession
from kiosk.staff.errors import InvalidInput
from kiosk.staff.models import MODE

Mode = Literal["in_service", "out_of_service", "maintenance"]
MODES: tuple[Mode, ...] = ("in_service", "out_of_service", "maintenance")


@dataclass(frozen=True)
class ModeRecord:
    mode: Mode
    reason: str
    changed_at: datetime | None
    changed_by: str


def check_mode(mode: str) -> Mode:
    for known in MODES:
        if mode == known:
            return known
    raise InvalidInput(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


def _record(row: Any) -> ModeRecord:
    if row is None:
        return ModeRecord("in_service", "", None, "")
    return ModeRecord(
        check_mode(str(row.mode)),
        str(row.reason),
        row.changed_at,
        str(row.changed_by),
    )


def read_mode(conn: Connection | Session) -> ModeRecord:
    return _record(conn.execute(select(MODE).where(MODE.c.id == 1)).first())


def write_mode(session: Session, now: datetime, actor: Actor, mode: str, reason: str) -> ModeRecord:
    """Store the mode and audit the change, inside the caller's writer job."""
    new = check_mode(mode)
    guard.check_value(reason, "mode reason")
    before = read_mode(session)
    upsert = sqlite_insert(MODE).values(
        id=1, mode=new, reason=reason, changed_at=now, changed_by=actor.name
    )
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=[MODE.c.id],
            set_={
                "mode": upsert.excluded.mode,
                "reason": upsert.excluded.reason,
                "changed_at": upsert.excluded.changed_at,
                "changed_by": upsert.excluded.changed_by,
            },
        )
    )
    audit.append(
        session,
        now,
        actor,
        "mode_changed",
        "kiosk",
        {"mode": before.mode},
        {"mode": new, "reason": reason},
    )
    return ModeRecord(new, reason, now, actor.name)


class ServiceMode:
    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._lock = threading.Lock()
        self._sessions: list[StaffSession] = []

    def stored(self) -> ModeRecord:
        with self._journal.reading() as conn:
            return read_mode(conn)

    def mode(self) -> Mode:
        """What residents see now."""
        stored = self.stored().mode
        if stored == "in_service" and self.session_open():
            return "out_of_service"
        return stored

    def set_mode(self, actor: Principal, mode: str, reason: str) -> ModeRecord:
        who = actor.require("staff", "technician")
        new = check_mode(mode)
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidInput("say why the mode changes")
        now = self._journal.now()
        return self._journal.write(lambda s: write_mode(s, now, who, new, reason.strip()))

    # --- open staff sessions --------------------------------------------------------------

    def session_started(self, session: StaffSession) -> None:
        with self._lock:
            if session not in self._sessions:
                self._sessions.append(session)

    def session_ended(self, session: StaffSession) -> None:
        with self._lock:
            if session in self._sessions:
                self._sessions.remove(session)

    def session_open(self) -> bool:
        """A live (not ended, not idle-expired) session of any staff role."""
        with self._lock:
            self._sessions = [s for s in self._sessions if not s.expired()]
            return bool(self._sessions)
