"""Kill the kiosk with SIGKILL at random points of many cash sessions and prove that no money is
lost or counted twice: the notes the acceptor stacked (its own record, in this process, which
survives the kills) equal the notes in the journal equal the money in the utility's ledger.

The kiosk is a real subprocess (tests/crash/kiosk_runner.py: the real core with the eSSP driver);
the acceptor is the wire-level eSSP emulator on a PTY; the utility is the simulator over HTTP with
latency and fault injection, so kills land between "note stacked" and "payment posted" and in the
middle of back-end requests.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from backend_sim.server import SimulatorServer
from tests.emulators.cash.essp import EsspEmulator

ROOT = Path(__file__).resolve().parents[2]
WALL_S = float(os.environ.get("KIOSK_CRASH_SECONDS", "35"))
CHANNELS = (1, 2, 3, 4, 5, 6)  # ¥1 … ¥100


class Runner:
    """One kiosk process; its stdout lines arrive in a list as they come."""

    def __init__(self, data: Path, backend: str, port: str, seed: int, drain: bool = False):
        args = [
            sys.executable,
            "-m",
            "tests.crash.kiosk_runner",
            "--data",
            str(data),
            "--backend",
            backend,
            "--port",
            port,
            "--seed",
            str(seed),
        ]
        if drain:
            args.append("--drain")
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.lines: list[str] = []
        self.cv = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.cv:
                self.lines.append(line.strip())
                self.cv.notify_all()

    def wait_line(self, prefix: str, after: int, timeout: float) -> int | None:
        """Index of the first line starting with prefix at or after `after`, or None."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while True:
                for i in range(after, len(self.lines)):
                    if self.lines[i].startswith(prefix):
                        return i
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self.cv.wait(left)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.close()

    def close(self) -> None:
        self.proc.wait(30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def ledger_payments(url: str) -> list[dict]:
    payments = httpx.get(f"{url}/v1/sim/ledger", timeout=10).json()["payments"]
    return [p for p in payments if str(p.get("transaction_id") or "").startswith("T-K-")]


def journal_notes(path: Path) -> list[tuple[int, str | None]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [(int(v), t) for v, t in db.execute("SELECT value_fen, txn_id FROM notes")]
    finally:
        db.close()


def journal_states(path: Path) -> dict[str, str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT id, state FROM transactions WHERE kind = 'payment'"))
    finally:
        db.close()


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("faults", [False, True], ids=["clean", "faults"])
def test_sigkill_at_random_points_loses_and_doubles_nothing(tmp_path, faults):
    rng = random.Random(20261127 + faults)
    data = tmp_path / "kiosk"
    record = tmp_path / "stacked.jsonl"
    with (
        SimulatorServer(port=0, state_path=tmp_path / "sim.db") as sim,
        EsspEmulator(record) as device,
    ):
        httpx.post(
            f"{sim.url}/v1/sim/faults",
            json={
                "latency_ms": 150,
                "fail_before_commit_rate": 0.2 if faults else 0.0,
                "drop_response_after_commit_rate": 0.2 if faults else 0.0,
                "seed": 7,
            },
            timeout=10,
        ).raise_for_status()
        deadline = time.monotonic() + WALL_S
        kills = sessions = mid_cash_kills = 0
        while time.monotonic() < deadline:
            runner = Runner(data, sim.url, device.port, seed=rng.randrange(1 << 30))
            seen = 0
            kill_after = rng.uniform(0.5, 8.0)  # seconds of life before SIGKILL
            born = time.monotonic()
            while time.monotonic() - born < kill_after:
                ready = runner.wait_line("READY", seen, timeout=kill_after)
                if ready is None:
                    break
                seen = ready + 1
                sessions += 1
                for _ in range(rng.randint(1, 4)):  # a resident pushes notes in
                    device.command(["insert", str(rng.choice(CHANNELS))])
                    # The next note follows once the device has taken this one in (or after a
                    # random while: a hand does not wait for a note the kiosk refuses).
                    device.wait_for(lambda: not device.waiting, timeout=rng.uniform(0.05, 0.6))
            runner.kill()
            kills += 1
            with runner.cv:
                last = [line for line in runner.lines if line.startswith(("READY", "DONE"))]
            if last and last[-1].startswith("READY"):
                mid_cash_kills += 1  # killed with the cash step open: notes in flight
        # Faults off; one last start settles everything the kills left behind.
        httpx.post(
            f"{sim.url}/v1/sim/faults",
            json={
                "latency_ms": 0,
                "fail_before_commit_rate": 0.0,
                "drop_response_after_commit_rate": 0.0,
                "seed": 1,
            },
            timeout=10,
        ).raise_for_status()
        final = Runner(data, sim.url, device.port, seed=1, drain=True)
        assert final.wait_line("DRAINED 0", 0, timeout=120) is not None, final.lines
        final.close()
        stacked = Counter(json.loads(line)["value_fen"] for line in record.read_text().splitlines())
        notes = journal_notes(data / "journal.db")
        credited = Counter(v for v, txn in notes if txn is not None)
        payments = ledger_payments(sim.url)
    print(f"kills={kills} sessions={sessions} mid_cash_kills={mid_cash_kills}")
    assert kills >= 3, kills
    assert sessions >= 3, sessions
    assert mid_cash_kills >= 1, "no kill landed in a cash step: the test proved nothing"
    assert sum(stacked.values()) > 0
    # 1. Every note the acceptor stacked is in the journal, credited to a payment, exactly once.
    assert credited == stacked
    # 2. The utility received exactly that money, each payment once.
    ids = [p["transaction_id"] for p in payments]
    assert len(ids) == len(set(ids)), "a payment was posted twice"
    assert sum(p["amount_fen"] for p in payments) == sum(v * n for v, n in stacked.items())
    # 3. Every payment with notes ended posted; none is left pending.
    states = journal_states(data / "journal.db")
    assert {states[t] for t in ids} <= {"posted", "suspense"}
