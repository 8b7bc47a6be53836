"""Remembered widths and masks give exactly what Pillow gives, on a miss and on a hit."""

from __future__ import annotations

import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont

from kiosk.receipts import textcache
from kiosk.receipts.fonts import load_font
from kiosk.receipts.render import render_receipt
from kiosk.receipts.textcache import _Lru, draw_text, text_length
from tests.kiosk.receipts.samples import full_receipt

CJK = "电费缴凭证终端编号网点时间户名账期违约金预付购已写入卡未请到柜台处理应合计实收现银行微信支宝"
LATIN = "AVWTLYPafilorstxy0123456789 .,-:/?=()*¥×'"
TEXT = st.text(st.sampled_from(CJK + LATIN), min_size=1, max_size=40)
SIZES = st.sampled_from([16, 22, 28, 39])


def same_dots(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


@settings(max_examples=150, deadline=None)
@given(TEXT, SIZES)
def test_widths_are_pillows_widths(text: str, size: int) -> None:
    font = load_font(size)
    assert text_length(font, text) == font.getlength(text)  # a miss, or a hit from earlier
    assert text_length(font, text) == font.getlength(text)  # surely a hit


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, SIZES, st.integers(-20, 300), st.integers(-10, 40))
def test_drawn_text_has_the_same_dots_as_draw_text(text: str, size: int, x: int, y: int) -> None:
    font = load_font(size)
    expected = Image.new("L", (320, 80), 255)
    ImageDraw.Draw(expected).text((x, y), text, font=font, fill=0)
    for _ in range(2):  # the mask made, then the mask remembered
        drawn = Image.new("L", (320, 80), 255)
        draw_text(ImageDraw.Draw(drawn), (x, y), text, font)
        assert same_dots(drawn, expected)


def test_over_other_ink_it_blends_as_draw_text_does() -> None:
    font = load_font(28)
    background = Image.linear_gradient("L").resize((300, 60))
    expected, drawn = background.copy(), background.copy()
    ImageDraw.Draw(expected).text((5, 5), "户号 Account 3501", font=font, fill=0)
    draw_text(ImageDraw.Draw(drawn), (5, 5), "户号 Account 3501", font)
    assert same_dots(drawn, expected)


def test_a_bitmap_font_is_drawn_by_pillow_itself() -> None:
    font = ImageFont.load_default_imagefont()
    expected, drawn = Image.new("L", (200, 30), 255), Image.new("L", (200, 30), 255)
    ImageDraw.Draw(expected).text((3, 4), "Receipt 42", font=font, fill=0)
    draw_text(ImageDraw.Draw(drawn), (3, 4), "Receipt 42", font)
    assert same_dots(drawn, expected)
    assert ImageChops.invert(drawn).getbbox() is not None  # something was drawn


def test_the_caches_are_bounded_and_forget_the_least_recently_used() -> None:
    lru: _Lru[str, int] = _Lru(3)
    for n, key in enumerate("abc"):
        lru.put(key, n)
    assert lru.get("a") == 0  # "a" used again: "b" is now the oldest
    lru.put("d", 3)
    assert len(lru) == 3
    assert lru.get("b") is None
    assert [lru.get(k) for k in "acd"] == [0, 2, 3]


def test_every_width_and_mask_is_kept_once() -> None:
    textcache.clear()
    assert textcache.cached_counts() == (0, 0)
    render_receipt(full_receipt("zh"), 576)
    after_one = textcache.cached_counts()
    assert after_one[0] > 10 and after_one[1] > 10
    render_receipt(full_receipt("zh"), 576)
    assert textcache.cached_counts() == after_one  # the same receipt adds nothing


def test_receipts_rendered_on_several_threads_at_once_are_the_same() -> None:
    textcache.clear()
    expected = render_receipt(full_receipt("en"), 576).convert("L")
    textcache.clear()
    results: list[Image.Image] = []
    errors: list[BaseException] = []

    def render() -> None:
        try:
            for _ in range(3):
                results.append(render_receipt(full_receipt("en"), 576).convert("L"))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=render) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(results) == 12
    assert all(same_dots(image, expected) for image in results)
