"""Amount, method and confirmation: the steps before any money moves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.money import format_yuan
from kiosk.session.state import Method, SessionState
from ui.reflow import Box, ReflowGrid, tile_with_hint
from ui.screens.base import ScreenWidget
from ui.widgets import Keypad, button, card, label


class AmountScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        row = ReflowGrid((2, 1), spacing=48, stretch=(3, 2))
        column = Box()
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(14)
        # "Amount due ¥384.11" on one line: the pay button under it repeats the amount large.
        due_row = QHBoxLayout()
        due_row.setSpacing(16)
        self.due_label = label("", "muted", wrap=False)
        self.due_value = label("", None, wrap=False)
        self.due_value.setObjectName("amount_due_value")
        due_row.addWidget(self.due_label)
        due_row.addWidget(self.due_value)
        due_row.addStretch(1)
        left.addLayout(due_row)
        self.pay_due_button = button("amount_pay_due", "go", self.session.pay_due)
        self.other_label = label("")
        self.display = label("", "display", wrap=False)
        self.display.setObjectName("amount_display")
        self.message = label("", "message")
        self.cash_note = label("", "muted")
        for widget in (self.pay_due_button, self.other_label):
            left.addWidget(widget)
        left.addWidget(self.display)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(self.cash_note)
        row.add(column)
        self.keypad = Keypad("amount")
        self.keypad.digit.connect(self.session.type_amount_digit)
        self.keypad.erase.connect(self.session.backspace)
        self.keypad.ok.connect(self.session.submit_other_amount)
        row.add(self.keypad)
        self.body.addWidget(row)
        self.back_button = button("back", None, self.session.back)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        account = state.account
        due = account.amount_due_fen if account else 0
        self.title.setText(self.tr("How much do you want to pay?"))
        self.due_label.setText(self.tr("Amount due"))
        self.due_value.setText(format_yuan(due))
        self.pay_due_button.setText(self.tr("Pay {amount}").format(amount=format_yuan(due)))
        self.pay_due_button.setVisible(due > 0)
        self.other_label.setText(self.tr("Or type another amount in yuan:"))
        self.display.setText(f"¥ {state.amount_input}" if state.amount_input else "¥ —")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setText(self.messages.message(state.message, state.message_arg))
        self.cash_note.setText(
            self.tr(
                "Cash: the kiosk gives no change. Anything above the amount due goes to your "
                "account balance."
            )
        )
        self.keypad.ok_key.setText(self.tr("OK"))
        self.back_button.setText(self.tr("Back"))


class MethodScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.amount = label("", "amount")
        self.body.addWidget(self.amount)
        # Four tiles in a row on a wide display, two by two on a square or portrait one.
        grid = ReflowGrid((4, 2, 1), spacing=32)
        self.tiles = {
            method: button(
                f"method_{method.value}",
                "method",
                lambda _=False, m=method: self.session.choose_method(m),
            )
            # Cash and card first, the two phone payments side by side in the next row.
            for method in (Method.CASH, Method.BANK_CARD, Method.WALLET, Method.WALLET_QR)
        }
        self.tile_hints = {method: label("", "muted") for method in Method}
        for method, tile in self.tiles.items():
            hint = self.tile_hints[method]
            hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            grid.add(tile_with_hint(tile, hint))
        self.unavailable = label("", "muted")
        self.paper = label("", "message")
        self.message = label("", "message")
        self.message.setObjectName("method_message")
        self.body.addWidget(grid)
        self.body.addWidget(self.message)
        self.body.addWidget(self.unavailable)
        self.body.addWidget(self.paper)
        self.body.addStretch(1)
        self.back_button = button("back", None, self.session.back)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Choose how to pay"))
        self.amount.setText(format_yuan(state.amount_fen or 0))
        names = {
            Method.CASH: self.tr("Cash"),
            Method.BANK_CARD: self.tr("Bank card"),
            Method.WALLET: self.tr("Show\npayment code"),
            Method.WALLET_QR: self.tr("Scan\nQR code"),
        }
        hints = {
            Method.CASH: self.tr("¥1 · ¥5 · ¥10 · ¥20 · ¥50 · ¥100 notes"),
            Method.BANK_CARD: self.tr("UnionPay chip card and PIN"),
            Method.WALLET: self.tr("Show the payment code in your phone's wallet to the scanner"),
            Method.WALLET_QR: self.tr("Scan the kiosk's QR code with your phone"),
        }
        for method, tile in self.tiles.items():
            tile.setText(names[method])
            self.tile_hints[method].setText(hints[method])
        for method, tile in self.tiles.items():
            tile.setEnabled(method in state.methods)
        self.message.setText(self.messages.message(state.message, state.message_arg))
        self.unavailable.setText(
            ""
            if Method.WALLET_QR in state.methods
            else self.tr("Mobile payment needs the connection to the utility, which is down.")
        )
        self.paper.setText(
            self.tr("No paper receipt is available; you will get an e-receipt QR code instead.")
            if state.no_paper
            else ""
        )
        self.back_button.setText(self.tr("Back"))


class ConfirmScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        box = card()
        grid = QGridLayout(box)
        grid.setContentsMargins(32, 24, 32, 24)
        grid.setVerticalSpacing(16)
        self.rows = {
            name: (label("", "muted"), label("")) for name in ("account", "holder", "method")
        }
        for row, (key, value) in enumerate(self.rows.values()):
            grid.addWidget(key, row, 0)
            grid.addWidget(value, row, 1)
        self.amount_key = label("", "muted")
        self.amount_value = label("", "amount")
        self.amount_value.setObjectName("confirm_amount")
        grid.addWidget(self.amount_key, 3, 0)
        grid.addWidget(self.amount_value, 3, 1)
        self.body.addWidget(box)
        self.note = label("")
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.back_button = button("back", None, self.session.back)
        self.confirm_button = button("confirm", "go", self.session.confirm)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.confirm_button)

    def render(self, state: SessionState) -> None:
        account = state.account
        self.title.setText(self.tr("Please check before you pay"))
        self.rows["account"][0].setText(self.tr("Account"))
        self.rows["holder"][0].setText(self.tr("Name"))
        self.rows["method"][0].setText(self.tr("Payment method"))
        self.amount_key.setText(self.tr("Amount"))
        if account is not None:
            self.rows["account"][1].setText(account.account_no)
            self.rows["holder"][1].setText(account.holder_masked)
        self.rows["method"][1].setText(self.messages.method(state.method or ""))
        self.amount_value.setText(format_yuan(state.amount_fen or 0))
        self.note.setText(
            self.tr(
                "Insert notes after you confirm. No change is given: anything above {amount} goes "
                "to your account balance."
            ).format(amount=format_yuan(state.amount_fen or 0))
            if state.method is Method.CASH
            else ""
        )
        self.back_button.setText(self.tr("Back"))
        self.confirm_button.setText(self.tr("Confirm and pay"))
