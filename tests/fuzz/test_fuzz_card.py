"""Hostile card answers into drivers/card: the TLV, EMV and utility-card parsers and readers raise
only the drivers' own errors, and a card number never shows in a repr, str or error message."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.card import emv, tlv
from drivers.card.utility_card import (
    CUSTOMER_SIZE,
    PURCHASE_SIZE,
    WRITEBACK_SIZE,
    UtilityCard,
    encode_purchase,
    parse_customer,
    parse_purchase,
    parse_writeback,
)
from drivers.errors import DeviceError

FUZZ = settings(max_examples=200, deadline=None, derandomize=True)
FEW = settings(max_examples=100, deadline=None, derandomize=True)
PAN = "6212345678901234569"


def _attempt(call: Any) -> tuple[Any, DeviceError | None]:
    try:
        return call(), None
    except DeviceError as exc:
        return None, exc


def tlv_objects(depth: int = 2) -> st.SearchStrategy[bytes]:
    """Mostly well-formed BER-TLV with EMV tags, sometimes broken by truncation."""
    tags = st.sampled_from([0x5A, 0x57, 0x5F24, 0x5F34, 0x4F, 0x87, 0x88, 0x82, 0x94, 0x80, 0x9F38,
                            0x6F, 0xA5, 0x70, 0x77, 0x61, 0xBF0C, 0x9F1F])  # fmt: skip
    leaf = st.builds(tlv.encode, tags, st.binary(max_size=24))
    if depth > 0:
        nested = st.builds(
            lambda tag, parts: tlv.encode(tag, b"".join(parts)),
            st.sampled_from([0x6F, 0xA5, 0x70, 0x77, 0x61, 0xBF0C]),
            st.lists(tlv_objects(depth - 1), max_size=4),
        )
        leaf = leaf | nested
    return leaf


records = st.one_of(
    st.binary(max_size=120),
    st.lists(tlv_objects(), max_size=4).map(b"".join),
    st.lists(tlv_objects(), max_size=4).map(b"".join).map(lambda b: b[: max(0, len(b) - 1)]),
)


@FUZZ
@given(records)
def test_tlv_parsers_raise_only_emv_errors(data: bytes) -> None:
    for parse in (tlv.parse_tlv, tlv.parse_dol, emv.parse_gpo, emv.parse_afl, emv.gpo_command):
        with contextlib.suppress(DeviceError):
            parse(data)


@FUZZ
@given(st.lists(records, max_size=4), st.binary(min_size=5, max_size=16))
def test_card_from_records_never_leaks_the_pan(recs: list[bytes], aid: bytes) -> None:
    # Put the test PAN into some records so a parsed card, or an error about it, may carry it.
    pan_bcd = bytes.fromhex(PAN + "F")
    recs = [*recs, tlv.encode(0x70, tlv.encode(0x5A, pan_bcd))]
    card, error = _attempt(lambda: emv.card_from_records(recs, aid))
    if error is not None:
        assert PAN not in str(error) and PAN not in repr(error)
        return
    assert card.pan.isdigit() and 12 <= len(card.pan) <= 19
    for shown in (repr(card), str(card), f"{card}", f"{card:>30}", card.masked_pan):
        assert card.pan not in shown
    assert emv.aids_from_pse_records(recs) is not None


class ScriptedCard:
    """A CardChannel whose answers are drawn by hypothesis, one per command."""

    def __init__(self, answers: list[tuple[bytes, int]]) -> None:
        self._answers = answers
        self.commands: list[bytes] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.commands.append(apdu)
        if not self._answers:
            return b"", 0x6A82
        return self._answers.pop(0)

    def close(self) -> None:
        pass


status_words = st.sampled_from([0x9000, 0x9000, 0x9000, 0x6A82, 0x6A83, 0x6985, 0x6988, 0x6700,
                                0x6D00, 0x61FF, 0x6C10, 0x0000, 0xFFFF])  # fmt: skip
answers = st.lists(st.tuples(records, status_words), max_size=20)


@FEW
@given(answers)
def test_emv_reader_on_a_hostile_card(script: list[tuple[bytes, int]]) -> None:
    channel = ScriptedCard(script)
    card, error = _attempt(lambda: emv.read_emv(channel))
    if error is not None:
        assert PAN not in str(error)
        return
    assert card.pan not in repr(card)
    assert len(channel.commands) <= 2 + 16 + len(emv.CANDIDATE_AIDS) + 20 * 16


utility_files = st.one_of(
    st.binary(max_size=60),
    st.binary(min_size=CUSTOMER_SIZE, max_size=CUSTOMER_SIZE),
    st.binary(min_size=PURCHASE_SIZE, max_size=PURCHASE_SIZE),
    st.binary(min_size=WRITEBACK_SIZE, max_size=WRITEBACK_SIZE),
    st.from_regex(rb"[0-9 ]{48}", fullmatch=True),
)


@FEW
@given(st.lists(st.tuples(utility_files, status_words), max_size=8))
def test_utility_card_reader_on_a_hostile_card(script: list[tuple[bytes, int]]) -> None:
    try:
        data = UtilityCard(ScriptedCard(script)).read_all()
    except DeviceError:
        return
    assert data.customer.account_no.isascii() and data.customer.account_no.isdigit()
    assert 0 <= data.purchase.amount_fen < 2**32
    assert -(2**31) <= data.writeback.balance_fen < 2**31


@FUZZ
@given(utility_files)
def test_utility_file_parsers(raw: bytes) -> None:
    for parse in (parse_customer, parse_purchase, parse_writeback):
        try:
            parsed = parse(raw)
        except DeviceError:
            continue
        if parse is parse_purchase:
            assert encode_purchase(parsed) == raw  # type: ignore[arg-type]
