"""Users: argon2id hashes, lockout in the DB (surviving a restart), admin actions, card login."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import CLI_ACTOR, Actor
from kiosk.staff.errors import InvalidInput, LoginFailed, NotFound, PermissionDenied
from kiosk.staff.users import LOCK_DURATION, Users, default_hasher, validate_pin

from .conftest import PIN


def test_pin_is_stored_as_argon2id_and_never_in_plain(
    journal: Journal, clock: ManualClock, db_path: Path
) -> None:
    users = Users(journal, clock)  # the production parameters
    users.add(CLI_ACTOR, "li.ming", "staff", PIN)
    con = sqlite3.connect(db_path)
    (stored,) = con.execute("SELECT pin_hash FROM staff_users").fetchone()
    dump = "\n".join(con.iterdump())
    con.close()
    assert stored.startswith("$argon2id$v=19$m=65536,t=2,p=2$")
    assert PIN not in dump
    assert users.login("li.ming", PIN).who == "li.ming"


def test_default_verify_cost_is_measured() -> None:
    hasher = default_hasher()
    stored = hasher.hash(PIN)
    start = time.perf_counter()
    assert hasher.verify(stored, PIN)
    elapsed = time.perf_counter() - start
    # tuned for a 2-core kiosk: noticeable to a guesser, not to a person (~80 ms here)
    assert 0.005 < elapsed < 2.0, elapsed


@pytest.mark.parametrize(
    "pin", ["12345", "123456789", "12a456", "", "111111", "123456", "87654321"]
)
def test_weak_or_malformed_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidInput):
        validate_pin(pin)


def test_good_pins_pass() -> None:
    for pin in ("482913", "9051723", "30571946"):
        assert validate_pin(pin) == pin


def test_wrong_pin_and_unknown_user_look_the_same(users: Users) -> None:
    with pytest.raises(LoginFailed) as wrong:
        users.login("li.ming", "999999")
    with pytest.raises(LoginFailed) as unknown:
        users.login("nobody", "999999")
    assert str(wrong.value) == str(unknown.value)
    assert type(wrong.value) is type(unknown.value)


def test_five_wrong_pins_lock_for_15_minutes(users: Users, clock: ManualClock) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            users.login("li.ming", "999999")
    assert users.login("li.ming", PIN).who == "li.ming"  # success resets the count
    for _ in range(5):
        with pytest.raises(LoginFailed):
            users.login("li.ming", "999999")
    info = users.get("li.ming")
    assert info is not None and info.locked(clock.now())
    with pytest.raises(LoginFailed):  # the right PIN is refused while locked
        users.login("li.ming", PIN)
    clock.advance(LOCK_DURATION.total_seconds() - 1)
    with pytest.raises(LoginFailed):
        users.login("li.ming", PIN)
    clock.advance(1)
    assert users.login("li.ming", PIN).role == "staff"
    info = users.get("li.ming")
    assert info is not None and info.locked_until is None and info.failed_attempts == 0
    assert [e.action for e in audit.entries(users._journal)].count("user_locked") == 1


def test_lock_survives_reopening_the_database(
    db_path: Path, clock: ManualClock, fast_hasher: PasswordHasher
) -> None:
    with Journal.open(db_path, clock) as journal:
        users = Users(journal, clock, hasher=fast_hasher)
        users.add(CLI_ACTOR, "li.ming", "staff", PIN)
        for _ in range(5):
            with pytest.raises(LoginFailed):
                users.login("li.ming", "999999")
    clock.advance(60)
    with Journal.open(db_path, clock) as journal:
        users = Users(journal, clock, hasher=fast_hasher)
        with pytest.raises(LoginFailed):
            users.login("li.ming", PIN)
        clock.advance(LOCK_DURATION.total_seconds())
        assert users.login("li.ming", PIN).who == "li.ming"


def test_lock_expiry_restarts_the_count(users: Users, clock: ManualClock) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            users.login("li.ming", "999999")
    clock.advance(LOCK_DURATION.total_seconds())
    with pytest.raises(LoginFailed):
        users.login("li.ming", "999999")
    info = users.get("li.ming")
    assert info is not None and not info.locked(clock.now()) and info.failed_attempts == 1


def test_disabled_user_cannot_log_in_and_enable_restores(users: Users) -> None:
    admin = Actor("zhao.admin", "admin")
    users.disable(admin, "li.ming")
    with pytest.raises(LoginFailed):
        users.login("li.ming", PIN)
    users.enable(admin, "li.ming")
    assert users.login("li.ming", PIN).who == "li.ming"


def test_reset_pin_is_admin_only_audited_and_clears_the_lock(users: Users) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            users.login("li.ming", "999999")
    staff = users.login("wang.tech", "730518")
    with pytest.raises(PermissionDenied, match="needs"):
        users.reset_pin(staff, "li.ming", "620394")
    admin = users.login("zhao.admin", "905172")
    users.reset_pin(admin, "li.ming", "620394")
    with pytest.raises(LoginFailed):
        users.login("li.ming", PIN)
    assert users.login("li.ming", "620394").who == "li.ming"
    rows = [e for e in audit.entries(users._journal) if e.action == "pin_reset"]
    assert len(rows) == 1 and rows[0].actor == "zhao.admin" and rows[0].target == "li.ming"
    assert "620394" not in repr(rows) and "argon2" not in repr(rows)


def test_admin_actions_refuse_bad_input_and_change_nothing(users: Users) -> None:
    with pytest.raises(InvalidInput):
        users.add(CLI_ACTOR, "li.ming", "staff", "620394")  # exists
    with pytest.raises(InvalidInput):
        users.add(CLI_ACTOR, "new.user", "janitor", "620394")
    with pytest.raises(InvalidInput):
        users.add(CLI_ACTOR, "123456", "staff", "620394")  # a name may not look like a PIN
    with pytest.raises(NotFound):
        users.disable(CLI_ACTOR, "ghost")
    with pytest.raises(PermissionDenied):
        users.add(Actor("li.ming", "staff"), "x.user", "staff", "620394")
    assert [u.name for u in users.list()] == ["li.ming", "wang.tech", "zhao.admin"]


def test_service_card_login(users: Users) -> None:
    users.set_service_card(CLI_ACTOR, "wang.tech", "CARD-0042-A")
    session = users.login_card("CARD-0042-A")
    assert (session.who, session.role) == ("wang.tech", "technician")
    with pytest.raises(LoginFailed):
        users.login_card("CARD-9999-Z")
    with pytest.raises(InvalidInput, match="already assigned"):
        users.set_service_card(CLI_ACTOR, "li.ming", "CARD-0042-A")
    users.disable(CLI_ACTOR, "wang.tech")
    with pytest.raises(LoginFailed):
        users.login_card("CARD-0042-A")
    listed = {u.name: u.has_service_card for u in users.list()}
    assert listed == {"li.ming": False, "wang.tech": True, "zhao.admin": False}
    assert all("CARD-0042" not in repr(e) for e in audit.entries(users._journal))


class _CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.verifies = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verifies += 1
        return super().verify(hash, password)


def test_every_refusal_does_the_same_argon2_work(journal: Journal, clock: ManualClock) -> None:
    hasher = _CountingHasher()
    users = Users(journal, clock, hasher=hasher)
    users.add(CLI_ACTOR, "li.ming", "staff", PIN)
    users.add(CLI_ACTOR, "off.duty", "staff", PIN)
    users.disable(CLI_ACTOR, "off.duty")
    for name in ("li.ming", "nobody", "off.duty"):
        before = hasher.verifies
        with pytest.raises(LoginFailed):
            users.login(name, "999999")
        assert hasher.verifies - before == 1, name
