"""classify(): table tests for every accepted form and near miss, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.payload import (
    MAX_PAYLOAD_CHARS,
    BillCode,
    PaymentCode,
    Refusal,
    UnknownCode,
    Wallet,
    classify,
    payment_wallet,
)

BILL_URL = "https://e.utility.example/bill?acct={a}&bill={b}"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("3300000001", BillCode("3300000001")),
        ("33000000012", BillCode("33000000012")),
        ("330000000123", BillCode("330000000123")),
        ("1300000000008", BillCode("1300000000008")),
        (
            BILL_URL.format(a="3300000001", b="B-3300000001-2026-10"),
            BillCode("3300000001", "B-3300000001-2026-10"),
        ),
        (
            BILL_URL.format(a="1300000000008", b="B-1300000000008-2026-01"),
            BillCode("1300000000008", "B-1300000000008-2026-01"),
        ),
        ("134567890123450000", PaymentCode(Wallet.WECHAT, "134567890123450000")),
        ("100000000000000001", PaymentCode(Wallet.WECHAT, "100000000000000001")),
        ("150000000000000001", PaymentCode(Wallet.WECHAT, "150000000000000001")),
        ("2500000000000001", PaymentCode(Wallet.ALIPAY, "2500000000000001")),
        ("286543210987654321", PaymentCode(Wallet.ALIPAY, "286543210987654321")),
        ("300000000000000000000001", PaymentCode(Wallet.ALIPAY, "300000000000000000000001")),
        ("6212345678901234567", PaymentCode(Wallet.UNIONPAY, "6212345678901234567")),
    ],
)
def test_accepted_forms(payload: str, expected: BillCode | PaymentCode) -> None:
    assert classify(payload) == expected


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("", Refusal.EMPTY),
        ("1" * (MAX_PAYLOAD_CHARS + 1), Refusal.TOO_LONG),
        ("3300000001\n", Refusal.CONTROL_CHARS),
        ("\x003300000001", Refusal.CONTROL_CHARS),
        ("33000\t00001", Refusal.CONTROL_CHARS),
        ("3300000001\x7f", Refusal.CONTROL_CHARS),
        ("３３０００００００１", Refusal.NON_ASCII),  # full-width digits
        ("٣٣٠٠٠٠٠٠٠١", Refusal.NON_ASCII),  # Arabic-Indic digits pass str.isdigit()
        ("330000000", Refusal.BAD_ACCOUNT),  # 9 digits
        ("33000000012345", Refusal.BAD_PAYMENT_CODE),  # 14 digits
        ("164567890123450000", Refusal.BAD_PAYMENT_CODE),  # 18 digits, prefix 16
        ("13456789012345000", Refusal.BAD_PAYMENT_CODE),  # WeChat prefix, 17 digits
        ("1345678901234500001", Refusal.BAD_PAYMENT_CODE),  # WeChat prefix, 19 digits
        ("250000000000000", Refusal.BAD_PAYMENT_CODE),  # Alipay prefix, 15 digits
        ("2500000000000000000000001", Refusal.BAD_PAYMENT_CODE),  # 25 digits
        ("310000000000000000", Refusal.BAD_PAYMENT_CODE),  # prefix 31
        ("621234567890123456", Refusal.BAD_PAYMENT_CODE),  # UnionPay prefix, 18 digits
        ("63123456789012345678", Refusal.BAD_PAYMENT_CODE),  # 20 digits, prefix 63
        (" 3300000001", Refusal.UNRECOGNISED),
        ("3300000001 ", Refusal.UNRECOGNISED),
        ("-3300000001", Refusal.UNRECOGNISED),
        ("+134567890123450000", Refusal.UNRECOGNISED),
        ("1345 6789 0123 4500 00", Refusal.UNRECOGNISED),
        ("'; DROP TABLE payments; --", Refusal.UNRECOGNISED),
        ("<script>alert(1)</script>", Refusal.UNRECOGNISED),
        ("%s%s%n{0}{acct}", Refusal.UNRECOGNISED),
        ("https://evil.example/bill?acct=3300000001&bill=B-3300000001-2026-10", Refusal.OTHER_URL),
        ("https://e.utility.example.evil.example/bill?acct=3300000001", Refusal.OTHER_URL),
        (
            "https://evil.example@e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        ("https://qr.utility.example/o/123", Refusal.OTHER_URL),
        ("weixin://wxpay/bizpayurl?pr=abc", Refusal.OTHER_URL),
        (
            "http://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://E.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example:443/bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example:x/bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.OTHER_URL,
        ),
        (
            "https://e.utility.example/Bill?acct=3300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10#x",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example/bill?bill=B-3300000001-2026-10&acct=3300000001",
            Refusal.BAD_BILL_URL,
        ),
        ("https://e.utility.example/bill?acct=3300000001", Refusal.BAD_BILL_URL),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10&x=1",
            Refusal.BAD_BILL_URL,
        ),
        ("https://e.utility.example/bill?acct=3300000001&acct=3300000001", Refusal.BAD_BILL_URL),
        (
            "https://e.utility.example/bill?acct=%33300000001&bill=B-3300000001-2026-10",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10&",
            Refusal.BAD_BILL_URL,
        ),
        (
            "https://e.utility.example/bill?acct=330000000&bill=B-330000000-2026-10",
            Refusal.BAD_ACCOUNT,
        ),
        ("https://e.utility.example/bill?acct=&bill=B--2026-10", Refusal.BAD_ACCOUNT),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000002-2026-10",
            Refusal.BAD_BILL_ID,
        ),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-13",
            Refusal.BAD_BILL_ID,
        ),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-00",
            Refusal.BAD_BILL_ID,
        ),
        (
            "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-26-10",
            Refusal.BAD_BILL_ID,
        ),
        ("https://e.utility.example/bill?acct=3300000001&bill=", Refusal.BAD_BILL_ID),
        ("https://e.utility.example/bill?acct=3300000001&bill=3300000001", Refusal.BAD_BILL_ID),
    ],
)
def test_refused_forms(payload: str, reason: Refusal) -> None:
    result = classify(payload)
    assert result == UnknownCode(reason)


def test_account_lengths_are_configurable() -> None:
    assert classify("330000000123", account_lengths=(10,)) == UnknownCode(Refusal.BAD_PAYMENT_CODE)
    assert classify("330000000", account_lengths=(9, 10)) == BillCode("330000000")


def test_payment_code_repr_and_str_are_masked() -> None:
    code = PaymentCode(Wallet.WECHAT, "134567890123450000")
    assert "134567890123450000" not in repr(code)
    assert "134567890123450000" not in str(code)
    assert code.masked.startswith("13")
    assert code.masked.endswith("0000")
    assert repr(code) == "PaymentCode(wallet='wechat', code='13************0000')"
    assert str(code) == "wechat 13************0000"
    assert f"{code}" == str(code)


def test_payment_wallet_rejects_non_digits() -> None:
    assert payment_wallet("13456789012345000x") is None
    assert payment_wallet("") is None


def test_unknown_code_keeps_no_payload() -> None:
    result = classify("<b>secret 134567890123450000</b>")
    assert isinstance(result, UnknownCode)
    assert "1345" not in repr(result)
    assert set(vars(result)) == {"reason"}


# --- property tests ---------------------------------------------------------------------------

ACCOUNT_LENGTHS = (10, 11, 12, 13)


def _is_payment_shaped(s: str) -> bool:
    if not (s.isascii() and s.isdigit()):
        return False
    p = int(s[:2])
    return (
        (len(s) == 18 and 10 <= p <= 15)
        or (16 <= len(s) <= 24 and 25 <= p <= 30)
        or (len(s) == 19 and p == 62)
    )


def _check_invariants(payload: str) -> None:
    result = classify(payload)
    if isinstance(result, PaymentCode):
        assert _is_payment_shaped(payload)
        assert result.code == payload
        assert payload not in repr(result)
        assert payload not in str(result)
    elif isinstance(result, BillCode):
        assert result.account_no.isascii()
        assert result.account_no.isdigit()
        assert len(result.account_no) in ACCOUNT_LENGTHS
        if result.bill_id is None:
            assert payload == result.account_no
        else:
            assert payload == BILL_URL.format(a=result.account_no, b=result.bill_id)
            assert result.bill_id.startswith(f"B-{result.account_no}-")
    else:
        assert isinstance(result, UnknownCode)
        assert isinstance(result.reason, Refusal)
        assert result.reason.value.startswith("scan.")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_never_crashes(payload: str) -> None:
    _check_invariants(payload)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_binary_decoded_never_crashes(raw: bytes) -> None:
    _check_invariants(raw.decode("latin-1"))
    _check_invariants(raw.decode("utf-8", errors="replace"))


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=MAX_PAYLOAD_CHARS + 1, max_value=200_000), st.sampled_from("1a%\x00"))
def test_huge_payloads_refused_as_too_long(size: int, char: str) -> None:
    assert classify(char * size) == UnknownCode(Refusal.TOO_LONG)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1), st.text(max_size=40))
def test_control_chars_refused(controls: str, rest: str) -> None:
    result = classify(rest + controls)
    assert isinstance(result, UnknownCode)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_digit_strings_follow_the_rules(digits: str) -> None:
    result = classify(digits)
    if len(digits) in ACCOUNT_LENGTHS:
        assert result == BillCode(digits)
    elif _is_payment_shaped(digits):
        assert isinstance(result, PaymentCode)
    else:
        assert isinstance(result, UnknownCode)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["134567890123450000", "2500000000000001", "6212345678901234567"]),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["", "0", " ", "x", "\n", "０", "-", "%30"]),
    st.booleans(),
)
def test_near_miss_payment_codes_are_refused(code: str, pos: int, insert: str, drop: bool) -> None:
    pos = min(pos, len(code))
    mutated = code[:pos] + insert + code[pos + (1 if drop else 0) :]
    _check_invariants(mutated)
    if mutated != code and not _is_payment_shaped(mutated):
        assert not isinstance(classify(mutated), PaymentCode)


INJECTIONS = [
    "' OR 1=1 --",
    "<img src=x onerror=alert(1)>",
    "{0.__class__}",
    "%(acct)s",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "&bill=",
    "#",
    "?acct=1",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(INJECTIONS),
    st.sampled_from(["acct", "bill", "path", "prefix", "suffix"]),
)
def test_injected_bill_urls_are_refused(junk: str, where: str) -> None:
    acct, bill = "3300000001", "B-3300000001-2026-10"
    if where == "acct":
        payload = BILL_URL.format(a=acct + junk, b=bill)
    elif where == "bill":
        payload = BILL_URL.format(a=acct, b=bill + junk)
    elif where == "path":
        payload = BILL_URL.format(a=acct, b=bill).replace("/bill", "/bill" + junk)
    elif where == "prefix":
        payload = junk + BILL_URL.format(a=acct, b=bill)
    else:
        payload = BILL_URL.format(a=acct, b=bill) + junk
    result = classify(payload)
    assert isinstance(result, UnknownCode)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=10, max_size=13),
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=1, max_value=12),
)
def test_generated_bill_urls_round_trip(acct: str, year: int, month: int) -> None:
    bill = f"B-{acct}-{year:04d}-{month:02d}"
    assert classify(BILL_URL.format(a=acct, b=bill)) == BillCode(acct, bill)
