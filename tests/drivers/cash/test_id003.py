"""The real ID003 driver, through pyserial, against the wire-level emulator on a PTY."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from drivers.cash import id003_frame as jcm
from drivers.cash.base import CashEvent, CashEventKind, EscrowDecision
from drivers.cash.id003 import Id003Acceptor
from drivers.cash.poller import Timing
from kiosk.clock import ManualClock
from tests.drivers.cash.conftest import FAST, WAIT, Collector
from tests.emulators.cash.id003 import Id003Emulator

K = CashEventKind


@dataclass
class Rig:
    emu: Id003Emulator
    drv: Id003Acceptor
    events: Collector

    def polls_after(self, n: int = 3) -> None:
        with self.emu.lock:
            target = self.emu.log.count("0x11") + n
        assert self.emu.wait_for(lambda: self.emu.log.count("0x11") >= target, WAIT)


@contextlib.contextmanager
def _rig(
    *,
    timing: Timing = FAST,
    clock: ManualClock | None = None,
    policy: EscrowDecision | None = EscrowDecision.STACK,
    events: Collector | None = None,
) -> Iterator[Rig]:
    emu = Id003Emulator().start()
    drv = Id003Acceptor(emu.port, timing=timing, clock=clock)
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
    escrowed = rig.events.wait_for(K.ESCROWED)
    assert escrowed.channel == channel
    return rig.events.wait_for(K.STACKED)


def test_start_up_configures_and_reads_the_table(rig: Rig) -> None:
    ident = rig.drv.identity()
    assert ident.channel_values == (100, 500, 1000, 2000, 5000, 10000)
    assert (ident.protocol, ident.model) == ("id003", "i(CHN)100-SS")
    assert rig.emu.log[:2] == ["0x11", "0x40"]  # status first (a pending VEND VALID), then RESET
    assert rig.emu.settings[jcm.SET_INHIBIT] == b"\x00"  # enabled
    assert not rig.emu.inhibited


def test_note_is_stacked_and_credited_once(rig: Rig) -> None:
    assert _stack_one(rig, 4).value_fen == 2000
    assert rig.emu.wait_for(lambda: rig.emu.state == "idle")
    rig.polls_after()
    assert rig.events.credits() == [2000]
    assert rig.emu.stacked == [2000]
    assert "0x41" in rig.emu.log  # STACK-1
    assert "0x50" in rig.emu.log  # the host's ACK to VEND VALID


@pytest.mark.parametrize(
    "fault",
    [
        None,
        bytes.fromhex("00 fc 00 11"),
        bytes.fromhex("fc 40 11"),
        bytes.fromhex("fc 05 11 27 56"),
    ],
    ids=["dropped", "garbage", "garbage-long-length", "stale-frame"],
)
@pytest.mark.parametrize("status", [jcm.VEND_VALID, jcm.ESCROW, jcm.STACKING, jcm.ACK])
def test_lost_or_garbled_replies_never_double_or_lose_a_credit(
    rig: Rig, fault: bytes | None, status: int
) -> None:
    rig.emu.fault_on[status] = fault
    assert _stack_one(rig, 2).value_fen == 500
    assert rig.emu.wait_for(lambda: rig.emu.state == "idle")
    rig.polls_after()
    assert status not in rig.emu.fault_on
    assert rig.events.credits() == [500]
    assert rig.emu.stacked == [500]


def test_lost_host_acks_are_resent_without_a_second_credit(rig: Rig) -> None:
    rig.emu.command(["ignore_acks", "3"])
    _stack_one(rig, 6)
    assert rig.emu.wait_for(lambda: rig.emu.state == "idle")
    rig.polls_after()
    assert rig.emu.log.count("0x50") >= 4
    assert rig.events.credits() == [10000]
    assert rig.drv.status()["counters"]["duplicates_suppressed"] >= 3  # type: ignore[index]


def test_policy_return_gives_the_note_back_without_credit() -> None:
    with _rig(policy=EscrowDecision.RETURN) as rig:
        rig.emu.insert(5)
        assert rig.events.wait_for(K.RETURNED).value_fen == 5000
        rig.polls_after()
        assert rig.events.credits() == []
        assert rig.emu.stacked == []


def test_unknown_policy_holds_then_stacks() -> None:
    with _rig(policy=None) as rig:
        rig.emu.insert(1)
        rig.events.wait_for(K.ESCROWED)
        assert rig.emu.wait_for(lambda: rig.emu.holds >= 3)
        rig.drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
        assert rig.events.wait_for(K.STACKED).value_fen == 100
        assert rig.emu.stacked == [100]


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


def test_rejected_note_reports_the_reason(rig: Rig) -> None:
    rig.emu.command(["reject", "2", "0x7C"])
    assert rig.events.wait_for(K.REJECTED).detail == "length error"
    rig.polls_after()
    assert rig.events.credits() == []


@pytest.mark.parametrize(("where", "safe"), [("acceptor", False), ("stacker", True)])
def test_jams(rig: Rig, where: str, safe: bool) -> None:
    rig.emu.command(["jam", where])
    assert rig.events.wait_for(K.JAM).safe is safe
    rig.polls_after(4)
    assert rig.events.kinds().count(K.JAM) == 1
    rig.emu.command(["jam", "off"])
    assert _stack_one(rig, 1).value_fen == 100


def test_fraud_cashbox_full_and_failure(rig: Rig) -> None:
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
    rig.emu.command(["failure", "0xA2"])
    assert rig.events.wait_for(K.FAULT).detail == "failure 0xA2"
    rig.emu.command(["failure", "off"])
    kinds = rig.events.kinds()
    assert (kinds.count(K.CASHBOX_REMOVED), kinds.count(K.FRAUD)) == (1, 1)
    assert _stack_one(rig, 2).value_fen == 500


def test_silent_device_faults_then_recovers(rig: Rig) -> None:
    rig.emu.fault_command(["silent", "on"])
    assert "no reply" in rig.events.wait_for(K.FAULT).detail
    rig.emu.fault_command(["silent", "off"])
    assert rig.events.wait_for(K.ENABLED).detail == "recovered"
    assert _stack_one(rig, 5).value_fen == 5000


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
        assert not rig.emu.inhibited


def test_power_cut_before_vend_valid_was_acknowledged() -> None:
    """Journaled but un-ACKed: after the power cut it shows as cleared, never a second credit."""
    with _rig() as rig:
        rig.emu.command(["ignore_acks", "1000"])
        assert _stack_one(rig, 3).value_fen == 1000
        rig.emu.power_cycle(None)
        assert rig.events.wait_for(K.CLEARED_TO_CASHBOX).value_fen == 1000
        rig.events.wait_for(K.ENABLED)
        rig.polls_after()
        assert rig.events.credits() == [1000]
        assert rig.emu.stacked == [1000]


def test_a_listener_failure_leaves_vend_valid_unacknowledged() -> None:
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
        assert rig.emu.wait_for(lambda: rig.emu.state == "idle")
        rig.polls_after()
        assert [e.value_fen for e in seen] == [1000, 1000]
        assert rig.events.credits() == [1000]
        assert rig.emu.stacked == [1000]


def test_disable_inhibits(rig: Rig) -> None:
    rig.drv.disable()
    rig.events.wait_for(K.DISABLED)
    assert rig.emu.wait_for(lambda: rig.emu.inhibited)
    rig.emu.insert(1)
    rig.polls_after(4)
    assert K.ESCROWED not in rig.events.kinds()
    rig.drv.enable()
    assert _stack_one(rig, 1).value_fen == 100


def test_a_missed_stacked_status_never_gives_the_next_note_the_old_value(rig: Rig) -> None:
    """Regression (found by the line-noise test): VEND VALID carries no value, so the escrow of
    the previous note must be forgotten once credited, even if STACKED/IDLING were never seen."""
    rig.emu.fault_on[jcm.STACKED] = None
    rig.emu.command(["insert", "2"])
    rig.emu.command(["insert", "6"])
    first = rig.events.wait_for(K.STACKED)
    second = rig.events.wait_for(K.STACKED)
    assert jcm.STACKED not in rig.emu.fault_on
    assert [first.value_fen, second.value_fen] == rig.emu.stacked == [500, 10000]
