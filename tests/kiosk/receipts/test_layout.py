"""The sheet's line breaks, rules and QR code, against Pillow measured and drawn directly."""

from __future__ import annotations

import math

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw

from kiosk.qr_matrix import qr_matrix
from kiosk.receipts.layout import QUIET_ZONE, Font, Sheet, _tokens, qr_image

CJK = "福州市鼓楼区五四路营业厅东侧便民服务中心自助终端号机电费缴凭证，。：（）"
LATIN = "AVWTLYPafilnorstxyAVToLTTyWAYo"  # kerned pairs
DIGITS = "0123456789"
PARAGRAPHS = st.text(st.sampled_from(CJK + LATIN + DIGITS + "  -./¥\n"), max_size=80)


def reference_wrap(text: str, font: Font, width: int) -> list[str]:
    """The wrap as it was before widths were remembered: Pillow asked every time."""

    def fit(line: str) -> int:
        for n in range(len(line), 0, -1):
            if font.getlength(line[:n]) <= width:
                return n
        return 1

    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in _tokens(para):
            trial = line + word
            if line and font.getlength(trial.rstrip()) > width:
                lines.append(line.rstrip())
                line = word.lstrip()
                while font.getlength(line) > width and len(line) > 1:
                    cut = fit(line)
                    lines.append(line[:cut])
                    line = line[cut:]
            else:
                line = trial
        lines.append(line.rstrip())
    return lines


@settings(max_examples=150, deadline=None)
@given(PARAGRAPHS, st.sampled_from([384, 576]), st.sampled_from([0, 1, 2]), st.data())
def test_line_breaks_are_the_same_as_measuring_every_time(
    text: str, paper: int, which: int, data: st.DataObject
) -> None:
    sheet = Sheet(paper)
    font = (sheet.font, sheet.big, sheet.small)[which]
    # Widths right at a break are where a width off by a fraction of a dot would move it: the
    # paper just wide enough for the first k words, or one dot narrower.
    tokens = _tokens(text.split("\n")[0]) or [""]
    k = data.draw(st.integers(1, len(tokens)))
    exact = math.ceil(font.getlength("".join(tokens[:k]).rstrip()))
    width = max(1, exact - data.draw(st.sampled_from([0, 1])))
    assert sheet.wrap(text, font, width) == reference_wrap(text, font, width)
    assert sheet.wrap(text, font, width) == reference_wrap(text, font, width)  # all remembered


@pytest.mark.parametrize("dashed", [True, False])
@pytest.mark.parametrize("paper", [384, 576])
def test_a_rule_has_the_dots_of_its_dashes_drawn_one_by_one(dashed: bool, paper: int) -> None:
    sheet = Sheet(paper)
    sheet.rule(dashed)
    sheet.rule(dashed)  # the second one from the remembered dashes
    image = sheet.render().convert("L")
    expected = Image.new("L", image.size, 255)
    d = ImageDraw.Draw(expected)
    height = max(8, int(sheet.font.size) // 2)
    for top in (sheet.margin, sheet.margin + height):
        mid = top + height // 2
        step = 8 if dashed else sheet.inner
        for x in range(sheet.margin, paper - sheet.margin, step):
            end = min(x + (4 if dashed else step) - 1, paper - sheet.margin - 1)
            d.line((x, mid, end, mid), fill=0, width=2)
    assert ImageChops.difference(image, expected).getbbox() is None


@pytest.mark.parametrize("paper", [384, 576, 832])
def test_receipt_qr_is_whole_modules_in_a_white_quiet_zone(paper: int) -> None:
    url = "https://pay.example.cn/r/R-20261126-000123?s=9f2c41"
    image = qr_image(url, paper)
    code = qr_matrix(url)
    modules = code.size + 2 * QUIET_ZONE
    scale = image.width // modules
    assert image.mode == "1" and image.width == image.height == modules * scale
    assert 3 <= scale <= 8 and image.width <= paper // 2
    grey = image.convert("L")
    for y in range(modules):
        for x in range(modules):
            inside = (
                QUIET_ZONE <= x < modules - QUIET_ZONE and QUIET_ZONE <= y < modules - QUIET_ZONE
            )
            dark = inside and code.dark(x - QUIET_ZONE, y - QUIET_ZONE)
            box = (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale)
            assert grey.crop(box).getextrema() == ((0, 0) if dark else (255, 255)), (x, y)
    assert [r.text for r in zxingcpp.read_barcodes(grey)] == [url]
