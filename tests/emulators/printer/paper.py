"""A rough picture of the paper for a recorded stream, text commands included, for people to
look at (the test page mixes printer fonts with raster). Rasters are exact; text is approximate.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from kiosk.receipts.fonts import find_cjk_font
from tests.emulators.printer.parser import Event, Parser
from tests.emulators.printer.raster import raster_to_image

_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
_FONTS = {0: (12, 24), 1: (9, 17)}  # font A / B cell size in dots


def render_paper(data: bytes, width_px: int) -> Image.Image:
    parser = Parser()
    parser.feed(data)
    canvas = Image.new("L", (width_px, 8000), 255)
    draw = ImageDraw.Draw(canvas)
    y = 0
    font, mode, bold, underline, align, cjk = 0, 0, False, False, 0, False
    line: list[tuple[str, int, int, bool, bool, bool]] = []  # text, font, mode, bold, ul, cjk

    def flush() -> int:
        nonlocal line
        line = [(ch, f, m, b, ul, c and not ch.isascii()) for t, f, m, b, ul, c in line for ch in t]
        cells = [_cell(f, m, c) for _, f, m, _, _, c in line]
        height = max([h for _, h in cells] or [_FONTS[font][1]])
        width = sum(len(t) * w for (t, *_), (w, _) in zip(line, cells, strict=True))
        x = {0: 0, 1: (width_px - width) // 2, 2: width_px - width}.get(align, 0)
        for (text, _f, _m, b, ul, c), (w, h) in zip(line, cells, strict=True):
            face = _face(h, c)
            for ch in text:
                draw.text((x, y + height - h), ch, font=face, fill=0, stroke_width=int(b))
                if ul:
                    draw.line((x, y + height - 1, x + w - 1, y + height - 1), fill=0)
                x += w
        line = []
        return height + 6

    for event in parser.events:
        if event.kind == "text":
            text = event.data.decode("gb18030" if cjk else "latin-1", errors="replace")
            line.append((text, font, mode, bold, underline, cjk))
        elif event.kind == "lf":
            y += flush()
        elif event.kind == "raster":
            if line:
                y += flush()
            picture = raster_to_image(event)
            canvas.paste(picture.convert("L"), (0, y))
            y += picture.height
        elif event.kind == "cut":
            y += 4
            for x in range(0, width_px, 12):
                draw.line((x, y, x + 6, y), fill=0)
            draw.text((4, y + 2), "cut " + event.params.hex(), font=_face(14, False), fill=0)
            y += 24
        elif event.kind == "cmd":
            font, mode, bold, underline, align, cjk = _apply(
                event, (font, mode, bold, underline, align, cjk)
            )
            if event.name == "ESC d":
                y += event.params[0] * 30
    if line:
        y += flush()
    return canvas.crop((0, 0, width_px, max(y, 1)))


def _cell(font: int, mode: int, cjk: bool) -> tuple[int, int]:
    w, h = _FONTS.get(font, _FONTS[0])
    if cjk:
        w = 24
        h = 24
    return w * (2 if mode & 0x20 else 1), h * (2 if mode & 0x10 else 1)


def _face(height: int, cjk: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = find_cjk_font().path if cjk else _MONO
    size = max(8, int(height * 0.8))
    try:
        return ImageFont.truetype(path or _MONO, size)
    except OSError:  # no DejaVu on this machine: Pillow's own font is good enough for a preview
        return ImageFont.load_default(size)


def _apply(
    event: Event, state: tuple[int, int, bool, bool, int, bool]
) -> tuple[int, int, bool, bool, int, bool]:
    font, mode, bold, underline, align, cjk = state
    p = event.params[0] if event.params else 0
    if event.name == "ESC @":
        return 0, 0, False, False, 0, False
    if event.name == "ESC !":
        return (1 if p & 1 else 0), p, bool(p & 0x08), bool(p & 0x80), align, cjk
    if event.name == "ESC M":
        font = p & 1
    elif event.name == "ESC E":
        bold = bool(p & 1)
    elif event.name == "ESC -":
        underline = p in (1, 2, 49, 50)
    elif event.name == "ESC a":
        align = p % 48
    elif event.name == "FS &":
        cjk = True
    elif event.name == "FS .":
        cjk = False
    return font, mode, bold, underline, align, cjk
