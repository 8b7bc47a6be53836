"""Amount, method and confirmation: the steps before any money moves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.money import format_yuan
from kiosk.session.state import Method, SessionState
from ui.screens.base import ScreenWidget
from ui.widgets import Keypad, button, card, label


class AmountScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        row = QHBoxLayout()
        row.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(18)
        self.due_label = label("", "muted")
        self.due_value = label("", "amount")
        self.pay_due_button = button("amount_pay_due", "go", self.session.pay_due)
        self.other_label = label("")
        self.display = label("", "display", wrap=False)
        self.display.setObjectName("amount_display")
        self.message = label("", "message")
        self.cash_note = label("", "muted")
        for widget in (self.due_label, self.due_value, self.pay_due_button, self.other_label):
            left.addWidget(widget)
        left.addWidget(self.display)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(self.cash_note)
        row.addLayout(left, 3)
        self.keypad = Keypad("amount")
        self.keypad.digit.connect(self.session.type_amount_digit)
        self.keypad.erase.connect(self.session.backspace)
        self.keypad.ok.connect(self.session.submit_other_amount)
        row.addWidget(self.keypad, 2)
        self.body.addLayout(row)
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
        grid = QGridLayout()
        grid.setSpacing(32)
        self.tiles = {
            method: button(
                f"method_{method.value}",
                "tile",
                lambda _=False, m=method: self.session.choose_method(m),
            )
            for method in Method
        }
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)
        self.unavailable = label("", "muted")
        self.paper = label("", "message")
        self.message = label("", "message")
        self.message.setObjectName("method_message")
        self.body.addLayout(grid)
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
        self.tiles[Method.CASH].setText(self.tr("Cash\n¥1 · ¥5 · ¥10 · ¥20 · ¥50 · ¥100 notes"))
        self.tiles[Method.BANK_CARD].setText(self.tr("Bank card\nUnionPay chip card and PIN"))
        self.tiles[Method.WALLET].setText(
            self.tr("Mobile payment\nshow your payment code to the scanner")
        )
        self.tiles[Method.WALLET_QR].setText(
            self.tr("Mobile payment\nscan the kiosk's QR code with your phone")
        )
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
