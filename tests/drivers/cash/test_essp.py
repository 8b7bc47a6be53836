"""The real eSSP driver, through pyserial, against the wire-level emulator on a PTY."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from drivers.cash import ssp_events as ssp
from drivers.cash.base import CashEvent, CashEventKind, EscrowDecision
from drivers.cash.essp import EsspAcceptor
from drivers.cash.poller import Timing
from drivers.cash.ssp_frame import SspFrame
from drivers.errors import DeviceTimeout
from kiosk.clock import ManualClock
from tests.drivers.cash.conftest import FAST, WAIT, Collector
from tests.emulators.cash.essp import EsspEmulator

K = CashEventKind


@dataclass
class Rig:
    emu: EsspEmulator
    drv: EsspAcceptor
    events: Collector

    def polls_after(self, n: int = 3) -> None:
        """Let the driver poll n more times (so a duplicate would have shown up)."""
        with self.emu.lock:
            target = self.emu.log.count("POLL_WITH_ACK") + self.emu.log.count("POLL") + n
        assert self.emu.wait_for(
            lambda: self.emu.log.count("POLL_WITH_ACK") + self.emu.log.count("POLL") >= target, WAIT
        )


@contextlib.contextmanager
def _rig(
    encrypted: bool,
    *,
    ack: bool = True,
    timing: Timing = FAST,
    clock: ManualClock | None = None,
    policy: EscrowDecision | None = EscrowDecision.STACK,
    events: Collector | None = None,
) -> Iterator[Rig]:
    emu = EsspEmulator(encrypted=encrypted, poll_with_ack=ack).start()
    drv = EsspAcceptor(emu.port, encrypted=encrypted, timing=timing, clock=clock)
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


@pytest.fixture(params=[False, True], ids=["plain", "encrypted"])
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    with _rig(request.param) as rig:
        yield rig


def _stack_one(rig: Rig, channel: int = 3) -> CashEvent:
    rig.emu.insert(channel)
    escrowed = rig.events.wait_for(K.ESCROWED)
    assert (escrowed.value_fen, escrowed.channel) == (rig.emu.value_fen(channel), channel)
    return rig.events.wait_for(K.STACKED)


def test_identity_and_channel_table_come_from_the_device(rig: Rig) -> None:
    ident = rig.drv.identity()
    assert ident.channel_values == (100, 500, 1000, 2000, 5000, 10000)
    assert (ident.protocol, ident.currency, ident.serial) == ("essp", "CNY", "12345678")
    assert rig.emu.inhibits == 0b111111
    start = rig.emu.log[: rig.emu.log.index("SETUP_REQUEST") + 1]
    expected = ["SYNC", "HOST_PROTOCOL_VERSION"]
    if rig.drv.status()["encrypted"]:
        expected += ["SET_GENERATOR", "SET_MODULUS", "REQUEST_KEY_EXCHANGE"]
        assert rig.emu.cipher is not None
    assert start == [*expected, "SETUP_REQUEST"]
    assert "ENABLE" in rig.emu.log


def test_note_is_stacked_and_credited_once(rig: Rig) -> None:
    stacked = _stack_one(rig, 5)
    assert stacked.value_fen == 5000
    rig.emu.wait_for(lambda: "EVENT_ACK" in rig.emu.log)
    rig.polls_after()
    assert rig.events.credits() == [5000]
    assert rig.emu.stacked == [5000]


@pytest.mark.parametrize(
    "fault",
    [
        None,
        bytes.fromhex("00 11 7f 7f"),
        bytes.fromhex("7f 01 7f"),
        bytes.fromhex("7f 80 01 f0 23 80"),
    ],
    ids=["dropped", "garbage", "garbage-swallowing-stx", "stale-ok-frame"],
)
@pytest.mark.parametrize("code", [ssp.CREDIT, ssp.READ, ssp.STACKING])
def test_lost_or_garbled_replies_never_double_or_lose_a_credit(
    rig: Rig, fault: bytes | None, code: int
) -> None:
    rig.emu.fault_on[code] = fault
    _stack_one(rig, 2)
    rig.emu.wait_for(lambda: "EVENT_ACK" in rig.emu.log)
    rig.polls_after()
    assert code not in rig.emu.fault_on  # the fault really happened
    assert rig.events.credits() == [500]
    assert rig.emu.stacked == [500]


def test_policy_return_gives_the_note_back_without_credit() -> None:
    with _rig(False, policy=EscrowDecision.RETURN) as rig:
        rig.emu.insert(6)
        returned = rig.events.wait_for(K.RETURNED)
        assert (returned.value_fen, returned.detail) == (10000, "host rejected")
        rig.polls_after()
        assert rig.events.credits() == []
        assert rig.emu.stacked == []
        assert "REJECT" in rig.emu.log


def test_unknown_policy_holds_then_stacks_when_decided() -> None:
    with _rig(True, policy=None) as rig:
        rig.emu.insert(1)
        rig.events.wait_for(K.ESCROWED)
        assert rig.emu.wait_for(lambda: rig.emu.holds >= 3)
        assert rig.emu.state == "escrow"
        rig.drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
        assert rig.events.wait_for(K.STACKED).value_fen == 100
        assert rig.emu.stacked == [100]


def test_undecided_note_is_returned_after_the_hold_limit() -> None:
    clock = ManualClock()
    timing = Timing(poll_interval_s=0.01, reply_timeout_s=0.1, retries=5, escrow_hold_limit_s=20)
    with _rig(False, policy=None, timing=timing, clock=clock) as rig:
        rig.emu.insert(4)
        rig.events.wait_for(K.ESCROWED)
        assert rig.emu.wait_for(lambda: rig.emu.holds >= 2)
        clock.advance(21)
        assert rig.events.wait_for(K.RETURNED).value_fen == 2000
        assert rig.events.credits() == []
        assert rig.emu.stacked == []


def test_rejected_note_reports_the_reason(rig: Rig) -> None:
    rig.emu.command(["reject", "2", "0x0B"])
    rejected = rig.events.wait_for(K.REJECTED)
    assert rejected.detail == "note too long"
    rig.polls_after()
    assert rig.events.credits() == []
    assert rig.emu.stacked == []


@pytest.mark.parametrize(("kind", "safe"), [("safe", True), ("unsafe", False)])
def test_jam_is_reported_once_while_it_lasts(rig: Rig, kind: str, safe: bool) -> None:
    rig.emu.command(["jam", kind])
    assert rig.events.wait_for(K.JAM).safe is safe
    rig.polls_after(5)
    rig.emu.command(["jam", "off"])
    rig.polls_after(2)
    rig.emu.command(["jam", kind])
    rig.events.wait_for(K.JAM)
    assert rig.events.kinds().count(K.JAM) == 2


def test_fraud_cashbox_and_full(rig: Rig) -> None:
    rig.emu.command(["fraud", "3"])
    assert rig.events.wait_for(K.FRAUD).channel == 3
    rig.emu.command(["cashbox", "out"])
    rig.events.wait_for(K.CASHBOX_REMOVED)
    rig.polls_after(4)
    rig.emu.command(["cashbox", "in"])
    rig.events.wait_for(K.CASHBOX_REPLACED)
    rig.emu.command(["full", "on"])
    rig.events.wait_for(K.CASHBOX_FULL)
    rig.polls_after(3)
    kinds = rig.events.kinds()
    assert (kinds.count(K.CASHBOX_REMOVED), kinds.count(K.FRAUD), kinds.count(K.CASHBOX_FULL)) == (
        1,
        1,
        1,
    )
    rig.emu.command(["full", "off"])
    assert _stack_one(rig, 1).value_fen == 100  # still takes money after all that


def test_silent_device_faults_then_recovers(rig: Rig) -> None:
    rig.emu.fault_command(["silent", "on"])
    fault = rig.events.wait_for(K.FAULT)
    assert "no reply" in fault.detail
    assert rig.drv.status()["state"] == "fault"
    rig.emu.fault_command(["silent", "off"])
    recovered = rig.events.wait_for(K.ENABLED)
    assert recovered.detail == "recovered"
    assert _stack_one(rig, 2).value_fen == 500
    assert rig.drv.status()["state"] == "ready"


@pytest.mark.parametrize(
    ("where", "kind"), [("cashbox", K.CLEARED_TO_CASHBOX), ("front", K.CLEARED_TO_FRONT)]
)
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_power_cut_with_a_note_in_the_path(
    encrypted: bool, where: str, kind: CashEventKind
) -> None:
    with _rig(encrypted, policy=None) as rig:
        rig.emu.insert(5)
        rig.events.wait_for(K.ESCROWED)
        rig.emu.power_cycle(where)
        rig.events.wait_for(K.RESET)
        cleared = rig.events.wait_for(kind)
        assert (cleared.value_fen, cleared.channel) == (5000, 5)
        rig.events.wait_for(K.ENABLED)  # configured and enabled again after the reset
        rig.polls_after()
        assert rig.events.credits() == []  # cleared notes are for staff, never a credit
        assert rig.emu.stacked == ([5000] if where == "cashbox" else [])
        assert rig.emu.enabled
        assert not rig.emu.queue  # the cleared event was acknowledged


def test_a_listener_failure_leaves_the_credit_unacknowledged() -> None:
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

    with _rig(False, events=Flaky()) as rig:
        rig.emu.insert(3)
        assert done.wait(WAIT)
        rig.emu.wait_for(lambda: "EVENT_ACK" in rig.emu.log)
        rig.polls_after()
        assert [e.value_fen for e in seen] == [1000, 1000]  # re-reported, then journaled once
        assert rig.events.credits() == [1000]
        assert rig.emu.stacked == [1000]


def test_device_without_poll_with_ack_uses_plain_poll() -> None:
    with _rig(False, ack=False) as rig:
        rig.emu.fault_on[ssp.CREDIT] = None
        _stack_one(rig, 6)
        rig.polls_after()
        assert rig.events.credits() == [10000]
        assert rig.emu.stacked == [10000]
        assert rig.drv.status()["poll_with_ack"] is False


def test_disable_stops_taking_notes(rig: Rig) -> None:
    rig.drv.disable()
    rig.events.wait_for(K.DISABLED)
    assert rig.emu.wait_for(lambda: not rig.emu.enabled)
    rig.emu.insert(1)
    rig.polls_after(5)
    assert K.ESCROWED not in rig.events.kinds()
    rig.drv.enable()
    assert _stack_one(rig, 1).value_fen == 100


def test_close_is_prompt_even_while_resending(rig: Rig) -> None:
    rig.emu.fault_command(["silent", "on"])
    assert rig.emu.wait_for(lambda: rig.emu.silent)
    started = time.monotonic()
    rig.drv.close()
    rig.drv.close()
    rig.drv.disable()
    assert time.monotonic() - started < 1.0
    assert rig.drv.status()["state"] == "closed"


def test_open_on_a_silent_device_raises() -> None:
    emu = EsspEmulator().start()
    try:
        emu.fault_command(["silent", "on"])
        drv = EsspAcceptor(emu.port, timing=Timing(reply_timeout_s=0.05, retries=2))
        with pytest.raises(DeviceTimeout):
            drv.open()
        assert drv.status()["state"] == "closed"
    finally:
        emu.stop()


def test_encrypted_driver_never_sends_plain_commands_after_the_key() -> None:
    with _rig(True) as rig:
        _stack_one(rig, 2)
        # The emulator answers FA to any plain command other than SYNC/key exchange; the credit
        # above proves every poll was encrypted. A power cut drops the key: the driver re-keys.
        rig.emu.power_cycle(None)
        rig.events.wait_for(K.RESET)
        rig.events.wait_for(K.ENABLED)
        assert rig.emu.cipher is not None
        assert _stack_one(rig, 3).value_fen == 1000
        assert rig.emu.stacked == [500, 1000]


def test_unused_channels_stay_inhibited() -> None:
    emu = EsspEmulator(channels_yuan=(1, 0, 10)).start()
    drv = EsspAcceptor(emu.port, timing=FAST)
    events = Collector()
    drv.set_listener(events)
    drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
    try:
        drv.open()
        assert drv.identity().channel_values == (100, 0, 1000)
        assert emu.inhibits == 0b101
        drv.enable()
        emu.insert(2)
        assert events.wait_for(K.REJECTED).detail == "channel inhibited"
        assert events.credits() == []
    finally:
        drv.close()
        emu.stop()


def test_older_unit_gets_an_older_host_protocol() -> None:
    emu = EsspEmulator(max_protocol=6).start()
    drv = EsspAcceptor(emu.port, timing=FAST)
    try:
        drv.open()
        assert drv.status()["protocol_version"] == 6
        assert emu.log.count("HOST_PROTOCOL_VERSION") == 3  # 8 and 7 refused with FAIL
    finally:
        drv.close()
        emu.stop()


def test_close_from_the_listener_and_open_again() -> None:
    emu = EsspEmulator().start()
    drv = EsspAcceptor(emu.port, timing=FAST)
    events = Collector()
    closed = threading.Event()

    def listener(event: CashEvent) -> None:
        events(event)
        if event.kind is K.STACKED and not closed.is_set():
            drv.close()  # on the poll thread itself: must not deadlock
            closed.set()

    drv.set_listener(listener)
    drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
    try:
        drv.open()
        drv.enable()
        emu.insert(1)
        assert closed.wait(WAIT)
        assert drv.status()["state"] == "closed"
        drv.open()  # a fresh start-up on the same port
        drv.enable()
        emu.insert(2)
        assert events.wait_for(K.STACKED).value_fen == 100
        assert events.wait_for(K.STACKED).value_fen == 500
        assert emu.stacked == [100, 500]
    finally:
        drv.close()
        emu.stop()


class _LosesTheFirstEventAck(EsspEmulator):
    """The host's first EVENT ACK never arrives, and the unit then drops off the line."""

    lost = False

    def _on_frame(self, frame: SspFrame) -> None:
        if frame.data[:1] == bytes([ssp.EVENT_ACK]) and not self.lost:
            self.lost = self.silent = True
            return
        super()._on_frame(frame)


