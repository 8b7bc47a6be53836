"""The terms of an auto-debit sign-up: the holder-name rule and the form's checks."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.mandate_terms import MandateRequest, holder_matches
from kiosk.masking import mask_name


def request(**changes: Any) -> MandateRequest:
    fields: dict[str, Any] = {
        "account_no": "3300000001",
        "holder_masked": "张*明",
        "holder_name": "张三明",
        "day_of_month": 10,
        "limit_fen": 50000,
    }
    fields.update(changes)
    return MandateRequest(**fields)


# -- the holder's name ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "masked", "expected"),
    [
        ("张三明", "张*明", True),
        (" 张三明 ", "张*明", True),
        ("张三", "张*明", False),
        ("李三明", "张*明", False),
        ("张三明", "张**", True),  # the last character hidden too
        ("张三明", "王**", False),
        ("王五", "王*", True),
        ("杭州新星电子有限公司", "杭州**电子有限公司", True),
        ("杭州新星科技有限公司", "杭州**电子有限公司", False),
        ("zhang san", "Z**** S**", True),
        ("Ｚｈａｎｇ San", "Z**** S**", True),  # full-width letters from a Chinese keyboard
        ("张*明", "张*明", False),  # typing the mask back is not knowing the name
        ("", "张*明", False),
    ],
)
def test_the_typed_name_must_agree_with_the_masked_one(typed, masked, expected):
    assert holder_matches(typed, masked) is expected


@given(st.text(alphabet="张王李赵陈刘三明华芳强丽新星", min_size=1, max_size=8))
def test_every_name_matches_its_own_mask(name):
    assert holder_matches(name, mask_name(name))


def test_the_form_lists_every_problem_at_once():
    issues = request(holder_name="李四", day_of_month=31, limit_fen=12345).issues()
    assert issues == [
        ("holder", "holder_mismatch"),
        ("day", "day_out_of_range"),
        ("limit", "limit_out_of_range"),
    ]
    assert request(holder_name="  ").issues() == [("holder", "holder_missing")]
    assert request().issues() == []
