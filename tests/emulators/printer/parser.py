"""An incremental ESC/POS parser for the emulator: knows command lengths, so bytes inside raster
data are never mistaken for a real-time status query. Unknown commands are recorded as errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, FS, DLE, LF, CR = 0x1B, 0x1D, 0x1C, 0x10, 0x0A, 0x0D

# command byte -> number of fixed parameter bytes
_ESC_FIXED = {
    ord("@"): 0, ord("!"): 1, ord("E"): 1, ord("-"): 1, ord("M"): 1, ord("a"): 1, ord("{"): 1,
    ord("d"): 1, ord("J"): 1, ord("t"): 1, ord("r"): 1, ord("2"): 0, ord("3"): 1, ord("p"): 3,
    ord("G"): 1, ord("V"): 1, ord("R"): 1, ord("c"): 2, ord(" "): 1,
}  # fmt: skip
_GS_FIXED = {
    ord("!"): 1, ord("b"): 1, ord("B"): 1, ord("|"): 1, ord("h"): 1, ord("w"): 1, ord("H"): 1,
    ord("f"): 1, ord("L"): 2, ord("W"): 2, ord("a"): 1, ord("r"): 1,
}  # fmt: skip
_FS_FIXED = {ord("&"): 0, ord("."): 0, ord("!"): 1, ord("-"): 1, ord("C"): 1, ord("W"): 1}
_CUT_WITH_N = frozenset({65, 66, 97, 98, 103, 104})


@dataclass(frozen=True)
class Event:
    kind: str  # text | lf | cmd | raster | cut | status | unknown
    name: str = ""
    params: bytes = b""
    data: bytes = b""


@dataclass
class Parser:
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _buf: bytearray = field(default_factory=bytearray)
    _text: bytearray = field(default_factory=bytearray)

    def feed(self, chunk: bytes) -> list[Event]:
        """Parse what is complete; keep a partial command for the next chunk. Returns new events."""
        start = len(self.events)
        self._buf += chunk
        pos = 0
        while pos < len(self._buf):
            used = self._one(pos)
            if used == 0:
                break
            pos += used
        del self._buf[:pos]
        self._flush_text()
        return self.events[start:]

    def _emit(self, event: Event) -> None:
        self._flush_text()
        self.events.append(event)

    def _flush_text(self) -> None:
        if self._text:
            self.events.append(Event("text", data=bytes(self._text)))
            self._text.clear()

    def _one(self, pos: int) -> int:
        """Consume one command or text byte at pos; 0 when more bytes are needed."""
        buf = self._buf
        b = buf[pos]
        if b == LF:
            self._emit(Event("lf"))
            return 1
        if b == CR:
            return 1
        if b not in (ESC, GS, FS, DLE):
            if b < 0x20 and b != 0x09:
                self.errors.append(f"stray control byte {b:#04x}")
            self._text.append(b)
            return 1
        if pos + 1 >= len(buf):
            return 0
        cmd = buf[pos + 1]
        name = {ESC: "ESC", GS: "GS", FS: "FS", DLE: "DLE"}[b] + " " + chr(cmd)
        if b == DLE:
            if cmd not in (0x04, 0x05, 0x14):
                return self._unknown(pos, 2)
            if pos + 2 >= len(buf):
                return 0
            if cmd == 0x14:  # DLE DC4 fn m t: 5 bytes
                return self._fixed(pos, "DLE DC4", 3)
            kind = "status" if cmd == 0x04 else "cmd"
            self._emit(
                Event(kind, "DLE EOT" if cmd == 0x04 else "DLE ENQ", bytes(buf[pos + 2 : pos + 3]))
            )
            return 3
        if b == GS and cmd == ord("v"):
            return self._raster(pos)
        if b == GS and cmd == ord("V"):
            if pos + 2 >= len(buf):
                return 0
            extra = 1 if buf[pos + 2] in _CUT_WITH_N else 0
            if pos + 3 + extra > len(buf):
                return 0
            self._emit(Event("cut", "GS V", bytes(buf[pos + 2 : pos + 3 + extra])))
            return 3 + extra
        if b == GS and cmd == ord("("):
            if pos + 5 > len(buf):
                return 0
            length = buf[pos + 3] | buf[pos + 4] << 8
            if pos + 5 + length > len(buf):
                return 0
            fn = chr(buf[pos + 2])
            self._emit(Event("cmd", f"GS ( {fn}", data=bytes(buf[pos + 5 : pos + 5 + length])))
            return 5 + length
        table = {ESC: _ESC_FIXED, GS: _GS_FIXED, FS: _FS_FIXED}[b]
        if cmd not in table:
            return self._unknown(pos, 2)
        return self._fixed(pos, name, table[cmd])

    def _fixed(self, pos: int, name: str, nparams: int) -> int:
        end = pos + 2 + nparams
        if end > len(self._buf):
            return 0
        self._emit(Event("cmd", name, bytes(self._buf[pos + 2 : end])))
        return end - pos

    def _raster(self, pos: int) -> int:
        buf = self._buf
        if pos + 8 > len(buf):
            return 0
        if buf[pos + 2] != ord("0"):
            return self._unknown(pos, 3)
        xb = buf[pos + 4] | buf[pos + 5] << 8
        h = buf[pos + 6] | buf[pos + 7] << 8
        end = pos + 8 + xb * h
        if end > len(buf):
            return 0
        self._emit(
            Event("raster", "GS v 0", bytes(buf[pos + 3 : pos + 8]), bytes(buf[pos + 8 : end]))
        )
        return end - pos

    def _unknown(self, pos: int, n: int) -> int:
        seq = bytes(self._buf[pos : pos + n])
        self.errors.append(f"unknown command {seq.hex(' ')}")
        self._emit(Event("unknown", data=seq))
        return n
