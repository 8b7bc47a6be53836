"""The log page: the last lines from the files the real logging setup writes, the device filter,
and the copy to a (USB) folder, audited."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.staff import audit
from tests.kiosk_logging import flush_logs, kiosk_logging
from tests.ui.helpers import tap, text_of
from tests.ui.staff.test_technician import open_as_technician
from ui.main_window import MainWindow

PAN = "6212345678901234569"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    with kiosk_logging(tmp_path / "logs") as directory:
        logging.getLogger("drivers.cash.essp").warning("cash: note jam at the stacker")
        logging.getLogger("drivers.printer.escpos_printer").info("printer: paper low")
        logging.getLogger("drivers.card.pcsc").info("card %s read", PAN)
        flush_logs()
        yield directory


def test_logs_are_shown_filtered_and_exported(
    qtbot, window: MainWindow, kiosk: Kiosk, log_dir: Path, tmp_path: Path
) -> None:
    console = open_as_technician(qtbot, window, kiosk, log_dir=log_dir)
    page = console.logs
    tap(qtbot, window, "staff_tech_logs")
    qtbot.waitUntil(lambda: page.records is not None, timeout=10000)
    text = page.text.toPlainText()
    assert "note jam" in text and "paper low" in text
    assert PAN not in text and "62*************4569" in text
    tap(qtbot, window, "staff_logs_filter_cash")
    qtbot.waitUntil(lambda: page.records is not None and page.device == "cash", timeout=10000)
    text = page.text.toPlainText()
    assert "note jam" in text and "paper low" not in text
    tap(qtbot, window, "staff_logs_filter_camera")
    qtbot.waitUntil(lambda: page.records is not None, timeout=10000)
    assert page.text.toPlainText() == "No log lines for this device."
    # export: no folder chosen first, then a USB folder typed in
    tap(qtbot, window, "staff_logs_export")
    assert text_of(window, "staff_logs_message") == "Choose or type a folder first."
    usb = tmp_path / "usb"
    usb.mkdir()
    page.picker.path.setText(str(usb))
    tap(qtbot, window, "staff_logs_export")
    qtbot.waitUntil(lambda: page.exported is not None, timeout=10000)
    assert page.exported is not None
    copied = page.exported.folder / "kiosk.log"
    assert copied.read_bytes() == (log_dir / "kiosk.log").read_bytes()
    assert "Copied 1 log file(s) to" in text_of(window, "staff_logs_message")
    (entry,) = [e for e in audit.entries(kiosk.journal) if e.action == "logs_exported"]
    assert entry.target == str(usb)
