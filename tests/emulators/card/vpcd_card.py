"""A virtual smart card for vsmartcard's vpcd: a TCP client that answers with a sim card.

vpcd (loaded by pcscd) listens on 127.0.0.1:35963; every message both ways is a 2-byte big-endian
length + payload. A 1-byte message is control (00 power off, 01 power on, 02 reset, 04 get ATR,
only the last is answered); anything longer is a command APDU answered with data + SW1 SW2.
Closing the socket is pulling the card out.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

from drivers.card.sim_cards import ApduProcessor

DEFAULT_PORT = 35963


class VpcdCard:
    """One card in one vpcd slot. `insert()` connects, `remove()` or `remove_after()` pulls it."""

    def __init__(
        self, card: ApduProcessor, *, port: int = DEFAULT_PORT, host: str = "127.0.0.1"
    ) -> None:
        self.card = card
        self.port = port
        self.host = host
        self.commands = 0  # APDUs answered (or swallowed) since the card was created
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._removed = threading.Event()
        self._removed.set()
        self._remove_after: int | None = None
        self._mid_command = False

    @property
    def inserted(self) -> bool:
        return not self._removed.is_set()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd (retrying while pcscd starts up, bounded by `timeout`)."""
        if self.inserted:
            raise RuntimeError("card already inserted")
        waiter = threading.Event()
        attempts = max(1, int(timeout / 0.05))
        last: OSError | None = None
        for _ in range(attempts):
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError as exc:
                last = exc
                waiter.wait(0.05)
        else:
            raise ConnectionError(f"vpcd not listening on {self.host}:{self.port}: {last}")
        sock.settimeout(None)
        with self._lock:
            self._sock = sock
            self._remove_after = None
            self._removed.clear()
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Pull the card out now."""
        self._close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def remove_after(self, n_commands: int, *, mid_command: bool = False) -> None:
        """Answer `n_commands` more APDUs, then pull the card.

        With `mid_command` the card also receives and executes the next APDU but is pulled before
        its answer goes out (the host sees the card vanish during the command).
        """
        if n_commands == 0 and not mid_command:
            self.remove()
            return
        with self._lock:
            self._remove_after = n_commands
            self._mid_command = mid_command

    def wait_removed(self, timeout: float) -> bool:
        return self._removed.wait(timeout)

    def _close(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._removed.set()

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes | None:
        buf = bytearray()
        while len(buf) < n:
            try:
                chunk = sock.recv(n - len(buf))
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        return bytes(buf)

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = self._recv_exact(sock, 2)
                if header is None:
                    return
                payload = self._recv_exact(sock, struct.unpack(">H", header)[0])
                if payload is None:
                    return
                if len(payload) == 1:
                    self._control(sock, payload[0])
                    continue
                with self._lock:
                    pending = self._remove_after
                    mid = self._mid_command
                if pending == 0:
                    if mid:
                        self.card.process(payload)  # the card acts, the answer is lost
                        self.commands += 1
                    return
                answer = self.card.process(payload)
                self.commands += 1
                self._send(sock, answer)
                if pending is not None:
                    with self._lock:
                        self._remove_after = pending - 1
                    if pending - 1 == 0 and not mid:
                        return
        except OSError:
            return
        finally:
            self._close()

    def _control(self, sock: socket.socket, code: int) -> None:
        if code == 0x04:
            self._send(sock, self.card.atr)
        elif code in (0x01, 0x02):
            self.card.power_on()
        # 0x00 power off: nothing to keep
