"""Staff: the day's report (totals by method, every transaction masked, collections, settlement)
shown in short and exported as CSV and PDF to a USB stick (kiosk/staff/day_report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.app import Kiosk
from kiosk.money import format_yuan
from kiosk.staff.day_report import DayReport, ReportFiles, build_day_report, export_day_report
from kiosk.staff.desk import StaffDesk
from ui.staff.base import StaffPage
from ui.staff.targets import TargetPicker
from ui.staff.worker import Background
from ui.widgets import button, label


class ReportPage(StaffPage):
    def __init__(
        self, kiosk: Kiosk, desk: StaffDesk, worker: Background, back: Callable[[], None]
    ) -> None:
        super().__init__("report", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self.title.setText(self.tr("Day report"))
        self.summary = label("", "body")
        self.summary.setObjectName("staff_report_summary")
        self.body.addWidget(self.summary)
        self.body.addStretch(1)
        self.picker = TargetPicker("staff_report")
        self.body.addWidget(self.picker)
        self.export_button = button("staff_report_export", "go", self.export)
        self.export_button.setText(self.tr("Export CSV and PDF"))
        self.export_button.setMinimumHeight(88)
        self.body.addWidget(self.export_button)
        self.report: DayReport | None = None
        self.files: ReportFiles | None = None

    def refresh(self) -> None:
        self.picker.rescan()
        self.summary.setText(self.tr("Adding up the day..."))
        kiosk = self.kiosk
        day = self.desk.settlements.today()
        self.worker.run(
            lambda: build_day_report(
                kiosk.journal, kiosk.settings.kiosk.id, day, kiosk.clock.now()
            ),
            self._built,
        )

    def _built(self, report: Any, error: Exception | None) -> None:
        if error is not None:
            self.summary.setText(self.tr("The report failed: {error}").format(error=error))
            return
        self.report = report
        assert isinstance(report, DayReport)
        methods = {
            "cash": self.tr("Cash"),
            "bank_card": self.tr("Bank card"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
            "unionpay_qr": self.tr("UnionPay QR"),
        }
        statuses = {
            "matched": self.tr("Matched"),
            "mismatch": self.tr("Mismatch"),
            "unsent": self.tr("Not sent (will retry)"),
            "rejected": self.tr("Rejected"),
            "not settled": self.tr("Not settled yet"),
        }
        lines = [self.tr("Business date: {day}").format(day=report.business_date.isoformat())]
        for total in report.totals:
            name = methods.get(total.method, total.method)
            lines.append(f"{name}: {total.count} / {format_yuan(total.amount_fen)}")
        lines.append(
            self.tr("All confirmed payments: {n} / {total}").format(
                n=report.total_count, total=format_yuan(report.total_fen)
            )
        )
        lines.append(self.tr("Still being sent: {n}").format(n=len(report.pending_ids)))
        lines.append(self.tr("Transactions today: {n}").format(n=len(report.transactions)))
        lines.append(self.tr("Cash collections: {n}").format(n=len(report.collections)))
        status = statuses.get(report.settlement_status, report.settlement_status)
        lines.append(self.tr("Settlement: {status}").format(status=status))
        self.summary.setText("\n".join(lines))

    def export(self) -> None:
        request = self.picker.request(self.desk.session, "staff", self.say)
        if request is None:
            return
        actor, target = request
        kiosk = self.kiosk
        self.export_button.setEnabled(False)
        self.say(self.tr("Writing the report..."))
        self.worker.run(
            lambda: export_day_report(
                kiosk.journal, kiosk.clock, actor, target, kiosk_id=kiosk.settings.kiosk.id
            ),
            self._exported,
        )

    def _exported(self, files: Any, error: Exception | None) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            self.say(self.tr("Export failed: {error}").format(error=error))
            return
        self.files = files
        self.say(
            self.tr("Saved {csv} and {pdf} ({pages} page(s)).").format(
                csv=files.csv.name, pdf=files.pdf.name, pages=files.pages
            )
        )
