"""FakePrinter keeps the same contract as EscposPrinter: paper checked before and after."""

from __future__ import annotations

import pytest
from PIL import Image

from drivers.errors import DeviceError, DeviceNotConnected, DeviceTimeout
from drivers.printer.base import PaperStatus, ReceiptPrinter
from drivers.printer.errors import PaperOut, PaperStatusUnknown
from drivers.printer.fake import FakePrinter
from drivers.printer.profile import PROFILES

PICTURE = Image.new("1", (576, 32), 255)


def opened() -> FakePrinter:
    printer = FakePrinter()
    printer.open()
    return printer


def test_keeps_what_it_printed() -> None:
    printer: ReceiptPrinter = opened()
    printer.print_image(PICTURE)
    assert isinstance(printer, FakePrinter)
    assert len(printer.printed) == 1 and printer.printed[0].size == (576, 32)
    assert printer.status()["paper"] == "ok"


def test_must_be_open() -> None:
    with pytest.raises(DeviceNotConnected):
        FakePrinter().print_image(PICTURE)


@pytest.mark.parametrize(
    ("paper", "error"), [(PaperStatus.OUT, PaperOut), (PaperStatus.UNKNOWN, PaperStatusUnknown)]
)
def test_no_paper_or_no_answer_prints_nothing(paper: PaperStatus, error: type[Exception]) -> None:
    printer = opened()
    printer.paper = paper
    with pytest.raises(error):
        printer.print_image(PICTURE)
    assert printer.printed == []


def test_near_end_prints_and_reports() -> None:
    printer = opened()
    printer.paper = PaperStatus.NEAR_END
    report = printer.print_job(PICTURE)
    assert report.needs_paper_soon and len(printer.printed) == 1


def test_fault_on_demand_is_raised_once() -> None:
    printer = opened()
    printer.fault = DeviceTimeout("head too hot")
    with pytest.raises(DeviceTimeout, match="head too hot"):
        printer.print_image(PICTURE)
    assert printer.printed == []
    printer.print_image(PICTURE)
    assert len(printer.printed) == 1


def test_paper_runs_out_after_n_jobs() -> None:
    printer = opened()
    printer.paper_after_jobs = 2
    assert printer.print_job(PICTURE).after is PaperStatus.NEAR_END
    with pytest.raises(PaperOut) as caught:
        printer.print_job(PICTURE)
    assert caught.value.printed is True
    with pytest.raises(PaperOut) as again:
        printer.print_job(PICTURE)
    assert again.value.printed is False
    assert len(printer.printed) == 2


def test_too_wide_and_text_and_test_page() -> None:
    printer = FakePrinter(PROFILES["58mm"])
    printer.open()
    with pytest.raises(DeviceError, match="576 dots wide"):
        printer.print_image(PICTURE)
    printer.print_text("户号 3501001234567")
    printer.print_test_page()
    assert printer.texts == ["户号 3501001234567"]
    assert [p.width for p in printer.printed] == [384, 384]
