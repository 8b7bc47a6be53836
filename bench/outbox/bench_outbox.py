"""Outbox benchmark (not a test): drain 10,000 journaled cash payments into the simulator.

Reports payments/second through journal + forwarder + client, the same figure for a plain loop
of signed httpx POSTs to the same simulator in the same run, their ratio (goal: within 1.5x),
and the median / p99 latency of one durable note-stacked commit.

    .venv/bin/python bench/outbox/bench_outbox.py [--count 10000] [--workers 4] [--write-readme]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from backend_sim.server import SimulatorServer  # noqa: E402
from kiosk.backend.bodies import payment_body  # noqa: E402
from kiosk.backend.client import UtilityClient  # noqa: E402
from kiosk.backend.signing import new_nonce, sign  # noqa: E402
from kiosk.clock import SystemClock, rfc3339  # noqa: E402
from kiosk.journal import Journal, ops  # noqa: E402
from kiosk.outbox import Forwarder, ItemResult  # noqa: E402
from kiosk.payments import CashPayments  # noqa: E402
from kiosk.payments.cash import finish_in_session  # noqa: E402

KIOSK = "K-330106-0001"
SECRET = "dev-secret-change-me"
ACCOUNTS = ["3300000001", "3300000002", "3300000004", "3300000007", "1300000000008"]
ACCOUNTS += [f"34000000{n:02d}" for n in range(15)]  # unknown: cash goes to suspense
NOTES = (1000, 2000, 5000, 10000)


def baseline(url: str, count: int, clock: SystemClock, first: int = 0, bare: bool = False) -> float:
    """Payments/second of a plain loop of signed POST /v1/payments over one connection.

    bare=False: the goal's baseline, httpx.Client.post. bare=True: the same loop straight on an
    httpx.HTTPTransport, as UtilityClient sends (for information: what is left is the journal).
    """
    rng = random.Random(2)
    prefix = "L" if bare else "B"
    post = _bare_post(url) if bare else _client_post(url)
    with post as send:
        started = time.perf_counter()
        for n in range(first, first + count):
            txn = f"{prefix}-{KIOSK}-{n:08d}"
            value = rng.choice(NOTES)
            body = payment_body(
                transaction_id=txn,
                account_no=ACCOUNTS[n % len(ACCOUNTS)],
                amount_fen=value,
                method="cash",
                occurred_at=clock.now(),
                cash_notes={value: 1},
            )
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            stamp, nonce = rfc3339(clock.now()), new_nonce()
            headers = {
                "Content-Type": "application/json",
                "X-Kiosk-Id": KIOSK,
                "X-Timestamp": stamp,
                "X-Nonce": nonce,
                "X-Signature": sign(SECRET, "POST", "/v1/payments", stamp, nonce, content),
                "Idempotency-Key": txn,
            }
            send(content, headers)
        return count / (time.perf_counter() - started)


Post = Callable[[bytes, dict[str, str]], None]  # raises unless 201


@contextmanager
def _client_post(url: str) -> Iterator[Post]:
    with httpx.Client(timeout=10.0) as http:

        def send(content: bytes, headers: dict[str, str]) -> None:
            reply = http.post(f"{url}/v1/payments", content=content, headers=headers)
            if reply.status_code != 201:
                raise RuntimeError(f"baseline POST failed: {reply.status_code} {reply.text}")

        yield send


@contextmanager
def _bare_post(url: str) -> Iterator[Post]:
    target = httpx.URL(f"{url}/v1/payments")
    extensions = {"timeout": httpx.Timeout(10.0).as_dict()}
    with httpx.HTTPTransport(trust_env=False) as transport:

        def send(content: bytes, headers: dict[str, str]) -> None:
            request = httpx.Request(
                "POST", target, headers=headers, content=content, extensions=extensions
            )
            reply = transport.handle_request(request)
            try:
                text = reply.read().decode()
            finally:
                reply.close()
            if reply.status_code != 201:
                raise RuntimeError(f"bare POST failed: {reply.status_code} {text}")

        yield send


def fill(journal: Journal, count: int) -> float:
    """Journal count cash payments (transaction, note, outbox item) in batches; seconds taken."""
    rng = random.Random(1)
    started = time.perf_counter()
    batch = 250
    for first in range(0, count, batch):

        def job(session: object, first: int = first) -> None:
            for n in range(first, min(count, first + batch)):
                now = journal.now()
                txn = ops.create_transaction(
                    session,  # type: ignore[arg-type]
                    now,
                    kiosk_id=KIOSK,
                    kind="payment",
                    account_no=ACCOUNTS[n % len(ACCOUNTS)],
                    amount_fen=0,
                    method="cash",
                    state="collecting",
                )
                for _ in range(rng.randint(1, 3)):
                    ops.record_note(session, now, txn.id, rng.choice(NOTES), "nv200", 4)  # type: ignore[arg-type]
                finish_in_session(session, now, txn.id, now, recovered=False)  # type: ignore[arg-type]

        journal.write(job, timeout_s=120)
    return time.perf_counter() - started


def drain(journal: Journal, url: str, clock: SystemClock, workers: int) -> float:
    """Payments/second of the forwarder draining the whole outbox."""
    total = journal.outbox_depth()
    done = threading.Event()
    finished = 0
    lock = threading.Lock()

    def on_result(result: ItemResult) -> None:
        nonlocal finished
        if result.state != "sent":
            raise RuntimeError(f"item refused: {result}")
        with lock:
            finished += 1
            if finished == total:
                done.set()

    with UtilityClient(url, KIOSK, SECRET, clock=clock) as client:
        forwarder = Forwarder(
            journal, client, clock, random.Random(3), workers=workers, on_result=on_result
        )
        started = time.perf_counter()
        forwarder.start()
        try:
            if not done.wait(timeout=1800):
                raise RuntimeError(f"drain did not finish: {finished}/{total}")
            elapsed = time.perf_counter() - started
        finally:
            forwarder.stop()
    if journal.outbox_depth() != 0:
        raise RuntimeError("outbox not empty after drain")
    return total / elapsed


def note_latency(journal: Journal, clock: SystemClock, samples: int) -> tuple[float, float]:
    """Median and p99 milliseconds of CashPayments.note_stacked (returns after the commit)."""

    class NoWake:
        def wake(self) -> None:
            pass

    cash = CashPayments(journal, NoWake(), KIOSK, clock)
    txn = cash.begin("3300000001", 0, 10**12)
    times: list[float] = []
    for _ in range(samples):
        started = time.perf_counter()
        cash.note_stacked(txn, 10000, "nv200", 4)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def ledger_check(url: str, journal: Journal) -> int:
    reply = httpx.get(f"{url}/v1/sim/ledger", timeout=60).json()["payments"]
    kiosk = [p for p in reply if p.get("channel") == "kiosk" and p["transaction_id"][0] == "T"]
    ids = {p["transaction_id"] for p in kiosk}
    journaled = journal.list_transactions(kind="payment")
    expected = {t.id: t.amount_fen for t in journaled if t.state in ("posted", "suspense")}
    if len(ids) != len(kiosk) or {p["transaction_id"]: p["amount_fen"] for p in kiosk} != expected:
        raise RuntimeError("ledger does not equal the journal")
    return len(kiosk)


@contextmanager
def simulator(data: Path, clock: SystemClock, in_process: bool) -> Iterator[str]:
    """The simulator's URL: in this process, or (default) its own process on loopback."""
    if in_process:
        with SimulatorServer(port=0, state_path=data / "sim.db", clock=clock) as sim:
            yield sim.url
        return
    code = "import sys; from backend_sim.server import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", code, "--port", "0", "--state", str(data / "sim.db")]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if not line.startswith("listening on "):
                raise RuntimeError(f"simulator did not start: {line!r}")
            yield line.split()[-1]
        finally:
            proc.terminate()
            proc.wait(timeout=30)


