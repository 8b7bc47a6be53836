"""A wire-level ITL SSP/eSSP note validator on a PTY, scriptable from tests or stdin.

Covers: SYNC and sequence-bit resend, HOST PROTOCOL VERSION, SETUP REQUEST, GET SERIAL,
SET INHIBITS, ENABLE/DISABLE, POLL, POLL WITH ACK + EVENT ACK (optional), HOLD, REJECT,
LAST REJECT CODE, RESET, eSSP key exchange (prime checks), AES packets, eCOUNT; FA without a key.

Script commands: insert CH | reject CH [REASON] | jam safe|unsafe|off | fraud CH | cashbox out|in |
full on|off | power_cycle [cashbox|front] | drop N | garbage HEX | silent on|off | status | quit
Run alone: python -m tests.emulators.cash.essp --link PATH [--record FILE] [--encrypted] [--no-ack]
"""

from __future__ import annotations

import argparse
import secrets
from dataclasses import dataclass
from pathlib import Path

from drivers.cash import ssp_events as ssp
from drivers.cash.essp_crypto import (
    DEFAULT_FIXED_KEY,
    ENCRYPTED_STX,
    EsspCipher,
    aes_key,
    is_prime,
    u64,
)
from drivers.cash.ssp_frame import SspFrame, SspFrameParser, encode_frame
from drivers.errors import ProtocolError
from tests.emulators.cash.pty_device import PtyDevice, serve

CNY_YUAN = (1, 5, 10, 20, 50, 100)
_PLAIN_OK = frozenset(
    {
        ssp.SYNC,
        ssp.HOST_PROTOCOL_VERSION,
        ssp.SET_GENERATOR,
        ssp.SET_MODULUS,
        ssp.REQUEST_KEY_EXCHANGE,
    }
)
NAMES = {v: k for k, v in vars(ssp).items() if k.isupper() and isinstance(v, int) and v < 0x60}


@dataclass
class _Event:
    raw: bytes
    ack: bool = False
    reported: bool = False


