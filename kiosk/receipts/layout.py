"""A tiny top-to-bottom layout for thermal paper: rows are measured first, drawn once.

Drawn in greyscale with the CJK font, then thresholded to 1 bit (no dithering) so text stays
crisp on a 203 dpi head.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from kiosk.qr_matrix import qr_matrix
from kiosk.receipts.fonts import load_font
from kiosk.receipts.textcache import draw_text, text_length

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Align = Literal["left", "center", "right"]
_Op = Callable[[ImageDraw.ImageDraw, Image.Image, int], None]
QUIET_ZONE = 4  # modules of white around a QR code
_THRESHOLD = [255 if v >= 128 else 0 for v in range(256)]  # no dithering: crisp on the head


def qr_image(data: str, width_px: int, share: float = 0.5) -> Image.Image:
    """A mode-"1" QR code (level M, 4-module quiet zone) about `share` of the width."""
    code = qr_matrix(data)
    modules = code.size + 2 * QUIET_ZONE
    scale = max(3, min(8, int(width_px * share) // modules))
    bare = Image.frombytes("L", (code.size, code.size), code.modules)
    img = Image.new("L", (modules * scale, modules * scale), 255)
    img.paste(
        bare.resize((code.size * scale,) * 2, Image.Resampling.NEAREST), (QUIET_ZONE * scale,) * 2
    )
    return img.convert("1", dither=Image.Dither.NONE)


class Sheet:
    """Rows of text, label/value pairs, rules and images on paper `width_px` dots wide."""

    def __init__(self, width_px: int, base_size: int | None = None) -> None:
        if width_px < 128:
            raise ValueError(f"paper too narrow to lay out a receipt: {width_px} dots")
        self.width = width_px
        self.margin = max(4, width_px // 64)
        size = base_size or max(16, width_px // 20)
        self.font: Font = load_font(size)
        self.big: Font = load_font(int(size * 1.4))
        self.small: Font = load_font(max(12, int(size * 0.8)))
        self._ops: list[tuple[int, _Op]] = []

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    @staticmethod
    def line_height(font: Font) -> int:
        return int(_size(font) * 1.35)

    def wrap(self, text: str, font: Font, width: int) -> list[str]:
        """Break at spaces where possible, else between characters (CJK has no spaces)."""
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in _tokens(para):
                trial = line + word
                if line and text_length(font, trial.rstrip()) > width:
                    lines.append(line.rstrip())
                    line = word.lstrip()
                    while text_length(font, line) > width and len(line) > 1:
                        cut = _fit(line, font, width)
                        lines.append(line[:cut])
                        line = line[cut:]
                else:
                    line = trial
            lines.append(line.rstrip())
        return lines

    def text(
        self, text: str, font: Font | None = None, align: Align = "left", indent: int = 0
    ) -> None:
        font = font or self.font
        for line in self.wrap(text, font, self.inner - indent):
            self._row(line, font, align, indent)

    def pair(self, left: str, right: str, font: Font | None = None, indent: int = 0) -> None:
        """Label on the left, value flush right; a long value moves below its label."""
        font = font or self.font
        gap = _size(font)
        room = self.inner - indent
        if text_length(font, left) + gap + text_length(font, right) <= room:
            height = self.line_height(font)
            x_left = self.margin + indent
            x_right = self.width - self.margin - int(text_length(font, right))

            def draw(d: ImageDraw.ImageDraw, _img: Image.Image, y: int) -> None:
                draw_text(d, (x_left, y), left, font)
                draw_text(d, (x_right, y), right, font)

            self._ops.append((height, draw))
            return
        self.text(left, font, indent=indent)
        for line in self.wrap(right, font, room - gap):
            self._row(line, font, "right", 0)

    def columns(
        self, cells: tuple[str, ...], stops: tuple[float, ...], font: Font | None = None
    ) -> None:
        """A table row: the first cell flush left, cell i flush right at stops[i-1] of the width."""
        if len(stops) != len(cells) - 1:
            raise ValueError("need one stop per cell after the first")
        font = font or self.font
        xs = [self.margin] + [
            self.margin + int(stop * self.inner) - int(text_length(font, cell))
            for stop, cell in zip(stops, cells[1:], strict=True)
        ]

        def draw(d: ImageDraw.ImageDraw, _img: Image.Image, y: int) -> None:
            for x, cell in zip(xs, cells, strict=True):
                draw_text(d, (x, y), cell, font)

        self._ops.append((self.line_height(font), draw))

    def rule(self, dashed: bool = True) -> None:
        height = max(8, _size(self.font) // 2)
        ink = _rule_ink(self.width, self.margin, height, dashed)

        def draw(_d: ImageDraw.ImageDraw, img: Image.Image, y: int) -> None:
            img.paste(0, (0, y), ink)

        self._ops.append((height, draw))

    def gap(self, height: int) -> None:
        self._ops.append((height, lambda _d, _i, _y: None))

    def image(self, picture: Image.Image) -> None:
        if picture.width > self.width:
            raise ValueError(f"image {picture.width} dots wide on {self.width}-dot paper")
        x = (self.width - picture.width) // 2
        grey = picture.convert("L")

        def draw(_d: ImageDraw.ImageDraw, img: Image.Image, y: int) -> None:
            img.paste(grey, (x, y))

        self._ops.append((picture.height, draw))

    def qr(self, data: str) -> None:
        self.image(qr_image(data, self.width))

    def render(self) -> Image.Image:
        """The finished sheet as a mode-"1" image exactly `width_px` wide."""
        height = sum(h for h, _ in self._ops) + 2 * self.margin
        img = Image.new("L", (self.width, height), 255)
        d = ImageDraw.Draw(img)
        y = self.margin
        for h, op in self._ops:
            op(d, img, y)
            y += h
        return img.point(_THRESHOLD).convert("1", dither=Image.Dither.NONE)

    def _row(self, line: str, font: Font, align: Align, indent: int) -> None:
        width = int(text_length(font, line))
        if align == "center":
            x = (self.width - width) // 2
        elif align == "right":
            x = self.width - self.margin - width
        else:
            x = self.margin + indent

        def draw(d: ImageDraw.ImageDraw, _img: Image.Image, y: int) -> None:
            draw_text(d, (x, y), line, font)

        self._ops.append((self.line_height(font), draw))


@functools.lru_cache(maxsize=16)
def _rule_ink(width: int, margin: int, height: int, dashed: bool) -> Image.Image:
    """Where a rule's dots are (255: black), drawn once per paper and size: a dashed rule is
    some 70 short lines, each a Python call."""
    ink = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(ink)
    mid = height // 2
    step = 8 if dashed else width - 2 * margin
    for x in range(margin, width - margin, step):
        end = min(x + (4 if dashed else step) - 1, width - margin - 1)
        d.line((x, mid, end, mid), fill=255, width=2)
    return ink


def _size(font: Font) -> int:
    return int(getattr(font, "size", 16))


def _tokens(text: str) -> list[str]:
    """Words with their trailing space for Latin; single characters for everything else."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        if ch.isspace() and out:
            out[-1] += ch
        else:
            out.append(ch)
    if word:
        out.append(word)
    return out


def _fit(text: str, font: Font, width: int) -> int:
    """How many leading characters of `text` fit in `width` (at least one)."""
    for n in range(len(text), 0, -1):
        if text_length(font, text[:n]) <= width:
            return n
    return 1