CPU_S: dict[str, float] = {}  # label -> CPU seconds of this (the kiosk) process


def timed(label: str, fn: Callable[[], float]) -> float:
    """fn's figure; its CPU time (every thread of this process) is kept in CPU_S[label]."""
    print(f"... {label}", file=sys.stderr, flush=True)
    started = time.process_time()
    try:
        return fn()
    finally:
        CPU_S[label] = time.process_time() - started


def cpu_ms(count: int, *labels: str) -> float:
    """Milliseconds of kiosk-process CPU per payment over the runs named by labels."""
    return 1000 * sum(CPU_S[label] for label in labels) / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--note-samples", type=int, default=2000)
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument(
        "--in-process-sim", action="store_true", help="run the simulator in this process"
    )
    args = parser.parse_args()
    clock = SystemClock()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with simulator(data, clock, args.in_process_sim) as url:
            # The baseline runs half before and half after the drain, so a machine whose load
            # drifts during the run (shared CI) weighs on both figures alike.
            half = args.count // 2
            base_1 = timed("baseline 1/2", lambda: baseline(url, half, clock))
            bare_1 = timed("bare loop 1/2", lambda: baseline(url, half, clock, bare=True))
            with Journal.open(data / "journal.db", clock) as journal:
                fill_s = timed("fill", lambda: fill(journal, args.count))
                rate = timed("drain", lambda: drain(journal, url, clock, args.workers))
                bare_2 = timed("bare loop 2/2", lambda: baseline(url, half, clock, half, True))
                base_2 = timed("baseline 2/2", lambda: baseline(url, half, clock, half))
                posted = ledger_check(url, journal)
            base = 2 / (1 / base_1 + 1 / base_2)  # payments over total time
            bare = 2 / (1 / bare_1 + 1 / bare_2)
            with Journal.open(data / "notes.db", clock) as journal:
                median, p99 = note_latency(journal, clock, args.note_samples)
    rows = [
        ("payments drained (ledger == journal)", f"{posted}"),
        (f"fill: journal {args.count} payments (s)", f"{fill_s:.1f}"),
        (f"forwarder, {args.workers} workers (payments/s)", f"{rate:.0f}"),
        ("plain signed httpx loop (payments/s)", f"{base:.0f}"),
        ("  (its halves before / after the drain)", f"{base_1:.0f} / {base_2:.0f}"),
        ("ratio plain / forwarder (goal <= 1.5)", f"{base / rate:.2f}"),
        ("bare-transport signed loop (payments/s)", f"{bare:.0f}"),
        ("  (its halves before / after the drain)", f"{bare_1:.0f} / {bare_2:.0f}"),
        ("ratio bare / forwarder (information)", f"{bare / rate:.2f}"),
        (
            "kiosk CPU per payment: fwd / plain / bare (ms)",
            f"{cpu_ms(args.count, 'drain'):.2f} / "
            f"{cpu_ms(2 * half, 'baseline 1/2', 'baseline 2/2'):.2f} / "
            f"{cpu_ms(2 * half, 'bare loop 1/2', 'bare loop 2/2'):.2f}",
        ),
        ("note_stacked durable commit, median (ms)", f"{median:.2f}"),
        ("note_stacked durable commit, p99 (ms)", f"{p99:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    table = "\n".join(
        [f"| {'measure':<{width}} | value |", f"|{'-' * (width + 2)}|-------|"]
        + [f"| {name:<{width}} | {value} |" for name, value in rows]
    )
    print(table)
    if args.write_readme:
        write_readme(table, args)
    return 0


def write_readme(table: str, args: argparse.Namespace) -> None:
    path = ROOT / "bench" / "README-outbox.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "<!-- bench-outbox-table -->"
    block = f"{marker}\n{table}\n{marker}"
    if text.count(marker) == 2:
        head, _, rest = text.partition(marker)
        _, _, tail = rest.partition(marker)
        path.write_text(head + block + tail, encoding="utf-8")
    else:
        path.write_text(text + "\n" + block + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
