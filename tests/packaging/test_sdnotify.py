"""powerpay.sdnotify against a real AF_UNIX datagram socket standing in for systemd."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from powerpay.sdnotify import Notifier


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    yield sock, path
    sock.close()


def _received(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode("utf-8").split("\n")


def test_ready_watchdog_status_and_stopping_reach_the_socket(systemd) -> None:
    sock, path = systemd
    notifier = Notifier({"NOTIFY_SOCKET": path})
    assert notifier.enabled
    assert notifier.ready("journal recovered")
    assert _received(sock) == ["READY=1", "STATUS=journal recovered"]
    assert notifier.watchdog()
    assert _received(sock) == ["WATCHDOG=1"]
    assert notifier.status("3 payments waiting to post")
    assert _received(sock) == ["STATUS=3 payments waiting to post"]
    assert notifier.stopping()
    assert _received(sock) == ["STOPPING=1"]


def test_abstract_namespace_address(tmp_path: Path) -> None:
    name = f"powerpay-test-{os.getpid()}-{tmp_path.name}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(5)
    try:
        assert Notifier({"NOTIFY_SOCKET": "@" + name}).watchdog()
        assert _received(sock) == ["WATCHDOG=1"]
    finally:
        sock.close()


def test_outside_systemd_every_call_is_a_no_op() -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.ready() is False
    assert notifier.watchdog() is False
    assert notifier.watchdog_interval_s() is None


def test_a_vanished_socket_is_reported_not_raised(tmp_path: Path) -> None:
    assert Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")}).ready() is False


def test_watchdog_interval_is_half_of_watchdog_sec() -> None:
    env = {"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"}
    assert Notifier(env).watchdog_interval_s() == 15.0
    # Under cage the main pid is cage's: the kiosk (its child) still feeds the watchdog.
    env_child = {**env, "WATCHDOG_PID": str(os.getpid() + 1)}
    assert Notifier(env_child).watchdog_interval_s() == 15.0
    assert Notifier({**env, "WATCHDOG_USEC": "garbage"}).watchdog_interval_s() is None


def test_multi_line_values_are_refused(systemd) -> None:
    _sock, path = systemd
    with pytest.raises(ValueError, match="single lines"):
        Notifier({"NOTIFY_SOCKET": path}).status("two\nlines")
