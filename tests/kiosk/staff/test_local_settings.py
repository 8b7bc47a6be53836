"""Settings a technician makes at the kiosk: stored with their audit row, kept across a restart,
refused whole when bad, and a bad stored value is ignored rather than trusted."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.errors import InvalidInput, PermissionDenied
from kiosk.staff.local_settings import LocalSettings, LocalSettingsStore
from kiosk.staff.models import SETTINGS

TECH = Actor("wang.tech", "technician")


def test_nothing_is_set_on_a_new_kiosk(journal: Journal) -> None:
    assert LocalSettingsStore(journal).stored() == LocalSettings(None, None)


def test_settings_are_stored_audited_and_survive_a_restart(
    db_path: Path, clock: ManualClock
) -> None:
    with Journal.open(db_path, clock) as journal:
        store = LocalSettingsStore(journal)
        assert store.set(TECH, "voice_volume", 0.6000000001) == 0.6  # a tenth, as stepped
        store.set(TECH, "voice_volume", 0.7)
        store.set(TECH, "click_sound", False)
    with Journal.open(db_path, clock) as journal:
        assert LocalSettingsStore(journal).stored() == LocalSettings(0.7, False)
        rows = audit.entries(journal)
        assert [(r.action, r.target, r.actor) for r in rows] == [
            ("setting_changed", "voice_volume", "wang.tech"),
            ("setting_changed", "voice_volume", "wang.tech"),
            ("setting_changed", "click_sound", "wang.tech"),
        ]
        assert (rows[1].before, rows[1].after) == ({"voice_volume": 0.6}, {"voice_volume": 0.7})
        assert (rows[2].before, rows[2].after) == ({"click_sound": None}, {"click_sound": False})
        assert audit.verify_chain(journal).ok


def test_submitted_changes_are_stored_in_the_order_made(journal: Journal) -> None:
    store = LocalSettingsStore(journal)
    queued = [store.submit(TECH, "voice_volume", v / 10) for v in range(10, -1, -1)]
    assert [f.result(10) for f in queued][-1] == 0.0
    assert store.stored().voice_volume == 0.0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("voice_volume", 1.5),
        ("voice_volume", -0.1),
        ("voice_volume", "loud"),
        ("voice_volume", True),
        ("click_sound", "yes"),
        ("click_sound", 1),
        ("screen_brightness", 0.5),
    ],
)
def test_a_bad_value_or_key_is_refused_and_changes_nothing(journal: Journal, key, value) -> None:
    store = LocalSettingsStore(journal)
    with pytest.raises(InvalidInput):
        store.set(TECH, key, value)
    assert store.stored() == LocalSettings() and audit.entries(journal) == []


def test_only_technicians_and_admins_change_them(journal: Journal) -> None:
    store = LocalSettingsStore(journal)
    with pytest.raises(PermissionDenied):
        store.set(Actor("li.staff", "staff"), "voice_volume", 0.5)
    store.set(Actor("root", "admin"), "voice_volume", 0.5)
    assert store.stored().voice_volume == 0.5


def test_a_bad_stored_value_is_ignored_and_logged(journal: Journal, caplog) -> None:
    store = LocalSettingsStore(journal)
    store.set(TECH, "voice_volume", 0.4)
    store.set(TECH, "click_sound", True)
    journal.write(
        lambda s: s.execute(
            update(SETTINGS).where(SETTINGS.c.key == "voice_volume").values(value_json="9")
        )
    )
    with caplog.at_level(logging.WARNING):
        assert store.stored() == LocalSettings(None, True)  # the config's volume applies
    assert "voice_volume" in caplog.text