def test_a_credit_repeated_after_an_unconfirmed_ack_is_not_credited_twice() -> None:
    emu = _LosesTheFirstEventAck().start()
    drv = EsspAcceptor(emu.port, timing=FAST)
    events = Collector()
    drv.set_listener(events)
    drv.set_escrow_policy(lambda _v: EscrowDecision.STACK)
    try:
        drv.open()
        drv.enable()
        emu.insert(4)
        assert events.wait_for(K.STACKED).value_fen == 2000
        events.wait_for(K.FAULT)
        emu.fault_command(["silent", "off"])
        events.wait_for(K.ENABLED)  # re-synced; the unit now repeats the un-ACKed credit
        assert emu.wait_for(lambda: "EVENT_ACK" in emu.log and not emu.queue)
        assert events.credits() == [2000]
        assert drv.status()["counters"]["duplicates_suppressed"] == 1  # type: ignore[index]
        assert emu.stacked == [2000]
    finally:
        drv.close()
        emu.stop()


def test_credit_is_marked_for_ack_and_its_acknowledgement_reported(rig: Rig) -> None:
    stacked = _stack_one(rig, 5)
    assert stacked.ack_pending is True
    acked = rig.events.wait_for(K.ACKNOWLEDGED)
    assert (acked.value_fen, acked.channel) == (5000, 5)
    assert "EVENT_ACK" in rig.emu.log


def test_quiesce_waits_for_a_note_already_decided_to_stack(rig: Rig) -> None:
    rig.emu.insert(6)
    rig.events.wait_for(K.ESCROWED)
    assert rig.drv.quiesce(10.0) is True
    # The note the policy had already sent to the cashbox was reported before quiesce returned.
    assert rig.events.credits() == [10000]
    assert rig.drv.status()["enabled"] is False
