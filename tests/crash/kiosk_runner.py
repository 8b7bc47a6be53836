"""The kiosk as a process to be killed: the real core (journal, outbox, eSSP driver, session) runs
scripted cash sessions until SIGKILL. Used by test_kill.py; prints one line per event.

python -m tests.crash.kiosk_runner --data DIR --backend URL --port PTY [--seed N] [--drain]
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from pathlib import Path

from kiosk.app import Kiosk
from kiosk.config import DEFAULT_CONFIG, load_config
from kiosk.session.state import Method, Screen

ACCOUNTS = ("3300000001", "3300000002", "3300000004", "1300000000008")


def say(*words: object) -> None:
    print(*words, flush=True)


def build(data: Path, backend: str, port: str) -> Kiosk:
    settings = load_config(DEFAULT_CONFIG, env={})
    settings = settings.model_copy(
        update={
            "kiosk": settings.kiosk.model_copy(update={"data_dir": data}),
            "backend": settings.backend.model_copy(
                update={"simulate": False, "url": backend, "read_timeout_s": 2.0}
            ),
            "devices": settings.devices.model_copy(
                update={
                    "cash": settings.devices.cash.model_copy(
                        update={"driver": "essp", "port": port}
                    ),
                    "scanner": settings.devices.scanner.model_copy(update={"driver": "none"}),
                    "card": settings.devices.card.model_copy(update={"driver": "none"}),
                }
            ),
            "session": settings.session.model_copy(
                update={"cash_insert_timeout_s": 20, "posting_wait_s": 3}
            ),
        }
    )
    return Kiosk.build(settings)


class Watch:
    """Wakes the runner on every session change instead of polling."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.changed = threading.Condition()
        kiosk.session.add_listener(self._on_state)

    def _on_state(self, _state: object) -> None:
        with self.changed:
            self.changed.notify_all()


def wait_screen(kiosk: Kiosk, screens: tuple[Screen, ...], timeout: float) -> Screen:
    """Wait for one of `screens`; the session's clock ticks (timeouts) run meanwhile."""
    watch: Watch = kiosk.watch  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    with watch.changed:
        while kiosk.session.state.screen not in screens:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            kiosk.session.tick()
            watch.changed.wait(min(left, 0.25))
    return kiosk.session.state.screen


def one_session(kiosk: Kiosk, rng: random.Random) -> None:
    session = kiosk.session
    session.begin()
    for digit in rng.choice(ACCOUNTS):
        session.type_digit(digit)
    session.submit_account()
    if wait_screen(kiosk, (Screen.ACCOUNT, Screen.NOTICE), 15) is not Screen.ACCOUNT:
        say("NOTICE", session.state.message)
        session.done()
        return
    session.to_amount()
    for digit in str(rng.randint(1, 300)):
        session.type_amount_digit(digit)
    session.submit_other_amount()
    session.choose_method(Method.CASH)
    session.confirm()
    if wait_screen(kiosk, (Screen.CASH, Screen.NOTICE), 15) is not Screen.CASH:
        say("NOTICE", session.state.message)
        session.done()
        return
    say("READY", session.state.transaction_id, session.state.amount_fen)
    # The test inserts notes now; after a while the resident presses Done (or the target is met).
    wait_screen(kiosk, (Screen.POSTING, Screen.RESULT, Screen.NOTICE), rng.uniform(1.0, 4.0))
    if session.state.screen is Screen.CASH:
        if session.state.notes:
            session.finish_cash()
        else:
            session.cancel()
    final = wait_screen(kiosk, (Screen.RESULT, Screen.START, Screen.NOTICE), 30)
    outcome = session.state.outcome
    say("DONE", session.state.transaction_id, final.value, outcome.posted if outcome else "-")
    session.done()
    wait_screen(kiosk, (Screen.START,), 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--backend", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--drain", action="store_true")
    ns = parser.parse_args(argv)
    kiosk = build(ns.data, ns.backend, ns.port)
    kiosk.watch = Watch(kiosk)  # type: ignore[attr-defined]
    kiosk.start()
    say("STARTED", kiosk.recovery)
    try:
        if ns.drain:
            deadline = time.monotonic() + 60
            while kiosk.journal.outbox_depth() > 0 and time.monotonic() < deadline:
                kiosk.forwarder.drain_once()
                # Items in back-off come due later: the forwarder's own workers wake for them.
                pending = kiosk.journal.pending_outbox()
                if pending:
                    kiosk.forwarder.wait_result(pending[0].txn_id, 1.0)
            say("DRAINED", kiosk.journal.outbox_depth())
            return 0
        rng = random.Random(ns.seed)
        while True:
            one_session(kiosk, rng)
    finally:
        kiosk.close()


if __name__ == "__main__":
    sys.exit(main())
