"""JCM ID003 banknote acceptor driver over pyserial (9600 8E1), polled with STATUS REQUEST.

Credit happens only on VEND VALID; the host's ACK to it is sent only after the listener returned,
so the acceptor keeps reporting VEND VALID (and the core re-journals nothing twice: one credit per
escrowed note) until the note is durable.
"""

from __future__ import annotations

from drivers.cash import id003_frame as jcm
from drivers.cash.base import AcceptorIdentity, CashEvent, CashEventKind, EscrowDecision
from drivers.cash.id003_frame import Id003Frame, Id003FrameParser, encode_frame
from drivers.cash.poller import Escrow, PollingAcceptor, Timing
from drivers.cash.serial_link import ID003_SERIAL, SerialLink
from drivers.errors import ProtocolError
from kiosk.clock import Clock

K = CashEventKind
_STICKY_EVENTS = {
    jcm.STACKER_FULL: CashEvent(K.CASHBOX_FULL),
    jcm.STACKER_OPEN: CashEvent(K.CASHBOX_REMOVED),
    jcm.ACCEPTOR_JAM: CashEvent(K.JAM, safe=False, detail="acceptor jam"),
    jcm.STACKER_JAM: CashEvent(K.JAM, safe=True, detail="stacker jam"),
    jcm.CHEATED: CashEvent(K.FRAUD),
}
_DECISION_COMMAND = {EscrowDecision.STACK: jcm.STACK_1, EscrowDecision.RETURN: jcm.RETURN}


