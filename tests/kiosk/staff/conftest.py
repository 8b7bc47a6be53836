from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.payments.cash import CashPayments
from kiosk.staff.access import CLI_ACTOR
from kiosk.staff.users import Users

KIOSK = "K-330106-0001"
PIN = "482913"


class _NoWake:
    def wake(self) -> None:
        pass


def cash_payment(journal: Journal, clock: ManualClock, account_no: str, notes: list[int]) -> str:
    """A finished cash payment in the journal, queued for the outbox; the clock moves on 5 s."""
    payments = CashPayments(journal, _NoWake(), KIOSK, clock)
    txn_id = payments.begin(account_no, 0, 1_000_000)
    for value in notes:
        payments.note_stacked(txn_id, value, "nv200", 1)
    payments.finish(txn_id)
    clock.advance(5)
    return txn_id


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def journal(db_path: Path, clock: ManualClock) -> Iterator[Journal]:
    j = Journal.open(db_path, clock)
    yield j
    j.close()


@pytest.fixture
def fast_hasher() -> PasswordHasher:
    """Still argon2id, with tiny costs so tests stay fast (the default is measured separately)."""
    return PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


@pytest.fixture
def users(journal: Journal, clock: ManualClock, fast_hasher: PasswordHasher) -> Users:
    u = Users(journal, clock, hasher=fast_hasher)
    u.add(CLI_ACTOR, "li.ming", "staff", PIN)
    u.add(CLI_ACTOR, "wang.tech", "technician", "730518")
    u.add(CLI_ACTOR, "zhao.admin", "admin", "905172")
    return u
