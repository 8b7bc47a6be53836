"""ITL SSP / eSSP banknote validator driver (NV9, NV10, NV200, SMART Payout) over pyserial.

Credits happen only on the CREDIT poll event. With POLL WITH ACK the device repeats a credit until
EVENT ACK, and the ACK is sent only after the listener returned (the core's listener returns once
the note is durable), so a crash between "stacked" and "journaled" re-reports the note.
"""

from __future__ import annotations

import logging
import secrets

from drivers.cash import ssp_events as ssp
from drivers.cash.base import AcceptorIdentity, CashEvent, CashEventKind, EscrowDecision
from drivers.cash.essp_crypto import (
    DEFAULT_FIXED_KEY,
    ENCRYPTED_STX,
    EsspCipher,
    aes_key,
    is_prime,
    random_prime,
    read_u64,
    u64,
)
from drivers.cash.poller import Escrow, PollingAcceptor, Timing
from drivers.cash.serial_link import ESSP_SERIAL, SerialLink
from drivers.cash.ssp_frame import SspFrameParser, encode_frame
from drivers.errors import ProtocolError
from kiosk.clock import Clock

log = logging.getLogger(__name__)

HOST_PROTOCOLS = (8, 7, 6)  # POLL WITH ACK needs 6 or later
_PLAIN_WHEN_ENCRYPTED = frozenset(
    {
        ssp.SYNC,
        ssp.HOST_PROTOCOL_VERSION,
        ssp.SET_GENERATOR,
        ssp.SET_MODULUS,
        ssp.REQUEST_KEY_EXCHANGE,
    }
)
# Conditions the device repeats on every poll: report only when they appear.
_STICKY = frozenset(
    {
        ssp.DISABLED,
        ssp.STACKER_FULL,
        ssp.DEVICE_FULL,
        ssp.CASHBOX_REMOVED,
        ssp.UNSAFE_JAM,
        ssp.SAFE_JAM,
        ssp.NOTE_PATH_OPEN,
    }
)


