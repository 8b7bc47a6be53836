"""Text lines to a multi-page landscape A4 PDF with Pillow (no extra dependency). The font is the
CJK font the receipts use, its monospaced face when it has one (WenQuanYi Micro Hei Mono), so the
report's columns line up. Pages are images, which is all a paper archive of the day needs."""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.receipts.fonts import find_cjk_font, load_font

DPI = 150
PAGE_PX = (1754, 1240)  # A4 landscape at 150 dpi
MARGIN_PX = 80
FONT_PX = 20
LINE_PX = 30


@functools.cache
def report_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The CJK font's monospaced face (index 1 of a .ttc) if it has one, else the font itself."""
    choice = find_cjk_font()
    if choice.path is not None and choice.path.endswith(".ttc"):
        try:
            mono = ImageFont.truetype(choice.path, size, index=1)
        except OSError:
            mono = None
        if mono is not None and "mono" in " ".join(str(n) for n in mono.getname()).lower():
            return mono
    return load_font(size)


def _wrap(text: str, draw: ImageDraw.ImageDraw, font: object, width: int) -> list[str]:
    """Break a line that does not fit into pieces that do (by character: mixed CJK/Latin)."""
    if not text or draw.textlength(text, font=font) <= width:  # type: ignore[arg-type]
        return [text]
    pieces, current = [], ""
    for ch in text:
        if current and draw.textlength(current + ch, font=font) > width:  # type: ignore[arg-type]
            pieces.append(current)
            current = "    " + ch
        else:
            current += ch
    pieces.append(current)
    return pieces


def render_pages(lines: list[str]) -> list[Image.Image]:
    font = report_font(FONT_PX)
    width = PAGE_PX[0] - 2 * MARGIN_PX
    per_page = (PAGE_PX[1] - 2 * MARGIN_PX) // LINE_PX - 1  # one line kept for the page number
    measure = ImageDraw.Draw(Image.new("L", (8, 8)))
    wrapped = [piece for line in lines for piece in _wrap(line, measure, font, width)]
    chunks = [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page = Image.new("L", PAGE_PX, 255)
        draw = ImageDraw.Draw(page)
        y = MARGIN_PX
        for line in chunk:
            draw.text((MARGIN_PX, y), line, fill=0, font=font)
            y += LINE_PX
        footer = f"{number} / {len(chunks)}"
        footer_at = (PAGE_PX[0] - MARGIN_PX - 120, PAGE_PX[1] - MARGIN_PX + 10)
        draw.text(footer_at, footer, fill=0, font=font)
        pages.append(page)
    return pages


def render_pdf(lines: list[str], path: Path) -> int:
    """Write the PDF; returns the number of pages."""
    # Black and white: a seventh of the size of gray pages (500 transactions: ~0.6 MB, not 4 MB).
    pages = [page.convert("1", dither=Image.Dither.NONE) for page in render_pages(lines)]
    pages[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return len(pages)
