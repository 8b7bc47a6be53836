"""Random touches and QR scans into the resident's session: no crash, the state stays valid, no
money is counted, no amount outside the account's limits is ever chosen."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.payload import PaymentCode, classify
from kiosk.session.state import Method, Screen
from tests.fuzz.session_rig import ACCOUNTS, assert_valid, make_rig

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

# Payloads near the real forms (bill URLs, account numbers, wallet codes) and random text.
bill_urls = st.builds(
    lambda acct, bill: f"https://e.utility.example/bill?acct={acct}&bill={bill}",
    st.sampled_from([*ACCOUNTS, "0", "33000000019", ""]) | st.text(max_size=20),
    st.text(max_size=30) | st.just("B-3300000001-2026-10"),
)
payloads = st.one_of(
    st.text(max_size=600),
    st.from_regex(r"[0-9]{1,30}", fullmatch=True),
    st.sampled_from(list(ACCOUNTS)),
    bill_urls,
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
)


def _not_unicode_digit(text: str) -> bool:
    return not any(ch.isdigit() and not ch.isascii() for ch in text)


# Two alphabets for the keypads: without and with non-ASCII "digits" ('²', '٣', '０'), which the
# keypads once accepted (finding F1 in SECURITY.md).
DIGITS = {
    "ascii": st.one_of(
        st.sampled_from(list("0123456789")),
        st.text(max_size=3).filter(_not_unicode_digit),
        st.sampled_from(["", "12", "-1", " ", "a", "\x00"]),
    ),
    "unicode": st.one_of(
        st.sampled_from(list("0123456789")),
        st.sampled_from(["١", "²", "٣", "𝟘", "０"]),
        st.text(max_size=3),
        st.sampled_from(["١", "²", "٣", "𝟘", "０", "", "12", "-1", " "]),
    ),
}
OPENINGS = st.sampled_from([[("begin", None)], [("type_account", "3300000003")], []])


def touches(digit_like: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, object]]:
    return st.one_of(
    st.tuples(st.just("type_digit"), digit_like),
    st.tuples(st.just("type_amount_digit"), digit_like),
    st.tuples(st.sampled_from(["begin", "backspace", "submit_account", "submit_other_amount",
                               "pay_due", "to_amount", "back", "cancel", "done", "tick"]),
              st.none()),
    st.tuples(st.just("choose_method"), st.sampled_from(list(Method))),
    st.tuples(st.just("scanned"), payloads),
    st.tuples(st.just("type_account"), st.sampled_from(list(ACCOUNTS))),
    )  # fmt: skip


def _apply(session, name: str, arg) -> None:
    if name == "type_account":
        session.begin()
        for d in arg:
            session.type_digit(d)
        session.submit_account()
    elif name == "choose_method":
        session.choose_method(arg)
    elif arg is None:
        getattr(session, name)()
    else:
        getattr(session, name)(arg)


def _run_touches(sequence: list[tuple[str, object]]) -> None:
    rig = make_rig()
    try:
        for name, arg in sequence:
            _apply(rig.session, name, arg)
            assert_valid(rig)
            assert not rig.acceptor.enabled or rig.session.state.screen is Screen.CASH
    finally:
        rig.close()


# Most sequences start like a resident does (the openings); the rest start anywhere.
@FUZZ
@given(OPENINGS, st.lists(touches(DIGITS["ascii"]), max_size=40))
def test_random_touch_sequences_keep_the_state_valid(opening, sequence) -> None:
    _run_touches(opening + sequence)


@FUZZ
@given(OPENINGS, st.lists(touches(DIGITS["unicode"]), max_size=40))
@example([("begin", None)], [("type_digit", "٣")])
@example([("type_account", "3300000003")], [("to_amount", None), ("type_amount_digit", "²"),
                                            ("submit_other_amount", None)])  # fmt: skip
def test_random_touch_sequences_with_unicode_digits(opening, sequence) -> None:
    _run_touches(opening + sequence)


@FUZZ
@given(payloads, st.sampled_from(["start", "identify", "account", "amount", "method", "wallet"]))
def test_any_scanned_payload_on_any_screen(payload: str, where: str) -> None:
    rig = make_rig()
    session = rig.session
    try:
        if where != "start":
            session.begin()
        if where in ("account", "amount", "method", "wallet"):
            _apply(session, "type_account", "3300000001")
        if where == "amount":
            session.to_amount()
        if where in ("method", "wallet"):
            session.pay_due()
        if where == "wallet":
            session.choose_method(Method.WALLET)
            session.confirm()
            assert session.state.screen is Screen.WALLET_SCAN
        before = session.state
        session.scanned(payload)
        assert_valid(rig)
        after = session.state
        if where == "wallet" and rig.wallet.charges:
            # Only a well-formed payment code, for exactly the amount chosen before the scan.
            (account_no, amount, code), *rest = rig.wallet.charges
            assert not rest
            assert (account_no, amount) == ("3300000001", before.amount_fen)
            assert code.code == payload
        if after.account is not None and after.account != before.account:
            assert after.account.account_no in payload
        if isinstance(classify(payload), PaymentCode):
            assert payload not in repr(after)
    finally:
        rig.close()


@FUZZ
@given(st.sampled_from(list(ACCOUNTS)), st.lists(DIGITS["ascii"], max_size=12))
def test_other_amount_is_within_the_accounts_limits(account_no: str, digits: list[str]) -> None:
    _run_amount(account_no, digits)


@FUZZ
@given(st.sampled_from(list(ACCOUNTS)), st.lists(DIGITS["unicode"], max_size=12))
@example("3300000001", ["٣"])
@example("3300000001", ["²"])
def test_other_amount_with_unicode_digits(account_no: str, digits: list[str]) -> None:
    _run_amount(account_no, digits)


def _run_amount(account_no: str, digits: list[str]) -> None:
    rig = make_rig()
    session = rig.session
    try:
        _apply(session, "type_account", account_no)
        session.to_amount()
        for d in digits:
            session.type_amount_digit(d)
            assert_valid(rig)
        typed = session.state.amount_input
        session.submit_other_amount()
        state = session.state
        acct = ACCOUNTS[account_no]
        if state.screen is Screen.METHOD:
            assert state.amount_fen == int(typed) * 100
            assert acct.min_payment_fen <= state.amount_fen <= acct.max_payment_fen
        else:
            assert state.screen is Screen.AMOUNT
        assert_valid(rig)
    finally:
        rig.close()
