"""The day's report: CSV (read back with the csv module) and PDF (read back with Pillow's PDF
parser) whose totals equal the journal's, masked data only, audited; bad targets change nothing."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import pytest
from PIL.PdfParser import PdfParser

from kiosk.backend.client import UtilityClient
from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.outbox.forwarder import Forwarder
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.collection import Collections
from kiosk.staff.day_report import build_day_report, export_day_report, text_lines
from kiosk.staff.errors import InvalidInput, PermissionDenied
from kiosk.staff.report_pdf import render_pdf
from kiosk.staff.settlement import Settlements, day_totals

from .conftest import KIOSK, cash_payment

STAFF = Actor("li.ming", "staff")
DAY = date(2026, 11, 26)
MASKED_PAN = "621234*********4569"


@pytest.fixture
def day(journal: Journal, clock: ManualClock, client: UtilityClient) -> dict[str, str]:
    """A day: two cash payments sent, one still queued, a card attempt, a collection, settled."""
    sent = [
        cash_payment(journal, clock, "3300000001", [10000, 2000]),
        cash_payment(journal, clock, "1300000000008", [5000]),
    ]
    assert Forwarder(journal, client, clock, random.Random(1)).drain_once().sent == 2
    queued = cash_payment(journal, clock, "3300000003", [1000])
    card = journal.create_transaction(
        kiosk_id=KIOSK,
        kind="card_authorization",
        account_no="3300000002",
        amount_fen=4560,
        method="bank_card",
        state="failed",
        detail={"masked_pan": MASKED_PAN, "aid": "A000000333010101"},
    )
    desk = Collections(journal, clock, KIOSK)
    desk.start(STAFF)
    desk.cashbox_removed(STAFF)
    desk.count(STAFF, {10000: 1, 5000: 1, 2000: 1, 1000: 1})
    desk.cashbox_inserted(STAFF)
    collection = desk.close(STAFF)
    settled = Settlements(journal, clock, KIOSK).settle(STAFF, client, DAY)
    assert settled.status == "matched"
    return {
        "queued": queued,
        "card": card.id,
        "collection": collection.collection_id,
        "settlement": settled.settlement_id,
        **{f"sent{i}": t for i, t in enumerate(sent)},
    }


def test_csv_and_pdf_hold_the_journals_totals_and_only_masked_data(
    journal: Journal, clock: ManualClock, day: dict[str, str], tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    files = export_day_report(journal, clock, STAFF, usb, kiosk_id=KIOSK, business_date=DAY)
    raw = files.csv.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    journal_totals = day_totals(journal, DAY)
    totals = [r for r in rows if r["section"] == "total"]
    assert [(r["method"], int(r["count"]), int(r["amount_fen"])) for r in totals] == [
        (t["method"], t["count"], t["amount_fen"]) for t in journal_totals.totals
    ]
    (grand,) = [r for r in rows if r["section"] == "grand_total"]
    assert int(grand["amount_fen"]) == journal_totals.amount_fen == 17000
    assert int(grand["count"]) == 2 and grand["amount_yuan"] == "170.00"
    txns = {r["id"]: r for r in rows if r["section"] == "transaction"}
    listed = {
        t.id for t in journal.list_transactions() if t.kind not in ("collection", "settlement")
    }
    assert set(txns) == listed
    assert txns[day["queued"]]["state"] == "posting"
    assert txns[day["card"]]["card"] == MASKED_PAN
    assert txns[day["sent1"]]["account"] == "13*******0008"
    (col,) = [r for r in rows if r["section"] == "collection"]
    assert col["id"] == day["collection"] and int(col["amount_fen"]) == 18000
    (st,) = [r for r in rows if r["section"] == "settlement"]
    assert st["id"] == day["settlement"] and st["note"] == "matched"
    for secret in ("3300000001", "1300000000008", "6212345678901234569", "A000000333010101"):
        assert secret not in raw
    pdf = files.pdf.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    parser = PdfParser(str(files.pdf))
    try:
        assert len(parser.pages) == files.pages == 1
    finally:
        parser.close()
    (entry,) = [e for e in audit.entries(journal) if e.action == "day_report_exported"]
    assert entry.actor == "li.ming" and entry.after["amount_fen"] == 17000
    assert entry.after["files"] == [files.csv.name, files.pdf.name]
    assert audit.verify_chain(journal).ok


def test_the_text_of_the_pdf_carries_the_totals(
    journal: Journal, clock: ManualClock, day: dict[str, str]
) -> None:
    lines = text_lines(build_day_report(journal, KIOSK, DAY, clock.now()))
    text = "\n".join(lines)
    assert "¥170.00" in text and "Settlement: matched" in text
    assert day["collection"] in text and MASKED_PAN in text and day["queued"] in text
    assert "3300000001" not in text


def test_a_long_report_has_several_pages(tmp_path: Path) -> None:
    lines = [f"line {n} 交易" for n in range(80)]  # 35 lines a page
    path = tmp_path / "long.pdf"
    pages = render_pdf(lines, path)
    parser = PdfParser(str(path))
    try:
        assert pages == len(parser.pages) == 3
    finally:
        parser.close()


def test_refused_exports_write_nothing(
    journal: Journal, clock: ManualClock, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="not a folder"):
        export_day_report(journal, clock, STAFF, tmp_path / "absent", kiosk_id=KIOSK)
    with pytest.raises(PermissionDenied):
        export_day_report(
            journal, clock, Actor("wang.tech", "technician"), tmp_path, kiosk_id=KIOSK
        )
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob("*.pdf")) == []
    assert audit.entries(journal) == []
