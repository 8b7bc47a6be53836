"""End-of-day settlement: send today's totals and show what matched and what did not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.app import Kiosk
from kiosk.money import format_yuan
from kiosk.staff.desk import StaffDesk
from kiosk.staff.settlement import SettlementReport
from ui.staff.base import StaffPage
from ui.staff.worker import Background
from ui.widgets import button, label


class SettlementPage(StaffPage):
    def __init__(
        self, kiosk: Kiosk, desk: StaffDesk, worker: Background, back: Callable[[], None]
    ) -> None:
        super().__init__("settlement", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self.title.setText(self.tr("End-of-day settlement"))
        self.settle_button = button("staff_settle", "go", self.settle)
        self.settle_button.setText(self.tr("Settle today"))
        self.settle_button.setMinimumHeight(96)
        self.result = label("", "body")
        self.result.setObjectName("staff_settlement_result")
        self.body.addWidget(self.settle_button)
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.report: SettlementReport | None = None

    def refresh(self) -> None:
        self.say("")
        self.result.setText("")

    def settle(self) -> None:
        session = self.desk.session
        if session is None:
            return
        session.touch()
        settlements, client = self.desk.settlements, self.kiosk.client
        day = settlements.today()
        self.settle_button.setEnabled(False)
        self.say(self.tr("Sending the settlement..."))
        self.worker.run(lambda: settlements.settle(session, client, day), self._done)

    def _done(self, report: Any, error: Exception | None) -> None:
        self.settle_button.setEnabled(True)
        if error is not None:
            self.say(self.tr("Settlement failed: {error}").format(error=error))
            return
        self.report = report
        assert isinstance(report, SettlementReport)
        status = {
            "matched": self.tr("Matched"),
            "mismatch": self.tr("Mismatch"),
            "unsent": self.tr("Not sent (will retry)"),
            "rejected": self.tr("Rejected"),
        }[report.status]
        self.say("" if report.status == "matched" else status)
        lines = [
            self.tr("Business date: {day}").format(day=report.business_date.isoformat()),
            self.tr("Result: {status}").format(status=status),
        ]
        for total in report.totals:
            lines.append(
                f"{total['method']}: {total['count']} / {format_yuan(total['amount_fen'])}"
            )
        lines.append(self.tr("Payments in the totals: {n}").format(n=len(report.transaction_ids)))
        lines.append(
            self.tr("Missing on server: {ids}").format(
                ids=", ".join(report.missing_on_server) or "-"
            )
        )
        lines.append(
            self.tr("Unknown to kiosk: {ids}").format(ids=", ".join(report.unknown_to_kiosk) or "-")
        )
        if report.error:
            lines.append(report.error)
        self.result.setText("\n".join(lines))
