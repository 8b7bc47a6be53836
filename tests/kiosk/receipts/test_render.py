"""Rendering: width, Chinese glyphs, QR content, and that the data really reaches the paper."""

from __future__ import annotations

import dataclasses

import pytest
import zxingcpp
from PIL import Image, ImageChops

from kiosk.receipts.fonts import find_cjk_font, load_font
from kiosk.receipts.layout import Sheet
from kiosk.receipts.model import BillLine
from kiosk.receipts.render import render_receipt
from tests.kiosk.receipts.samples import E_RECEIPT_URL, cash_only_receipt, full_receipt


def differs(a: Image.Image, b: Image.Image) -> bool:
    if a.size != b.size:
        return True
    return ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is not None


def test_a_cjk_font_is_found_and_draws_chinese() -> None:
    choice = find_cjk_font()
    assert choice.cjk and choice.path is not None
    font = load_font(24)
    # Distinct characters give distinct glyphs (a font without them draws one box for all).
    assert len({bytes(font.getmask(ch)) for ch in "户号电费"}) == 4


@pytest.mark.parametrize("width", [576, 384])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_shape_and_qr(width: int, language: str) -> None:
    image = render_receipt(full_receipt(language), width)
    assert image.mode == "1"
    assert image.width == width
    assert image.height > width  # a receipt, not a stub
    assert set(image.convert("L").histogram()[1:255]) == {0}  # only black and white
    assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [E_RECEIPT_URL]


def test_language_changes_the_labels() -> None:
    assert differs(render_receipt(full_receipt("zh"), 576), render_receipt(full_receipt("en"), 576))


def test_every_amount_reaches_the_paper() -> None:
    base = render_receipt(full_receipt(), 576)
    for change in (
        {"late_fee_fen": 124},
        {"new_balance_fen": 2663},
        {"account_no": "3501001234568"},
        {"receipt_no": "R-20261126-000124"},
    ):
        changed = render_receipt(dataclasses.replace(full_receipt(), **change), 576)
        assert differs(base, changed), change


def test_more_bills_make_a_longer_receipt_and_no_qr_without_url() -> None:
    one = render_receipt(cash_only_receipt(), 576)
    more = dataclasses.replace(
        cash_only_receipt(),
        bills=tuple(BillLine(f"B-{i}", f"2026-{i:02d}", 100) for i in range(1, 7)),
    )
    assert render_receipt(more, 576).height > one.height
    no_url = render_receipt(dataclasses.replace(cash_only_receipt(), e_receipt_url=None), 576)
    assert no_url.height < one.height
    assert zxingcpp.read_barcodes(no_url.convert("L")) == []


def test_holder_is_masked_even_if_given_in_full() -> None:
    masked = render_receipt(dataclasses.replace(full_receipt(), holder_masked="张*明"), 576)
    full = render_receipt(dataclasses.replace(full_receipt(), holder_masked="张三明"), 576)
    assert not differs(masked, full)


def test_long_text_wraps_inside_the_paper() -> None:
    sheet = Sheet(384)
    lines = sheet.wrap(
        "福州市鼓楼区五四路营业厅东侧便民服务中心自助终端 1号机 near the north gate",
        sheet.font,
        200,
    )
    assert len(lines) > 2
    assert all(sheet.font.getlength(line) <= 200 for line in lines)
    with pytest.raises(ValueError, match="narrow"):
        Sheet(64)


def test_warm_up_leaves_every_label_ready_to_draw() -> None:
    from kiosk.receipts import textcache
    from kiosk.receipts.labels import LABELS
    from kiosk.receipts.render import warm_up

    textcache.clear()
    warm_up(576)
    sheet = Sheet(576)
    rows = ("title", "kiosk", "location", "time", "receipt_no", "transaction_id", "account")
    rows += ("holder", "bills", "late_fee", "prepaid_purchase", "card_written", "total_due")
    rows += ("received", "cash", "total_received", "surplus", "new_balance", "e_receipt")
    rows += ("footer", "wallet.wechat", "wallet.alipay", "wallet.unionpay")
    for language, labels in LABELS.items():
        for key in rows:
            fonts = (sheet.font, sheet.big, sheet.small)
            assert any(textcache.has_mask(f, labels[key]) for f in fonts), (language, key)
    warm = textcache.cached_counts()[1]
    render_receipt(full_receipt("zh"), 576)
    new_after_warm_up = textcache.cached_counts()[1] - warm
    textcache.clear()
    render_receipt(full_receipt("zh"), 576)
    new_when_cold = textcache.cached_counts()[1]
    # After the warm-up only the values are new (amounts, numbers, time, place), not the labels.
    assert new_when_cold - new_after_warm_up >= 20


def test_warm_up_imports_the_png_writer_of_the_archive_copy() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from kiosk.receipts.render import warm_up; "
        "before = 'PIL.PngImagePlugin' in sys.modules; warm_up(384); "
        "print(before, 'PIL.PngImagePlugin' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"], done.stderr
