"""The day report page: the summary, then CSV and PDF written to a folder; the CSV's totals equal
the journal's and the PDF is a PDF with its pages."""

from __future__ import annotations

import csv
from pathlib import Path

from PIL.PdfParser import PdfParser

from kiosk.app import Kiosk
from kiosk.staff import audit
from kiosk.staff.settlement import business_date_of, day_totals
from tests.ui.helpers import tap, text_of
from tests.ui.test_staff_console import STAFF, STAFF_PIN, console_of, sign_in, with_console
from ui.main_window import MainWindow


def paid_in_cash(kiosk: Kiosk, account: str, notes: list[int]) -> str:
    txn_id = kiosk.cash.begin(account, 0, 1_000_000)
    for value in notes:
        kiosk.cash.note_stacked(txn_id, value, "fake", 1)
    kiosk.cash.finish(txn_id)
    return txn_id


def test_the_day_report_is_exported_as_csv_and_pdf(
    qtbot, window: MainWindow, kiosk: Kiosk, tmp_path: Path
) -> None:
    paid = [
        paid_in_cash(kiosk, "3300000001", [10000, 2000]),
        paid_in_cash(kiosk, "3300000002", [500]),
    ]
    kiosk.forwarder.drain_once()
    qtbot.waitUntil(
        lambda: all(kiosk.journal.get_transaction(t).state == "posted" for t in paid),  # type: ignore[union-attr]
        timeout=15000,
    )
    with_console(window, kiosk)
    window.open_staff_console()
    sign_in(qtbot, window, STAFF, STAFF_PIN)
    console = console_of(window)
    tap(qtbot, window, "staff_menu_report")
    page = console.report
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    summary = text_of(window, "staff_report_summary")
    assert "Cash: 2 / ¥125.00" in summary and "Settlement: Not settled yet" in summary
    usb = tmp_path / "usb"
    usb.mkdir()
    page.picker.path.setText(str(usb))
    tap(qtbot, window, "staff_report_export")
    qtbot.waitUntil(lambda: page.files is not None, timeout=15000)
    files = page.files
    assert files is not None and files.csv.parent == usb
    assert f"Saved {files.csv.name} and {files.pdf.name} (1 page(s))." == text_of(
        window, "staff_report_message"
    )
    rows = list(csv.DictReader(files.csv.read_text(encoding="utf-8-sig").splitlines()))
    totals = day_totals(kiosk.journal, business_date_of(kiosk.clock.now()))
    (grand,) = [r for r in rows if r["section"] == "grand_total"]
    assert int(grand["amount_fen"]) == totals.amount_fen == 12500
    assert {r["id"] for r in rows if r["section"] == "transaction"} == set(paid)
    assert "3300000001" not in files.csv.read_text(encoding="utf-8-sig")
    assert files.pdf.read_bytes().startswith(b"%PDF")
    parser = PdfParser(str(files.pdf))
    try:
        assert len(parser.pages) == files.pages
    finally:
        parser.close()
    assert "day_report_exported" in [e.action for e in audit.entries(kiosk.journal)]
