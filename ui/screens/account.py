"""Account: who, status, what is due and why (bills with tier lines, late fee), usage, alerts."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from kiosk.session.views import AccountView
from ui.screens.base import ScreenWidget
from ui.theme import COLORS
from ui.widgets import button, card, label


class AccountScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        top = QHBoxLayout()
        top.setSpacing(24)
        # Who and what is due.
        summary = card()
        grid = QGridLayout(summary)
        grid.setContentsMargins(24, 20, 24, 20)
        grid.setVerticalSpacing(10)
        self.fields: dict[str, tuple[object, object]] = {}
        names = ("account", "holder", "address", "status", "balance", "arrears", "late_fee")
        for row, name in enumerate(names):
            key, value = label("", "muted"), label("")
            value.setObjectName(f"account_{name}")
            grid.addWidget(key, row, 0)
            grid.addWidget(value, row, 1)
            self.fields[name] = (key, value)
        top.addWidget(summary, 3)
        due_card = card()
        due_box = QVBoxLayout(due_card)
        due_box.setContentsMargins(24, 20, 24, 20)
        self.due_label = label("", "muted")
        self.due_value = label("", "amount")
        self.due_value.setObjectName("amount_due")
        self.offline = label("", "message")
        self.message = label("", "message")
        self.message.setObjectName("account_message")
        self.card_info = label("", "muted")
        self.card_info.setObjectName("account_card")
        self.alerts = label("", "message")
        due_box.addWidget(self.due_label)
        due_box.addWidget(self.due_value)
        due_box.addWidget(self.card_info)
        due_box.addWidget(self.message)
        due_box.addWidget(self.offline)
        due_box.addWidget(self.alerts)
        due_box.addStretch(1)
        self.autopay_info = label("", "muted")
        self.autopay_info.setObjectName("account_autopay")
        self.autopay_button = button("autopay", None, self.session.mandate_start)
        due_box.addWidget(self.autopay_info)
        due_box.addWidget(self.autopay_button)
        top.addWidget(due_card, 2)
        self.body.addLayout(top)
        bottom = QHBoxLayout()
        bottom.setSpacing(24)
        self.bills = QTableWidget(0, 5)
        self.bills.setObjectName("bills_table")
        self.bills.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bills.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bills.verticalHeader().setVisible(False)
        header = self.bills.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.bills.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.bills.setWordWrap(False)
        self.bills.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bottom.addWidget(self.bills, 3)
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setBackgroundBrush(QColor(COLORS["card"]))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("usage_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        bottom.addWidget(self.chart_view, 2)
        self.body.addLayout(bottom, 1)
        self.back_button = button("back", None, self.session.back)
        self.other_button = button("other_amount", None, self.session.to_amount)
        self.pay_button = button("pay_due", "go", self.session.pay_due)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.other_button)
        self.actions.addWidget(self.pay_button)
        self._chart_for: str | None = None

    def render(self, state: SessionState) -> None:
        account = state.account
        self.title.setText(self.tr("Your account"))
        labels = {
            "account": self.tr("Account"),
            "holder": self.tr("Name"),
            "address": self.tr("Address"),
            "status": self.tr("Status"),
            "balance": self.tr("Balance"),
            "arrears": self.tr("Unpaid bills"),
            "late_fee": self.tr("Late fee"),
        }
        for name, (key, _value) in self.fields.items():
            key.setText(labels[name])  # type: ignore[attr-defined]
        self.back_button.setText(self.tr("Back"))
        self.other_button.setText(self.tr("Other amount"))
        self.due_label.setText(self.tr("Amount due"))
        if account is None:
            return
        values = {
            "account": account.account_no,
            "holder": account.holder_masked,
            "address": account.address_masked,
            "status": f"{self.messages.status(account.status)} · "
            f"{self.messages.billing_mode(account.billing_mode)}",
            "balance": format_yuan(account.balance_fen),
            "arrears": format_yuan(account.arrears_fen),
            "late_fee": self._late_fee_text(account),
        }
        for name, (_key, value) in self.fields.items():
            value.setText(values[name])  # type: ignore[attr-defined]
        self.due_value.setText(format_yuan(account.amount_due_fen))
        due = account.amount_due_fen
        self.pay_button.setText(
            self.tr("Pay {amount}").format(amount=format_yuan(due)) if due > 0 else self.tr("Pay")
        )
        self.pay_button.setVisible(due > 0)
        self.other_button.setProperty("role", "primary" if due <= 0 else None)
        self.message.setText(self.messages.message(state.message, state.message_arg))
        card = state.card
        self.card_info.setText(
            self.tr("Card {serial}: purchase {count} on the card, meter balance {balance}").format(
                serial=card.card_serial,
                count=card.purchase_count,
                balance=format_yuan(card.meter_balance_fen),
            )
            if card is not None
            else ""
        )
        self.offline.setText(
            self.tr("Offline: cash only. Your payment will be posted when the connection returns.")
            if account.offline
            else ""
        )
        english = state.language == "en"
        self.alerts.setText(
            "\n".join(a.message_en if english else a.message_zh for a in account.alerts)
        )
        if account.status == "disconnected" and due > 0:
            self.alerts.setText(
                self.alerts.text()
                + ("\n" if self.alerts.text() else "")
                + self.tr("Paying the full amount due reconnects your supply.")
            )
        self._render_autopay(account)
        self._render_bills(account)
        self._render_chart(account, state.language)

    def _render_autopay(self, account: AccountView) -> None:
        if account.autopay_enrolled:
            text = self.tr("Auto-debit: on, card {card}, day {day} of each month").format(
                card=account.autopay_bank_masked or "", day=account.autopay_day or ""
            )
        else:
            text = self.tr("Auto-debit: off")
        self.autopay_info.setText(text)
        self.autopay_button.setText(
            self.tr("Change auto-debit card")
            if account.autopay_enrolled
            else self.tr("Sign up for auto-debit")
        )
        self.autopay_button.setVisible(self.session.mandates_available())

    def _late_fee_text(self, account: AccountView) -> str:
        overdue = [b for b in account.bills if b.late_fee_fen > 0]
        if not overdue:
            return format_yuan(account.late_fee_fen)
        since = min(b.due_on for b in overdue)
        return self.tr("{amount} (since {date}, 0.1% a day)").format(
            amount=format_yuan(account.late_fee_fen), date=since
        )

    def _render_bills(self, account: AccountView) -> None:
        self.bills.setHorizontalHeaderLabels(
            [
                self.tr("Month"),
                self.tr("Usage"),
                self.tr("Charges"),
                self.tr("Amount"),
                self.tr("Due"),
            ]
        )
        self.bills.setRowCount(len(account.bills))
        for row, bill in enumerate(account.bills):
            lines = "\n".join(
                f"{self.messages.line_kind(line.kind)} {line.kwh} kWh × ¥{line.unit_price_yuan}"
                for line in bill.lines
            )
            cells = (
                bill.period,
                f"{bill.usage_kwh} kWh",
                lines,
                format_yuan(bill.amount_fen - bill.paid_fen),
                bill.due_on,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.bills.setItem(row, column, item)
        self.bills.resizeRowsToContents()

    def _render_chart(self, account: AccountView, language: str) -> None:
        key = f"{account.account_no}:{language}:{len(account.usage)}"
        if key == self._chart_for:
            return
        self._chart_for = key
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        months = list(reversed(account.usage[:12])) if account.usage else []
        months.sort(key=lambda m: m.period)
        bars = QBarSet(self.tr("kWh"))
        bars.setColor(QColor(COLORS["brand"]))
        for month in months:
            bars.append(float(month.kwh))  # a chart height, not money
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([m.period[5:] for m in months])
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setRange(0, max((float(m.kwh) for m in months), default=100.0))
        axis_y.applyNiceNumbers()
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self.chart.setTitle(self.tr("Usage, last 12 months (kWh)"))
