from __future__ import annotations

import pytest

from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.fake import FakePrinter
from drivers.printer.profile import PROFILES, PrinterProfile, choose_profile, profile_for_width


def test_width_picks_the_stock_profile() -> None:
    assert profile_for_width(576) is PROFILES["80mm"]
    assert profile_for_width(384) is PROFILES["58mm"]
    odd = profile_for_width(512)
    assert (odd.width_px, odd.paper_mm, odd.text_mode) == (512, 80, "raster")


def test_choose_profile() -> None:
    assert choose_profile(None, None) is PROFILES["80mm"]
    assert choose_profile(PROFILES["58mm"], 384) is PROFILES["58mm"]
    with pytest.raises(ValueError, match="contradicts"):
        choose_profile(PROFILES["58mm"], 576)


def test_printers_take_a_width() -> None:
    assert EscposPrinter("tcp://127.0.0.1:9100", width_px=384).profile is PROFILES["58mm"]
    assert FakePrinter(width_px=384).profile.width_px == 384


@pytest.mark.parametrize("width", [0, -8, 100])
def test_bad_width(width: int) -> None:
    with pytest.raises(ValueError, match="multiple of 8"):
        PrinterProfile("x", width_px=width, paper_mm=80)
