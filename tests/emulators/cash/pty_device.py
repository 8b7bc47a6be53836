"""Common plumbing of the wire-level acceptor emulators: a raw PTY, a reader thread, faults, record.

The driver opens `port` (the PTY slave) with pyserial; the emulator speaks the real protocol on the
master side. Faults (drop a reply, garbage, silence) apply to whatever the protocol sends next.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import sys
import threading
import tty
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Self, TextIO


class PtyDevice(ABC):
    def __init__(self, record_path: Path | str | None = None) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        tty.setraw(self._master)
        self.port = os.ttyname(self._slave)
        self._record_path = Path(record_path) if record_path else None
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.stacked: list[int] = []  # value in fen of every note physically in the cashbox
        self.silent = False
        self.drop_replies = 0
        self._garbage = b""
        self.noise: Callable[[], bytes] | None = None  # line noise before every reply, if set
        self.corrupt: Callable[[bytes], bytes] | None = None  # damages replies on the wire, if set
        self.frames_in = 0
        self.replies_out = 0
        self.log: list[str] = []  # command names in the order they were processed

    # ---- life cycle ---------------------------------------------------------------------------
    def start(self) -> Self:
        self._thread = threading.Thread(target=self._loop, name="pty-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _loop(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.01)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                return
            with self.lock:
                if self.silent:
                    continue
                self.on_bytes(data)
                self.changed.notify_all()

    # ---- for protocols ------------------------------------------------------------------------
    @abstractmethod
    def on_bytes(self, data: bytes) -> None:
        """Bytes from the host (called with the lock held)."""

    @abstractmethod
    def command(self, words: list[str]) -> str:
        """One script command (see the module's COMMANDS); returns a short answer."""

    def send(self, data: bytes) -> None:
        """Send a reply, unless a fault says otherwise (called with the lock held)."""
        if self.drop_replies > 0:
            self.drop_replies -= 1
            return
        data, self._garbage = self._garbage + data, b""
        if self.noise is not None:
            data = self.noise() + data
        if self.corrupt is not None:
            data = self.corrupt(data)
        os.write(self._master, data)
        self.replies_out += 1

    def record_stacked(self, value_fen: int, channel: int) -> None:
        self.stacked.append(value_fen)
        if self._record_path is not None:
            with self._record_path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps({"value_fen": value_fen, "channel": channel}) + "\n")
                fh.flush()
                os.fsync(fh.fileno())

    # ---- scripting shared by both protocols --------------------------------------------------
    def fault_command(self, words: list[str]) -> str | None:
        """drop N | garbage HEX | silent on|off; None if not a fault command."""
        with self.lock:
            if words[0] == "drop":
                self.drop_replies += int(words[1]) if len(words) > 1 else 1
            elif words[0] == "garbage":
                self._garbage += bytes.fromhex("".join(words[1:]))
            elif words[0] == "silent":
                self.silent = len(words) < 2 or words[1] == "on"
            else:
                return None
            return "ok"

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Block until predicate() (checked under the lock after every host frame) or timeout."""
        with self.changed:
            return self.changed.wait_for(predicate, timeout)

    def symlink(self, link: Path) -> None:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(self.port)


def serve(
    device: PtyDevice, link: str | None, out: TextIO = sys.stdout, inp: TextIO = sys.stdin
) -> int:
    """The separate-process mode: print the port, run script lines from stdin until EOF/quit."""
    if link:
        device.symlink(Path(link))
    device.start()
    print(link or device.port, file=out, flush=True)
    try:
        for line in inp:
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if words[0] in ("quit", "exit"):
                break
            try:
                answer = device.fault_command(words) or device.command(words)
            except (ValueError, IndexError, KeyError) as exc:
                answer = f"error: {exc}"
            print(answer, file=out, flush=True)
    finally:
        device.stop()
        if link:
            Path(link).unlink(missing_ok=True)
    return 0
