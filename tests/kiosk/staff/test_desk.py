"""The staff desk: a login puts the kiosk out of service for residents, idle logout is audited."""

from __future__ import annotations

from argon2 import PasswordHasher

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import CLI_ACTOR, IDLE_TIMEOUT_S
from kiosk.staff.desk import StaffDesk

from .conftest import KIOSK, PIN


def test_login_idle_logout_and_mode(
    journal: Journal, clock: ManualClock, fast_hasher: PasswordHasher
) -> None:
    desk = StaffDesk(journal, clock, KIOSK, hasher=fast_hasher)
    desk.users.add(CLI_ACTOR, "li.ming", "staff", PIN)
    assert desk.modes.mode() == "in_service"
    session = desk.login("li.ming", PIN)
    assert desk.modes.mode() == "out_of_service"
    clock.advance(IDLE_TIMEOUT_S - 1)
    assert not desk.check_idle()
    session.touch()
    clock.advance(IDLE_TIMEOUT_S)
    assert desk.check_idle() and desk.session is None
    assert desk.modes.mode() == "in_service"
    (logout,) = [e for e in audit.entries(journal) if e.action == "logout"]
    assert logout.actor == "li.ming" and logout.after == {"why": "idle"}
