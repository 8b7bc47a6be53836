"""The emulators as separate processes (how the lead's crash tests and simulation mode use them)."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.cash.base import CashEventKind, EscrowDecision
from drivers.cash.factory import open_acceptor
from tests.drivers.cash.conftest import WAIT, Collector

ROOT = Path(__file__).resolve().parents[3]


def _readline(proc: subprocess.Popen[str], timeout: float = WAIT) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "emulator printed nothing in time"
    return proc.stdout.readline().strip()


def _say(proc: subprocess.Popen[str], line: str) -> str:
    assert proc.stdin is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return _readline(proc)


@pytest.mark.parametrize("protocol", ["essp", "id003", "ccnet"])
def test_separate_process_emulator_survives_a_kill_with_its_record(
    protocol: str, tmp_path: Path
) -> None:
    link, record = tmp_path / "acceptor", tmp_path / "stacked.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            f"tests.emulators.cash.{protocol}",
            "--link",
            str(link),
            "--record",
            str(record),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    acceptor = None
    try:
        assert _readline(proc) == str(link)
        assert link.is_symlink()
        acceptor = open_acceptor(
            protocol, str(link), poll_interval_s=0.01, reply_timeout_s=0.1, retries=5
        )
        events = Collector()
        acceptor.set_listener(events)
        acceptor.set_escrow_policy(lambda _v: EscrowDecision.STACK)
        acceptor.open()
        acceptor.enable()
        assert _say(proc, "insert 3") == "ok"
        assert _say(proc, "bogus").startswith("error")
        assert events.wait_for(CashEventKind.STACKED).value_fen == 1000
        proc.kill()
        assert proc.wait(timeout=WAIT) != 0
        lines = record.read_text().splitlines()
        assert [json.loads(x) for x in lines] == [{"value_fen": 1000, "channel": 3}]
        assert events.wait_for(CashEventKind.FAULT).kind is CashEventKind.FAULT
    finally:
        if acceptor is not None:
            acceptor.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=WAIT)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def test_quit_removes_the_link(tmp_path: Path) -> None:
    link = tmp_path / "acceptor"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.emulators.cash.essp", "--link", str(link)],
        cwd=ROOT,
        input="status\nquit\n",
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )
    out = proc.stdout.splitlines()
    assert out[0] == str(link)
    assert out[1].startswith("state=idle")
    assert not link.exists()
