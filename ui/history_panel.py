"""The account's recent payments through every channel (kiosk, app, bank, counter, wallets),
as a table on the account screen; "unavailable" when the back end could not say."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk.money import format_yuan
from kiosk.session.views import PaymentHistoryView, PaymentRecordView
from ui.reflow import Box
from ui.widgets import label


def local_time(posted_at: str) -> datetime | None:
    """An RFC 3339 UTC time in the kiosk's own time zone; None when it cannot be read."""
    try:
        moment = datetime.fromisoformat(posted_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone() if moment.tzinfo is not None else None


class PaymentHistoryPanel(Box):
    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.status = label("", "muted")
        self.status.setObjectName("history_status")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("history_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        # Receipt numbers differ at their end: cut the middle, not the end.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the receipt number takes what is left
        column.addWidget(self.status)
        column.addWidget(self.table)
        column.addStretch(1)

    def channel(self, channel: str, method: str) -> str:
        names = {
            "kiosk": self.tr("Self-service kiosk"),
            "app": self.tr("Mobile app"),
            "bank": self.tr("Bank"),
            "counter": self.tr("Service counter"),
            "autopay": self.tr("Automatic debit"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
        }
        methods = {
            "cash": self.tr("cash"),
            "bank_card": self.tr("bank card"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
            "unionpay_qr": self.tr("UnionPay QR"),
        }
        name = names.get(channel, channel)
        paid_with = methods.get(method)
        if paid_with is None or paid_with == name:
            return name
        return self.tr("{channel} ({method})").format(channel=name, method=paid_with)

    def date(self, posted_at: str) -> str:
        moment = local_time(posted_at)
        if moment is None:
            return posted_at
        # English: "15 Sep 2026"; the Chinese translation reorders to "2026年9月15日".
        months = (
            self.tr("Jan"),
            self.tr("Feb"),
            self.tr("Mar"),
            self.tr("Apr"),
            self.tr("May"),
            self.tr("Jun"),
            self.tr("Jul"),
            self.tr("Aug"),
            self.tr("Sep"),
            self.tr("Oct"),
            self.tr("Nov"),
            self.tr("Dec"),
        )
        return self.tr("{d} {month} {y}").format(
            y=moment.year, d=moment.day, month=months[moment.month - 1]
        )

    def render(self, history: PaymentHistoryView | None, account_no: str) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Paid through"), self.tr("Amount"), self.tr("Receipt")]
        )
        if history is None or history.account_no != account_no or history.status == "loading":
            self._show([], self.tr("Loading your payment history…"))
        elif history.status != "loaded":
            self._show([], self.tr("Payment history is unavailable right now. You can still pay."))
        elif not history.records:
            self._show([], self.tr("No payments yet."))
        else:
            self._show(
                list(history.records),
                self.tr("Payments from all channels, newest first"),
            )

    def _show(self, records: list[PaymentRecordView], status: str) -> None:
        self.status.setText(status)
        self.table.setVisible(bool(records))
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            cells = (
                self.date(record.posted_at),
                self.channel(record.channel, record.method),
                format_yuan(record.amount_fen),
                record.receipt_no,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                align = Qt.AlignmentFlag.AlignRight if col == 2 else Qt.AlignmentFlag.AlignLeft
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        fit_rows(self.table)


def fit_rows(table: QTableWidget) -> None:
    """Size a table to show every row, so the page scrolls as one (no scroll inside scroll)."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2 * table.frameWidth() + 4)