class EsspAcceptor(PollingAcceptor):
    protocol = "essp"

    def __init__(
        self,
        port: str,
        *,
        encrypted: bool = False,
        address: int = 0,
        fixed_key: int = DEFAULT_FIXED_KEY,
        timing: Timing | None = None,
        clock: Clock | None = None,
        rts: bool | None = None,
        dtr: bool | None = None,
    ) -> None:
        super().__init__(SerialLink(port, ESSP_SERIAL, rts=rts, dtr=dtr), timing or Timing(), clock)
        self._encrypted = encrypted
        self._address = address
        self._fixed_key = fixed_key
        self._parser = SspFrameParser()
        self._seq = True
        self._cipher: EsspCipher | None = None
        self._count_e = 0
        self._use_ack = True
        self._protocol_version = 0
        self._unacked: ssp.Event | None = None
        self._sticky: set[int] = set()
        self._channels: tuple[int, ...] = ()

    def status(self) -> dict[str, object]:
        out = super().status()
        out["encrypted"] = self._encrypted
        out["poll_with_ack"] = self._use_ack
        out["protocol_version"] = self._protocol_version
        return out

    # ---- transport ----------------------------------------------------------------------------
    def _transact(self, payload: bytes) -> bytes:
        """Send one command and return the reply DATA (decrypted), resending on a lost reply."""
        command = payload[0]
        encrypt = self._cipher is not None and command not in _PLAIN_WHEN_ENCRYPTED
        data = self._cipher.wrap(self._count_e, payload) if self._cipher and encrypt else payload
        frame = encode_frame(self._seq, self._address, data)
        reply = self._request(
            frame,
            self._parser,
            f"SSP command 0x{command:02X}",
            wanted=lambda f: f.address == self._address and f.seq == self._seq,
        )
        assert reply is not None  # a reply was asked for
        self._seq = not self._seq
        if encrypt and reply.data[:1] == bytes([ENCRYPTED_STX]):
            assert self._cipher is not None
            count, body = self._cipher.unwrap(reply.data)
            if count != self._count_e + 1:
                raise ProtocolError(f"eSSP count {count}, expected {self._count_e + 1}")
            self._count_e = count
            return body
        if reply.data[:1] == bytes([ssp.KEY_NOT_SET]):
            raise ssp.SspCommandError(ssp.KEY_NOT_SET, command)
        if encrypt:
            raise ProtocolError("plain reply to an encrypted command")
        return reply.data

    def _command(self, *payload: int) -> bytes:
        return ssp.check_ok(self._transact(bytes(payload)), payload[0])

    # ---- start-up -----------------------------------------------------------------------------
    def _startup(self) -> AcceptorIdentity:
        self._seq = True
        self._cipher = None
        self._sticky.clear()
        self.escrow = None
        self._command(ssp.SYNC)
        self._agree_protocol()
        if self._encrypted:
            self._negotiate_key()
        setup = ssp.parse_setup(self._command(ssp.SETUP_REQUEST))
        self._channels = setup.channel_values_fen
        serial_raw = self._command(ssp.GET_SERIAL)
        mask = sum(1 << i for i, v in enumerate(self._channels[:16]) if v > 0)
        self._command(ssp.SET_INHIBITS, mask & 0xFF, mask >> 8)
        self._use_ack = True
        return AcceptorIdentity(
            protocol="essp",
            model=f"SSP unit type {setup.unit_type}",
            serial=str(int.from_bytes(serial_raw[:4], "big")) if len(serial_raw) >= 4 else "",
            firmware=setup.firmware,
            currency=setup.currency,
            channel_values=self._channels,
        )

    def _agree_protocol(self) -> None:
        """Ask for the newest protocol we speak; older units answer FAIL, so step down."""
        for version in HOST_PROTOCOLS:
            try:
                self._command(ssp.HOST_PROTOCOL_VERSION, version)
            except ssp.SspCommandError as exc:
                if exc.reply != ssp.FAIL or version == HOST_PROTOCOLS[-1]:
                    raise
                continue
            self._protocol_version = version
            return

    def _negotiate_key(self) -> None:
        generator, modulus = random_prime(), random_prime()
        while generator == modulus:
            modulus = random_prime()
        assert is_prime(generator)
        assert is_prime(modulus)
        secret = secrets.randbelow(modulus - 3) + 2
        self._command(ssp.SET_GENERATOR, *u64(generator))
        self._command(ssp.SET_MODULUS, *u64(modulus))
        mine = u64(pow(generator, secret, modulus))
        other = read_u64(self._command(ssp.REQUEST_KEY_EXCHANGE, *mine))
        key = pow(other, secret, modulus)
        self._cipher = EsspCipher(aes_key(self._fixed_key, key))
        self._count_e = 0

    def _apply_enabled(self, enabled: bool) -> None:
        self._command(ssp.ENABLE if enabled else ssp.DISABLE)
        self._note_enabled(enabled)

    # ---- polling ------------------------------------------------------------------------------
    def _poll_once(self) -> None:
        if self.escrow is not None and self.escrow.decision is None and not self._settle_escrow():
            return
        if self._use_ack:
            reply = self._transact(bytes([ssp.POLL_WITH_ACK]))
            if reply[:1] == bytes([ssp.UNKNOWN_COMMAND]):
                self._use_ack = False
        if not self._use_ack:
            reply = self._transact(bytes([ssp.POLL]))
        events = ssp.parse_events(ssp.check_ok(reply, ssp.POLL))
        self._count("polls")
        self._handle(events)

    def _handle(self, events: list[ssp.Event]) -> None:
        first_ack = next((ev for ev in events if ev[0] in ssp.ACK_REQUIRED), None)
        # The device repeats an un-ACKed event until EVENT ACK; a new note's credit can only come
        # after replies without it (read, stacking), which clear the memory below.
        duplicate = self._unacked is not None and first_ack == self._unacked
        if not duplicate:
            self._unacked = None
        acked_ok = True
        sticky_now: set[int] = set()
        reset = False
        for code, arg in events:
            if code in _STICKY:
                sticky_now.add(code)
                if code in self._sticky:
                    continue
            if duplicate and (code, arg) == self._unacked:
                self._count("duplicates_suppressed")
                continue
            if code == ssp.SLAVE_RESET:
                reset = True
            ok = self._event(code, arg)
            if (code, arg) == first_ack:
                acked_ok = ok
        self._sticky = sticky_now
        if first_ack is not None and self._use_ack and acked_ok:
            self._unacked = first_ack  # reported; until the device confirms the ACK
            self._command(ssp.EVENT_ACK)
            self._unacked = None
            if first_ack[0] == ssp.CREDIT and first_ack[1]:
                ch = first_ack[1]
                self._emit(
                    CashEvent(CashEventKind.ACKNOWLEDGED, value_fen=self._value(ch), channel=ch)
                )
        if reset:
            self._needs_init = True
            return
        if self.escrow is not None and self.escrow.decision is None:
            self._settle_escrow()

    def _value(self, channel: int) -> int:
        if 1 <= channel <= len(self._channels) and self._channels[channel - 1] > 0:
            return self._channels[channel - 1]
        raise ProtocolError(f"SSP channel {channel} not in the channel table")

    def _event(self, code: int, arg: int | None) -> bool:
        ch = arg or 0
        kind = CashEventKind
        if code == ssp.READ and ch > 0 and self.escrow is not None and self.escrow.channel != ch:
            self.escrow = None  # another note than the one we knew: start afresh
        if code == ssp.READ and ch > 0 and self.escrow is None:
            value = self._value(ch)
            self.escrow = Escrow(ch, value, self._clock.monotonic())
            return self._emit(CashEvent(kind.ESCROWED, value_fen=value, channel=ch))
        if code == ssp.CREDIT:
            esc, self.escrow = self.escrow, None
            self._count("credits")
            note = self._credit_detail()
            if esc is not None and esc.channel != ch:  # the device is the authority; flag it
                note = f"escrow was channel {esc.channel}"
            return self._emit(
                CashEvent(
                    kind.STACKED,
                    value_fen=self._value(ch),
                    channel=ch,
                    detail=note,
                    ack_pending=self._use_ack,
                )
            )
        if code == ssp.REJECTED:
            esc, self.escrow = self.escrow, None
            reason = self._last_reject_reason()
            if esc is not None and esc.decision is EscrowDecision.RETURN:
                return self._emit(
                    CashEvent(
                        kind.RETURNED, value_fen=esc.value_fen, channel=esc.channel, detail=reason
                    )
                )
            return self._emit(CashEvent(kind.REJECTED, detail=reason))
        simple = {
            ssp.SLAVE_RESET: CashEvent(kind.RESET),
            ssp.UNSAFE_JAM: CashEvent(kind.JAM, safe=False, detail="unsafe jam"),
            ssp.SAFE_JAM: CashEvent(kind.JAM, safe=True, detail="safe jam"),
            ssp.STACKER_FULL: CashEvent(kind.CASHBOX_FULL),
            ssp.DEVICE_FULL: CashEvent(kind.CASHBOX_FULL),
            ssp.CASHBOX_REMOVED: CashEvent(kind.CASHBOX_REMOVED),
            ssp.CASHBOX_REPLACED: CashEvent(kind.CASHBOX_REPLACED),
            ssp.NOTE_PATH_OPEN: CashEvent(kind.FAULT, detail="note path open"),
        }
        if code in simple:
            if code == ssp.SLAVE_RESET:
                self.escrow = None
            if code == ssp.CASHBOX_REPLACED and self._want_enabled:
                self._applied_enabled = None  # re-send ENABLE next step
            return self._emit(simple[code])
        if code == ssp.FRAUD:
            return self._emit(CashEvent(kind.FRAUD, channel=ch or None))
        if code in (ssp.CLEARED_CASHBOX, ssp.CLEARED_FRONT):
            self.escrow = None
            k = kind.CLEARED_TO_CASHBOX if code == ssp.CLEARED_CASHBOX else kind.CLEARED_TO_FRONT
            cleared = self._value(ch) if ch else None
            return self._emit(CashEvent(k, value_fen=cleared, channel=ch or None))
        if code == ssp.DISABLED and self._applied_enabled is not False:
            self._note_enabled(False)
        return True

    def _last_reject_reason(self) -> str:
        try:
            body = self._command(ssp.LAST_REJECT_CODE)
        except ssp.SspCommandError as exc:
            return f"unknown ({exc})"
        code = body[0] if body else -1
        return ssp.REJECT_REASONS.get(code, f"reject code 0x{code:02X}")

    def _settle_escrow(self) -> bool:
        """Act on the note in escrow; True when the next poll may go ahead."""
        esc = self.escrow
        assert esc is not None
        decision = self._decide(esc.value_fen)
        if decision is None and self._hold_expired():
            decision = EscrowDecision.RETURN
        try:
            if decision is None:
                self._command(ssp.HOLD)
                self._count("holds")
                return False
            esc.decision = decision
            if decision is EscrowDecision.RETURN:
                self._command(ssp.REJECT)
        except ssp.SspCommandError as exc:
            if exc.reply != ssp.CANNOT_PROCESS:
                raise
            self.escrow = None  # no note in escrow any more (reset?): the next poll tells
        return True
