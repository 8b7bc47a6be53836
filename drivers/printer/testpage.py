"""The test page: every printer font, Chinese text, a QR code and a ruler across the paper."""

from __future__ import annotations

from PIL import Image, ImageDraw

from drivers.printer.profile import PrinterProfile
from kiosk.receipts.fonts import load_font
from kiosk.receipts.layout import Sheet

# (label, python-escpos set() arguments, character cell width in dots)
FONT_SAMPLES: tuple[tuple[str, dict[str, object], int], ...] = (
    ("A 12x24", {"font": "a"}, 12),
    ("B 9x17", {"font": "b"}, 9),
    ("A bold", {"font": "a", "bold": True}, 12),
    ("A underline", {"font": "a", "underline": 1}, 12),
    ("A 2H", {"font": "a", "double_height": True}, 12),
    ("A 2W", {"font": "a", "double_width": True}, 24),
)
SAMPLE_TEXT = "0123456789 ABCabc"


def sample_line(label: str, cell_w: int, width_px: int) -> str:
    """A font sample cut to the columns that fit, so the printer never wraps it."""
    return f"{label}: {SAMPLE_TEXT}"[: width_px // cell_w]


CJK_SAMPLE = "中文测试：电费缴费 ¥12.34"


def qr_payload(profile: PrinterProfile) -> str:
    return f"POWERPAY TEST PAGE {profile.name} {profile.width_px}"


def ruler_image(width_px: int, dpi: int = 203) -> Image.Image:
    """A ruler exactly `width_px` wide: a tick per mm, numbers every 10 mm, both edges marked.

    If the right end (with its edge bar) is missing on paper, the profile's width is too wide.
    """
    font = load_font(16)
    height = 56
    img = Image.new("L", (width_px, height), 255)
    draw = ImageDraw.Draw(img)
    dots_per_mm = dpi / 25.4
    draw.line((0, 0, width_px - 1, 0), fill=0, width=2)
    mm = 0
    while True:
        x = round(mm * dots_per_mm)
        if x >= width_px:
            break
        long_tick = mm % 10 == 0
        draw.line((x, 0, x, 24 if long_tick else (16 if mm % 5 == 0 else 9)), fill=0, width=1)
        if long_tick and mm and x + 20 < width_px:
            draw.text((x - 8, 26), str(mm), font=font, fill=0)
        mm += 1
    draw.rectangle((0, 0, 3, height - 1), fill=0)
    draw.rectangle((width_px - 4, 0, width_px - 1, height - 1), fill=0)
    return img.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)


def raster_part(profile: PrinterProfile) -> Image.Image:
    """The raster half of the test page: Chinese text, ruler, QR code."""
    sheet = Sheet(profile.width_px)
    sheet.text(CJK_SAMPLE, align="center")
    printable_mm = round(profile.width_px / profile.dpi * 25.4)
    sheet.text(
        f"{profile.name}: {profile.width_px} dots = {printable_mm} mm printable, "
        f"{profile.paper_mm} mm paper",
        sheet.small,
    )
    sheet.gap(8)
    sheet.image(ruler_image(profile.width_px, profile.dpi))
    sheet.gap(8)
    sheet.qr(qr_payload(profile))
    return sheet.render()
