"""Simulated cards as pure APDU processors (bytes in, bytes out, no I/O).

Used by FakeCardReader (demo, fast unit tests) and by the vpcd client of the PC/SC test rig. The
utility card checks the purchase MAC itself, as the real card does, so the kiosk never needs a key.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import threading
from dataclasses import dataclass
from typing import Protocol

from drivers.card import tlv

ATR_T1 = bytes.fromhex("3B800181")  # T=1 only
ATR_T0 = bytes.fromhex("3B021450")  # T=0 only, 2 historical bytes

SW_OK = b"\x90\x00"


def sw(word: int) -> bytes:
    return word.to_bytes(2, "big")


class ApduProcessor(Protocol):
    """What a card emulator needs from a simulated card."""

    @property
    def atr(self) -> bytes: ...

    def power_on(self) -> None:
        """Cold or warm reset: volatile state (selected application and file) is lost."""
        ...

    def process(self, apdu: bytes) -> bytes:
        """Handle one command APDU; return response data + SW1 SW2."""
        ...


@dataclass(frozen=True)
class T0Behaviour:
    """How a T=0 card answers: 61xx for commands with data in and out, 6Cxx for a wrong Le.

    `chunk` caps what one GET RESPONSE returns, so a long answer needs several (61xx loop).
    """

    get_response: bool = True
    wrong_le: bool = True
    chunk: int = 256


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None: no Le field; 0 means 256


def parse_command(apdu: bytes) -> Command:
    """Split a short APDU into its fields; ValueError for a malformed one."""
    if len(apdu) < 4:
        raise ValueError("APDU shorter than 4 bytes")
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return Command(cla, ins, p1, p2, b"", None)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, b"", body[0])
    lc = body[0]
    if lc == 0 or len(body) not in (1 + lc, 2 + lc):
        raise ValueError("Lc does not match the APDU length")
    le = body[1 + lc] if len(body) == 2 + lc else None
    return Command(cla, ins, p1, p2, body[1 : 1 + lc], le)


class SimCard:
    """Common part: command log, T=0 answers, GET RESPONSE. Subclasses implement `handle`."""

    def __init__(self, atr: bytes, t0: T0Behaviour | None) -> None:
        self._atr = atr
        self.t0 = t0
        self._lock = threading.RLock()
        self._pending = b""
        self.log: list[bytes] = []

    @property
    def atr(self) -> bytes:
        return self._atr

    def power_on(self) -> None:
        with self._lock:
            self._pending = b""
            self.reset_selection()

    def reset_selection(self) -> None:
        """Forget selected application/file (subclasses override)."""

    def handle(self, cmd: Command) -> tuple[bytes, int]:
        raise NotImplementedError

    def process(self, apdu: bytes) -> bytes:
        with self._lock:
            self.log.append(bytes(apdu))
            try:
                cmd = parse_command(apdu)
            except ValueError:
                return sw(0x6700)
            if cmd.ins == 0xC0 and self.t0 is not None and self.t0.get_response:
                return self._get_response(cmd)
            self._pending = b""
            data, word = self.handle(cmd)
            if word != 0x9000 or not data:
                return data + sw(word)
            if self.t0 is not None and self.t0.get_response and cmd.data:
                self._pending = data
                return sw(0x6100 | (min(len(data), self.t0.chunk) & 0xFF))
            wanted = 256 if not cmd.le else cmd.le
            if self.t0 is not None and self.t0.wrong_le and wanted != len(data):
                return sw(0x6C00 | (len(data) & 0xFF))
            return data[:wanted] + SW_OK

    def _get_response(self, cmd: Command) -> bytes:
        assert self.t0 is not None
        if not self._pending:
            return sw(0x6985)
        wanted = 256 if not cmd.le else cmd.le
        if wanted > len(self._pending):
            return sw(0x6C00 | (len(self._pending) & 0xFF))
        take = min(wanted, self.t0.chunk)
        out, self._pending = self._pending[:take], self._pending[take:]
        if self._pending:
            return out + sw(0x6100 | (min(len(self._pending), self.t0.chunk) & 0xFF))
        return out + SW_OK


# --- the utility prepaid card -------------------------------------------------------------

UTILITY_AID = bytes.fromhex("F055544C4341524431")
TEST_MASTER_KEY = b"utility-test-master-key-0001"
TEST_CARD_SERIAL = "8600000000000003"
TEST_ACCOUNT_NO = "3300000003"
TEST_METER_NO = "000033000003"


def card_key(master_key: bytes, serial: str) -> bytes:
    """card_key = HMAC-SHA256(master_key, card_serial ASCII); only the back end and card know it."""
    return hmac.new(master_key, serial.encode("ascii"), hashlib.sha256).digest()


def purchase_mac(key: bytes, serial: str, amount_fen: int, count: int) -> bytes:
    msg = serial.encode("ascii") + amount_fen.to_bytes(4, "big") + count.to_bytes(4, "big")
    return hmac.new(key, msg, hashlib.sha256).digest()[:4]


def purchase_data(key: bytes, serial: str, amount_fen: int, count: int) -> bytes:
    """The 12 PURCHASE bytes the back end signs (write_data_hex)."""
    mac = purchase_mac(key, serial, amount_fen, count)
    return amount_fen.to_bytes(4, "big") + count.to_bytes(4, "big") + mac


class UtilitySimCard(SimCard):
    """The prepaid card: EF 0101 CUSTOMER (read-only), 0102 PURCHASE, 0103 WRITE-BACK."""

    def __init__(
        self,
        *,
        serial: str = TEST_CARD_SERIAL,
        account_no: str = TEST_ACCOUNT_NO,
        meter_no: str = TEST_METER_NO,
        master_key: bytes = TEST_MASTER_KEY,
        amount_fen: int = 5000,
        purchase_count: int = 7,
        loaded_count: int = 7,
        balance_fen: int = 2300,
        t0: T0Behaviour | None = None,
        atr: bytes | None = None,
    ) -> None:
        super().__init__(atr or (ATR_T0 if t0 else ATR_T1), t0)
        self.serial = serial
        self._key = card_key(master_key, serial)
        self.customer = (
            account_no.ljust(16).encode("ascii")
            + meter_no.encode("ascii")
            + serial.encode("ascii")
            + b"\x01\x00\x00\x00"
        )
        assert len(self.customer) == 48
        self.purchase = purchase_data(self._key, serial, amount_fen, purchase_count)
        self.writeback = b""
        self.set_writeback(balance_fen=balance_fen, loaded_count=loaded_count, timestamp=0)
        self._app = False
        self._ef: int | None = None

    def reset_selection(self) -> None:
        self._app = False
        self._ef = None

    def set_writeback(self, *, balance_fen: int, loaded_count: int, timestamp: int) -> None:
        with self._lock:
            self.writeback = (
                balance_fen.to_bytes(4, "big", signed=True)
                + loaded_count.to_bytes(4, "big")
                + timestamp.to_bytes(4, "big")
                + b"\x00\x00\x00\x00"
            )

    def meter_load(self, timestamp: int = 1_790_000_000) -> None:
        """The meter takes the purchase on the card: loaded_count := purchase_count."""
        with self._lock:
            balance = int.from_bytes(self.writeback[0:4], "big", signed=True)
            loaded = int.from_bytes(self.writeback[4:8], "big")
            amount = int.from_bytes(self.purchase[0:4], "big")
            count = int.from_bytes(self.purchase[4:8], "big")
            if count == loaded + 1:
                balance += amount
            self.set_writeback(balance_fen=balance, loaded_count=count, timestamp=timestamp)

    def handle(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.cla != 0x00:
            return b"", 0x6E00
        if cmd.ins == 0xA4 and cmd.p1 == 0x04:
            self._ef = None
            self._app = cmd.data == UTILITY_AID
            return b"", 0x9000 if self._app else 0x6A82
        if cmd.ins == 0xA4 and cmd.p1 == 0x02:
            files = (0x0101, 0x0102, 0x0103)
            ef = int.from_bytes(cmd.data, "big") if len(cmd.data) == 2 else -1
            if not self._app or ef not in files:
                return b"", 0x6A82
            self._ef = ef
            return b"", 0x9000
        if cmd.ins == 0xB0:
            if self._ef is None:
                return b"", 0x6986
            content = {0x0101: self.customer, 0x0102: self.purchase, 0x0103: self.writeback}
            offset = ((cmd.p1 & 0x7F) << 8) | cmd.p2
            return content[self._ef][offset:], 0x9000
        if cmd.ins == 0xD6:
            return b"", self._write(cmd)
        return b"", 0x6D00

    def _write(self, cmd: Command) -> int:
        if self._ef is None:
            return 0x6986
        if self._ef != 0x0102:
            return 0x6982
        if cmd.p1 or cmd.p2 or len(cmd.data) != 12:
            return 0x6700
        if cmd.data == self.purchase:
            return 0x9000
        amount = int.from_bytes(cmd.data[0:4], "big")
        count = int.from_bytes(cmd.data[4:8], "big")
        if not hmac.compare_digest(
            purchase_mac(self._key, self.serial, amount, count), cmd.data[8:12]
        ):
            return 0x6988
        if count != int.from_bytes(self.purchase[4:8], "big") + 1:
            return 0x6985
        self.purchase = bytes(cmd.data)  # one assignment: the write is atomic
        return 0x9000


def utility_test_card(t0: T0Behaviour | None = None) -> UtilitySimCard:
    """Test card 8600000000000003 at its seed state (PURCHASE 5000/7, WRITE-BACK 7, 2300)."""
    return UtilitySimCard(t0=t0)


# --- an EMV bank card ---------------------------------------------------------------------

PSE_NAME = b"1PAY.SYS.DDF01"
UNIONPAY_DEBIT = bytes.fromhex("A000000333010101")
TEST_PAN_APPROVED = "6212345678901234569"
TEST_PAN_DECLINED = "6212345678901260002"
TEST_PAN_TIMEOUT = "6212345678901250003"


def _bcd_digits(digits: str) -> bytes:
    if len(digits) % 2:
        digits += "F"
    return bytes.fromhex(digits)


class EmvSimCard(SimCard):
    """A contact EMV debit card: PSE, one application, GPO + AFL, records with 5A/57/5F24/5F34."""

    def __init__(
        self,
        pan: str = TEST_PAN_APPROVED,
        *,
        expiry_yymm: str = "2812",
        pan_sequence: int = 1,
        aid: bytes = UNIONPAY_DEBIT,
        pse: bool = True,
        pdol: bool = False,
        afl_format: int = 1,
        with_5a: bool = True,
        t0: T0Behaviour | None = None,
        atr: bytes | None = None,
    ) -> None:
        super().__init__(atr or (ATR_T0 if t0 else ATR_T1), t0)
        self.aid = aid
        self.pse = pse
        self.pdol = bytes.fromhex("9F66049F02069F37045F2A02") if pdol else b""
        self.afl_format = afl_format
        yy, mm = int(expiry_yymm[:2]), int(expiry_yymm[2:])
        day = calendar.monthrange(2000 + yy, mm)[1]
        track2 = _bcd_digits(f"{pan}D{expiry_yymm}2010000000000")
        app_record = tlv.encode(0x5A, _bcd_digits(pan)) if with_5a else b""
        app_record += tlv.encode(0x5F24, bytes.fromhex(f"{expiry_yymm}{day:02d}"))
        app_record += tlv.encode(0x5F34, bytes([pan_sequence]))
        entry = tlv.encode(0x4F, aid) + tlv.encode(0x50, b"UnionPay Debit")
        entry += tlv.encode(0x87, b"\x01")
        self.records: dict[tuple[int, int], bytes] = {
            (1, 1): tlv.encode(0x70, tlv.encode(0x61, entry)),
            (2, 1): tlv.encode(0x70, tlv.encode(0x57, track2) + tlv.encode(0x5F20, b"TEST/CARD")),
            (3, 1): tlv.encode(0x70, app_record),
            (3, 2): tlv.encode(0x70, tlv.encode(0x9F08, b"\x00\x30")),
        }
        self.afl = bytes.fromhex("1001010018010200")
        self._selected: bytes | None = None

    def reset_selection(self) -> None:
        self._selected = None

    def _fci(self, name: bytes) -> bytes:
        if name == PSE_NAME:
            prop = tlv.encode(0x88, b"\x01")
        else:
            prop = tlv.encode(0x50, b"UnionPay Debit")
            if self.pdol:
                prop += tlv.encode(0x9F38, self.pdol)
        return tlv.encode(0x6F, tlv.encode(0x84, name) + tlv.encode(0xA5, prop))

    def handle(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.ins == 0xA4 and cmd.p1 == 0x04 and cmd.cla == 0x00:
            if (cmd.data == PSE_NAME and self.pse) or cmd.data == self.aid:
                self._selected = cmd.data
                return self._fci(cmd.data), 0x9000
            return b"", 0x6A82
        if cmd.ins == 0xB2 and cmd.cla == 0x00:
            sfi = cmd.p2 >> 3
            if cmd.p2 & 0x07 != 0x04 or self._selected is None:
                return b"", 0x6A86 if self._selected else 0x6985
            if (sfi == 1) != (self._selected == PSE_NAME):
                return b"", 0x6A83
            record = self.records.get((sfi, cmd.p1))
            return (record, 0x9000) if record else (b"", 0x6A83)
        if cmd.ins == 0xA8 and cmd.cla == 0x80:
            return self._gpo(cmd)
        return b"", 0x6D00

    def _gpo(self, cmd: Command) -> tuple[bytes, int]:
        if self._selected != self.aid:
            return b"", 0x6985
        want = sum(length for _tag, length in tlv.parse_dol(self.pdol))
        if len(cmd.data) < 2 or cmd.data[0] != 0x83 or cmd.data[1] != want:
            return b"", 0x6700
        if len(cmd.data) != 2 + want:
            return b"", 0x6700
        aip = b"\x19\x80"
        if self.afl_format == 1:
            return tlv.encode(0x80, aip + self.afl), 0x9000
        return tlv.encode(0x77, tlv.encode(0x82, aip) + tlv.encode(0x94, self.afl)), 0x9000
