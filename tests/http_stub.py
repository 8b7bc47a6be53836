"""A scripted HTTP server on loopback for tests that need answers the simulator never gives
(malformed, captured byte for byte, behind TLS): a real socket, a real server thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubHandler(BaseHTTPRequestHandler):
    """Base handler: HTTP/1.1, quiet, and one way to answer."""

    protocol_version = "HTTP/1.1"

    def reply(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler],
    setup: Callable[[ThreadingHTTPServer], None] | None = None,
) -> Iterator[ThreadingHTTPServer]:
    """The server listening on a free loopback port until the block ends; `setup` runs first
    (attributes the handler reads, a TLS-wrapped socket)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if setup is not None:
        setup(server)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
