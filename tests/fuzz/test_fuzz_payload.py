"""kiosk.payload.classify on any text: never raises, never keeps a refused payload, never shows a
payment code in a repr, and only exact forms are accepted."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.payload import (
    BILL_URL_PREFIX,
    BillCode,
    PaymentCode,
    Refusal,
    UnknownCode,
    classify,
    payment_wallet,
    public_fields,
)

FUZZ = settings(max_examples=300, deadline=None, derandomize=True)

near_bill = st.builds(
    lambda a, b, sep, tail: f"{BILL_URL_PREFIX}acct={a}{sep}bill={b}{tail}",
    st.from_regex(r"[0-9]{8,14}", fullmatch=True) | st.text(max_size=15),
    st.from_regex(r"B-[0-9]{8,14}-[0-9]{4}-[0-9]{2}", fullmatch=True) | st.text(max_size=20),
    st.sampled_from(["&", "&&", ";", "%26"]),
    st.sampled_from(["", "#x", "&x=1", " ", "%00"]),
)
payloads = st.one_of(
    st.text(max_size=700),
    st.from_regex(r"[0-9]{1,40}", fullmatch=True),
    near_bill,
    st.binary(max_size=100).map(lambda b: b.decode("latin-1")),
)


@FUZZ
@given(payloads)
def test_classify_is_total_and_strict(payload: str) -> None:
    result = classify(payload)
    assert isinstance(result, BillCode | PaymentCode | UnknownCode)
    fields = public_fields(result)
    if isinstance(result, UnknownCode):
        # Nothing of the payload is kept: only a message key.
        assert [f.name for f in dataclasses.fields(result)] == ["reason"]
        assert isinstance(result.reason, Refusal)
        assert fields["kind"] == "unknown"
    elif isinstance(result, BillCode):
        assert result.account_no.isascii() and result.account_no.isdigit()
        assert 10 <= len(result.account_no) <= 13
        assert payload in (
            result.account_no,
            f"{BILL_URL_PREFIX}acct={result.account_no}&bill={result.bill_id}",
        )
    else:
        assert result.code == payload
        assert payment_wallet(payload) is result.wallet
        for shown in (repr(result), str(result), str(fields), f"{result}"):
            assert payload not in shown
