"""An ESC/POS printer on a loopback TCP socket (port 0), like a port-9100 network printer.

It records every byte, parses the stream, and answers DLE EOT 4 from its paper state:
"ok" -> 0x12, "near_end" -> 0x1E, "out" -> 0x72, "silent" -> no answer, "garbage" -> 0xFF.
`script` queues the answers for the next queries (e.g. ok then out: paper ran out mid-job).
"""

from __future__ import annotations

import collections
import select
import socket
import threading
from collections.abc import Callable, Iterable
from typing import Literal

from tests.emulators.printer.parser import Event, Parser

Paper = Literal["ok", "near_end", "out", "silent", "garbage"]
REPLIES: dict[str, bytes] = {
    "ok": b"\x12",
    "near_end": b"\x1e",
    "out": b"\x72",
    "silent": b"",
    "garbage": b"\xff",
}


class PrinterEmulator:
    def __init__(self, paper: Paper = "ok") -> None:
        self.paper: Paper = paper
        self.script: collections.deque[Paper] = collections.deque()
        self.received = bytearray()
        self.parser = Parser()
        self.connections = 0
        self.status_queries = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(4)
        self.port: int = self._sock.getsockname()[1]
        self._conn: socket.socket | None = None
        self._thread = threading.Thread(target=self._serve, name="printer-emulator", daemon=True)

    @property
    def target(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self) -> PrinterEmulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.ident is not None:  # started
            self._thread.join(timeout=5)
        self._sock.close()

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def queue(self, answers: Iterable[Paper]) -> None:
        with self._cond:
            self.script.extend(answers)

    @property
    def events(self) -> list[Event]:
        with self._cond:
            return list(self.parser.events)

    @property
    def data(self) -> bytes:
        with self._cond:
            return bytes(self.received)

    def push(self, data: bytes) -> None:
        """Send unsolicited bytes now, like a late answer to an earlier query."""
        with self._cond:
            if self._conn is None:
                raise RuntimeError("no client connected")
            self._conn.sendall(data)

    def wait_for(self, predicate: Callable[[PrinterEmulator], bool], timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout=timeout)

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._sock], [], [], 0.05)
            if not ready:
                continue
            conn, _ = self._sock.accept()
            with self._cond:
                self.connections += 1
                self._cond.notify_all()
            with self._cond:
                self._conn = conn
            with conn:
                self._session(conn)
            with self._cond:
                self._conn = None

    def _session(self, conn: socket.socket) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([conn], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = conn.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            replies = self.handle(chunk)
            if replies:
                try:
                    conn.sendall(bytes(replies))
                except OSError:
                    return

    def handle(self, chunk: bytes) -> bytes:
        """Record and parse bytes from the host; the replies the printer sends back."""
        replies = bytearray()
        with self._cond:
            self.received += chunk
            for event in self.parser.feed(chunk):
                if event.kind == "status":
                    replies += self._answer(event.params[0])
            self._cond.notify_all()
        return bytes(replies)

    def _answer(self, n: int) -> bytes:
        if n != 4:
            return b"" if self.paper == "silent" else b"\x12" if n != 1 else b"\x16"
        self.status_queries += 1
        paper = self.script.popleft() if self.script else self.paper
        return REPLIES[paper]
