"""EscposPrinter against the TCP printer emulator: real python-escpos, real socket."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from drivers.errors import DeviceError, DeviceNotConnected
from drivers.printer.base import PaperStatus, ReceiptPrinter
from drivers.printer.errors import PaperOut, PaperStatusUnknown
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.profile import PROFILES
from drivers.printer.testpage import qr_payload
from kiosk.receipts.render import render_receipt
from tests.drivers.printer.golden_io import (
    GOLDEN_DIR,
    pixel_difference,
    print_and_read_back,
)
from tests.emulators.printer.raster import printed_image
from tests.emulators.printer.server import PrinterEmulator
from tests.kiosk.receipts.samples import E_RECEIPT_URL, GOLDEN_CASES, full_receipt

FAST = 0.2  # seconds to wait for a status reply in tests (a silent printer costs this much)
TOLERANCE = 0.005  # share of pixels allowed to differ from the golden image


def printer_for(emu: PrinterEmulator, profile: str = "80mm") -> EscposPrinter:
    printer = EscposPrinter(emu.target, PROFILES[profile], status_timeout=FAST)
    printer.open()
    return printer


def kinds(emu: PrinterEmulator) -> list[str]:
    return [e.kind for e in emu.events]


def test_is_a_receipt_printer(emu: PrinterEmulator) -> None:
    printer: ReceiptPrinter = EscposPrinter(emu.target)
    assert printer.status()["open"] is False


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        ("ok", PaperStatus.OK),
        ("near_end", PaperStatus.NEAR_END),
        ("out", PaperStatus.OUT),
        ("silent", PaperStatus.UNKNOWN),
        ("garbage", PaperStatus.UNKNOWN),
    ],
)
def test_paper_status(emu: PrinterEmulator, paper: str, expected: PaperStatus) -> None:
    emu.paper = paper  # type: ignore[assignment]
    printer = printer_for(emu)
    try:
        assert printer.paper_status() is expected
        assert printer.status()["paper"] == expected.value
    finally:
        printer.close()
    assert emu.data.startswith(b"\x10\x04\x04")


def test_late_reply_is_not_read_as_the_next_answer(emu: PrinterEmulator) -> None:
    emu.queue(["silent"])
    printer = printer_for(emu)
    try:
        assert printer.paper_status() is PaperStatus.UNKNOWN
        emu.push(b"\x72")  # the old query's "out" answer arrives late
        emu.paper = "ok"
        assert printer.paper_status() is PaperStatus.OK
    finally:
        printer.close()


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_printed_receipt_matches_golden(name: str) -> None:
    receipt, width = GOLDEN_CASES[name]
    image, _ = print_and_read_back(receipt, width)
    golden = Image.open(GOLDEN_DIR / f"{name}.png")
    assert image.size == golden.size
    assert pixel_difference(image, golden) < TOLERANCE


def test_golden_comparison_notices_a_changed_amount() -> None:
    import dataclasses

    receipt, width = GOLDEN_CASES["receipt_zh_576"]
    changed = dataclasses.replace(receipt, late_fee_fen=124)  # ¥1.23 -> ¥1.24
    image, _ = print_and_read_back(changed, width)
    difference = pixel_difference(image, Image.open(GOLDEN_DIR / "receipt_zh_576.png"))
    assert difference > 0


@pytest.mark.parametrize("width", [576, 384])
def test_qr_on_printed_receipt_decodes_to_the_url(width: int) -> None:
    image, _ = print_and_read_back(full_receipt("zh"), width)
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results] == [E_RECEIPT_URL]


def test_print_sends_image_then_cut_between_two_status_checks(emu: PrinterEmulator) -> None:
    printer = printer_for(emu)
    try:
        report = printer.print_job(render_receipt(full_receipt(), 576))
    finally:
        printer.close()
    assert report.before is PaperStatus.OK and report.after is PaperStatus.OK
    seq = [k for k in kinds(emu) if k in ("status", "raster", "cut")]
    assert seq[0] == "status" and seq[-1] == "status"
    assert seq[-2] == "cut"
    assert "raster" in seq
    assert emu.status_queries == 2


def test_out_of_paper_prints_nothing_and_raises(emu: PrinterEmulator) -> None:
    emu.paper = "out"
    printer = printer_for(emu)
    try:
        with pytest.raises(PaperOut) as caught:
            printer.print_image(render_receipt(full_receipt(), 576))
    finally:
        printer.close()
    assert caught.value.printed is False
    assert caught.value.code == "PAPER_OUT"
    assert isinstance(caught.value, DeviceError)
    assert kinds(emu) == ["status"]
    assert emu.data == b"\x10\x04\x04"


def test_silent_printer_prints_nothing_and_raises(emu: PrinterEmulator) -> None:
    emu.paper = "silent"
    printer = printer_for(emu)
    try:
        with pytest.raises(PaperStatusUnknown) as caught:
            printer.print_image(render_receipt(full_receipt(), 576))
    finally:
        printer.close()
    assert caught.value.printed is False
    assert kinds(emu) == ["status"]


def test_near_end_prints_and_reports(emu: PrinterEmulator) -> None:
    emu.paper = "near_end"
    printer = printer_for(emu)
    try:
        report = printer.print_job(render_receipt(full_receipt(), 576))
        assert printer.status()["paper"] == "low"
    finally:
        printer.close()
    assert report.after is PaperStatus.NEAR_END and report.needs_paper_soon
    assert "raster" in kinds(emu) and "cut" in kinds(emu)


def test_paper_running_out_during_the_job_is_an_error(emu: PrinterEmulator) -> None:
    emu.queue(["ok", "out"])
    printer = printer_for(emu)
    try:
        with pytest.raises(PaperOut) as caught:
            printer.print_image(render_receipt(full_receipt(), 576))
    finally:
        printer.close()
    assert caught.value.printed is True


def test_no_answer_after_the_job_is_not_success(emu: PrinterEmulator) -> None:
    emu.queue(["ok", "silent"])
    printer = printer_for(emu)
    try:
        with pytest.raises(PaperStatusUnknown) as caught:
            printer.print_image(render_receipt(full_receipt(), 576))
    finally:
        printer.close()
    assert caught.value.printed is True


def test_too_wide_image_is_refused_before_anything_is_sent(emu: PrinterEmulator) -> None:
    printer = printer_for(emu, "58mm")
    try:
        with pytest.raises(DeviceError, match="576 dots wide"):
            printer.print_image(Image.new("1", (576, 40), 255))
    finally:
        printer.close()
    assert emu.data == b""


def test_greyscale_image_is_thresholded_not_rejected(emu: PrinterEmulator) -> None:
    picture = Image.new("L", (64, 16), 255)
    picture.paste(0, (0, 0, 32, 16))
    printer = printer_for(emu)
    try:
        printer.print_image(picture)
    finally:
        printer.close()
    printed = printed_image(emu.data)
    assert printed.getpixel((5, 5)) == 0 and printed.getpixel((50, 5)) == 255


def test_not_open_and_unreachable() -> None:
    printer = EscposPrinter("tcp://127.0.0.1:9", status_timeout=FAST, io_timeout=1.0)
    with pytest.raises(DeviceNotConnected):
        printer.paper_status()
    with pytest.raises(DeviceNotConnected, match="cannot open"):
        printer.open()


def test_printer_that_hangs_up_is_unknown(emu: PrinterEmulator) -> None:
    printer = printer_for(emu)
    emu.stop()  # the printer goes away
    try:
        assert printer.paper_status() is PaperStatus.UNKNOWN
        with pytest.raises(DeviceError):
            printer.print_image(Image.new("1", (64, 8), 255))
    finally:
        printer.close()


def test_gb18030_text_mode_wraps_chinese_in_fs_commands(emu: PrinterEmulator) -> None:
    printer = printer_for(emu, "80mm-gb18030")
    try:
        printer.print_text("户号 3501001234567")
    finally:
        printer.close()
    expected = b"\x1c&" + "户号 3501001234567".encode("gb18030") + b"\x1c."
    assert expected in emu.data
    assert "raster" not in kinds(emu)


def test_raster_text_mode_prints_an_image(emu: PrinterEmulator) -> None:
    printer = printer_for(emu)
    try:
        printer.print_text("户号 3501001234567")
    finally:
        printer.close()
    assert "户号".encode("gb18030") not in emu.data
    assert printed_image(emu.data).width == 576


@pytest.mark.parametrize("profile", ["80mm", "58mm", "80mm-gb18030"])
def test_test_page(emu: PrinterEmulator, profile: str) -> None:
    printer = printer_for(emu, profile)
    try:
        report = printer.print_test_page()
    finally:
        printer.close()
    assert report.after is PaperStatus.OK
    assert emu.parser.errors == []
    names = {e.name for e in emu.events if e.kind == "cmd"}
    fonts = {e.params for e in emu.events if e.name == "ESC M"}
    assert {b"\x00", b"\x01"} <= fonts  # font A and font B
    assert {"ESC E", "ESC -", "ESC !"} <= names  # bold, underline, sizes
    assert ("FS &" in names) is (profile == "80mm-gb18030")
    page = printed_image(emu.data)
    width = PROFILES[profile].width_px
    assert page.width == width
    # The ruler's edge bars: black in the first and last columns somewhere on the page.
    assert any(page.getpixel((0, y)) == 0 for y in range(page.height))
    assert any(page.getpixel((width - 1, y)) == 0 for y in range(page.height))
    results = zxingcpp.read_barcodes(page.convert("L"))
    assert [r.text for r in results] == [qr_payload(PROFILES[profile])]


def test_test_page_refused_without_paper(emu: PrinterEmulator) -> None:
    emu.paper = "out"
    printer = printer_for(emu)
    try:
        with pytest.raises(PaperOut):
            printer.print_test_page()
    finally:
        printer.close()
    assert "raster" not in kinds(emu)
