"""QR matrices from zxing-cpp: full QR codes at level M that decode to exactly their text."""

from __future__ import annotations

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from kiosk.qr_matrix import DARK, LIGHT, QrMatrix, qr_matrix


def as_image(code: QrMatrix, scale: int = 4, border: int = 4) -> Image.Image:
    bare = Image.frombytes("L", (code.size, code.size), code.modules)
    side = (code.size + 2 * border) * scale
    image = Image.new("L", (side, side), LIGHT)
    image.paste(
        bare.resize((code.size * scale,) * 2, Image.Resampling.NEAREST), (border * scale,) * 2
    )
    return image


@pytest.mark.parametrize(
    "text",
    [
        "https://pay.example.cn/r/R-20261126-000123?s=9f2c41",
        "12345",  # short numeric: segno would pick a Micro QR unless told not to
        "电费缴费 R-1",
        "x" * 500,
    ],
)
def test_decodes_to_its_text_at_level_m(text: str) -> None:
    code = qr_matrix(text)
    found = zxingcpp.read_barcodes(as_image(code))
    assert [(r.text, r.format, r.ec_level) for r in found] == [
        (text, zxingcpp.BarcodeFormat.QRCode, "M")
    ]


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=300))
def test_any_url_like_text_round_trips(text: str) -> None:
    """Receipt and wallet codes are URLs and payment codes: printable ASCII."""
    found = zxingcpp.read_barcodes(as_image(qr_matrix(text)))
    assert [r.text for r in found] == [text]


def test_short_text_is_a_full_version_1_code_with_finder_patterns() -> None:
    code = qr_matrix("12345")
    assert code.size == 21  # version 1; a Micro QR is 11-17 modules
    assert set(code.modules) == {DARK, LIGHT}
    for x, y in ((0, 0), (20, 0), (0, 20)):  # the three finder corners are dark
        assert code.dark(x, y)
    assert not code.dark(7, 7)  # the white separator inside the top-left corner
    assert (qr_matrix("x" * 200).size - 17) % 4 == 0  # every version is 17 + 4n modules


def test_empty_or_oversized_text_is_refused() -> None:
    with pytest.raises(ValueError, match="needs some text"):
        qr_matrix("")
    with pytest.raises(ValueError, match="too long"):
        qr_matrix("x" * 5000)


def test_a_matrix_must_have_one_byte_per_module() -> None:
    with pytest.raises(ValueError, match="module bytes"):
        QrMatrix(21, bytes(20))
    with pytest.raises(ValueError, match="module bytes"):
        QrMatrix(0, b"")
