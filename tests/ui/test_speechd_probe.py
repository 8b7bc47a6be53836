"""The speech-dispatcher probe against real Unix sockets: a daemon that answers, one that accepts
and never answers (which would freeze Qt's speechd engine), and none at all."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.speechd_probe import socket_path, speechd_state


@pytest.fixture
def daemon(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A listener at a short path; param "answers" replies like speech-dispatcher, "hung" never."""
    path = Path(f"/tmp/speechd-test-{id(tmp_path)}.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(256)
            if request.param == "answers":
                conn.sendall(b"208 OK CLIENT NAME SET\r\n")
            stop.wait(5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield path
    stop.set()
    thread.join(5)
    listener.close()
    path.unlink(missing_ok=True)


@pytest.mark.parametrize("daemon", ["answers"], indirect=True)
def test_a_daemon_that_answers_is_used(daemon: Path) -> None:
    assert speechd_state(daemon) == "answers"


@pytest.mark.parametrize("daemon", ["hung"], indirect=True)
def test_a_hung_daemon_is_noticed_within_the_time_limit(daemon: Path) -> None:
    assert speechd_state(daemon, timeout_s=0.3) == "hung"  # the test's own timeout guards "never"


def test_no_socket_leaves_the_start_to_the_library(tmp_path: Path) -> None:
    assert speechd_state(tmp_path / "none.sock") == "absent"
    stale = tmp_path / "stale.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(stale))  # a socket file nobody listens on
    assert speechd_state(stale) == "absent"


def test_socket_path_follows_libspeechd() -> None:
    env = {"SPEECHD_ADDRESS": "unix_socket:/run/x.sock", "HOME": "/home/k"}
    assert socket_path(env) == Path("/run/x.sock")
    assert socket_path({"XDG_RUNTIME_DIR": "/run/user/0", "HOME": "/root"}) == Path(
        "/run/user/0/speech-dispatcher/speechd.sock"
    )
    assert socket_path({"HOME": "/home/k"}) == Path("/home/k/.cache/speech-dispatcher/speechd.sock")