class Id003Acceptor(PollingAcceptor):
    protocol = "id003"

    def __init__(
        self,
        port: str,
        *,
        timing: Timing | None = None,
        clock: Clock | None = None,
        currency: str = "CNY",
        rts: bool | None = None,
        dtr: bool | None = None,
    ) -> None:
        super().__init__(
            SerialLink(port, ID003_SERIAL, rts=rts, dtr=dtr), timing or Timing(), clock
        )
        self._currency = currency
        self._parser = Id003FrameParser()
        self._table: dict[int, int] = {}
        self._prev: int | None = None
        self._credited = False  # VEND VALID of the current note already journaled
        self._last_value: int | None = None  # value of the last escrowed note, for power-up clears

    # ---- transport ----------------------------------------------------------------------------
    def _transact(self, cmd: int, data: bytes = b"", *, reply: bool = True) -> Id003Frame:
        what = f"ID003 command 0x{cmd:02X}"
        answer = self._request(encode_frame(cmd, data), self._parser, what, reply=reply)
        return Id003Frame(jcm.ACK) if answer is None else answer  # no reply asked: taken as ACK

    def _operate(self, cmd: int) -> None:
        """An operation command (RESET, STACK, RETURN, HOLD): ACK, or INVALID COMMAND if moot."""
        answer = self._transact(cmd)
        if answer.cmd not in (jcm.ACK, jcm.INVALID_COMMAND):
            raise ProtocolError(f"ID003 command 0x{cmd:02X} answered 0x{answer.cmd:02X}")
        if answer.cmd == jcm.INVALID_COMMAND:
            self._count("invalid_command")

    def _setting(self, cmd: int, data: bytes) -> None:
        answer = self._transact(cmd, data)
        if (answer.cmd, answer.data) != (cmd, data):
            raise ProtocolError(f"ID003 setting 0x{cmd:02X} not echoed back")

    # ---- start-up -----------------------------------------------------------------------------
    def _startup(self) -> AcceptorIdentity:
        self._prev = None
        status = self._transact(jcm.STATUS_REQUEST)
        if status.cmd == jcm.VEND_VALID:  # stacked while we were away: credit if we know the note
            self._on_vend_valid()
        self.escrow = None
        self._power_up_events(status.cmd)
        self._operate(jcm.RESET)
        for _ in range(self._timing.retries):
            status = self._transact(jcm.STATUS_REQUEST)
            if status.cmd not in (
                jcm.INITIALIZE,
                jcm.POWER_UP,
                jcm.POWER_UP_ACCEPTOR,
                jcm.POWER_UP_STACKER,
            ):
                break
            self._check_stop()
        self._setting(jcm.SET_DENOMINATION, b"\x00\x00")
        self._setting(jcm.SET_SECURITY, b"\x00\x00")
        self._setting(jcm.SET_COMM_MODE, b"\x00")
        self._setting(jcm.SET_INHIBIT, b"\x01")
        self._applied_enabled = None
        version = self._transact(jcm.VERSION_REQUEST)
        table = self._transact(jcm.CURRENCY_ASSIGN_REQUEST)
        if version.cmd != jcm.VERSION_REQUEST or table.cmd != jcm.CURRENCY_ASSIGN_REQUEST:
            raise ProtocolError("ID003 version or currency table request not answered")
        self._table = jcm.parse_currency_table(table.data)
        text = version.data.decode("ascii", errors="replace").strip()
        channels = tuple(
            self._table.get(code, 0)
            for code in range(jcm.FIRST_DENOMINATION, jcm.LAST_DENOMINATION + 1)
        )
        while channels and channels[-1] == 0:
            channels = channels[:-1]
        return AcceptorIdentity(
            protocol="id003",
            model=text.split(" ")[0],
            serial="",
            firmware=text,
            currency=self._currency,
            channel_values=channels,
        )

    def _power_up_events(self, status: int) -> None:
        if status not in (jcm.POWER_UP, jcm.POWER_UP_ACCEPTOR, jcm.POWER_UP_STACKER):
            return
        self._emit(CashEvent(K.RESET))
        value, self._last_value = self._last_value, None
        if status == jcm.POWER_UP_ACCEPTOR:
            self._emit(CashEvent(K.CLEARED_TO_FRONT, value_fen=value))
        elif status == jcm.POWER_UP_STACKER:
            self._emit(CashEvent(K.CLEARED_TO_CASHBOX, value_fen=value))

    def _apply_enabled(self, enabled: bool) -> None:
        self._setting(jcm.SET_INHIBIT, b"\x00" if enabled else b"\x01")
        self._note_enabled(enabled)

    # ---- polling ------------------------------------------------------------------------------
    def _poll_once(self) -> None:
        status = self._transact(jcm.STATUS_REQUEST)
        self._count("polls")
        code, prev = status.cmd, self._prev
        self._prev = code
        if prev == jcm.STACKER_OPEN and code != jcm.STACKER_OPEN:
            self._emit(CashEvent(K.CASHBOX_REPLACED))
            if self._want_enabled:
                self._applied_enabled = None
        if code in _STICKY_EVENTS:
            if code != prev:
                self._emit(_STICKY_EVENTS[code])
        elif code in (jcm.POWER_UP, jcm.POWER_UP_ACCEPTOR, jcm.POWER_UP_STACKER):
            self._needs_init = True  # start-up reports the power-up and resets
        elif code == jcm.ACCEPTING:  # a new note: whatever we knew of the last one is over
            self._credited = False
            self.escrow = None
        elif code in (jcm.ESCROW, jcm.HOLDING):
            self._on_escrow(status)
        elif code == jcm.VEND_VALID:
            self._on_vend_valid()
        elif code in (jcm.STACKED, jcm.IDLING):
            self.escrow = None
        elif code == jcm.REJECTING and code != prev:
            self.escrow = None
            reason = status.data[0] if status.data else 0
            self._emit(
                CashEvent(
                    K.REJECTED, detail=jcm.REJECT_REASONS.get(reason, f"reason 0x{reason:02X}")
                )
            )
        elif code == jcm.RETURNING and code != prev:
            esc, self.escrow = self.escrow, None
            self._emit(
                CashEvent(
                    K.RETURNED,
                    value_fen=esc.value_fen if esc else None,
                    channel=esc.channel if esc else None,
                )
            )
        elif code == jcm.INHIBITED and self._applied_enabled:
            self._note_enabled(False)
        elif code == jcm.FAILURE and code != prev:
            detail = f"failure 0x{status.data[0]:02X}" if status.data else "failure"
            self._emit(CashEvent(K.FAULT, detail=detail))
        elif code in (jcm.COMMUNICATION_ERROR, jcm.INVALID_COMMAND):
            self._count("device_reported_errors")

    def _on_escrow(self, status: Id003Frame) -> None:
        esc = self.escrow
        other_note = status.cmd == jcm.ESCROW and status.data[:1] != bytes(
            [jcm.FIRST_DENOMINATION - 1 + (esc.channel if esc else 0)]
        )
        if esc is not None and other_note:
            self.escrow = None  # another note than the one we knew: start afresh
        if self.escrow is None:
            if status.cmd != jcm.ESCROW or not status.data:
                self._operate(jcm.RETURN)  # held since before we looked: its value is unknown
                return
            denomination = status.data[0]
            value = self._table.get(denomination)
            if value is None:
                raise ProtocolError(f"ID003 denomination 0x{denomination:02X} not in the table")
            self.escrow = Escrow(
                denomination - jcm.FIRST_DENOMINATION + 1, value, self._clock.monotonic()
            )
            self._credited = False
            self._last_value = value
            self._emit(CashEvent(K.ESCROWED, value_fen=value, channel=self.escrow.channel))
        esc = self.escrow
        if esc.decision is None:
            decision = self._decide(esc.value_fen)
            if decision is None and self._hold_expired():
                decision = EscrowDecision.RETURN
            if decision is None:
                self._operate(jcm.HOLD)
                self._count("holds")
                return
            esc.decision = decision
        self._operate(_DECISION_COMMAND[esc.decision])

    def _on_vend_valid(self) -> None:
        if not self._credited:
            esc = self.escrow
            if esc is None:
                event = CashEvent(K.CLEARED_TO_CASHBOX, detail="vend valid without escrow")
            else:
                self._count("credits")
                event = CashEvent(
                    K.STACKED,
                    value_fen=esc.value_fen,
                    channel=esc.channel,
                    detail=self._credit_detail(),
                )
            if not self._emit(event):
                return  # not durable: no ACK, the acceptor repeats VEND VALID
            self._credited = True
            self.escrow = None  # this note is done; a repeat VEND VALID only needs the ACK
        else:
            self._count("duplicates_suppressed")
        self._transact(jcm.ACK, reply=False)
