"""Staff sessions: 2-minute idle timeout on the injected clock, role checks."""

from __future__ import annotations

import pytest

from kiosk.clock import ManualClock
from kiosk.staff.access import IDLE_TIMEOUT_S, Actor, StaffSession
from kiosk.staff.errors import PermissionDenied, SessionExpired


def test_session_expires_after_two_idle_minutes(clock: ManualClock) -> None:
    session = StaffSession("li.ming", "staff", clock)
    assert session.started_at == clock.now()
    clock.advance(IDLE_TIMEOUT_S - 1)
    assert not session.expired()
    session.touch()  # activity restarts the idle time
    clock.advance(IDLE_TIMEOUT_S - 1)
    assert not session.expired()
    clock.advance(1)
    assert session.expired()
    with pytest.raises(SessionExpired):
        session.touch()
    with pytest.raises(SessionExpired):
        session.require("staff")


def test_require_counts_as_activity(clock: ManualClock) -> None:
    session = StaffSession("li.ming", "staff", clock)
    clock.advance(100)
    assert session.require("staff") == Actor("li.ming", "staff")
    clock.advance(100)
    assert not session.expired()


def test_role_checks(clock: ManualClock) -> None:
    staff = StaffSession("li.ming", "staff", clock)
    tech = StaffSession("wang.tech", "technician", clock)
    admin = StaffSession("zhao.admin", "admin", clock)
    with pytest.raises(PermissionDenied, match=r"li\.ming \(staff\) may not do this"):
        staff.require("admin")
    with pytest.raises(PermissionDenied):
        tech.require("staff")
    assert tech.require("staff", "technician").role == "technician"
    assert admin.require("staff").name == "zhao.admin"  # admin passes every check
    assert isinstance(SessionExpired("x"), PermissionDenied)


def test_ended_session_is_expired(clock: ManualClock) -> None:
    session = StaffSession("li.ming", "staff", clock)
    session.end()
    assert session.expired()
