"""The paper preview used to look at test pages: text lines and rasters in order."""

from __future__ import annotations

from tests.emulators.printer.paper import render_paper


def test_preview_has_text_then_raster_then_cut() -> None:
    raster = b"\x1dv0\x00\x02\x00\x04\x00" + b"\xff\xff" * 4  # 16x4 black block
    data = b"\x1b@\x1bM\x01Font B\n" + raster + b"\x1bd\x01\x1dV\x01"
    page = render_paper(data, 64)
    assert page.width == 64
    top_text = page.crop((0, 0, 64, 17))
    assert top_text.getextrema()[0] == 0  # some ink from the text line
    column = [page.getpixel((8, y)) for y in range(page.height)]
    assert column.count(0) >= 4  # the raster block
