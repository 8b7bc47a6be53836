"""Line noise before replies or damaged replies: every stacked note is credited once, in order."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from drivers.cash.base import CashEventKind, EscrowDecision
from drivers.cash.ccnet import CcnetAcceptor
from drivers.cash.essp import EsspAcceptor
from drivers.cash.id003 import Id003Acceptor
from drivers.cash.poller import PollingAcceptor, Timing
from tests.drivers.cash.conftest import Collector
from tests.emulators.cash.ccnet import CcnetEmulator
from tests.emulators.cash.essp import EsspEmulator
from tests.emulators.cash.id003 import Id003Emulator
from tests.emulators.cash.pty_device import PtyDevice

TIMING = Timing(poll_interval_s=0.01, reply_timeout_s=0.1, retries=20)
NOTES = [1, 4, 2, 6, 3]
YUAN = (1, 5, 10, 20, 50, 100)  # what every emulator's channel table holds


def _noise(seed: int, marker: int) -> Callable[[], bytes]:
    """Mostly short bursts, biased towards the frame's start byte so resyncing is really tested."""
    rng = random.Random(seed)

    def burst() -> bytes:
        if rng.random() < 0.5:
            return b""
        return bytes(
            rng.choice([marker, marker, rng.randrange(256)]) for _ in range(rng.randrange(6))
        )

    return burst


def _corruptor(seed: int) -> Callable[[bytes], bytes]:
    """Flip, drop or duplicate a byte in a third of the replies."""
    rng = random.Random(seed)

    def damage(data: bytes) -> bytes:
        if rng.random() > 0.33 or not data:
            return data
        i = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]
        if action == 1:
            return data[:i] + data[i + 1 :]
        return data[:i] + data[i : i + 1] + data[i:]

    return damage


def _build(kind: str) -> tuple[PtyDevice, PollingAcceptor, int]:
    if kind == "ccnet":
        emu: PtyDevice = CcnetEmulator()
        return emu.start(), CcnetAcceptor(emu.port, timing=TIMING), 0x02
    if kind == "id003":
        emu = Id003Emulator()
        return emu.start(), Id003Acceptor(emu.port, timing=TIMING), 0xFC
    encrypted = kind == "essp-encrypted"
    emu = EsspEmulator(encrypted=encrypted)
    return emu.start(), EsspAcceptor(emu.port, encrypted=encrypted, timing=TIMING), 0x7F


@pytest.mark.parametrize(("seed", "damage"), [(1, "noise"), (3, "corrupt")])  # more: see report
@pytest.mark.parametrize("kind", ["essp", "essp-encrypted", "id003", "ccnet"])
def test_noise_never_loses_or_doubles_a_credit(kind: str, seed: int, damage: str) -> None:
    emu, drv, marker = _build(kind)
    events = Collector()
    drv.set_listener(events)
    drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
    try:
        drv.open()  # start-up in silence, then noise on every reply
        if damage == "noise":
            emu.noise = _noise(seed, marker)
        else:
            emu.corrupt = _corruptor(seed)
        drv.enable()
        for channel in NOTES:
            emu.command(["insert", str(channel)])
        got = [events.wait_for(CashEventKind.STACKED, timeout=15).value_fen for _ in NOTES]
        assert emu.wait_for(lambda: not emu.waiting and emu.state == "idle")  # type: ignore[attr-defined]
        assert got == emu.stacked
        assert emu.stacked == [YUAN[c - 1] * 100 for c in NOTES]
        assert events.credits() == got
    finally:
        drv.close()
        emu.stop()
