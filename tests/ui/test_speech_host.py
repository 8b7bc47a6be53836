"""The speech host process over its real pipes, with Qt's mock engine: ready first, every command
answered, the voice's state and words reported, bad lines refused without harm, and an end when
the window closes the pipe."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Host:
    """The host as the window sees it: JSON lines in, JSON lines out, each read bounded."""

    def __init__(self, engine: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ui.speech_host", engine],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        self.buffer = b""
        self.seen: list[dict[str, Any]] = []

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def until(self, wanted: dict[str, Any], timeout_s: float = 10.0) -> list[dict[str, Any]]:
        """Messages up to and including the first one holding all of `wanted`."""
        deadline = time.monotonic() + timeout_s
        start = len(self.seen)
        while True:
            for index, message in enumerate(self.seen[start:], start):
                if wanted.items() <= message.items():
                    return self.seen[start : index + 1]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {wanted} in {self.seen[start:]}")
            if self.selector.select(left):
                assert self.process.stdout is not None
                chunk = self.process.stdout.read() or b""
                if not chunk:
                    raise AssertionError(f"host ended before {wanted}: {self.seen[start:]}")
                self.buffer += chunk
                *lines, self.buffer = self.buffer.split(b"\n")
                self.seen += [json.loads(line) for line in lines if line.strip()]

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(10)


@pytest.fixture
def host() -> Iterator[Host]:
    running = Host("mock")
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait(10)
    running.selector.close()
    assert running.process.stdout is not None and running.process.stdin is not None
    running.process.stdout.close()
    running.process.stdin.close()


def test_the_host_says_what_it_is_told_and_reports_the_voice(host: Host) -> None:
    (ready,) = host.until({"event": "ready"})
    assert ready["state"] == "Ready"
    host.send(json.dumps({"n": 1, "do": "volume", "value": 0.3}))
    seen = host.until({"ack": 1})
    assert {"event": "volume", "value": pytest.approx(0.3, abs=0.01)} in seen
    host.send(json.dumps({"n": 2, "do": "say", "text": "Please insert notes", "language": "en"}))
    seen = host.until({"ack": 2}) + host.until({"event": "state", "state": "Ready"})
    words = [m["word"] for m in seen if m.get("event") == "word"]
    assert words == ["Please", "insert", "notes"]
    assert {"event": "state", "state": "Speaking"} in seen
    locales = [ready["locale"]] + [m["name"] for m in host.seen if m.get("event") == "locale"]
    assert locales[-1].startswith("en")  # an English voice for English
    host.send(json.dumps({"n": 3, "do": "say", "text": "请投入纸币", "language": "zh"}))
    host.until({"ack": 3})
    host.send(json.dumps({"n": 4, "do": "stop"}))
    host.until({"ack": 4})
    assert host.close() == 0  # the window closed the pipe: the host ends


def test_bad_lines_are_refused_and_change_nothing(host: Host) -> None:
    host.until({"event": "ready"})
    for bad in (
        "not json",
        '{"do": "say"}',
        '{"n": 5, "do": "volume", "value": 7}',
        '{"n": 6, "do": "shout"}',
    ):
        host.send(bad)
        (error,) = host.until({"event": "error"})
        assert error["error"].startswith("bad command")
    assert not [m for m in host.seen if "ack" in m or m.get("event") == "volume"]
    host.send(json.dumps({"n": 7, "do": "stop"}))
    host.until({"ack": 7})  # still working


def test_an_unknown_engine_is_reported_and_the_host_ends() -> None:
    bad = Host("no-such-engine")
    try:
        (off,) = bad.until({"event": "off"})
        assert "no-such-engine" in off["reason"]
        assert bad.process.wait(10) == 3
    finally:
        bad.selector.close()
        assert bad.process.stdout is not None and bad.process.stdin is not None
        bad.process.stdout.close()
        bad.process.stdin.close()
