"""A wire-level JCM ID003 bill acceptor on a PTY, scriptable from tests or stdin.

Covers: STATUS REQUEST with the note's journey (idling/inhibited, accepting, escrow + denomination,
holding, stacking, VEND VALID until the host's ACK, stacked, rejecting + reason, returning),
RESET with power-up statuses 40/41/42 and initialize, STACK-1/STACK-2/RETURN/HOLD/WAIT answered ACK
(INVALID COMMAND when moot), settings C0-C4 echoed, version 88, currency table 8A, errors 43-49.

Script commands: insert CH | reject CH [REASON] | jam acceptor|stacker|off | fraud |
cashbox out|in | full on|off | failure CODE|off | power_cycle [cashbox|front] | ignore_acks N |
drop N | garbage HEX | silent on|off | status | quit
Run alone: python -m tests.emulators.cash.id003 --link PATH [--record FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drivers.cash import id003_frame as jcm
from drivers.cash.id003_frame import Id003Frame, Id003FrameParser, encode_frame
from tests.emulators.cash.pty_device import PtyDevice, serve

CNY = {0x61: 1, 0x62: 5, 0x63: 10, 0x64: 20, 0x65: 50, 0x66: 100}
VERSION = b"i(CHN)100-SS ID003-05V123-45 26NOV26"
_IN_PATH = ("accepting", "escrow", "holding", "stacking")
_ERRORS = {
    "full": jcm.STACKER_FULL,
    "open": jcm.STACKER_OPEN,
    "acceptor": jcm.ACCEPTOR_JAM,
    "stacker": jcm.STACKER_JAM,
}


class Id003Emulator(PtyDevice):
    def __init__(
        self, record_path: Path | str | None = None, *, denominations: dict[int, int] | None = None
    ) -> None:
        super().__init__(record_path)
        self.denominations = dict(denominations or CNY)
        self._parser = Id003FrameParser()
        self.fault_on: dict[int, bytes | None] = {}  # one-shot faults keyed by status code
        self.ignore_acks = 0
        self.jam: str | None = None
        self.cashbox_out = False
        self.full = False
        self.failure: int | None = None
        self.cheated = False
        self.settings: dict[int, bytes] = {}
        self.holds = 0
        self._pending_stack: int | None = None
        self._power_up(jcm.POWER_UP)
        self.state = "idle"  # a fresh emulator starts ready, as after a host's earlier RESET

    def _power_up(self, status: int) -> None:
        self.state = "power_up"
        self.power_status = status
        self.inhibited = True
        self.note: tuple[int, int | None] | None = None  # (denomination code, reject reason)
        self.waiting: list[tuple[int, int | None]] = []

    def value_fen(self, code: int) -> int:
        return self.denominations[code] * 100

    def _record(self, code: int) -> None:
        self.record_stacked(self.value_fen(code), code - jcm.FIRST_DENOMINATION + 1)

    # ---- scripting ----------------------------------------------------------------------------
    def command(self, words: list[str]) -> str:
        with self.lock:
            op, args = words[0], words[1:]
            if op == "insert":
                self.waiting.append((jcm.FIRST_DENOMINATION - 1 + int(args[0]), None))
            elif op == "reject":
                reason = int(args[1], 0) if len(args) > 1 else 0x72
                self.waiting.append((jcm.FIRST_DENOMINATION - 1 + int(args[0]), reason))
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
            elif op == "ignore_acks":
                self.ignore_acks = int(args[0])
            elif op == "status":
                return f"state={self.state} inhibited={self.inhibited} stacked={self.stacked}"
            else:
                raise ValueError(f"unknown command {op}")
            return "ok"

    def insert(self, channel: int) -> None:
        self.command(["insert", str(channel)])

    def power_cycle(self, note_goes_to: str | None = None) -> None:
        with self.lock:
            note = self.note if self.state in _IN_PATH else None
            self._pending_stack = None
            if self.state == "vend":  # already in the stacker, VEND VALID not acknowledged
                self._power_up(jcm.POWER_UP_STACKER)
            elif note is None:
                self._power_up(jcm.POWER_UP)
            elif note_goes_to == "cashbox":
                self._power_up(jcm.POWER_UP_STACKER)
                self._pending_stack = note[0]
            else:
                self._power_up(jcm.POWER_UP_ACCEPTOR)

    # ---- wire ---------------------------------------------------------------------------------
    def on_bytes(self, data: bytes) -> None:
        for frame in self._parser.feed(data):
            self.frames_in += 1
            reply = self._execute(frame)
            if reply is None:
                continue
            fault = self.fault_on.pop(reply.cmd, b"") if reply.cmd in self.fault_on else b""
            if fault is None:
                continue  # the reply is lost on the wire
            self.send(fault + encode_frame(reply.cmd, reply.data))

    def _execute(self, frame: Id003Frame) -> Id003Frame | None:
        cmd, data = frame.cmd, frame.data
        self.log.append(f"0x{cmd:02X}")
        ack = Id003Frame(jcm.ACK)
        if cmd == jcm.STATUS_REQUEST:
            return self._status()
        if cmd == jcm.ACK:
            if self.state == "vend" and self.ignore_acks > 0:
                self.ignore_acks -= 1
            elif self.state == "vend":
                self.state = "stacked"
            return None  # the host's ACK gets no answer
        if cmd == jcm.RESET:
            pending, self._pending_stack = self._pending_stack, None
            if self.state == "power_up" and pending is not None:
                self._record(pending)
            self.state, self.note, self.inhibited = "initializing", None, True
            return ack
        if jcm.SET_DENOMINATION <= cmd <= jcm.SET_DIRECTION:
            self.settings[cmd] = data
            if cmd == jcm.SET_INHIBIT and data:
                self.inhibited = data[0] != 0
            return Id003Frame(cmd, data)
        if cmd == jcm.VERSION_REQUEST:
            return Id003Frame(cmd, VERSION)
        if cmd == jcm.CURRENCY_ASSIGN_REQUEST:
            return Id003Frame(cmd, jcm.build_currency_table(self.denominations))
        if cmd in (jcm.STACK_1, jcm.STACK_2, jcm.RETURN, jcm.HOLD, jcm.WAIT):
            if self.state not in ("escrow", "holding"):
                return Id003Frame(jcm.INVALID_COMMAND)
            if cmd in (jcm.STACK_1, jcm.STACK_2):
                self.state = "stacking"
            elif cmd == jcm.RETURN:
                self.state = "returning"
            elif cmd == jcm.HOLD:
                self.state = "holding"
                self.holds += 1
            return ack
        return Id003Frame(jcm.INVALID_COMMAND)

    def _status(self) -> Id003Frame:
        """One status request's worth of the note's journey; errors take precedence."""
        if self.state == "power_up":
            return Id003Frame(self.power_status)
        if self.state == "initializing":
            self.state = "idle"
            return Id003Frame(jcm.INITIALIZE)
        if self.cheated:
            self.cheated = False
            self.state, self.note = "idle", None
            return Id003Frame(jcm.CHEATED)
        if self.failure is not None:
            return Id003Frame(jcm.FAILURE, bytes([self.failure]))
        for flag, key in ((self.jam, self.jam), (self.cashbox_out, "open"), (self.full, "full")):
            if flag and key in _ERRORS:
                return Id003Frame(_ERRORS[key])
        if self.state == "idle" and self.waiting and not self.inhibited:
            self.note = self.waiting.pop(0)
            self.state = "accepting"
            return Id003Frame(jcm.ACCEPTING)
        if self.state == "accepting" and self.note is not None:
            code, reason = self.note
            if reason is not None or code not in self.denominations:
                self.state, self.note = "idle", None
                return Id003Frame(jcm.REJECTING, bytes([reason or 0x76]))
            self.state = "escrow"
        if self.state == "escrow" and self.note is not None:
            return Id003Frame(jcm.ESCROW, bytes([self.note[0]]))
        if self.state == "holding":
            return Id003Frame(jcm.HOLDING)
        if self.state == "stacking" and self.note is not None:
            self._record(self.note[0])
            self.state = "vend"
            return Id003Frame(jcm.STACKING)
        if self.state == "vend":
            return Id003Frame(jcm.VEND_VALID)
        if self.state == "stacked":
            self.state, self.note = "idle", None
            return Id003Frame(jcm.STACKED)
        if self.state == "returning":
            self.state, self.note = "idle", None
            return Id003Frame(jcm.RETURNING)
        return Id003Frame(jcm.INHIBITED if self.inhibited else jcm.IDLING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="JCM ID003 acceptor emulator on a PTY")
    parser.add_argument("--link", help="make a symlink here pointing at the PTY slave")
    parser.add_argument("--record", help="append every stacked note here (JSON lines, fsync)")
    ns = parser.parse_args(argv)
    return serve(Id003Emulator(ns.record), ns.link)


if __name__ == "__main__":
    raise SystemExit(main())
