"""Is speech-dispatcher alive? Asked before Qt connects to it, because Qt's speechd engine waits
without limit for a daemon that accepts connections and never answers: a hung daemon would freeze
the kiosk's start-up. A daemon that does not answer one SSIP command within the time limit is
treated as absent (no spoken guidance, logged), and the kiosk starts anyway.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

PROBE = b'SET SELF CLIENT_NAME "powerpay:probe:main"\r\n'


def socket_path(env: dict[str, str] | None = None) -> Path:
    """Where libspeechd connects: SPEECHD_ADDRESS, else the runtime dir, else ~/.cache."""
    env = dict(os.environ) if env is None else env
    address = env.get("SPEECHD_ADDRESS", "")
    method, _, rest = address.partition(":")
    if method == "unix_socket" and rest:
        return Path(rest)
    runtime = env.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path(env.get("HOME", "/root")) / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speechd_state(path: Path, timeout_s: float = 1.0) -> str:
    """ "answers", "hung" (connected, no reply in time) or "absent" (no socket or refused: the
    library starts a fresh daemon itself)."""
    if not path.exists():
        return "absent"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        try:
            sock.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return "absent"
        except OSError:
            return "hung"
        try:
            sock.sendall(PROBE)
            reply = sock.recv(256)
        except OSError:  # the timeout included
            return "hung"
        with contextlib.suppress(OSError):
            sock.sendall(b"QUIT\r\n")
    return "answers" if reply[:1] == b"2" else "hung"
