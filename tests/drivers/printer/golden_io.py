"""Print sample receipts through EscposPrinter to the emulator and read the paper back.

`python -m tests.drivers.printer.make_golden` writes the golden PNGs with this same path.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.profile import PROFILES, PrinterProfile
from kiosk.receipts.model import Receipt
from kiosk.receipts.render import render_receipt
from tests.emulators.printer.raster import printed_image
from tests.emulators.printer.server import PrinterEmulator

GOLDEN_DIR = Path(__file__).parent / "golden"


def profile_for(width_px: int) -> PrinterProfile:
    return next(p for p in PROFILES.values() if p.width_px == width_px)


def print_and_read_back(receipt: Receipt, width_px: int) -> tuple[Image.Image, PrinterEmulator]:
    with PrinterEmulator() as emu:
        with EscposPrinter(emu.target, profile_for(width_px), status_timeout=2.0) as printer:
            printer.print_job(render_receipt(receipt, width_px))
        assert emu.parser.errors == []
        return printed_image(emu.data), emu


def pixel_difference(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels that differ (1.0 when the sizes differ)."""
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    histogram = diff.histogram()
    return 1.0 - histogram[0] / (a.width * a.height)
