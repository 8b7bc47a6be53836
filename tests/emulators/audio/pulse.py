"""A private PulseAudio server for tests: one null sink (a sound card that plays into nothing),
reached on its own socket, and recorded from that sink's monitor, so a test hears exactly what
the kiosk played. Qt's multimedia backend talks to PulseAudio, as on a kiosk."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.waiting import wait_until

SINK = "kiosk_null"
RATE = 22050  # what the recording is resampled to; the click is made at this rate


@dataclass
class PulseServer:
    directory: Path
    process: subprocess.Popen[bytes]

    @property
    def address(self) -> str:
        return f"unix:{self.directory / 'native'}"

    def env(self) -> dict[str, str]:
        """The environment of a program that plays into this server."""
        return {
            **os.environ,
            "PULSE_SERVER": self.address,
            "PULSE_RUNTIME_PATH": str(self.directory),
        }

    def record(self) -> Recording:
        return Recording(self)

    def wait_for_stream(self, name: str, timeout_s: float = 10.0) -> bool:
        """Whether a stream of that name is playing into the server within `timeout_s`."""
        return wait_until(lambda: name in self.streams(), timeout_s)

    def streams(self) -> list[str]:
        """The names of the streams playing into the server now."""
        out = subprocess.run(
            ["pactl", "list", "sink-inputs"], env=self.env(), capture_output=True, text=True
        ).stdout
        return [
            line.split("=", 1)[1].strip().strip('"')
            for line in out.splitlines()
            if line.strip().startswith("media.name")
        ]


class Recording:
    """What reaches the null sink from now until `stop`, as 16-bit mono samples."""

    def __init__(self, server: PulseServer) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                f"--device={SINK}.monitor",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={RATE}",
                "--latency-msec=10",
            ],
            env=server.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        while chunk := self._process.stdout.read1(4096):
            self._chunks.append(chunk)

    def heard(self) -> array[int]:
        """The samples so far."""
        data = b"".join(list(self._chunks))
        return array("h", data[: len(data) // 2 * 2])

    def wait_for_sound(self, timeout_s: float = 5.0) -> bool:
        """Whether something louder than silence arrives within `timeout_s`. A null sink that
        sat idle can take up to two seconds to take up a new stream."""
        return wait_until(lambda: peak(self.heard()) > 0, timeout_s)

    def stop(self) -> array[int]:
        self._process.terminate()
        self._process.wait(5)
        self._reader.join(5)
        for pipe in (self._process.stdout, self._process.stderr):
            if pipe is not None:
                pipe.close()
        return self.heard()


def peak(samples: array[int]) -> int:
    return max((abs(s) for s in samples), default=0)


def _start(directory: Path) -> PulseServer:
    binary = shutil.which("pulseaudio")
    if binary is None:
        raise RuntimeError("pulseaudio is not installed (make test installs it)")
    state = directory / "state"
    state.mkdir()
    process = subprocess.Popen(
        [
            binary,
            "--daemonize=no",
            "-n",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
            "--log-target=stderr",
            "-L",
            f"module-null-sink sink_name={SINK} rate={RATE} channels=1",
            "-L",
            f"module-native-protocol-unix auth-anonymous=1 socket={directory / 'native'}",
        ],
        env={
            **os.environ,
            "PULSE_STATE_PATH": str(state),
            "PULSE_RUNTIME_PATH": str(directory),
            "HOME": str(directory),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = PulseServer(directory, process)

    def answers() -> bool:
        info = subprocess.run(["pactl", "info"], env=server.env(), capture_output=True)
        return info.returncode == 0 or process.poll() is not None

    if wait_until(answers, 5.0) and process.poll() is None:
        return server
    process.kill()
    _, err = process.communicate(timeout=5)
    raise RuntimeError(f"pulseaudio did not start: {err.decode(errors='replace')[-800:]}")


@pytest.fixture(scope="session")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    server = _start(tmp_path_factory.mktemp("pulse"))
    try:
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.communicate()
