from __future__ import annotations

import logging

import pytest

from kiosk.receipts.fonts import FontChoice, find_cjk_font, load_font

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_system_font_draws_chinese() -> None:
    choice = find_cjk_font()
    assert choice == FontChoice("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", cjk=True)


def test_latin_only_font_is_skipped_and_the_fallback_is_loud(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="kiosk.receipts.fonts"):
        choice = find_cjk_font((DEJAVU, "/no/such/font.ttc"), use_fc_match=False)
    assert choice == FontChoice(None, cjk=False)
    assert "no CJK font found" in caplog.text and "fonts-wqy-microhei" in caplog.text
    font = load_font(20, choice)  # Pillow's built-in font still draws Latin
    assert font.getlength("Receipt") > 0
