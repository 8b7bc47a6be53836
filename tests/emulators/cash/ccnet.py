"""A wire-level CashCode CCNET bill validator on a PTY, scriptable from tests or stdin.

Covers: POLL with the note's journey (idling/disabled, accepting, escrow + type, holding, stacking,
stacked + type, returning, returned + type, rejecting + reason), every poll reply repeated until the
host ACKs it, RESET with power-up states 10/11/12 and initialize, ENABLE BILL TYPES, STACK, RETURN,
HOLD (ILLEGAL COMMAND when moot), IDENTIFICATION, GET BILL TABLE, errors 41-47.

Script commands: insert CH | reject CH [REASON] | jam validator|cassette|off | fraud |
cashbox out|in | full on|off | failure CODE|off | power_cycle [cashbox|front] | drop N |
garbage HEX | silent on|off | status | quit
Run alone: python -m tests.emulators.cash.ccnet --link PATH [--record FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drivers.cash import ccnet_frame as cc
from drivers.cash.ccnet_frame import CcnetFrame, CcnetFrameParser, encode_frame
from tests.emulators.cash.pty_device import PtyDevice, serve

CNY_YUAN = [1, 5, 10, 20, 50, 100]
ILLEGAL_COMMAND = 0x30
_IN_PATH = ("accepting", "escrow", "holding", "stacking")
_ERRORS = {
    "full": cc.CASSETTE_FULL,
    "open": cc.CASSETTE_OUT,
    "validator": cc.VALIDATOR_JAM,
    "cassette": cc.CASSETTE_JAM,
}


class CcnetEmulator(PtyDevice):
    def __init__(
        self, record_path: Path | str | None = None, yuan: list[int] | None = None
    ) -> None:
        super().__init__(record_path)
        self.yuan = list(yuan or CNY_YUAN)
        self._parser = CcnetFrameParser()
        self.fault_on: dict[int, bytes | None] = {}
        self.jam: str | None = None
        self.cashbox_out = self.full = self.cheated = False
        self.failure: int | None = None
        self.holds = 0
        self._pending_stack: int | None = None
        self._last_was_poll = False
        self._power_up(cc.POWER_UP)
        self.state = "idle"

    def _power_up(self, status: int) -> None:
        self.state, self.power_status = "power_up", status
        self.enabled_mask = 0
        self.note: tuple[int, int | None] | None = None  # (bill type, reject reason)
        self.waiting: list[tuple[int, int | None]] = []
        self.unacked: CcnetFrame | None = None

    def value_fen(self, bill_type: int) -> int:
        return self.yuan[bill_type] * 100

    def _record(self, bill_type: int) -> None:
        self.record_stacked(self.value_fen(bill_type), bill_type + 1)

    # ---- scripting ----------------------------------------------------------------------------
    def command(self, words: list[str]) -> str:
        with self.lock:
            op, args = words[0], words[1:]
            if op == "insert":
                self.waiting.append((int(args[0]) - 1, None))
            elif op == "reject":
                reason = int(args[1], 0) if len(args) > 1 else 0x65
                self.waiting.append((int(args[0]) - 1, reason))
            elif op == "jam":
                self.jam = None if args[0] == "off" else args[0]
            elif op == "fraud":
                self.cheated = True
            elif op == "cashbox":
                self.cashbox_out = args[0] == "out"
            elif op == "full":
                self.full = args[0] == "on"
            elif op == "failure":
                self.failure = None if args[0] == "off" else int(args[0], 0)
            elif op == "power_cycle":
                self.power_cycle(args[0] if args else None)
            elif op == "status":
                return f"state={self.state} mask={self.enabled_mask:06X} stacked={self.stacked}"
            else:
                raise ValueError(f"unknown command {op}")
            return "ok"

    def insert(self, channel: int) -> None:
        self.command(["insert", str(channel)])

    def power_cycle(self, note_goes_to: str | None = None) -> None:
        with self.lock:
            note = self.note if self.state in _IN_PATH else None
            stacked_unacked = self.unacked is not None and self.unacked.cmd == cc.STACKED
            self._pending_stack = None
            if stacked_unacked:
                self._power_up(cc.POWER_UP_STACKER)
            elif note is None:
                self._power_up(cc.POWER_UP)
            elif note_goes_to == "cashbox":
                self._power_up(cc.POWER_UP_STACKER)
                self._pending_stack = note[0]
            else:
                self._power_up(cc.POWER_UP_VALIDATOR)

    # ---- wire ---------------------------------------------------------------------------------
    def on_bytes(self, data: bytes) -> None:
        for frame in self._parser.feed(data):
            self.frames_in += 1
            reply = self._execute(frame)
            if reply is None:
                continue
            fault = self.fault_on.pop(reply.cmd, b"") if reply.cmd in self.fault_on else b""
            if fault is not None:
                self.send(fault + encode_frame(reply.cmd, reply.data))

    def _execute(self, frame: CcnetFrame) -> CcnetFrame | None:
        cmd, data = frame.cmd, frame.data
        self.log.append(f"0x{cmd:02X}")
        ack = CcnetFrame(cc.ACK)
        last_was_poll, self._last_was_poll = self._last_was_poll, cmd in (cc.POLL, cc.NAK)
        if cmd == cc.ACK:
            if last_was_poll:  # an ACK acknowledges the reply just sent, nothing older
                self.unacked = None
            return None
        if cmd == cc.NAK:
            return self.unacked
        if cmd == cc.POLL:
            if self.unacked is None:
                self.unacked = self._status()
            return self.unacked
        if cmd == cc.RESET:
            pending, self._pending_stack = self._pending_stack, None
            if self.state == "power_up" and pending is not None:
                self._record(pending)
            self.state, self.note, self.enabled_mask, self.unacked = "initializing", None, 0, None
            return ack
        if cmd == cc.ENABLE_BILL_TYPES:
            if len(data) != 6:
                return CcnetFrame(ILLEGAL_COMMAND)
            self.enabled_mask = int.from_bytes(data[:3], "big")
            return ack
        if cmd == cc.GET_BILL_TABLE:
            return CcnetFrame(cc.build_bill_table(self.yuan)[0], cc.build_bill_table(self.yuan)[1:])
        if cmd == cc.IDENTIFICATION:
            ident = b"SM-CN1111".ljust(15) + b"41K000123456".ljust(12) + bytes(7)
            return CcnetFrame(ident[0], ident[1:])
        if cmd in (cc.STACK, cc.RETURN, cc.HOLD):
            if self.state not in ("escrow", "holding"):
                return CcnetFrame(ILLEGAL_COMMAND)
            self.state = {cc.STACK: "stacking", cc.RETURN: "returning", cc.HOLD: "holding"}[cmd]
            self.holds += cmd == cc.HOLD
            return ack
        return CcnetFrame(ILLEGAL_COMMAND)

    def _status(self) -> CcnetFrame:
        """One poll's worth of the note's journey; errors take precedence."""
        if self.state == "power_up":
            return CcnetFrame(self.power_status)
        if self.state == "initializing":
            self.state = "idle"
            return CcnetFrame(cc.INITIALIZE)
        if self.cheated:
            self.cheated, self.state, self.note = False, "idle", None
            return CcnetFrame(cc.CHEATED)
        if self.failure is not None:
            return CcnetFrame(cc.FAILURE, bytes([self.failure]))
        for flag, key in ((self.jam, self.jam), (self.cashbox_out, "open"), (self.full, "full")):
            if flag and key in _ERRORS:
                return CcnetFrame(_ERRORS[key])
        if self.state == "idle" and self.waiting and self.enabled_mask:
            self.note, self.state = self.waiting.pop(0), "accepting"
            return CcnetFrame(cc.ACCEPTING)
        if self.state == "accepting" and self.note is not None:
            bill_type, reason = self.note
            if reason is None and not self.enabled_mask & (1 << bill_type):
                reason = 0x68
            if reason is not None:
                self.state, self.note = "idle", None
                return CcnetFrame(cc.REJECTING, bytes([reason]))
            self.state = "escrow"
        if self.state == "escrow" and self.note is not None:
            return CcnetFrame(cc.ESCROW, bytes([self.note[0]]))
        if self.state == "holding":
            return CcnetFrame(cc.HOLDING)
        if self.state == "stacking" and self.note is not None:
            bill_type = self.note[0]
            self._record(bill_type)
            self.state, self.note = "idle", None
            return CcnetFrame(cc.STACKED, bytes([bill_type]))
        if self.state == "returning" and self.note is not None:
            bill_type = self.note[0]
            self.state, self.note = "idle", None
            return CcnetFrame(cc.RETURNED, bytes([bill_type]))
        return CcnetFrame(cc.IDLING if self.enabled_mask else cc.DISABLED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CashCode CCNET validator emulator on a PTY")
    parser.add_argument("--link", help="make a symlink here pointing at the PTY slave")
    parser.add_argument("--record", help="append every stacked note here (JSON lines, fsync)")
    ns = parser.parse_args(argv)
    return serve(CcnetEmulator(ns.record), ns.link)


if __name__ == "__main__":
    raise SystemExit(main())
