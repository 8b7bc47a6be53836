"""CashCode CCNET bill validator driver over pyserial (9600 8N1), polled with POLL.

Credit happens only on STACKED (81). The host ACKs every data reply, and ACKs a STACKED only after
the listener returned, so an un-journaled note is reported again instead of being lost.
"""

from __future__ import annotations

import logging

from drivers.cash import ccnet_frame as cc
from drivers.cash.base import AcceptorIdentity, CashEvent, CashEventKind, EscrowDecision
from drivers.cash.ccnet_frame import CcnetFrame, CcnetFrameParser, encode_frame
from drivers.cash.poller import Escrow, PollingAcceptor, Timing
from drivers.cash.serial_link import CCNET_SERIAL, SerialLink
from drivers.errors import ProtocolError
from kiosk.clock import Clock

log = logging.getLogger(__name__)
K = CashEventKind
_STICKY_EVENTS = {
    cc.CASSETTE_FULL: CashEvent(K.CASHBOX_FULL),
    cc.CASSETTE_OUT: CashEvent(K.CASHBOX_REMOVED),
    cc.VALIDATOR_JAM: CashEvent(K.JAM, safe=False, detail="validator jam"),
    cc.CASSETTE_JAM: CashEvent(K.JAM, safe=True, detail="cassette jam"),
    cc.CHEATED: CashEvent(K.FRAUD),
}
_DECISION_COMMAND = {EscrowDecision.STACK: cc.STACK, EscrowDecision.RETURN: cc.RETURN}


