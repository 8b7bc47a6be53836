"""The emulator's parser must split the stream exactly, or status answers go astray."""

from __future__ import annotations

from PIL import Image

from tests.emulators.printer.parser import Parser
from tests.emulators.printer.raster import decode_rasters, printed_image, stack


def raster_block(width_bytes: int, rows: list[bytes]) -> bytes:
    return (
        b"\x1dv0\x00" + bytes([width_bytes, 0, len(rows) & 0xFF, len(rows) >> 8]) + b"".join(rows)
    )


def test_status_bytes_inside_raster_data_are_data() -> None:
    data = raster_block(3, [b"\x10\x04\x04"] * 2) + b"\x10\x04\x04"
    parser = Parser()
    events = parser.feed(data)
    assert [e.kind for e in events] == ["raster", "status"]
    assert parser.errors == []


def test_commands_split_across_chunks() -> None:
    data = b"\x1b@" + raster_block(1, [b"\x80", b"\x01"]) + b"\x1bd\x04\x1dV\x01\x10\x04\x04"
    whole = Parser()
    whole.feed(data)
    pieces = Parser()
    for i in range(len(data)):
        pieces.feed(data[i : i + 1])
    assert pieces.events == whole.events
    assert [e.kind for e in whole.events] == ["cmd", "raster", "cmd", "cut", "status"]


def test_text_and_unknown_commands() -> None:
    parser = Parser()
    parser.feed(b"AB\n\x1b\x7fC")
    assert [e.kind for e in parser.events] == ["text", "lf", "unknown", "text"]
    assert parser.errors == ["unknown command 1b 7f"]


def test_raster_decodes_black_as_black() -> None:
    data = raster_block(1, [b"\x80", b"\x01"])
    (image,) = decode_rasters(data)
    assert image.size == (8, 2)
    assert image.getpixel((0, 0)) == 0 and image.getpixel((1, 0)) == 255
    assert image.getpixel((7, 1)) == 0 and image.getpixel((0, 1)) == 255
    assert printed_image(data + data).size == (8, 4)


def test_stack_puts_blocks_under_each_other() -> None:
    a, b = Image.new("1", (16, 3), 0), Image.new("1", (16, 2), 255)
    out = stack([a, b])
    assert out.size == (16, 5)
    assert out.getpixel((0, 2)) == 0 and out.getpixel((0, 3)) == 255
