"""Turn recorded GS v 0 raster blocks back into the picture the printer would lay down."""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image

from tests.emulators.printer.parser import Event, Parser


def raster_to_image(event: Event) -> Image.Image:
    """One GS v 0 block as a mode-"1" image (printer bit 1 = black = pixel 0)."""
    xb = event.params[1] | event.params[2] << 8
    h = event.params[3] | event.params[4] << 8
    inverted = bytes(b ^ 0xFF for b in event.data)
    return Image.frombytes("1", (xb * 8, h), inverted)


def stack(images: Iterable[Image.Image]) -> Image.Image:
    """Blocks one under another, as the paper advances (python-escpos splits tall images)."""
    parts = list(images)
    if not parts:
        raise ValueError("no raster data was printed")
    width = max(p.width for p in parts)
    out = Image.new("1", (width, sum(p.height for p in parts)), 255)
    y = 0
    for part in parts:
        out.paste(part, (0, y))
        y += part.height
    return out


def decode_rasters(data: bytes) -> list[Image.Image]:
    """Every GS v 0 image found by parsing the byte stream (not by searching for a pattern)."""
    parser = Parser()
    parser.feed(data)
    return [raster_to_image(e) for e in parser.events if e.kind == "raster"]


def printed_image(data: bytes) -> Image.Image:
    """All raster blocks of a recorded stream stacked into one image."""
    return stack(decode_rasters(data))