class CcnetAcceptor(PollingAcceptor):
    protocol = "ccnet"

    def __init__(
        self,
        port: str,
        *,
        timing: Timing | None = None,
        clock: Clock | None = None,
        rts: bool | None = None,
        dtr: bool | None = None,
    ) -> None:
        super().__init__(
            SerialLink(port, CCNET_SERIAL, rts=rts, dtr=dtr), timing or Timing(), clock
        )
        self._parser = CcnetFrameParser()
        self._values: tuple[int, ...] = ()
        self._prev: int | None = None
        self._credited = False
        self._last_value: int | None = None

    # ---- transport ----------------------------------------------------------------------------
    def _transact(self, cmd: int, data: bytes = b"") -> CcnetFrame:
        answer = self._request(encode_frame(cmd, data), self._parser, f"CCNET command 0x{cmd:02X}")
        assert answer is not None  # a reply was asked for
        return answer

    def _ack(self) -> None:
        self._link.write(encode_frame(cc.ACK))

    def _command(self, cmd: int, data: bytes = b"") -> None:
        answer = self._transact(cmd, data)
        if answer.cmd != cc.ACK:  # e.g. a resent STACK after the note already moved on
            self._count("command_refused")
            log.debug("CCNET command 0x%02X answered 0x%02X", cmd, answer.cmd)

    def _data(self, cmd: int) -> bytes:
        answer = self._transact(cmd)
        self._ack()
        return bytes([answer.cmd]) + answer.data

    def _poll(self) -> CcnetFrame:
        status = self._transact(cc.POLL)
        self._count("polls")
        return status

    # ---- start-up -----------------------------------------------------------------------------
    def _startup(self) -> AcceptorIdentity:
        self._prev = None
        status = self._poll()
        if status.cmd == cc.STACKED:  # stacked while we were away: value from the table
            self._values, _ = cc.parse_bill_table(self._data(cc.GET_BILL_TABLE))
            if self._on_stacked(status):
                self._poll()  # the validator repeats the un-ACKed STACKED; ACK that one
                self._ack()
        else:
            self._ack()
        self.escrow = None
        self._power_up_events(status.cmd)
        self._command(cc.RESET)
        for _ in range(self._timing.retries):
            status = self._poll()
            self._ack()
            if status.cmd not in (cc.INITIALIZE, cc.BUSY) and status.cmd not in cc.POWER_UPS:
                break
            self._check_stop()
        self._values, currency = cc.parse_bill_table(self._data(cc.GET_BILL_TABLE))
        ident = self._data(cc.IDENTIFICATION)
        self._command(cc.ENABLE_BILL_TYPES, bytes(6))
        self._applied_enabled = None
        part = ident[:15].decode("ascii", errors="replace").strip()
        serial = ident[15:27].decode("ascii", errors="replace").strip()
        return AcceptorIdentity(
            protocol="ccnet",
            model=part,
            serial=serial,
            firmware=part,
            currency="CNY" if currency in ("CHN", "CNY") else currency,
            channel_values=self._values,
        )

    def _power_up_events(self, status: int) -> None:
        if status not in cc.POWER_UPS:
            return
        self._emit(CashEvent(K.RESET))
        value, self._last_value = self._last_value, None
        if status == cc.POWER_UP_VALIDATOR:
            self._emit(CashEvent(K.CLEARED_TO_FRONT, value_fen=value))
        elif status == cc.POWER_UP_STACKER:
            self._emit(CashEvent(K.CLEARED_TO_CASHBOX, value_fen=value))

    def _apply_enabled(self, enabled: bool) -> None:
        mask = cc.type_mask(self._values) if enabled else bytes(3)
        self._command(cc.ENABLE_BILL_TYPES, mask + mask)
        self._note_enabled(enabled)

    # ---- polling ------------------------------------------------------------------------------
    def _poll_once(self) -> None:
        status = self._poll()
        code, prev = status.cmd, self._prev
        self._prev = code
        if code == cc.STACKED:
            if self._on_stacked(status):
                self._ack()
            return  # without the ACK the validator reports the note again
        self._ack()
        if prev == cc.CASSETTE_OUT and code != cc.CASSETTE_OUT:
            self._emit(CashEvent(K.CASHBOX_REPLACED))
            if self._want_enabled:
                self._applied_enabled = None
        if code in _STICKY_EVENTS:
            if code != prev:
                self._emit(_STICKY_EVENTS[code])
        elif code in cc.POWER_UPS:
            self._needs_init = True
        elif code == cc.ACCEPTING:
            self._credited = False
            self.escrow = None
        elif code in (cc.ESCROW, cc.HOLDING):
            self._on_escrow(status)
        elif code == cc.IDLING:
            self.escrow = None
        elif code == cc.REJECTING and code != prev:
            self.escrow = None
            reason = status.data[0] if status.data else 0
            detail = cc.REJECT_REASONS.get(reason, f"reason 0x{reason:02X}")
            self._emit(CashEvent(K.REJECTED, detail=detail))
        elif code == cc.RETURNED:
            esc, self.escrow = self.escrow, None
            self._emit(
                CashEvent(
                    K.RETURNED,
                    value_fen=esc.value_fen if esc else None,
                    channel=esc.channel if esc else None,
                )
            )
        elif code == cc.DISABLED and self._applied_enabled:
            self._note_enabled(False)
        elif code == cc.FAILURE and code != prev:
            detail = f"failure 0x{status.data[0]:02X}" if status.data else "failure"
            self._emit(CashEvent(K.FAULT, detail=detail))

    def _value(self, bill_type: int) -> int:
        if 0 <= bill_type < len(self._values) and self._values[bill_type] > 0:
            return self._values[bill_type]
        raise ProtocolError(f"CCNET bill type {bill_type} not in the bill table")

    def _on_escrow(self, status: CcnetFrame) -> None:
        esc = self.escrow
        if status.cmd == cc.ESCROW and status.data:
            if esc is not None and esc.channel != status.data[0] + 1:
                esc = self.escrow = None  # another note than the one we knew: start afresh
            if esc is None:
                value = self._value(status.data[0])
                esc = self.escrow = Escrow(status.data[0] + 1, value, self._clock.monotonic())
                self._credited = False
                self._last_value = value
                self._emit(CashEvent(K.ESCROWED, value_fen=value, channel=esc.channel))
        if esc is None:
            self._command(cc.RETURN)  # held since before we looked: its value is unknown
            return
        if esc.decision is None:
            decision = self._decide(esc.value_fen)
            if decision is None and self._hold_expired():
                decision = EscrowDecision.RETURN
            if decision is None:
                self._command(cc.HOLD)  # the validator would return it by itself after ~10 s
                self._count("holds")
                return
            esc.decision = decision
        self._command(_DECISION_COMMAND[esc.decision])

    def _on_stacked(self, status: CcnetFrame) -> bool:
        """Report a STACKED note once; False if the listener failed (then do not ACK)."""
        if self._credited:
            self._count("duplicates_suppressed")
            return True
        esc, self.escrow = self.escrow, None
        if status.data:  # STACKED names the bill type: the device's word on the value
            channel = status.data[0] + 1
            detail = self._credit_detail()
            if esc is not None and esc.channel != channel:
                detail = f"escrow was channel {esc.channel}"
            self._count("credits")
            event = CashEvent(
                K.STACKED, value_fen=self._value(status.data[0]), channel=channel, detail=detail
            )
        else:
            event = CashEvent(K.CLEARED_TO_CASHBOX, detail="stacked without a bill type")
        if not self._emit(event):
            self.escrow = esc
            return False
        self._credited = True
        return True
