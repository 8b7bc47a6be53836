"""Mobile payment: showing a payment code, waiting for the phone, and the kiosk's own QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from ui.pictograms import Pictogram
from ui.qr_image import qr_pixmap
from ui.screens.base import ScreenWidget
from ui.widgets import button, label


class WalletScanScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.amount = label("", "amount")
        self.steps = label("")
        self.message = label("", "message")
        self.message.setObjectName("wallet_message")
        for widget in (self.amount, self.steps, self.message):
            self.body.addWidget(widget)
        self.body.addWidget(Pictogram("show_phone"), 1)
        self.body.addStretch(0)
        self.cancel_button = button("wallet_cancel", "danger", self.session.cancel)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Show your payment code to the scanner"))
        self.amount.setText(format_yuan(state.amount_fen or 0))
        self.steps.setText(
            self.tr(
                "1. Open WeChat, Alipay or your UnionPay app and choose Pay (付款码).\n"
                "2. Hold the phone screen 10 to 20 cm under the scanner below this screen."
            )
        )
        self.message.setText(self.messages.message(state.message, state.message_arg))
        self.cancel_button.setText(self.tr("Choose another method"))


class WalletWaitScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.amount = label("", "amount")
        self.text = label("", "title")
        self.text.setObjectName("wallet_wait_text")
        self.countdown = label("", "muted")
        self.countdown.setObjectName("wallet_countdown")
        for widget in (self.amount, self.text, self.countdown):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.cancel_button = button("wallet_cancel", "danger", self.session.cancel)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Mobile payment"))
        self.amount.setText(format_yuan(state.amount_fen or 0))
        phase = state.wallet_phase
        texts = {
            "creating": self.tr("Sending the payment to your wallet…"),
            "userpaying": self.tr("Please confirm the payment on your phone."),
            "reversing": self.tr("Cancelling the payment with your wallet…"),
            "cancelling": self.tr("Cancelling the payment with your wallet…"),
        }
        self.text.setText(texts.get(phase or "", self.tr("Please wait…")))
        self.countdown.setText(
            self.tr("Waiting up to {n} s more.").format(n=state.wallet_seconds)
            if phase == "userpaying" and state.wallet_seconds is not None
            else ""
        )
        self.cancel_button.setText(self.tr("Cancel payment"))
        self.cancel_button.setVisible(phase in ("creating", "userpaying"))


class WalletQrScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        row = QHBoxLayout()
        self.qr = label("", None, wrap=False)
        self.qr.setObjectName("order_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr, 3)
        side = QVBoxLayout()
        self.amount = label("", "amount")
        self.steps = label("")
        self.countdown = label("", "title")
        self.countdown.setObjectName("order_countdown")
        for widget in (self.amount, self.steps, self.countdown):
            side.addWidget(widget)
        side.addStretch(1)
        row.addLayout(side, 2)
        self.body.addLayout(row, 1)
        self.cancel_button = button("wallet_cancel", "danger", self.session.cancel)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)
        self._shown_url: str | None = None

    def render(self, state: SessionState) -> None:
        self.title.setText(self.tr("Scan this QR code with your phone"))
        self.amount.setText(format_yuan(state.amount_fen or 0))
        self.steps.setText(
            self.tr("Use WeChat, Alipay or a UnionPay app, then confirm the payment on your phone.")
        )
        if state.wallet_url != self._shown_url:
            self._shown_url = state.wallet_url
            if state.wallet_url:
                self.qr.setPixmap(qr_pixmap(state.wallet_url, 520))
            else:
                self.qr.clear()
        if state.wallet_phase == "cancelling":
            self.countdown.setText(self.tr("Cancelling…"))
        elif state.wallet_seconds is not None:
            minutes, seconds = divmod(state.wallet_seconds, 60)
            self.countdown.setText(
                self.tr("Valid for {time}").format(time=f"{minutes}:{seconds:02d}")
            )
        else:
            self.countdown.setText(self.tr("Preparing the QR code…"))
        self.cancel_button.setText(self.tr("Cancel payment"))
        self.cancel_button.setVisible(state.wallet_phase != "cancelling")
