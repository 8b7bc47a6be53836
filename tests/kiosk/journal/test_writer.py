"""One writer thread serializes every write; futures resolve only after the commit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.journal import Journal, JournalError
from kiosk.journal.models import IdSequence
from kiosk.journal.writer import WriterClosed


def _bump(session: Session) -> tuple[int, str]:
    """A read-modify-write that loses updates unless writes are serialized."""
    row = session.get(IdSequence, "counter")
    if row is None:
        row = IdSequence(prefix="counter", last_value=0)
        session.add(row)
    value = row.last_value + 1
    row.last_value = value
    return value, threading.current_thread().name


def test_concurrent_submitters_are_serialized(journal: Journal) -> None:
    submitters, per_thread = 8, 60

    def submit_many(_: int) -> list[tuple[int, str]]:
        futures = [journal.submit(_bump) for _ in range(per_thread)]
        return [f.result(timeout=30) for f in futures]

    with ThreadPoolExecutor(submitters) as pool:
        results = [r for batch in pool.map(submit_many, range(submitters)) for r in batch]
    values = sorted(value for value, _ in results)
    assert values == list(range(1, submitters * per_thread + 1))
    assert {name for _, name in results} == {"journal-writer"}
    with journal.reading() as session:
        stored = session.execute(
            text("SELECT last_value FROM id_sequences WHERE prefix='counter'")
        ).scalar()
    assert stored == submitters * per_thread


def test_failing_job_does_not_undo_its_batch_neighbours(journal: Journal) -> None:
    def boom(session: Session) -> None:
        _bump(session)
        raise ValueError("job failed")

    gate = threading.Event()
    blocker = journal.submit(lambda s: gate.wait(10))  # hold the writer so the next three batch
    futures = [journal.submit(_bump), journal.submit(boom), journal.submit(_bump)]
    gate.set()
    assert blocker.result(10) is True
    assert futures[0].result(10)[0] == 1
    with pytest.raises(ValueError, match="job failed"):
        futures[1].result(10)
    assert futures[2].result(10)[0] == 2  # boom's bump was rolled back with its savepoint


def test_writer_refuses_work_after_close(journal: Journal) -> None:
    journal.close()
    with pytest.raises(WriterClosed):
        journal.submit(_bump)


def test_writer_may_not_wait_on_itself(journal: Journal) -> None:
    def nested(session: Session) -> None:
        journal.submit(_bump)

    with pytest.raises(JournalError):
        journal.write(nested)


def _note(value: int, fail: bool = False) -> Callable[[Session], None]:
    """A core job: raw SQL on the session's connection, optionally failing after its insert."""

    def job(session: Session) -> None:
        session.connection().exec_driver_sql(
            "INSERT INTO account_cache (account_no, data, fetched_at) VALUES (?, '{}', ?)",
            (f"33000{value:05d}", "2026-11-26 08:00:00.000000"),
        )
        if fail:
            raise ValueError(f"core job {value} failed")

    return job


def test_failing_core_job_is_undone_alone_in_a_mixed_batch(journal: Journal) -> None:
    gate = threading.Event()
    blocker = journal.submit(lambda s: gate.wait(10))  # the next five are committed together
    futures = [
        journal.submit(_note(1), core=True),
        journal.submit(_note(2, fail=True), core=True),
        journal.submit(_bump),  # an ORM job between core jobs keeps its own nested transaction
        journal.submit(_note(3), core=True),
        journal.submit(_note(4, fail=True), core=True),
    ]
    gate.set()
    assert blocker.result(10) is True
    assert futures[0].result(10) is None
    with pytest.raises(ValueError, match="core job 2 failed"):
        futures[1].result(10)
    assert futures[2].result(10)[0] == 1
    assert futures[3].result(10) is None
    with pytest.raises(ValueError, match="core job 4 failed"):
        futures[4].result(10)
    with journal.reading() as connection:
        kept = connection.execute(text("SELECT account_no FROM account_cache ORDER BY 1")).all()
        counter = connection.execute(
            text("SELECT last_value FROM id_sequences WHERE prefix='counter'")
        ).scalar()
    assert [row[0] for row in kept] == ["3300000001", "3300000003"]
    assert counter == 1


def test_core_job_alone_that_fails_leaves_nothing(journal: Journal) -> None:
    with pytest.raises(ValueError, match="core job 5 failed"):
        journal.write(_note(5, fail=True), core=True)
    journal.write(_note(6), core=True)
    with journal.reading() as connection:
        kept = connection.execute(text("SELECT account_no FROM account_cache")).all()
    assert [row[0] for row in kept] == ["3300000006"]
