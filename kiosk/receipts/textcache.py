"""Text measured and rasterised once per font: every receipt repeats the same labels.

Pillow lays text out with libraqm on every `getlength` and every `ImageDraw.text` (about 0.25 ms
and 0.4 ms, holding the GIL); a receipt made ~70 measurements and ~35 draws, 45 ms in all, on
the session worker while the GUI thread painted the result screen and waited for the GIL at
every Python call. Here a string is measured and rasterised once and then reused: the same
numbers and the same mask Pillow would produce, so the paper looks exactly the same.

Widths are not summed per character: libraqm kerns pairs, and not across script runs, so a sum
of cached per-character (or per-pair) widths is off by up to a few dots in mixed Chinese/Latin
text, which would move line breaks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from PIL import ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Mask = tuple[Any, tuple[int, int]]  # (Pillow's ImagingCore mask, offset from the anchor)

LENGTHS = 4096  # a float each: labels, amounts, dates, ids of the last receipts
MASKS = 512  # a few KB each (text height x text width, one byte a dot)

K = TypeVar("K")
V = TypeVar("V")


class _Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map (receipts render on several threads)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_lengths: _Lru[tuple[Font, str], float] = _Lru(LENGTHS)
_masks: _Lru[tuple[Font, str], Mask] = _Lru(MASKS)


def text_length(font: Font, text: str) -> float:
    """`font.getlength(text)`, remembered."""
    key = (font, text)
    length = _lengths.get(key)
    if length is None:
        length = float(font.getlength(text))
        _lengths.put(key, length)
    return length


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: Font) -> None:
    """Black `text` at `xy` (top-left anchor) on a mode-"L" image, as `draw.text` draws it.

    The mask is what `ImageDraw.text` asks the font for at whole-dot coordinates; it is drawn
    with the same call, so the dots are identical. Fonts that are not FreeType fall back to
    `draw.text` itself.
    """
    if not isinstance(font, ImageFont.FreeTypeFont) or draw.fontmode != "L":
        draw.text(xy, text, font=font, fill=0)
        return
    key = (font, text)
    mask = _masks.get(key)
    if mask is None:
        mask = font.getmask2(
            text, "L", None, None, None, 0, "la", 0, (0.0, 0.0), stroke_filled=True
        )
        _masks.put(key, mask)
    core, (dx, dy) = mask
    draw.draw.draw_bitmap((xy[0] + dx, xy[1] + dy), core, 0)


def has_mask(font: Font, text: str) -> bool:
    """Whether `text` in `font` is drawn from memory next time."""
    return _masks.get((font, text)) is not None


def cached_counts() -> tuple[int, int]:
    """(widths, masks) held now; for tests and benchmarks."""
    return len(_lengths), len(_masks)


def clear() -> None:
    _lengths.clear()
    _masks.clear()
