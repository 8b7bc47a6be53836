from __future__ import annotations

import pytest

from kiosk.masking import mask_code, mask_name, mask_pan


@pytest.mark.parametrize(
    ("pan", "masked"),
    [
        ("6212345678901234569", "621234*********4569"),
        ("4111111111111111", "411111******1111"),
        ("4111 1111 1111 1111", "411111******1111"),
        ("123", "***"),
    ],
)
def test_mask_pan_keeps_first_six_last_four(pan, masked):
    assert mask_pan(pan) == masked


def test_mask_code():
    assert mask_code("134567890123450001") == "13************0001"
    assert mask_code("1234") == "****"


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三明", "张*明"), ("张三", "张*"), ("欧阳娜娜", "欧**娜"), ("Li Lei", "L* L**")],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked
