"""Result: what was paid, the new balance, the receipt (or its QR when there is no paper)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from ui.qr_image import show_qr
from ui.reflow import Box, ReflowGrid
from ui.screens.base import ScreenWidget
from ui.widgets import button, card, label


class ResultScreen(ScreenWidget):
    def __init__(self, *args: object, receipt_url: str = "") -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.receipt_url = receipt_url
        row = ReflowGrid((2, 1), spacing=24, stretch=(3, 2))  # QR under the figures if narrow
        box = card()
        grid = QGridLayout(box)
        grid.setContentsMargins(32, 24, 32, 24)
        grid.setVerticalSpacing(14)
        names = ("paid", "to_balance", "balance", "due", "receipt", "transaction")
        self.rows = {n: (label("", "muted", wrap=False), label("", wrap=False)) for n in names}
        for r, (k, v) in enumerate(self.rows.values()):
            v.setObjectName(f"result_{list(self.rows)[r]}")
            grid.addWidget(k, r, 0)
            grid.addWidget(v, r, 1)
        self.rows["paid"][1].setProperty("role", "money-in")
        self.rows["transaction"][1].setProperty("role", "muted")  # a long id, for the staff
        row.add(box)
        side_box = Box()
        side = QVBoxLayout(side_box)
        side.setContentsMargins(0, 0, 0, 0)
        self.qr = label("", None, wrap=False)
        self.qr.setObjectName("receipt_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = label("", "muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.qr)
        side.addWidget(self.qr_caption)
        side.addStretch(1)
        row.add(side_box)
        self.body.addWidget(row)
        self.status = label("", "title")
        self.status.setObjectName("result_status")
        self.message = label("", "message")
        self.body.addWidget(self.status)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.done_button = button("done", "primary", self.session.done)
        self.invoice_button = button("invoice", None, self.session.invoice_start)
        self.actions.addWidget(self.invoice_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.done_button)
        self._qr_for: str | None = None

    def render(self, state: SessionState) -> None:
        outcome = state.outcome
        self.done_button.setText(self.tr("Finish"))
        self.invoice_button.setText(self.tr("E-invoice"))
        self.invoice_button.setVisible(self.session.invoices_available())
        if outcome is None:
            return
        self.title.setText(
            self.tr("Payment received") if outcome.posted else self.tr("Payment recorded")
        )
        texts = {
            "paid": (self.tr("Paid"), format_yuan(outcome.amount_fen)),
            "to_balance": (
                self.tr("To your balance"),
                format_yuan(outcome.to_balance_fen or 0) if outcome.posted else "—",
            ),
            "balance": (
                self.tr("New balance"),
                format_yuan(outcome.new_balance_fen)
                if outcome.new_balance_fen is not None
                else "—",
            ),
            "due": (
                self.tr("Still due"),
                format_yuan(outcome.new_amount_due_fen)
                if outcome.new_amount_due_fen is not None
                else "—",
            ),
            "receipt": (self.tr("Receipt number"), outcome.receipt_no or "—"),
            "transaction": (self.tr("Transaction"), outcome.transaction_id),
        }
        for name, (key, value) in self.rows.items():
            key.setText(texts[name][0])
            value.setText(texts[name][1])
        if not outcome.posted:
            status = self.tr(
                "Your money is safely recorded by this kiosk. It will be posted to your account "
                "when the connection to the utility returns."
            )
        elif outcome.suspense:
            status = self.tr("Your payment is held for the staff to assign to the right account.")
        elif state.receipt == "printed":
            status = self.tr("Please take your receipt.")
        elif state.receipt in ("no_paper", "failed"):
            status = self.tr("No paper receipt: scan the QR code for your e-receipt.")
        else:
            status = self.tr("Printing your receipt…")
        card_write = {
            "written": self.tr("The electricity is on your card. You can take the card out now."),
            "pending_write": self.tr(
                "The card was taken out before the purchase was written. It is saved: insert "
                "the card again, here or at any kiosk, to write it for free."
            ),
            "failed": self.tr(
                "The purchase could not be written to your card; the staff have been told."
            ),
            "awaiting_payment": self.tr(
                "The purchase will be written to your card once the utility confirms the payment."
            ),
        }.get(state.card_write or "")
        if card_write:
            status = f"{card_write}\n{status}"
        self.status.setText(status)
        self.message.setText(self.messages.message(state.message) if state.message else "")
        url = self.receipt_url.format(receipt_no=outcome.receipt_no or outcome.transaction_id)
        if url != self._qr_for:
            self._qr_for = url
            big = state.receipt in ("no_paper", "failed")
            show_qr(self.qr, url, 420 if big else 300)  # ~1 ms: zxing-cpp
        self.qr_caption.setText(self.tr("E-receipt and e-invoice"))
