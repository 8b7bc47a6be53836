"""An in-process printer for the demo and unit tests: keeps what it printed, fails on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.errors import DeviceError, DeviceNotConnected
from drivers.printer.base import PaperStatus
from drivers.printer.job import PrintReport, confirm_after, require_paper_before
from drivers.printer.profile import PrinterProfile, choose_profile
from drivers.printer.testpage import raster_part

if TYPE_CHECKING:
    from PIL.Image import Image


class FakePrinter:
    """Same contract as EscposPrinter (paper checked before and after every job).

    Tell it `paper` (OK / NEAR_END / OUT / UNKNOWN), `fault` (raised by the next job) or
    `paper_after_jobs` (goes NEAR_END then OUT after that many more jobs).
    """

    def __init__(
        self, profile: PrinterProfile | None = None, *, width_px: int | None = None
    ) -> None:
        self.profile = choose_profile(profile, width_px)
        self.paper = PaperStatus.OK
        self.fault: DeviceError | None = None
        self.paper_after_jobs: int | None = None
        self.printed: list[Image] = []
        self.texts: list[str] = []
        self.is_open = False
        self.last_paper = PaperStatus.UNKNOWN

    def open(self) -> None:
        self.is_open = True

    def close(self) -> None:
        self.is_open = False

    def paper_status(self) -> PaperStatus:
        self._require_open()
        self.last_paper = self.paper
        return self.paper

    def status(self) -> dict[str, object]:
        return {
            "target": "fake",
            "profile": self.profile.name,
            "width_px": self.profile.width_px,
            "open": self.is_open,
            "paper": self.last_paper.value,
            "printed": len(self.printed),
        }

    def print_image(self, image: Image) -> None:
        self.print_job(image)

    def print_job(self, image: Image) -> PrintReport:
        if image.width > self.profile.width_px:
            raise DeviceError(
                f"image is {image.width} dots wide; paper takes {self.profile.width_px}",
                code="IMAGE_TOO_WIDE",
            )
        before = self.paper_status()
        require_paper_before(before, "fake")
        if self.fault is not None:
            fault, self.fault = self.fault, None
            raise fault
        self.printed.append(image.convert("1") if image.mode != "1" else image.copy())
        self._use_paper()
        return confirm_after(before, self.paper_status(), "fake")

    def print_text(self, text: str) -> PrintReport:
        from kiosk.receipts.layout import Sheet

        sheet = Sheet(self.profile.width_px)
        sheet.text(text)
        report = self.print_job(sheet.render())
        self.texts.append(text)
        return report

    def print_test_page(self) -> PrintReport:
        return self.print_job(raster_part(self.profile))

    def _use_paper(self) -> None:
        if self.paper_after_jobs is None:
            return
        self.paper_after_jobs -= 1
        if self.paper_after_jobs <= 0:
            self.paper = PaperStatus.OUT
            self.paper_after_jobs = None
        elif self.paper_after_jobs == 1:
            self.paper = PaperStatus.NEAR_END

    def _require_open(self) -> None:
        if not self.is_open:
            raise DeviceNotConnected("fake printer is not open")
