"""A private pcscd for tests: its own reader.conf directory loading vsmartcard's vpcd driver.

Only one pcscd can run per machine (it owns /run/pcscd). The daemon is session-scoped, started
with `--foreground -c DIR`, recorded in a pid file so a stale one from a crashed run is killed,
and stopped by pid at the end. `-x` makes a leftover daemon exit by itself after 60 s idle.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from smartcard import scard

from tests.emulators.card.vpcd_card import DEFAULT_PORT
from tests.waiting import wait_until

STALE_PID_FILE = Path("/tmp/powerpay-kiosk-test-pcscd.pid")
READER_0 = "Virtual PCD 00 00"  # vpcd slot on DEFAULT_PORT (slot 1 is DEFAULT_PORT + 1)


def vpcd_library() -> Path:
    """The vpcd IFD handler, as installed by the vsmartcard-vpcd package."""
    try:
        out = subprocess.run(
            ["dpkg", "-L", "vsmartcard-vpcd"], capture_output=True, text=True, check=True
        ).stdout
        for line in out.splitlines():
            if line.endswith("libifdvpcd.so"):
                return Path(line)
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidate in Path("/usr/lib").glob("**/libifdvpcd.so*"):
        return candidate
    raise RuntimeError("vsmartcard-vpcd is not installed (apt-get install vsmartcard-vpcd)")


def _pcscd_pids() -> list[int]:
    pids: list[int] = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "pcscd":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def list_readers() -> list[str] | None:
    """Readers on the running pcscd, None when the service does not answer."""
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return None
    try:
        hr, names = scard.SCardListReaders(ctx, [])
        return [str(n) for n in names] if hr == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(ctx)


def wait_card(reader: str, present: bool, timeout: float) -> bool:
    """Block (bounded) until pcscd sees a card in `reader` (or sees it gone)."""
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return False
    try:
        state = scard.SCARD_STATE_UNAWARE
        for _ in range(100):
            hr, new = scard.SCardGetStatusChange(ctx, int(timeout * 1000), [(reader, state)])
            if hr != scard.SCARD_S_SUCCESS:
                return False
            now = new[0][1]
            is_present = bool(now & scard.SCARD_STATE_PRESENT) and not (
                now & scard.SCARD_STATE_MUTE
            )
            if is_present == present:
                return True
            state = now & ~scard.SCARD_STATE_CHANGED
        return False
    finally:
        scard.SCardReleaseContext(ctx)


class PcscdDaemon:
    def __init__(self, workdir: Path, port: int = DEFAULT_PORT) -> None:
        self.workdir = workdir
        self.port = port
        self.confdir = workdir / "reader.conf.d"
        self.logfile = workdir / "pcscd.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def _write_config(self) -> None:
        self.confdir.mkdir(parents=True, exist_ok=True)
        (self.confdir / "vpcd").write_text(
            'FRIENDLYNAME "Virtual PCD"\n'
            f"DEVICENAME /dev/null:{self.port}\n"
            f"LIBPATH {vpcd_library()}\n"
            f"CHANNELID {self.port}\n"
        )

    def _kill_stale(self) -> None:
        if STALE_PID_FILE.exists():
            try:
                pid = int(STALE_PID_FILE.read_text().strip())
                if pid in _pcscd_pids():
                    os.kill(pid, signal.SIGTERM)
                    wait_until(lambda: pid not in _pcscd_pids(), 5)
            except (ValueError, OSError):
                pass
            STALE_PID_FILE.unlink(missing_ok=True)
        others = _pcscd_pids()
        if others:
            raise RuntimeError(
                f"a pcscd not started by these tests is running (pid {others}); only one pcscd "
                "can run per machine: stop it (e.g. `systemctl stop pcscd.socket pcscd`) first"
            )

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 10.0) -> None:
        self._write_config()
        self._kill_stale()
        log = self.logfile.open("ab")
        self.proc = subprocess.Popen(
            ["pcscd", "--foreground", "-c", str(self.confdir), "-x"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        STALE_PID_FILE.write_text(str(self.proc.pid))
        ok = wait_until(lambda: not self.running or READER_0 in (list_readers() or []), timeout)
        if not ok or not self.running:
            tail = self.logfile.read_text(errors="replace")[-2000:]
            self.stop()
            raise RuntimeError(f"pcscd did not come up with the vpcd reader:\n{tail}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        STALE_PID_FILE.unlink(missing_ok=True)

    def ensure_running(self) -> None:
        if not self.running:
            self.start()


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdDaemon]:
    """The session's private pcscd; skipped only when pcscd itself is not installed."""
    if shutil.which("pcscd") is None:
        pytest.skip("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)")
    daemon = PcscdDaemon(tmp_path_factory.mktemp("pcscd"))
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.stop()
