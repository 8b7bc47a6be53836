from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.money import fen, format_yuan, parse_yuan


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "¥0.00"),
        (1, "¥0.01"),
        (1234, "¥12.34"),
        (100, "¥1.00"),
        (-250, "-¥2.50"),
        (1234567, "¥12,345.67"),
    ],
)
def test_format_yuan_is_exact(amount, text):
    assert format_yuan(amount) == text


@pytest.mark.parametrize(
    ("text", "amount"), [("12", 1200), ("12.3", 1230), ("0.05", 5), ("-1.5", -150)]
)
def test_parse_yuan(text, amount):
    assert parse_yuan(text) == amount


@pytest.mark.parametrize("bad", ["", "1.234", "1e3", "abc", "1,000", "¥5", "0x10", "nan"])
def test_parse_yuan_refuses_anything_else(bad):
    with pytest.raises(ValueError, match="not an amount"):
        parse_yuan(bad)


@pytest.mark.parametrize("bad", [1.5, True, "1", None])
def test_money_is_never_a_float_or_bool(bad):
    with pytest.raises(TypeError):
        fen(bad)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_then_parse_round_trips(amount):
    assert parse_yuan(format_yuan(amount, symbol="").replace(",", "")) == amount
