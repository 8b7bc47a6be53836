"""Printer models as data: paper width in dots, text mode, cut. No subclass per model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TextMode = Literal["raster", "gb18030"]


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    width_px: int  # printable dots across the paper
    paper_mm: int
    dpi: int = 203
    text_mode: TextMode = "raster"  # "gb18030": the printer is in Chinese mode (FS & ... FS .)
    cut: Literal["full", "partial", "none"] = "partial"
    feed_lines_before_cut: int = 4
    escpos_profile: str | None = None  # a python-escpos capability profile name, if known

    def __post_init__(self) -> None:
        if self.width_px <= 0 or self.width_px % 8:
            raise ValueError(f"width_px must be a positive multiple of 8, got {self.width_px}")
        if not 0 <= self.feed_lines_before_cut <= 255:
            raise ValueError("feed_lines_before_cut must be 0..255")


PROFILES: dict[str, PrinterProfile] = {
    "80mm": PrinterProfile("80mm", width_px=576, paper_mm=80),
    "58mm": PrinterProfile("58mm", width_px=384, paper_mm=58),
    "80mm-gb18030": PrinterProfile("80mm-gb18030", width_px=576, paper_mm=80, text_mode="gb18030"),
}


def profile_for_width(width_px: int) -> PrinterProfile:
    """The stock raster profile for a paper width in dots, or a custom one for odd widths."""
    for profile in PROFILES.values():
        if profile.width_px == width_px and profile.text_mode == "raster":
            return profile
    paper_mm = 80 if width_px > 384 else 58
    return PrinterProfile(f"{width_px}dots", width_px=width_px, paper_mm=paper_mm)


def choose_profile(profile: PrinterProfile | None, width_px: int | None) -> PrinterProfile:
    """A profile from either argument (default 80 mm); both must agree when both are given."""
    if profile is not None:
        if width_px is not None and width_px != profile.width_px:
            raise ValueError(f"width_px {width_px} contradicts profile {profile.name}")
        return profile
    return profile_for_width(width_px) if width_px is not None else PROFILES["80mm"]
