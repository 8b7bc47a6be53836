"""The day's report for staff: totals by method, every transaction of the business date (masked),
the cash collections and the settlement status; written as CSV and PDF to a folder (a USB stick).

Totals are `settlement.day_totals` (confirmed payments by their occurred_at), so the report and the
settlement agree. Listed transactions are those created on the business date (Asia/Shanghai).
Masking: account numbers as first 2 and last 4 digits, card numbers only in their stored masked
form (first 6 and last 4); nothing else from a transaction's detail is copied.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.clock import Clock
from kiosk.journal import Journal, TransactionRecord
from kiosk.masking import mask_code
from kiosk.money import format_yuan
from kiosk.staff import audit
from kiosk.staff.access import Principal
from kiosk.staff.errors import InvalidInput
from kiosk.staff.report_pdf import render_pdf
from kiosk.staff.settlement import BUSINESS_TZ, business_date_of, day_totals

CSV_FIELDS = (
    "section",
    "time",
    "id",
    "kind",
    "method",
    "state",
    "account",
    "card",
    "count",
    "amount_fen",
    "amount_yuan",
    "note",
)
_MASKED_PAN = re.compile(r"^[0-9]{6}\*{2,9}[0-9]{4}$")
_OWN_SECTIONS = ("collection", "settlement")


@dataclass(frozen=True)
class TotalLine:
    method: str
    count: int
    amount_fen: int


@dataclass(frozen=True)
class TxnLine:
    at: datetime
    id: str
    kind: str
    method: str
    state: str
    account: str  # masked
    card: str  # masked PAN or ""
    amount_fen: int


@dataclass(frozen=True)
class CollectionLine:
    at: datetime
    id: str
    state: str
    staff_id: str
    expected_fen: int | None
    counted_fen: int | None
    discrepancy_fen: int | None


@dataclass(frozen=True)
class SettlementLine:
    at: datetime
    id: str
    state: str
    status: str  # matched | mismatch | unsent | rejected


@dataclass(frozen=True)
class DayReport:
    kiosk_id: str
    business_date: date
    made_at: datetime
    totals: list[TotalLine]
    pending_ids: list[str]
    transactions: list[TxnLine] = field(default_factory=list)
    collections: list[CollectionLine] = field(default_factory=list)
    settlements: list[SettlementLine] = field(default_factory=list)

    @property
    def total_fen(self) -> int:
        return sum(t.amount_fen for t in self.totals)

    @property
    def total_count(self) -> int:
        return sum(t.count for t in self.totals)

    @property
    def settlement_status(self) -> str:
        return self.settlements[-1].status if self.settlements else "not settled"


def _masked_account(account_no: str | None) -> str:
    return mask_code(account_no) if account_no else ""


def _card(detail: dict[str, Any]) -> str:
    pan = detail.get("masked_pan")
    return pan if isinstance(pan, str) and _MASKED_PAN.match(pan) else ""


def _optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _settlement_status(txn: TransactionRecord) -> str:
    if txn.state == "rejected":
        return "rejected"
    answer = txn.detail.get("answer")
    if txn.state == "done" and isinstance(answer, dict):
        return str(answer.get("status", "unknown"))
    return "unsent"


def build_day_report(
    journal: Journal, kiosk_id: str, business_date: date, made_at: datetime
) -> DayReport:
    totals = day_totals(journal, business_date)
    report = DayReport(
        kiosk_id=kiosk_id,
        business_date=business_date,
        made_at=made_at,
        totals=[TotalLine(t["method"], t["count"], t["amount_fen"]) for t in totals.totals],
        pending_ids=list(totals.pending_ids),
    )
    for txn in journal.list_transactions():
        if business_date_of(txn.created_at) != business_date:
            continue
        if txn.kind == "collection":
            d = txn.detail
            report.collections.append(
                CollectionLine(
                    txn.created_at,
                    txn.id,
                    txn.state,
                    str(d.get("staff_id", "")),
                    _optional_int(d.get("expected_total_fen")),
                    _optional_int(d.get("counted_total_fen")),
                    _optional_int(d.get("discrepancy_fen")),
                )
            )
        elif txn.kind == "settlement":
            if txn.detail.get("business_date") == business_date.isoformat():
                report.settlements.append(
                    SettlementLine(txn.created_at, txn.id, txn.state, _settlement_status(txn))
                )
        else:
            report.transactions.append(
                TxnLine(
                    txn.created_at,
                    txn.id,
                    txn.kind,
                    txn.method or "",
                    txn.state,
                    _masked_account(txn.account_no),
                    _card(txn.detail),
                    txn.amount_fen,
                )
            )
    return report


def _local(moment: datetime) -> str:
    return moment.astimezone(BUSINESS_TZ).strftime("%H:%M:%S")


def _yuan(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen, symbol="")


def csv_rows(report: DayReport) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(**values: Any) -> None:
        rows.append(
            {name: "" if values.get(name) is None else str(values[name]) for name in CSV_FIELDS}
        )

    add(section="report", id=report.kiosk_id, note=report.business_date.isoformat())
    for total in report.totals:
        add(
            section="total",
            method=total.method,
            count=total.count,
            amount_fen=total.amount_fen,
            amount_yuan=_yuan(total.amount_fen),
        )
    add(
        section="grand_total",
        count=report.total_count,
        amount_fen=report.total_fen,
        amount_yuan=_yuan(report.total_fen),
        note=f"{len(report.pending_ids)} payments still being sent",
    )
    for txn in report.transactions:
        add(
            section="transaction",
            time=_local(txn.at),
            id=txn.id,
            kind=txn.kind,
            method=txn.method,
            state=txn.state,
            account=txn.account,
            card=txn.card,
            amount_fen=txn.amount_fen,
            amount_yuan=_yuan(txn.amount_fen),
        )
    for col in report.collections:
        add(
            section="collection",
            time=_local(col.at),
            id=col.id,
            state=col.state,
            amount_fen=col.counted_fen,
            amount_yuan=_yuan(col.counted_fen),
            note=f"staff {col.staff_id}; expected {_yuan(col.expected_fen) or '-'}; "
            f"difference {_yuan(col.discrepancy_fen) or '-'}",
        )
    for st in report.settlements:
        add(section="settlement", time=_local(st.at), id=st.id, state=st.state, note=st.status)
    if not report.settlements:
        add(section="settlement", note="not settled")
    return rows


def to_csv(report: DayReport) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(report))
    return out.getvalue()


def text_lines(report: DayReport) -> list[str]:
    """The report as printable lines (the PDF's content)."""
    lines = [
        f"PowerPay 日报 / Day report  {report.kiosk_id}",
        f"营业日 Business date: {report.business_date.isoformat()}    "
        f"生成 Made: {report.made_at.astimezone(BUSINESS_TZ).strftime('%Y-%m-%d %H:%M:%S')}",
        "",
        "合计 Totals (已确认 confirmed payments)",
    ]
    for total in report.totals:
        lines.append(f"  {total.method:<12} {total.count:>5}  {format_yuan(total.amount_fen):>14}")
    lines.append(
        f"  {'all':<12} {report.total_count:>5}  {format_yuan(report.total_fen):>14}"
        f"   ({len(report.pending_ids)} still being sent)"
    )
    lines += ["", f"交易 Transactions ({len(report.transactions)})"]
    lines.append(
        f"  {'time':<8}  {'transaction':<31} {'kind':<18} {'method':<11} {'state':<10} "
        f"{'account':<13} {'amount':>12}  card"
    )
    for txn in report.transactions:
        lines.append(
            f"  {_local(txn.at)}  {txn.id:<31} {txn.kind[:18]:<18} {txn.method[:11]:<11} "
            f"{txn.state[:10]:<10} {txn.account:<13} {format_yuan(txn.amount_fen):>12}  {txn.card}"
        )
    lines += ["", f"清点 Cash collections ({len(report.collections)})"]
    for col in report.collections:
        lines.append(
            f"  {_local(col.at)}  {col.id:<31} {col.state:<10} {col.staff_id:<12} "
            f"expected {_yuan(col.expected_fen) or '-'}  counted {_yuan(col.counted_fen) or '-'}  "
            f"difference {_yuan(col.discrepancy_fen) or '-'}"
        )
    lines += ["", f"对账 Settlement: {report.settlement_status}"]
    for st in report.settlements:
        lines.append(f"  {_local(st.at)} {st.id} {st.state} {st.status}")
    return lines


@dataclass(frozen=True)
class ReportFiles:
    csv: Path
    pdf: Path
    pages: int


def export_day_report(
    journal: Journal,
    clock: Clock,
    by: Principal,
    target: Path,
    *,
    kiosk_id: str,
    business_date: date | None = None,
) -> ReportFiles:
    """Write <kiosk>-<date>-report.csv and .pdf into `target` (an existing writable folder);
    audited as `day_report_exported`. A bad target changes nothing."""
    actor = by.require("staff")
    target = Path(target)
    if not target.is_dir():
        raise InvalidInput(f"{target} is not a folder (is the USB stick mounted?)")
    if not os.access(target, os.W_OK):
        raise InvalidInput(f"{target} is not writable")
    audit.check_audit_value(str(target), "export target")  # refused before anything is written
    now = clock.now()
    day = business_date or business_date_of(now)
    report = build_day_report(journal, kiosk_id, day, now)
    stem = f"powerpay-{kiosk_id}-{day.isoformat()}-report"
    csv_path, pdf_path = target / f"{stem}.csv", target / f"{stem}.pdf"
    csv_path.write_text(to_csv(report), encoding="utf-8-sig")  # utf-8-sig: Excel reads Chinese
    pages = render_pdf(text_lines(report), pdf_path)
    after = {
        "business_date": day.isoformat(),
        "files": [csv_path.name, pdf_path.name],
        "payments": report.total_count,
        "amount_fen": report.total_fen,
    }
    audit.record(journal, actor, "day_report_exported", str(target), None, after)
    return ReportFiles(csv_path, pdf_path, pages)
