"""The kiosk mode: stored and audited; an open staff session shows residents out of service."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import IDLE_TIMEOUT_S, Actor, StaffSession
from kiosk.staff.errors import InvalidInput, PermissionDenied
from kiosk.staff.service_mode import ServiceMode

TECH = Actor("wang.tech", "technician")


def test_default_is_in_service(journal: Journal) -> None:
    assert ServiceMode(journal).mode() == "in_service"


def test_set_mode_is_stored_audited_and_survives_restart(db_path: Path, clock: ManualClock) -> None:
    with Journal.open(db_path, clock) as journal:
        record = ServiceMode(journal).set_mode(TECH, "maintenance", "replacing the printer")
        assert record.changed_by == "wang.tech"
    with Journal.open(db_path, clock) as journal:
        modes = ServiceMode(journal)
        assert modes.mode() == "maintenance"
        assert modes.stored().reason == "replacing the printer"
        (row,) = audit.entries(journal)
        assert row.action == "mode_changed" and row.before == {"mode": "in_service"}
        assert row.after == {"mode": "maintenance", "reason": "replacing the printer"}


def test_bad_mode_or_missing_reason_changes_nothing(journal: Journal) -> None:
    modes = ServiceMode(journal)
    with pytest.raises(InvalidInput):
        modes.set_mode(TECH, "party", "why not")
    with pytest.raises(InvalidInput):
        modes.set_mode(TECH, "out_of_service", "  ")
    with pytest.raises(PermissionDenied):
        modes.set_mode(Actor("device", "system"), "out_of_service", "x")
    assert modes.mode() == "in_service" and audit.entries(journal) == []


def test_open_session_shows_out_of_service_until_it_ends_or_idles(
    journal: Journal, clock: ManualClock
) -> None:
    modes = ServiceMode(journal)
    session = StaffSession("li.ming", "staff", clock)
    modes.session_started(session)
    assert modes.mode() == "out_of_service"
    assert modes.stored().mode == "in_service"
    clock.advance(IDLE_TIMEOUT_S)
    assert modes.mode() == "in_service"  # idle session no longer counts
    other = StaffSession("wang.tech", "technician", clock)
    modes.session_started(other)
    assert modes.mode() == "out_of_service"
    modes.session_ended(other)
    assert modes.mode() == "in_service"


def test_maintenance_wins_over_open_session(journal: Journal, clock: ManualClock) -> None:
    modes = ServiceMode(journal)
    modes.session_started(StaffSession("wang.tech", "technician", clock))
    modes.set_mode(TECH, "maintenance", "service visit")
    assert modes.mode() == "maintenance"