class EsspEmulator(PtyDevice):
    def __init__(
        self,
        record_path: Path | str | None = None,
        *,
        encrypted: bool = False,
        poll_with_ack: bool = True,
        channels_yuan: tuple[int, ...] = CNY_YUAN,
        fixed_key: int = DEFAULT_FIXED_KEY,
        serial_number: int = 12345678,
        max_protocol: int = 8,
    ) -> None:
        super().__init__(record_path)
        self.encrypted = encrypted
        self.poll_with_ack = poll_with_ack
        self.channels_yuan = channels_yuan
        self.fixed_key = fixed_key
        self.serial_number = serial_number
        self.max_protocol = max_protocol
        self._parser = SspFrameParser()
        # One-shot faults keyed by poll event code: None drops that reply, bytes go before it.
        self.fault_on: dict[int, bytes | None] = {}
        self._fault_now: tuple[bool, bytes | None] | None = None
        self._power_up()

    def _power_up(self) -> None:
        self.enabled = False
        self.inhibits = 0
        self.queue: list[_Event] = []
        self.state = "idle"  # idle reading escrow stacking rejecting
        self.note: tuple[int, int | None] | None = None  # (channel, reject reason) being read
        self.waiting: list[tuple[int, int | None]] = []  # notes the resident is pushing in
        self.last_reject = 0
        self.last_seq: bool | None = None
        self.last_reply = b""
        self.generator = self.modulus = 0
        self.cipher: EsspCipher | None = None
        self.count = 0
        self.jam: str | None = None
        self.cashbox_out = False
        self.full = False
        self.holds = 0
        self.protocol_version = 0

    def value_fen(self, channel: int) -> int:
        return self.channels_yuan[channel - 1] * 100

    # ---- scripting ----------------------------------------------------------------------------
    def command(self, words: list[str]) -> str:
        with self.lock:
            op, args = words[0], words[1:]
            if op == "insert":
                self.waiting.append((int(args[0]), None))
            elif op == "reject":
                self.waiting.append((int(args[0]), int(args[1], 0) if len(args) > 1 else 0x02))
            elif op == "jam":
                self.jam = None if args[0] == "off" else args[0]
            elif op == "fraud":
                self.queue.append(_Event(bytes([ssp.FRAUD, int(args[0])]), ack=True))
            elif op == "cashbox":
                self.cashbox_out = args[0] == "out"
                if not self.cashbox_out:
                    self.queue.append(_Event(bytes([ssp.CASHBOX_REPLACED])))
            elif op == "full":
                self.full = args[0] == "on"
            elif op == "power_cycle":
                self.power_cycle(args[0] if args else None)
            elif op == "status":
                return (
                    f"state={self.state} enabled={self.enabled} stacked={self.stacked} "
                    f"key={'yes' if self.cipher else 'no'}"
                )
            else:
                raise ValueError(f"unknown command {op}")
            return "ok"

    def insert(self, channel: int) -> None:
        self.command(["insert", str(channel)])

    def power_cycle(self, note_goes_to: str | None = None) -> None:
        """Power cut and back: a note in the path ends up in the cashbox or at the front."""
        with self.lock:
            note = self.note if self.state in ("reading", "escrow", "stacking") else None
            jam, cashbox_out, full = self.jam, self.cashbox_out, self.full
            self._power_up()
            self.jam, self.cashbox_out, self.full = jam, cashbox_out, full
            self.queue.append(_Event(bytes([ssp.SLAVE_RESET])))
            if note is not None and note_goes_to == "cashbox":
                self.record_stacked(self.value_fen(note[0]), note[0])
                self.queue.append(_Event(bytes([ssp.CLEARED_CASHBOX, note[0]]), ack=True))
            elif note is not None:
                self.queue.append(_Event(bytes([ssp.CLEARED_FRONT, note[0]]), ack=True))

    # ---- wire ---------------------------------------------------------------------------------
    def on_bytes(self, data: bytes) -> None:
        for frame in self._parser.feed(data):
            if frame.address == 0:
                self.frames_in += 1
                self._on_frame(frame)

    def _on_frame(self, frame: SspFrame) -> None:
        is_sync = frame.data[:1] == bytes([ssp.SYNC])
        if not is_sync and frame.seq == self.last_seq:
            self.send(self.last_reply)  # the host lost our reply: same bytes again
            return
        encrypted_in = frame.data[:1] == bytes([ENCRYPTED_STX])
        if encrypted_in:
            if self.cipher is None:
                reply = bytes([ssp.KEY_NOT_SET])
            else:
                try:
                    count, payload = self.cipher.unwrap(frame.data)
                except ProtocolError:
                    return  # cannot even tell what it was: say nothing
                if count != self.count:
                    return
                self.count = count + 1
                reply = self.cipher.wrap(self.count, self._execute(payload))
        elif self.encrypted and frame.data[:1] and frame.data[0] not in _PLAIN_OK:
            reply = bytes([ssp.KEY_NOT_SET])
        else:
            reply = self._execute(frame.data)
        self.last_seq = frame.seq
        self.last_reply = encode_frame(frame.seq, 0, reply)
        fault, self._fault_now = self._fault_now, None
        if fault is None:
            self.send(self.last_reply)
        elif fault[1] is not None:
            self.send(fault[1] + self.last_reply)

    def _execute(self, payload: bytes) -> bytes:
        if not payload:
            return bytes([ssp.WRONG_PARAMS])
        cmd, args = payload[0], payload[1:]
        self.log.append(NAMES.get(cmd, f"0x{cmd:02X}"))
        ok = bytes([ssp.OK])
        if cmd == ssp.SYNC:
            self.last_seq = None
            return ok
        if cmd == ssp.HOST_PROTOCOL_VERSION:
            if not args or args[0] > self.max_protocol:
                return bytes([ssp.FAIL])
            self.protocol_version = args[0]
            return ok
        if cmd == ssp.SETUP_REQUEST:
            values = list(self.channels_yuan)
            return ok + ssp.build_setup("0420", "CNY", values, 100, protocol=7)
        if cmd == ssp.GET_SERIAL:
            return ok + self.serial_number.to_bytes(4, "big")
        if cmd == ssp.SET_INHIBITS:
            if len(args) != 2:
                return bytes([ssp.WRONG_PARAMS])
            self.inhibits = args[0] | args[1] << 8
            return ok
        if cmd in (ssp.ENABLE, ssp.DISABLE):
            self.enabled = cmd == ssp.ENABLE
            return ok
        if cmd == ssp.RESET:
            self.power_cycle(None)
            return ok
        if cmd in (ssp.HOLD, ssp.REJECT) and self.state != "escrow":
            return bytes([ssp.CANNOT_PROCESS])  # no note in escrow
        if cmd == ssp.HOLD:
            self.holds += 1
            return ok
        if cmd == ssp.REJECT:
            self.state, self.last_reject = "rejecting", 0x08
            self.queue.append(_Event(bytes([ssp.REJECTING])))
            return ok
        if cmd == ssp.LAST_REJECT_CODE:
            return ok + bytes([self.last_reject])
        if cmd in (ssp.SET_GENERATOR, ssp.SET_MODULUS, ssp.REQUEST_KEY_EXCHANGE):
            return self._key_exchange(cmd, args)
        if cmd == ssp.POLL or (cmd == ssp.POLL_WITH_ACK and self.poll_with_ack):
            self._advance()
            events = self._report(with_ack=cmd == ssp.POLL_WITH_ACK)
            for code, _ in ssp.parse_events(events):
                if code in self.fault_on:
                    self._fault_now = (True, self.fault_on.pop(code))
                    break
            return ok + events
        if cmd == ssp.EVENT_ACK and self.poll_with_ack:
            if self.queue and self.queue[0].ack and self.queue[0].reported:
                self.queue.pop(0)
            return ok
        return bytes([ssp.UNKNOWN_COMMAND])

    def _key_exchange(self, cmd: int, args: bytes) -> bytes:
        if len(args) != 8:
            return bytes([ssp.WRONG_PARAMS])
        number = int.from_bytes(args, "little")
        if cmd == ssp.SET_GENERATOR:
            if not is_prime(number):
                return bytes([ssp.OUT_OF_RANGE])
            self.generator = number
        elif cmd == ssp.SET_MODULUS:
            if not is_prime(number):
                return bytes([ssp.OUT_OF_RANGE])
            self.modulus = number
        else:
            if not (self.generator and self.modulus):
                return bytes([ssp.CANNOT_PROCESS])
            secret = secrets.randbelow(self.modulus - 3) + 2
            key = pow(number, secret, self.modulus)
            self.cipher = EsspCipher(aes_key(self.fixed_key, key))
            self.count = 0
            return bytes([ssp.OK]) + u64(pow(self.generator, secret, self.modulus))
        return bytes([ssp.OK])

    def _report(self, *, with_ack: bool) -> bytes:
        out = bytearray()
        if not with_ack:
            out += b"".join(ev.raw for ev in self.queue)
            self.queue.clear()
            return bytes(out)
        while self.queue:
            ev = self.queue[0]
            out += ev.raw
            if ev.ack:
                ev.reported = True
                break
            self.queue.pop(0)
        return bytes(out)

    def _advance(self) -> None:
        """One poll's worth of the note's journey and of the standing conditions."""
        q = self.queue
        if self.jam:
            q.append(_Event(bytes([ssp.SAFE_JAM if self.jam == "safe" else ssp.UNSAFE_JAM])))
        if self.cashbox_out:
            q.append(_Event(bytes([ssp.CASHBOX_REMOVED])))
        if self.full:
            q.append(_Event(bytes([ssp.STACKER_FULL])))
        if not self.enabled:
            q.append(_Event(bytes([ssp.DISABLED])))
        if self.jam or self.cashbox_out:
            return
        if self.state == "idle" and self.waiting and self.enabled:
            self.note = self.waiting.pop(0)
            self.state = "reading"
            q.append(_Event(bytes([ssp.READ, 0])))
        elif self.state == "reading" and self.note is not None:
            channel, reason = self.note
            if not self.inhibits & (1 << (channel - 1)):
                reason = 0x06
            if reason is not None:
                self.state, self.last_reject = "rejecting", reason
                q.append(_Event(bytes([ssp.REJECTING])))
            else:
                self.state = "escrow"
                q.append(_Event(bytes([ssp.READ, channel])))
        elif self.state == "escrow":
            self.state = "stacking"
            q.append(_Event(bytes([ssp.STACKING])))
        elif self.state == "stacking" and self.note is not None:
            channel = self.note[0]
            self.record_stacked(self.value_fen(channel), channel)
            q.append(_Event(bytes([ssp.CREDIT, channel]), ack=True))
            q.append(_Event(bytes([ssp.STACKED])))
            self.state, self.note = "idle", None
        elif self.state == "rejecting":
            q.append(_Event(bytes([ssp.REJECTED])))
            self.state, self.note = "idle", None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--link", help="make a symlink here pointing at the PTY slave")
    parser.add_argument("--record", help="append every stacked note here (JSON lines, fsync)")
    parser.add_argument("--encrypted", action="store_true")
    parser.add_argument("--no-ack", action="store_true", help="no POLL WITH ACK support")
    ns = parser.parse_args(argv)
    device = EsspEmulator(ns.record, encrypted=ns.encrypted, poll_with_ack=not ns.no_ack)
    return serve(device, ns.link)


if __name__ == "__main__":
    raise SystemExit(main())
