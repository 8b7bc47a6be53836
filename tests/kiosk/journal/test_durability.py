"""Committed notes survive: seen by another process, and after SIGKILL mid-write."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.journal import Journal

from .conftest import new_payment

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("crash_writer.py")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_note_is_visible_to_another_process_once_record_note_returns(journal: Journal) -> None:
    txn = new_payment(journal)
    note = journal.record_note(txn, 5000, "nv200", 3)
    probe = (
        "import sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1])\n"
        "print(con.execute('SELECT id, txn_id, value_fen FROM notes').fetchall())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(journal.path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert out.strip() == repr([(note.id, txn, 5000)])


def test_sigkill_while_writing_loses_no_committed_note(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    rng = random.Random(7)
    reported: set[int] = set()
    for _ in range(5):
        with subprocess.Popen(
            [sys.executable, str(CHILD), str(path), "100000"],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        ) as child:
            assert child.stdout is not None
            kill_after = rng.randint(1, 150)
            seen = 0
            for line in child.stdout:
                if line.startswith("note "):
                    reported.add(int(line.split()[1]))
                    seen += 1
                    if seen >= kill_after:
                        break
            child.send_signal(signal.SIGKILL)
            # ids printed before the kill are still in the pipe: they were committed too
            for line in child.stdout:
                if line.startswith("note "):
                    reported.add(int(line.split()[1]))
            assert child.wait(timeout=30) == -signal.SIGKILL
    assert len(reported) >= 5
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in con.execute("SELECT id FROM notes")}
        counted = con.execute("SELECT SUM(count) FROM cashbox_counts").fetchone()[0]
    finally:
        con.close()
    assert reported <= stored
    assert counted == len(stored)  # note rows and cashbox counts never disagree
    with Journal.open(path, SystemClock()) as journal:
        assert len(journal.all_notes()) == len(stored)
