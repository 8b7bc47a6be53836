"""EMV contact read of a bank card: just enough to get PAN, expiry and PAN sequence number.

The PAN is only for the one authorization request: EmvCard shows the masked PAN when printed,
logged or formatted, and nothing here logs card data.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.card import tlv
from drivers.card.base import CardChannel
from drivers.card.errors import EmvError, NotEmvCard
from kiosk.masking import mask_pan

PSE_NAME = b"1PAY.SYS.DDF01"
CANDIDATE_AIDS: tuple[bytes, ...] = tuple(
    bytes.fromhex(h)
    for h in (
        "A000000333010101",  # UnionPay debit
        "A000000333010102",  # UnionPay credit
        "A000000333010103",  # UnionPay quasi-credit
        "A0000000031010",  # Visa
        "A0000000041010",  # Mastercard
    )
)
MAX_RECORDS = 16


@dataclass(frozen=True, repr=False)
class EmvCard:
    pan: str
    expiry: str  # YYMM
    pan_sequence: int | None
    aid: str  # hex

    @property
    def masked_pan(self) -> str:
        return mask_pan(self.pan)

    def __repr__(self) -> str:
        return (
            f"EmvCard(pan={self.masked_pan!r}, expiry={self.expiry!r}, "
            f"pan_sequence={self.pan_sequence!r}, aid={self.aid!r})"
        )

    def __str__(self) -> str:
        return self.masked_pan

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def decode_pan(bcd: bytes) -> str:
    """Tag 5A: BCD digits, F-padded."""
    digits = bcd.hex().upper().rstrip("F")
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise EmvError("PAN (5A) is not 12-19 BCD digits")
    return digits


def parse_track2(value: bytes) -> tuple[str, str]:
    """Tag 57: PAN 'D' YYMM service code ... F-padded; returns (pan, yymm)."""
    text = value.hex().upper().rstrip("F")
    pan, sep, rest = text.partition("D")
    if not sep or not pan.isdigit() or not 12 <= len(pan) <= 19:
        raise EmvError("track 2 equivalent (57) has no valid PAN and separator")
    yymm = rest[:4]
    if len(yymm) != 4 or not yymm.isdigit():
        raise EmvError("track 2 equivalent (57) has no valid expiry")
    return pan, yymm


def parse_afl(afl: bytes) -> list[tuple[int, int, int]]:
    """Application File Locator: (sfi, first record, last record) per 4-byte entry."""
    if not afl or len(afl) % 4:
        raise EmvError(f"AFL length {len(afl)} is not a positive multiple of 4")
    out: list[tuple[int, int, int]] = []
    for i in range(0, len(afl), 4):
        sfi, first, last = afl[i] >> 3, afl[i + 1], afl[i + 2]
        if not 1 <= sfi <= 30 or first == 0 or last < first:
            raise EmvError(f"bad AFL entry {afl[i : i + 4].hex()}")
        out.append((sfi, first, last))
    return out


def parse_gpo(data: bytes) -> tuple[bytes, bytes]:
    """GET PROCESSING OPTIONS answer, format 1 (80: AIP+AFL) or 2 (77 with 82 and 94)."""
    nodes = tlv.parse_tlv(data)
    if not nodes:
        raise EmvError("empty GET PROCESSING OPTIONS answer")
    top = nodes[0]
    if top.tag == 0x80:
        if len(top.value) < 2:
            raise EmvError("GPO format 1 shorter than the AIP")
        return top.value[:2], top.value[2:]
    if top.tag == 0x77:
        aip = tlv.find_value(top.children, 0x82)
        afl = tlv.find_value(top.children, 0x94)
        if aip is None or afl is None:
            raise EmvError("GPO format 2 without AIP (82) or AFL (94)")
        return aip, afl
    raise EmvError(f"unknown GPO answer template {top.tag:X}")


def gpo_command(pdol: bytes | None) -> bytes:
    """GPO with the PDOL filled with zeros (the kiosk does not take part in risk management)."""
    size = sum(length for _tag, length in tlv.parse_dol(pdol)) if pdol else 0
    if size > 250:
        raise EmvError(f"PDOL asks for {size} bytes, too many")
    body = bytes([0x83, size]) + bytes(size)
    return bytes([0x80, 0xA8, 0x00, 0x00, len(body)]) + body + b"\x00"


def select_command(name: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x00, len(name)]) + name + b"\x00"


def read_record_command(sfi: int, record: int) -> bytes:
    return bytes([0x00, 0xB2, record, (sfi << 3) | 0x04, 0x00])


def aids_from_pse_records(records: list[bytes]) -> list[bytes]:
    """AIDs (4F) from the PSE directory records, in priority order (87, lower first)."""
    found: list[tuple[int, int, bytes]] = []
    for record in records:
        for entry in tlv.find_all(tlv.parse_tlv(record), 0x61):
            aid = tlv.find_value(entry.children, 0x4F)
            prio = tlv.find_value(entry.children, 0x87)
            if aid:
                rank = (prio[0] & 0x0F) if prio else 15
                found.append((rank, len(found), aid))
    return [aid for _rank, _idx, aid in sorted(found)]


def card_from_records(records: list[bytes], aid: bytes) -> EmvCard:
    nodes: list[tlv.Tlv] = []
    for record in records:
        nodes.extend(tlv.parse_tlv(record))
    pan_raw = tlv.find_value(nodes, 0x5A)
    track2 = tlv.find_value(nodes, 0x57)
    expiry_raw = tlv.find_value(nodes, 0x5F24)
    psn = tlv.find_value(nodes, 0x5F34)
    t2_pan, t2_expiry = parse_track2(track2) if track2 else (None, None)
    pan = decode_pan(pan_raw) if pan_raw else t2_pan
    if pan is None:
        raise EmvError("card records hold neither PAN (5A) nor track 2 (57)")
    if expiry_raw is not None:
        if len(expiry_raw) != 3 or not expiry_raw.hex().isdigit():
            raise EmvError("expiry date (5F24) is not YYMMDD")
        expiry: str | None = expiry_raw.hex()[:4]
    else:
        expiry = t2_expiry
    if expiry is None:
        raise EmvError("card records hold no expiry date")
    sequence = int(psn.hex()) if psn and psn.hex().isdigit() else None
    return EmvCard(pan=pan, expiry=expiry, pan_sequence=sequence, aid=aid.hex().upper())


class EmvReader:
    """Reads one EMV card over a CardChannel (T=0 details are the channel's job)."""

    def __init__(self, channel: CardChannel) -> None:
        self._channel = channel

    def _records(self, sfi: int, first: int, last: int, *, directory: bool = False) -> list[bytes]:
        out: list[bytes] = []
        for record in range(first, min(last, first + MAX_RECORDS - 1) + 1):
            data, sw = self._channel.transmit(read_record_command(sfi, record))
            if sw == 0x6A83 and directory:
                break  # end of a directory file of unknown length
            if sw != 0x9000:
                raise EmvError(f"READ RECORD {record} of SFI {sfi} answered {sw:04X}")
            out.append(data)
        return out

    def _pse_aids(self) -> list[bytes]:
        data, sw = self._channel.transmit(select_command(PSE_NAME))
        if sw != 0x9000:
            return []
        sfi_raw = tlv.find_value(tlv.parse_tlv(data), 0x88)
        if not sfi_raw or not 1 <= sfi_raw[0] <= 30:
            return []
        return aids_from_pse_records(self._records(sfi_raw[0], 1, MAX_RECORDS, directory=True))

    def read(self) -> EmvCard:
        candidates = [*self._pse_aids(), *CANDIDATE_AIDS]
        for aid in dict.fromkeys(candidates):
            fci, sw = self._channel.transmit(select_command(aid))
            if sw == 0x9000:
                return self._read_application(aid, fci)
        raise NotEmvCard("no known payment application on the card")

    def _read_application(self, aid: bytes, fci: bytes) -> EmvCard:
        pdol = tlv.find_value(tlv.parse_tlv(fci), 0x9F38)
        data, sw = self._channel.transmit(gpo_command(pdol))
        if sw != 0x9000:
            raise EmvError(f"GET PROCESSING OPTIONS answered {sw:04X}")
        _aip, afl = parse_gpo(data)
        records: list[bytes] = []
        for sfi, first, last in parse_afl(afl):
            records.extend(self._records(sfi, first, last))
        return card_from_records(records, aid)


def read_emv(channel: CardChannel) -> EmvCard:
    return EmvReader(channel).read()
