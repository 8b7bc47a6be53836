"""The real CCNET driver, through pyserial, against the wire-level emulator on a PTY."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from drivers.cash import ccnet_frame as cc
from drivers.cash.base import CashEvent, CashEventKind, EscrowDecision
from drivers.cash.ccnet import CcnetAcceptor
from drivers.cash.poller import Timing
from kiosk.clock import ManualClock
from tests.drivers.cash.conftest import FAST, WAIT, Collector
from tests.emulators.cash.ccnet import CcnetEmulator

K = CashEventKind


@dataclass
class Rig:
    emu: CcnetEmulator
    drv: CcnetAcceptor
    events: Collector

    def polls_after(self, n: int = 3) -> None:
        with self.emu.lock:
            target = self.emu.log.count("0x33") + n
        assert self.emu.wait_for(lambda: self.emu.log.count("0x33") >= target, WAIT)


@contextlib.contextmanager
def _rig(
    *,
    timing: Timing = FAST,
    clock: ManualClock | None = None,
    policy: EscrowDecision | None = EscrowDecision.STACK,
    events: Collector | None = None,
) -> Iterator[Rig]:
    emu = CcnetEmulator().start()
    drv = CcnetAcceptor(emu.port, timing=timing, clock=clock)
    collector = events or Collector()
    drv.set_listener(collector)
    if policy is not None:
        drv.set_escrow_policy(lambda _value: policy)
    try:
        drv.open()
        drv.enable()
        collector.wait_for(K.ENABLED)
        yield Rig(emu, drv, collector)
    finally:
        drv.close()
        emu.stop()


@pytest.fixture
def rig() -> Iterator[Rig]:
    with _rig() as r:
        yield r


def _stack_one(rig: Rig, channel: int = 3) -> CashEvent:
    rig.emu.insert(channel)
    assert rig.events.wait_for(K.ESCROWED).channel == channel
    return rig.events.wait_for(K.STACKED)


def test_start_up_reads_table_and_identity(rig: Rig) -> None:
    ident = rig.drv.identity()
    assert ident.channel_values == (100, 500, 1000, 2000, 5000, 10000)
    assert (ident.protocol, ident.model, ident.serial, ident.currency) == (
        "ccnet",
        "SM-CN1111",
        "41K000123456",
        "CNY",
    )
    assert rig.emu.log[:3] == ["0x33", "0x00", "0x30"]  # poll (pending STACKED?), ACK, RESET
    assert rig.emu.enabled_mask == 0b111111


@pytest.mark.parametrize(
    "fault",
    [
        None,
        bytes.fromhex("00 02 03 00"),
        bytes.fromhex("02 03 40"),
        bytes.fromhex("02 03 06 33 DA 81"),
    ],
    ids=["dropped", "garbage", "garbage-long-length", "stale-frame"],
)
@pytest.mark.parametrize("status", [cc.STACKED, cc.ESCROW, cc.ACCEPTING, cc.ACK])
def test_lost_or_garbled_replies_never_double_or_lose_a_credit(
    rig: Rig, fault: bytes | None, status: int
) -> None:
    rig.emu.fault_on[status] = fault
    assert _stack_one(rig, 2).value_fen == 500
    assert rig.emu.wait_for(lambda: rig.emu.state == "idle" and rig.emu.unacked is None)
    rig.polls_after()
    assert status not in rig.emu.fault_on
    assert rig.events.credits() == [500]
    assert rig.emu.stacked == [500]


def test_policy_return_and_unknown_policy() -> None:
    with _rig(policy=EscrowDecision.RETURN) as rig:
        rig.emu.insert(5)
        assert rig.events.wait_for(K.RETURNED).value_fen == 5000
        rig.polls_after()
        assert rig.events.credits() == []
        assert rig.emu.stacked == []
    with _rig(policy=None) as rig:
        rig.emu.insert(1)
        rig.events.wait_for(K.ESCROWED)
        assert rig.emu.wait_for(lambda: rig.emu.holds >= 3)
        rig.drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
        assert rig.events.wait_for(K.STACKED).value_fen == 100


def test_undecided_note_is_returned_after_the_hold_limit() -> None:
    clock = ManualClock()
    timing = Timing(poll_interval_s=0.01, reply_timeout_s=0.1, retries=5, escrow_hold_limit_s=20)
    with _rig(policy=None, timing=timing, clock=clock) as rig:
        rig.emu.insert(3)
        rig.events.wait_for(K.ESCROWED)
        assert rig.emu.wait_for(lambda: rig.emu.holds >= 2)
        clock.advance(21)
        assert rig.events.wait_for(K.RETURNED).value_fen == 1000
        assert rig.emu.stacked == []


def test_rejects_and_device_conditions(rig: Rig) -> None:
    rig.emu.command(["reject", "2", "0x6C"])
    assert rig.events.wait_for(K.REJECTED).detail == "length error"
    rig.emu.command(["jam", "validator"])
    assert rig.events.wait_for(K.JAM).safe is False
    rig.emu.command(["jam", "off"])
    rig.emu.command(["fraud"])
    rig.events.wait_for(K.FRAUD)
    rig.emu.command(["cashbox", "out"])
    rig.events.wait_for(K.CASHBOX_REMOVED)
    rig.polls_after(3)
    rig.emu.command(["cashbox", "in"])
    rig.events.wait_for(K.CASHBOX_REPLACED)
    rig.emu.command(["full", "on"])
    rig.events.wait_for(K.CASHBOX_FULL)
    rig.emu.command(["full", "off"])
    rig.emu.command(["failure", "0x50"])
    assert rig.events.wait_for(K.FAULT).detail == "failure 0x50"
    rig.emu.command(["failure", "off"])
    kinds = rig.events.kinds()
    assert (kinds.count(K.CASHBOX_REMOVED), kinds.count(K.JAM)) == (1, 1)
    assert rig.events.credits() == []
    assert _stack_one(rig, 6).value_fen == 10000


def test_silent_device_faults_then_recovers(rig: Rig) -> None:
    rig.emu.fault_command(["silent", "on"])
    assert "no reply" in rig.events.wait_for(K.FAULT).detail
    rig.emu.fault_command(["silent", "off"])
    assert rig.events.wait_for(K.ENABLED).detail == "recovered"
    assert _stack_one(rig, 4).value_fen == 2000


@pytest.mark.parametrize(
    ("where", "kind", "stacked"),
    [("cashbox", K.CLEARED_TO_CASHBOX, [2000]), ("front", K.CLEARED_TO_FRONT, [])],
)
def test_power_cut_with_a_note_in_escrow(
    where: str, kind: CashEventKind, stacked: list[int]
) -> None:
    with _rig(policy=None) as rig:
        rig.emu.insert(4)
        rig.events.wait_for(K.ESCROWED)
        rig.emu.power_cycle(where)
        rig.events.wait_for(K.RESET)
        assert rig.events.wait_for(kind).value_fen == 2000
        rig.events.wait_for(K.ENABLED)
        rig.polls_after()
        assert rig.events.credits() == []
        assert rig.emu.stacked == stacked


def test_a_listener_failure_leaves_stacked_unacknowledged() -> None:
    seen: list[CashEvent] = []
    done = threading.Event()

    class Flaky(Collector):
        def __call__(self, event: CashEvent) -> None:
            if event.kind is K.STACKED:
                seen.append(event)
                if len(seen) == 1:
                    raise OSError("disk full")
                done.set()
            super().__call__(event)

    with _rig(events=Flaky()) as rig:
        rig.emu.insert(3)
        assert done.wait(WAIT)
        assert rig.emu.wait_for(lambda: rig.emu.unacked is None and rig.emu.state == "idle")
        rig.polls_after()
        assert [e.value_fen for e in seen] == [1000, 1000]
        assert rig.events.credits() == [1000]
        assert rig.emu.stacked == [1000]


def test_unacknowledged_stacked_is_credited_by_the_next_process() -> None:
    """The host died after the validator stacked but before it journaled (so no ACK was sent):
    the new process gets the note at start-up, flagged for staff, with the device's value."""
    emu = CcnetEmulator().start()
    try:
        first = CcnetAcceptor(emu.port, timing=FAST)
        first.set_listener(
            lambda e: (_ for _ in ()).throw(OSError("crash")) if e.kind is K.STACKED else None
        )
        first.set_escrow_policy(lambda _v: EscrowDecision.STACK)
        first.open()
        first.enable()
        emu.insert(5)
        assert emu.wait_for(lambda: emu.unacked is not None and emu.unacked.cmd == cc.STACKED)
        first.close()
        second = CcnetAcceptor(emu.port, timing=FAST)
        events = Collector()
        second.set_listener(events)
        second.open()
        try:
            credit = events.wait_for(K.STACKED)
            assert (credit.value_fen, credit.detail) == (5000, "reported_at_startup")
            assert emu.stacked == [5000]
        finally:
            second.close()
    finally:
        emu.stop()
