"""PC/SC card reader through pyscard's low-level `scard` API.

One monitor thread owns a PC/SC context and reports readers coming and going and cards inserted
and removed. When pcscd goes away the monitor reports every reader removed and keeps trying to
reconnect, so an unplugged reader or restarted service recovers without restarting the kiosk.
Each connected card gets its own context: pcsc-lite serialises calls per context, so a channel
never waits behind the monitor's blocking SCardGetStatusChange.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from smartcard import scard

from drivers.card.apdu import exchange
from drivers.card.base import CardEvent, CardEventKind, CardListener
from drivers.card.errors import (
    CardAbsent,
    CardCommError,
    CardProtocolMismatch,
    CardRemoved,
    CardReset,
    CardUnresponsive,
    PcscUnavailable,
    ReaderBusy,
    ReaderUnavailable,
)
from drivers.errors import DeviceError, DeviceTimeout

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"
_M = 0xFFFFFFFF


def _code(name: str) -> int:
    return int(getattr(scard, name)) & _M


_OK = 0
_TIMEOUT = _code("SCARD_E_TIMEOUT")
_NO_READERS = _code("SCARD_E_NO_READERS_AVAILABLE")
_CANCELLED = _code("SCARD_E_CANCELLED")
_UNKNOWN_READER = _code("SCARD_E_UNKNOWN_READER")
_SERVICE_GONE = {_code("SCARD_E_NO_SERVICE"), _code("SCARD_E_SERVICE_STOPPED")}
_REMOVED = {_code("SCARD_W_REMOVED_CARD"), _code("SCARD_E_NO_SMARTCARD")}
_COMM = {_code("SCARD_E_NOT_TRANSACTED"), _code("SCARD_F_COMM_ERROR")}
_HANDLE_GONE = {_code("SCARD_E_INVALID_HANDLE")}

_ERRORS: dict[int, tuple[type[DeviceError], str]] = {
    _code("SCARD_W_REMOVED_CARD"): (CardRemoved, "the card was removed"),
    _code("SCARD_E_NO_SMARTCARD"): (CardRemoved, "no card in the reader"),
    _code("SCARD_W_RESET_CARD"): (CardReset, "the card was reset by another application"),
    _code("SCARD_W_UNRESPONSIVE_CARD"): (CardUnresponsive, "the card does not answer to reset"),
    _code("SCARD_W_UNPOWERED_CARD"): (CardUnresponsive, "the card is not powered"),
    _code("SCARD_E_PROTO_MISMATCH"): (CardProtocolMismatch, "no common protocol (T=0/T=1)"),
    _code("SCARD_E_SHARING_VIOLATION"): (ReaderBusy, "another application holds the card"),
    _code("SCARD_E_READER_UNAVAILABLE"): (ReaderUnavailable, "the reader is unavailable"),
    _code("SCARD_E_UNKNOWN_READER"): (ReaderUnavailable, "no such reader"),
    _code("SCARD_E_NO_READERS_AVAILABLE"): (ReaderUnavailable, "no card reader connected"),
    _code("SCARD_E_NO_SERVICE"): (PcscUnavailable, "the PC/SC service (pcscd) is not running"),
    _code("SCARD_E_SERVICE_STOPPED"): (PcscUnavailable, "the PC/SC service (pcscd) stopped"),
    _code("SCARD_E_TIMEOUT"): (DeviceTimeout, "the card reader timed out"),
    _code("SCARD_E_NOT_TRANSACTED"): (CardCommError, "the APDU could not be exchanged"),
    _code("SCARD_F_COMM_ERROR"): (CardCommError, "communication error with the reader"),
    _code("SCARD_E_INVALID_HANDLE"): (CardRemoved, "the card connection is no longer valid"),
}


def map_error(hresult: int, action: str) -> DeviceError:
    """A DeviceError subclass with a clear message for a PC/SC result code."""
    code = int(hresult) & _M
    cls, text = _ERRORS.get(code, (DeviceError, "PC/SC error"))
    try:
        detail = str(scard.SCardGetErrorMessage(hresult))
    except Exception:  # pragma: no cover - message lookup is best effort
        detail = ""
    return cls(f"{action}: {text} ({code:08X} {detail})".replace(" )", ")"))


@dataclass
class _Reader:
    present: bool = False
    atr: bytes | None = None
    state: int = 0  # last dwEventState, passed back as dwCurrentState


def _establish() -> tuple[int, Any]:
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    return int(hr) & _M, ctx


def _release(ctx: Any) -> None:
    try:
        scard.SCardReleaseContext(ctx)
    except Exception:  # pragma: no cover - the service may be gone already
        log.debug("releasing PC/SC context failed", exc_info=True)


class PcscChannel:
    """A connection to one card; transmit follows T=0 61xx/6Cxx (drivers.card.apdu.exchange)."""

    def __init__(
        self, ctx: Any, card: Any, protocol: int, reader: str, atr: bytes, removal_wait_s: float
    ) -> None:
        self._ctx = ctx
        self._card = card
        self._protocol = protocol
        self.reader = reader
        self.atr = atr
        self._removal_wait_ms = int(removal_wait_s * 1000)
        self._lock = threading.Lock()
        self._closed = False

    @property
    def protocol(self) -> str:
        return "T=1" if self._protocol == scard.SCARD_PROTOCOL_T1 else "T=0"

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        with self._lock:
            if self._closed:
                raise CardAbsent("the card channel is closed")
            return exchange(self._raw, bytes(apdu))

    def _raw(self, apdu: bytes) -> bytes:
        hr, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        code = int(hr) & _M
        if code == _OK:
            if len(response) >= 2:
                return bytes(response)
            # vpcd (and some readers) report success with no bytes when the card vanished
            if self._card_gone():
                raise CardRemoved("card removed during a command (no answer)")
            raise CardCommError(f"the card answered {len(response)} bytes, no status word")
        if code in _COMM and self._card_gone():
            raise CardRemoved(f"card removed during a command ({code:08X})")
        raise map_error(hr, "transmit")

    def _card_gone(self) -> bool:
        """After a failed exchange: wait (bounded) for PC/SC to tell whether the card left."""
        states: list[tuple[str, int]] = [(self.reader, scard.SCARD_STATE_UNAWARE)]
        hr, new = scard.SCardGetStatusChange(self._ctx, 0, states)
        if int(hr) & _M in _SERVICE_GONE:
            return False  # pcscd itself went away: report that, not a removed card
        if int(hr) & _M != _OK:
            return True
        if not int(new[0][1]) & scard.SCARD_STATE_PRESENT:
            return True
        states = [(self.reader, int(new[0][1]) & ~scard.SCARD_STATE_CHANGED)]
        hr, new = scard.SCardGetStatusChange(self._ctx, self._removal_wait_ms, states)
        code = int(hr) & _M
        if code == _TIMEOUT:
            return False
        return code != _OK or not int(new[0][1]) & scard.SCARD_STATE_PRESENT

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            except Exception:  # pragma: no cover - card or service may be gone
                log.debug("disconnect failed", exc_info=True)
            _release(self._ctx)

    def __enter__(self) -> PcscChannel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PcscCardReader:
    """CardReader over pcscd. `open()` starts the monitor thread; `close()` stops it."""

    def __init__(
        self,
        *,
        poll_interval_s: float = 0.25,
        retry_interval_s: float = 0.3,
        removal_wait_s: float = 1.5,
    ) -> None:
        self._poll_ms = int(poll_interval_s * 1000)
        self._retry_s = retry_interval_s
        self._removal_wait_s = removal_wait_s
        self._listener: CardListener | None = None
        self._lock = threading.Lock()
        self._readers: dict[str, _Reader] = {}
        self._pnp_state = 0
        self._service_ok = False
        self._last_error: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ctx: Any = None

    # --- CardReader -------------------------------------------------------------------

    def set_listener(self, listener: CardListener) -> None:
        self._listener = listener

    def open(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def close(self) -> None:
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        with self._lock:
            if self._ctx is not None:
                scard.SCardCancel(self._ctx)
        thread.join(timeout=5)
        self._thread = None

    def readers(self) -> list[str]:
        """Readers known to pcscd now (asked directly, so it works without the monitor)."""
        hr, ctx = _establish()
        if hr != _OK:
            raise map_error(hr, "list readers")
        try:
            return self._list(ctx)
        finally:
            _release(ctx)

    def connect(self, reader: str | None = None) -> PcscChannel:
        hr, ctx = _establish()
        if hr != _OK:
            raise map_error(hr, "connect")
        try:
            name, atr = self._pick(ctx, reader)
            hr, card, protocol = scard.SCardConnect(
                ctx,
                name,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            if int(hr) & _M != _OK:
                raise map_error(hr, f"connect to the card in {name!r}")
        except BaseException:
            _release(ctx)
            raise
        return PcscChannel(ctx, card, int(protocol), name, atr, self._removal_wait_s)

    def status(self) -> dict[str, object]:
        with self._lock:
            return {
                "driver": "pcsc",
                "monitoring": self._thread is not None,
                "service": "ok" if self._service_ok else "unavailable",
                "readers": {
                    name: {"card": r.present, "atr": r.atr.hex().upper() if r.atr else None}
                    for name, r in self._readers.items()
                },
                "last_error": self._last_error,
            }

    # --- helpers ----------------------------------------------------------------------

    @staticmethod
    def _list(ctx: Any) -> list[str]:
        hr, names = scard.SCardListReaders(ctx, [])
        code = int(hr) & _M
        if code == _NO_READERS:
            return []
        if code != _OK:
            raise map_error(hr, "list readers")
        return [str(n) for n in names]

    def _pick(self, ctx: Any, reader: str | None) -> tuple[str, bytes]:
        names = self._list(ctx)
        if reader is not None and reader not in names:
            raise ReaderUnavailable(f"reader {reader!r} is not connected (have {names})")
        wanted = [reader] if reader is not None else names
        if not wanted:
            raise ReaderUnavailable("no card reader connected")
        states = [(n, scard.SCARD_STATE_UNAWARE) for n in wanted]
        hr, new = scard.SCardGetStatusChange(ctx, 0, states)
        if int(hr) & _M != _OK:
            raise map_error(hr, "read reader state")
        for name, state, atr in new:
            if int(state) & scard.SCARD_STATE_PRESENT and not int(state) & scard.SCARD_STATE_MUTE:
                return str(name), bytes(atr)
        where = repr(reader) if reader is not None else "any reader"
        raise CardAbsent(f"no card in {where}")

    def _emit(self, events: list[CardEvent]) -> None:
        listener = self._listener
        for event in events:
            if listener is None:
                continue
            try:
                listener(event)
            except Exception:
                log.exception("card listener failed on %s", event.kind)

    def _drop_all(self) -> list[CardEvent]:
        events: list[CardEvent] = []
        with self._lock:
            for name, r in self._readers.items():
                if r.present:
                    events.append(CardEvent(CardEventKind.CARD_REMOVED, name))
                events.append(CardEvent(CardEventKind.READER_REMOVED, name))
            self._readers.clear()
            self._pnp_state = 0
            self._service_ok = False
        return events

    # --- monitor thread ---------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            hr, ctx = _establish()
            if hr != _OK:
                with self._lock:
                    self._last_error = str(map_error(hr, "connect to pcscd"))
                self._stop.wait(self._retry_s)
                continue
            with self._lock:
                self._ctx = ctx
                self._service_ok = True
            try:
                while not self._stop.is_set():
                    if not self._poll(ctx):
                        break
            except Exception as exc:  # keep monitoring whatever pyscard throws
                log.exception("card monitor failed")
                with self._lock:
                    self._last_error = f"monitor: {exc}"
            finally:
                with self._lock:
                    self._ctx = None
                _release(ctx)
                self._emit(self._drop_all())
            if not self._stop.is_set():
                self._stop.wait(self._retry_s)

    def _poll(self, ctx: Any) -> bool:
        """One round; False when the context is unusable (service gone) and must be renewed."""
        hr, names = scard.SCardListReaders(ctx, [])
        code = int(hr) & _M
        if code in _SERVICE_GONE or code == _code("SCARD_E_INVALID_HANDLE"):
            self._note(hr, "list readers")
            return False
        current = [] if code == _NO_READERS else [str(n) for n in names]
        events: list[CardEvent] = []
        with self._lock:
            for name in [n for n in self._readers if n not in current]:
                if self._readers.pop(name).present:
                    events.append(CardEvent(CardEventKind.CARD_REMOVED, name))
                events.append(CardEvent(CardEventKind.READER_REMOVED, name))
            for name in current:
                if name not in self._readers:
                    self._readers[name] = _Reader()
                    events.append(CardEvent(CardEventKind.READER_ADDED, name))
            states = [(n, r.state) for n, r in self._readers.items()]
            states.append((PNP_READER, self._pnp_state))
        self._emit(events)
        hr, new = scard.SCardGetStatusChange(ctx, self._poll_ms, states)
        code = int(hr) & _M
        if code in (_TIMEOUT, _CANCELLED, _UNKNOWN_READER):
            return True
        if code != _OK:
            self._note(hr, "wait for card events")
            return code not in _SERVICE_GONE and code not in _HANDLE_GONE
        self._emit(self._apply(new))
        return True

    def _apply(self, new: list[tuple[str, int, list[int]]]) -> list[CardEvent]:
        events: list[CardEvent] = []
        with self._lock:
            for name, raw_state, raw_atr in new:
                state = int(raw_state) & _M
                if name == PNP_READER:
                    self._pnp_state = state & ~scard.SCARD_STATE_CHANGED
                    continue
                r = self._readers.get(str(name))
                if r is None:
                    continue
                present = bool(state & scard.SCARD_STATE_PRESENT) and not (
                    state & scard.SCARD_STATE_MUTE
                )
                atr = bytes(raw_atr) if present else None
                new_insertion = (state >> 16) != (r.state >> 16) and r.present and present
                if r.present and (not present or new_insertion):
                    events.append(CardEvent(CardEventKind.CARD_REMOVED, str(name)))
                if present and (not r.present or new_insertion):
                    hexatr = atr.hex().upper() if atr else None
                    events.append(CardEvent(CardEventKind.CARD_INSERTED, str(name), hexatr))
                r.present, r.atr = present, atr
                r.state = state & ~scard.SCARD_STATE_CHANGED
        return events

    def _note(self, hr: int, action: str) -> None:
        with self._lock:
            self._last_error = str(map_error(hr, action))
