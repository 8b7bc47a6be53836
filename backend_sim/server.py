"""HTTP/1.1 (keep-alive) front of the simulator on stdlib ThreadingHTTPServer, and its CLI.

A dropped answer (fault injection) really closes the socket without writing a byte.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from backend_sim.app import Outcome, Simulator
from backend_sim.store import Store
from kiosk.clock import Clock, SystemClock

MAX_BODY = 1 << 20


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], simulator: Simulator) -> None:
        self.simulator = simulator
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is not worth a traceback."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self.connections_lock:
            for conn in list(self.connections):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HttpServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines may carry account numbers; speed matters in benchmarks."""

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def _serve(self, method: str) -> None:
        length_text = self.headers.get("Content-Length", "0")
        if self.headers.get("Transfer-Encoding") or not length_text.isdigit():
            self._write(
                Outcome(
                    411,
                    b'{"error":{"code":"VALIDATION","message":'
                    b'"Content-Length required","retryable":false}}',
                )
            )
            self.close_connection = True
            return
        length = int(length_text)
        if length > MAX_BODY:
            self._write(
                Outcome(
                    413,
                    b'{"error":{"code":"VALIDATION","message":"body too large","retryable":false}}',
                )
            )
            self.close_connection = True
            return
        body = self.rfile.read(length) if length else b""
        outcome = self.server.simulator.handle(method, self.path, self.headers.get, body)
        if outcome.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._write(outcome)

    def _write(self, outcome: Outcome) -> None:
        self.send_response(outcome.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(outcome.body)))
        for name, value in outcome.headers.items():
            self.send_header(name, value)
        # Headers and body in one write: no Nagle/delayed-ACK stall between two small segments.
        self._headers_buffer.append(b"\r\n" + outcome.body)  # type: ignore[attr-defined]
        self.flush_headers()


class SimulatorServer:
    """The simulator on a loopback port, served from a daemon thread."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        state_path: Path | None = None,
        clock: Clock | None = None,
        kiosks: dict[str, str] | None = None,
        *,
        slow_card_delay_s: float = 15.0,
    ) -> None:
        self._address = (host, port)
        self._state_path = state_path
        self._clock: Clock = clock or SystemClock()
        self._kiosks = kiosks
        self._slow_card_delay_s = slow_card_delay_s
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self.simulator: Simulator | None = None

    def start(self) -> SimulatorServer:
        store = Store(self._state_path)
        self.simulator = Simulator(
            store, self._clock, self._kiosks, slow_card_delay_s=self._slow_card_delay_s
        )
        self._httpd = _HttpServer(self._address, self.simulator)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="backend-sim",
            daemon=True,
        )
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        assert self._httpd is not None, "not started"
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        assert self._httpd is not None, "not started"
        return f"http://{self._address[0]}:{self.port}"

    def stop(self) -> None:
        if self._httpd is None or self.simulator is None:
            return
        self.simulator.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.close_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.simulator.store.close()
        self._httpd = None

    def __enter__(self) -> SimulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _kiosk_pair(text: str) -> tuple[str, str]:
    kiosk_id, sep, secret = text.partition("=")
    if not sep or not kiosk_id or not secret:
        raise argparse.ArgumentTypeError("expected KIOSK_ID=SECRET")
    return kiosk_id, secret


def main(argv: list[str] | None = None) -> int:
    """`kiosk backend-sim`: serve until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(
        prog="kiosk backend-sim", description="Run the utility back-end simulator on loopback."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--state", type=Path, default=Path("var/backend-sim.sqlite3"), help="SQLite state file"
    )
    parser.add_argument(
        "--kiosk", type=_kiosk_pair, action="append", default=[], help="extra KIOSK_ID=SECRET"
    )
    parser.add_argument("--slow-card-delay", type=float, default=15.0, help="seconds (PAN 0003)")
    args = parser.parse_args(argv)
    done = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        done.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    server = SimulatorServer(
        args.host,
        args.port,
        args.state,
        kiosks=dict(args.kiosk),
        slow_card_delay_s=args.slow_card_delay,
    )
    try:
        server.start()
        print(f"listening on {server.url}", flush=True)
        while not done.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
