"""Settings a technician changes at the kiosk itself: the voice's volume and the click of a touch.

The config file gives the values a kiosk starts with; a value set here wins over it from then
on, across restarts, until it is set again. Each change is stored with its audit row in one
journal transaction. A stored value the code no longer accepts (a hand-edited file, an old
version) is ignored and logged, and the config's value is used: a bad value changes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.journal import Journal
from kiosk.journal.journal import WRITE_TIMEOUT_S
from kiosk.staff import audit
from kiosk.staff.access import Actor, Principal
from kiosk.staff.errors import InvalidInput
from kiosk.staff.models import SETTINGS

log = logging.getLogger(__name__)


def _volume(value: Any) -> float:
    """0 to 1 in steps of a tenth, as the technician page changes it."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise InvalidInput(f"voice_volume must be a number from 0 to 1, not {value!r}")
    return round(float(value), 1)


def _switch(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(f"click_sound must be true or false, not {value!r}")
    return value


CHECKS: dict[str, Callable[[Any], Any]] = {"voice_volume": _volume, "click_sound": _switch}


def checked(key: str, value: Any) -> Any:
    """The value as it is stored; InvalidInput for an unknown key or a bad value."""
    check = CHECKS.get(key)
    if check is None:
        raise InvalidInput(f"no kiosk setting {key!r}; known: {', '.join(CHECKS)}")
    return check(value)


@dataclass(frozen=True)
class LocalSettings:
    """What was set at the kiosk; None: never set here (the config's value applies)."""

    voice_volume: float | None = None
    click_sound: bool | None = None


def read_local(conn: Connection | Session) -> LocalSettings:
    found = LocalSettings()
    for row in conn.execute(select(SETTINGS)):
        check = CHECKS.get(str(row.key))
        if check is None:
            log.warning("unknown kiosk setting %r ignored", row.key)
            continue
        try:
            value = check(json.loads(row.value_json))
        except (InvalidInput, ValueError) as exc:
            log.warning("stored kiosk setting %r ignored: %s", row.key, exc)
            continue
        found = replace(found, **{str(row.key): value})
    return found


def write_setting(session: Session, now: datetime, actor: Actor, key: str, value: Any) -> Any:
    """Store one setting and audit the change, inside the caller's writer job."""
    new = checked(key, value)
    before = getattr(read_local(session), key)
    upsert = sqlite_insert(SETTINGS).values(
        key=key, value_json=json.dumps(new), changed_at=now, changed_by=actor.name
    )
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=[SETTINGS.c.key],
            set_={
                "value_json": upsert.excluded.value_json,
                "changed_at": upsert.excluded.changed_at,
                "changed_by": upsert.excluded.changed_by,
            },
        )
    )
    audit.append(session, now, actor, "setting_changed", key, {key: before}, {key: new})
    return new


class LocalSettingsStore:
    """The journal's settings table: `stored` and `set` wait on the disk (not on the GUI
    thread); `submit` does not."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def stored(self) -> LocalSettings:
        with self._journal.reading() as conn:
            return read_local(conn)

    def submit(self, actor: Principal, key: str, value: Any) -> Future[Any]:
        """Queue the change on the journal's writer without waiting (the GUI thread may call
        it): changes are stored in the order they are made. The future's result is the value
        as stored (a volume rounded to a tenth); InvalidInput, raised here, changes nothing."""
        who = actor.require("technician")
        new = checked(key, value)
        now = self._journal.now()
        return self._journal.submit(lambda s: write_setting(s, now, who, key, new))

    def set(self, actor: Principal, key: str, value: Any) -> Any:
        """`submit`, and wait until it is on disk."""
        return self.submit(actor, key, value).result(WRITE_TIMEOUT_S)
