"""Account: who, status, what is due and why (bills with tier lines, late fee), usage, and the
payments made through every channel.

The main actions (back, other amount, pay) sit below a scroll area that holds everything else,
so they are on screen on every display shape and text size. The details are laid out tight
enough (rows close together, the tab page taking only the room left) to fit without scrolling
on every shape and text size; only a long payment history may scroll.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from kiosk.session.views import AccountView, PaymentHistoryView
from ui.history_panel import PaymentHistoryPanel, fill
from ui.reflow import Box, PageStack, ReflowGrid
from ui.screens.base import ScreenWidget
from ui.theme import COLORS, metrics
from ui.widgets import button, card, label

FIELDS = ("account", "holder", "address", "status", "balance", "arrears", "late_fee")
TABS = ("bills", "usage", "history")
CHART_MIN_PX = 176  # 20 pt axis labels and a 24 pt title still leave ~90 px of bars
CHART_MAX_PX = 480


class UsageChartView(QChartView):
    """A bar chart whose value axis has only as many labelled ticks as its height can show
    (too many and Qt elides them all to "…")."""

    def __init__(self, chart: QChart) -> None:
        super().__init__(chart)
        self._top = 100.0

    def set_top(self, top: float) -> None:
        self._top = top
        self.fit_ticks()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_ticks()

    def sizeHint(self) -> QSize:
        # Qt's is the scene's size, which follows the view's last size: a chart once shown tall
        # kept asking to be that tall, and the details scrolled. It takes the room left instead
        # (its stretch), from its least height up.
        return QSize(super().sizeHint().width(), CHART_MIN_PX)

    def fit_ticks(self) -> None:
        for axis in self.chart().axes(Qt.Orientation.Vertical):
            if isinstance(axis, QValueAxis):
                line = QFontMetrics(axis.labelsFont()).height()
                title = QFontMetrics(self.chart().titleFont()).height()
                room = self.height() - title - 2 * line  # less the title and the month labels
                axis.setRange(0, self._top)
                axis.setTickCount(max(2, min(6, room // (2 * line) + 1)))
                axis.applyNiceNumbers()


class AccountScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self._drawn: tuple[object, ...] | None = None
        self._history_shown: object = None  # the history view last drawn (views are immutable)
        # What to draw on a tab's page when that tab is next shown (see _draw_on).
        self._pending: dict[QWidget, Callable[[], None]] = {}
        content = Box()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        # Who (left) and what is due (right); under each other on a narrow display.
        top = ReflowGrid((2, 1), spacing=24, stretch=(3, 2))
        summary = card()
        summary_box = QVBoxLayout(summary)
        summary_box.setContentsMargins(24, 12, 24, 12)
        # Seven rows under each other on a square display in large text: keep them close.
        self.field_grid = ReflowGrid((2, 1), spacing=12, row_spacing=4, stretch=(0, 1))
        summary_box.addWidget(self.field_grid)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for name in FIELDS:
            key, value = label("", "muted", wrap=False), label("", None, wrap=False)
            value.setObjectName(f"account_{name}")
            self.field_grid.add(key, value)
            self.fields[name] = (key, value)
        top.add(summary)
        due_card = card()
        due_box = QVBoxLayout(due_card)
        due_box.setContentsMargins(24, 12, 24, 12)
        due_box.setSpacing(4)
        self.due_label = label("", "muted", wrap=False)
        self.due_value = label("", "amount", wrap=False)
        self.due_value.setObjectName("amount_due")
        # "Amount due" beside the figure when the card is wide enough, above it when not.
        due_row = ReflowGrid((2, 1), spacing=16, row_spacing=0, stretch=(0, 1))
        due_row.add(self.due_label)
        due_row.add(self.due_value)
        due_box.addWidget(due_row)
        self.late_note = label("", "muted")
        self.late_note.setObjectName("account_late_note")
        self.offline = label("", "message")
        self.message = label("", "message")
        self.message.setObjectName("account_message")
        self.card_info = label("", "muted")
        self.card_info.setObjectName("account_card")
        self.alerts = label("", "message")
        for widget in (
            self.late_note,
            self.card_info,
            self.message,
            self.offline,
            self.alerts,
        ):
            due_box.addWidget(widget)
        due_box.addStretch(1)
        self.autopay_info = label("", "muted")
        self.autopay_info.setObjectName("account_autopay")
        self.autopay_button = button("autopay", None, self.session.mandate_start)
        due_box.addWidget(self.autopay_info)
        due_box.addWidget(self.autopay_button)
        top.add(due_card)
        column.addWidget(top)
        # Bills, usage and payment history behind three tabs.
        tabs = QHBoxLayout()
        tabs.setSpacing(12)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tab_buttons: dict[str, object] = {}
        for index, name in enumerate(TABS):
            tab = button(f"account_tab_{name}", "tab")
            tab.setCheckable(True)
            self.tab_group.addButton(tab, index)
            tabs.addWidget(tab)
            self.tab_buttons[name] = tab
        tabs.addStretch(1)
        column.addLayout(tabs)
        self.pages = PageStack()  # as tall as the page shown, not the tallest page
        self.bills = QTableWidget(0, 4)
        self.bills.setObjectName("bills_table")
        self.bills.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bills.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bills.verticalHeader().setVisible(False)
        self.bills.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.bills.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fitted when filled
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.bills.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.bills.setWordWrap(False)
        self.bills.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # No unpaid bill: a sentence instead of an empty table (prepaid accounts never have one).
        self.bills_note = label("", "muted")
        self.bills_note.setObjectName("bills_note")
        self.bills_page = QWidget()
        bills_column = QVBoxLayout(self.bills_page)
        bills_column.setContentsMargins(0, 0, 0, 0)
        bills_column.addWidget(self.bills)
        bills_column.addWidget(self.bills_note)
        bills_column.addStretch(1)  # under the tabs, as the other pages: not centred in the room
        self.pages.addWidget(self.bills_page)
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setBackgroundBrush(QColor(COLORS["card"]))
        self.chart.setTitleBrush(QColor(COLORS["text"]))
        # Qt's default margins take ~40 px of a chart that may get only ~180 px.
        self.chart.setMargins(QMargins(8, 4, 8, 4))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart_view = UsageChartView(self.chart)
        self.chart_view.setObjectName("usage_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The chart takes the height left under the details (see the page's stretch below),
        # at least CHART_MIN_PX, which still fits a square display in large text.
        self.chart_view.setMinimumHeight(CHART_MIN_PX)
        self.chart_view.setMaximumHeight(CHART_MAX_PX)
        # One series and two axes for every account: new ones per account cost Qt a new set of
        # graphics items (axis lines, labels, grid) each time.
        self.bars = QBarSet("")
        self.bars.setColor(QColor(COLORS["brand"]))
        series = QBarSeries()
        series.append(self.bars)
        self.chart.addSeries(series)
        self.axis_x = QBarCategoryAxis()
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        for axis in (self.axis_x, self.axis_y):
            series.attachAxis(axis)
            axis.setLabelsBrush(QColor(COLORS["text"]))
        self.pages.addWidget(self.chart_view)
        self.history = PaymentHistoryPanel()
        self.pages.addWidget(self.history)
        self.tab_group.idClicked.connect(self._show_tab)
        column.addWidget(self.pages, 1)
        scroll = QScrollArea()
        scroll.setObjectName("account_scroll")
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        self.body.addWidget(scroll, 1)
        self.back_button = button("back", None, self.session.back)
        self.other_button = button("other_amount", None, self.session.to_amount)
        self.pay_button = button("pay_due", "go", self.session.pay_due)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.other_button)
        self.actions.addWidget(self.pay_button)
        self._chart_for: str | None = None
        self._shown_for: str | None = None
        self._show_tab(0)

    def _show_tab(self, index: int) -> None:
        self.tab_group.button(index).setChecked(True)
        self.pages.setCurrentIndex(index)  # the stack asks for this page's height only
        draw = self._pending.pop(self.pages.currentWidget(), None)
        if draw is not None:
            draw()

    def _draw_on(self, page: QWidget, draw: Callable[[], None]) -> None:
        """Draw a tab's page now if its tab is shown, else when it is next shown. Filling and
        fitting the history's two tables under the bills took 30-40 ms of the GUI thread, the
        chart's bars and axes another 5-10, for tabs most residents never open."""
        if self.pages.currentWidget() is page:
            self._pending.pop(page, None)
            draw()
        else:
            self._pending[page] = draw

    def warm(self, state: SessionState) -> None:
        """Off screen, every tab is drawn at once: the first real draw of each is then cheaper
        (its tables and chart styled and laid out once already)."""
        self.render(state)
        pending, self._pending = self._pending, {}
        for draw in pending.values():
            draw()

    def _show_history(self, history: PaymentHistoryView | None, account_no: str) -> None:
        self._history_shown = history
        self._draw_on(self.history, lambda: self.history.render(history, account_no))

    def render(self, state: SessionState) -> None:
        account = state.account
        # What the screen shows besides the history; when only the history changed (it arrives
        # after the account), the bills, chart and details are not laid out again.
        drawn = (account, state.language, state.senior, state.message, state.message_arg)
        drawn += (state.card, self.session.mandates_available())
        if account is not None and drawn == self._drawn:
            if state.history is not self._history_shown:  # back from "other amount": the same
                self._show_history(state.history, account.account_no)
            return
        self._drawn = drawn
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
            key.setText(labels[name])
        tab_names = {
            "bills": self.tr("Bills"),
            "usage": self.tr("Usage"),
            "history": self.tr("Payment history"),
        }
        for name, tab in self.tab_buttons.items():
            tab.setText(tab_names[name])  # type: ignore[attr-defined]
        self.back_button.setText(self.tr("Back"))
        self.other_button.setText(self.tr("Other amount"))
        self.due_label.setText(self.tr("Amount due"))
        if account is None:
            return
        if account.account_no != self._shown_for:  # a new account starts on its bills
            self._shown_for = account.account_no
            self._show_tab(0)
            self.scroll.verticalScrollBar().setValue(0)
        values = {
            "account": account.account_no,
            "holder": account.holder_masked,
            "address": account.address_masked,
            "status": f"{self.messages.status(account.status)} · "
            f"{self.messages.billing_mode(account.billing_mode)}",
            "balance": format_yuan(account.balance_fen),
            "arrears": format_yuan(account.arrears_fen),
            "late_fee": format_yuan(account.late_fee_fen),
        }
        for name, (_key, value) in self.fields.items():
            value.setText(values[name])
        self.due_value.setText(format_yuan(account.amount_due_fen))
        self.late_note.setText(self._late_fee_note(account))
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
        alerts = [a.message_en if english else a.message_zh for a in account.alerts]
        if account.status == "disconnected" and due > 0:
            alerts.append(self.tr("Paying the full amount due reconnects your supply."))
        self.alerts.setText("\n".join(alerts))
        self._render_autopay(account)
        for widget in (self.late_note, self.card_info, self.message, self.offline, self.alerts):
            widget.setVisible(bool(widget.text()))
        self._render_bills(account)
        self._draw_on(
            self.chart_view, lambda: self._render_chart(account, state.language, state.senior)
        )
        self._show_history(state.history, account.account_no)

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

    def _late_fee_note(self, account: AccountView) -> str:
        overdue = [b for b in account.bills if b.late_fee_fen > 0]
        if not overdue:
            return ""
        since = min(b.due_on for b in overdue)
        return self.tr("Includes a late fee of {amount} (0.1% a day since {date})").format(
            amount=format_yuan(account.late_fee_fen), date=since
        )

    def _render_bills(self, account: AccountView) -> None:
        empty = not account.bills
        self.bills.setVisible(not empty)
        self.bills_note.setVisible(empty)
        if account.billing_mode == "postpaid":
            self.bills_note.setText(self.tr("No unpaid bills."))
        else:
            self.bills_note.setText(
                self.tr("A prepaid account has no bills: you buy electricity in advance.")
            )
        # Read as the payment history is: texts from the left, amounts lined up on the right.
        fill(
            self.bills,
            [self.tr("Month"), self.tr("Charges"), self.tr("Amount"), self.tr("Due")],
            [
                (
                    bill.period,
                    # the kWh of each tier line add up to the month's usage
                    "\n".join(
                        f"{self.messages.line_kind(line.kind)} {line.kwh} kWh"
                        f" × ¥{line.unit_price_yuan}"
                        for line in bill.lines
                    ),
                    format_yuan(bill.amount_fen - bill.paid_fen),
                    bill.due_on,
                )
                for bill in account.bills
            ],
            right=(2,),
        )

    def _render_chart(self, account: AccountView, language: str, senior: bool) -> None:
        key = f"{account.account_no}:{language}:{senior}:{len(account.usage)}"
        if key == self._chart_for:
            return
        self._chart_for = key
        m = metrics(senior)
        # QtCharts paints its own texts at Qt's 9 pt default unless told: use the body size.
        body, title = QFont(), QFont()
        body.setPointSizeF(m.small_pt)
        title.setPointSizeF(m.body_pt)
        title.setWeight(QFont.Weight.DemiBold)
        self.chart.setTitleFont(title)
        months = list(reversed(account.usage[:12])) if account.usage else []
        months.sort(key=lambda m: m.period)
        self.bars.setLabel(self.tr("kWh"))
        self.bars.remove(0, self.bars.count())
        self.bars.append([float(month.kwh) for month in months])  # a chart height, not money
        self.axis_x.clear()
        self.axis_x.append([m.period[5:] for m in months])
        for axis in (self.axis_x, self.axis_y):
            axis.setLabelsFont(body)
        self.chart_view.set_top(max((float(m.kwh) for m in months), default=100.0))
        self.chart.legend().setFont(body)
        self.chart.setTitle(self.tr("Usage, last 12 months (kWh)"))
