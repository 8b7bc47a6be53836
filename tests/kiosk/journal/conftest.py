from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.journal import Journal

KIOSK = "K-330106-0001"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def journal(tmp_path: Path, clock: ManualClock) -> Iterator[Journal]:
    j = Journal.open(tmp_path / "data" / "journal.db", clock)
    yield j
    j.close()


def new_payment(journal: Journal, account_no: str = "3300000001", state: str = "collecting") -> str:
    return journal.create_transaction(
        kiosk_id=KIOSK, kind="payment", account_no=account_no, method="cash", state=state
    ).id
