"""The account's recent payments through every channel (kiosk, app, bank, counter, wallets),
as a table on the account screen; "unavailable" when the back end could not say.

A payment is one row of four columns (date, channel, amount, receipt) when they fit side by side,
and otherwise two lines in two columns (date over channel, amount over receipt) on a narrow
display or in large text: a receipt number is never cut, since a resident reads it out to the
counter. The four-column table is always filled, so its column widths decide which one shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
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
        self.table = history_table("history_table", 4)  # one line per payment
        self.two_lines = history_table("history_two_lines", 2)  # two lines per payment
        self.two_lines.hide()
        self._records: list[PaymentRecordView] = []
        column.addWidget(self.status)
        column.addWidget(self.table)
        column.addWidget(self.two_lines)
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
        self._records = records
        headers = (self.tr("Date"), self.tr("Paid through"), self.tr("Amount"), self.tr("Receipt"))
        rows = [
            (
                self.date(record.posted_at),
                self.channel(record.channel, record.method),
                format_yuan(record.amount_fen),
                record.receipt_no,
            )
            for record in records
        ]
        fill(self.table, headers, rows, right=(2,))
        fill(
            self.two_lines,
            (f"{headers[0]}\n{headers[1]}", f"{headers[2]}\n{headers[3]}"),
            [
                (f"{date}\n{channel}", f"{amount}\n{receipt}")
                for date, channel, amount, receipt in rows
            ],
            right=(1,),
        )
        self._pick()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pick()

    def _pick(self) -> None:
        """Four columns when the widest cell of each fits side by side, else two lines each.
        (No flip-flop: two lines are taller, so a page scroll bar they bring stays.)"""
        wide = needed_width(self.table) <= self.width()
        self.table.setVisible(bool(self._records) and wide)
        self.two_lines.setVisible(bool(self._records) and not wide)


def history_table(name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Columns fitted when filled (fit_table), not ResizeToContents: that re-measures every cell
    # on each font change, hidden or not, and a text-size switch restyles every table.
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setStretchLastSection(True)
    return table


def fill(
    table: QTableWidget,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: tuple[int, ...],
) -> None:
    """Put `rows` in `table`; the columns in `right` (amounts) align right."""
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            align = Qt.AlignmentFlag.AlignRight if col in right else Qt.AlignmentFlag.AlignLeft
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, col, item)
    fit_table(table)


def needed_width(table: QTableWidget) -> int:
    """The width `table` needs to show every cell and header whole, side by side."""
    table.ensurePolished()  # the stylesheet's font and padding, even while hidden
    header = table.horizontalHeader()
    columns = range(table.columnCount())
    cells = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns)
    return cells + 2 * table.frameWidth()


def fit_table(table: QTableWidget) -> None:
    """Size a table's columns to their contents and the table to show every row, so the page
    scrolls as one (no scroll inside scroll). Called after each fill: a new text size or
    language always refills (the screens redraw on either)."""
    table.ensurePolished()  # the stylesheet's font and padding, even while hidden
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2 * table.frameWidth() + 4)
