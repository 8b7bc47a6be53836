"""The same printer emulator behind a pseudo-terminal, for the serial:PATH transport."""

from __future__ import annotations

import os
import select
import threading
import tty

from tests.emulators.printer.server import Paper, PrinterEmulator


class PtyPrinter:
    """Opens a PTY; the driver opens `path` with pyserial, the emulator answers on the master."""

    def __init__(self, paper: Paper = "ok") -> None:
        self.core = PrinterEmulator(paper)  # its TCP listener stays unused
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="pty-printer", daemon=True)

    @property
    def target(self) -> str:
        return f"serial:{self.path}:115200"

    def __enter__(self) -> PtyPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        os.close(self._master)
        os.close(self._slave)
        self.core.stop()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            replies = self.core.handle(chunk)
            if replies:
                os.write(self._master, replies)
