"""EscposPrinter on the serial transport, through a real pseudo-terminal."""

from __future__ import annotations

import pytest
import zxingcpp

from drivers.errors import DeviceNotConnected
from drivers.printer.base import PaperStatus
from drivers.printer.errors import PaperOut
from drivers.printer.escpos_printer import EscposPrinter
from kiosk.receipts.render import render_receipt
from tests.emulators.printer.pty_port import PtyPrinter
from tests.emulators.printer.raster import printed_image
from tests.kiosk.receipts.samples import E_RECEIPT_URL, full_receipt


def test_receipt_over_serial() -> None:
    with PtyPrinter() as pty, EscposPrinter(pty.target, status_timeout=2.0) as printer:
        report = printer.print_job(render_receipt(full_receipt(), 576))
        assert report.after is PaperStatus.OK
        assert pty.core.parser.errors == []
        image = printed_image(pty.core.data)
    assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [E_RECEIPT_URL]


@pytest.mark.parametrize(
    ("paper", "expected"),
    [("near_end", PaperStatus.NEAR_END), ("out", PaperStatus.OUT), ("silent", PaperStatus.UNKNOWN)],
)
def test_status_over_serial(paper: str, expected: PaperStatus) -> None:
    with PtyPrinter(paper) as pty, EscposPrinter(pty.target, status_timeout=0.2) as printer:  # type: ignore[arg-type]
        assert printer.paper_status() is expected


def test_out_of_paper_over_serial_prints_nothing() -> None:
    with PtyPrinter("out") as pty, EscposPrinter(pty.target, status_timeout=0.5) as printer:
        with pytest.raises(PaperOut):
            printer.print_image(render_receipt(full_receipt(), 576))
        assert pty.core.data == b"\x10\x04\x04"


def test_missing_serial_port() -> None:
    with pytest.raises(DeviceNotConnected, match="cannot open"):
        EscposPrinter("serial:/dev/does-not-exist").open()


def test_usb_without_device_is_not_connected() -> None:
    with pytest.raises(DeviceNotConnected):
        EscposPrinter("usb:04b8:0202").open()
