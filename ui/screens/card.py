"""The card slot: insert a bank card, type the PIN on the PIN pad, keep the prepaid card in."""

from __future__ import annotations

from kiosk.money import format_yuan
from kiosk.session.state import Screen, SessionState
from ui.pictograms import Pictogram
from ui.screens.base import ScreenWidget
from ui.widgets import button, label


class CardSlotScreen(ScreenWidget):
    """One screen for the card steps; the text follows the step."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.amount = label("", "amount")
        self.text = label("", "title")
        self.text.setObjectName("card_text")
        self.detail = label("", "muted")
        self.detail.setObjectName("card_detail")
        for widget in (self.amount, self.text, self.detail):
            self.body.addWidget(widget)
        self.pictogram = Pictogram()
        self.body.addWidget(self.pictogram, 1)
        self.body.addStretch(0)
        self.cancel_button = button("card_cancel", "danger", self.session.cancel)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)

    def render(self, state: SessionState) -> None:
        self.amount.setText(format_yuan(state.amount_fen or 0))
        screen = state.screen
        pan = state.masked_pan or ""
        steps = {
            Screen.BANK_CARD_INSERT: (
                self.tr("Bank card"),
                self.tr("Please insert your bank card, chip first, into the card slot."),
                self.tr("UnionPay cards with a chip are accepted."),
            ),
            Screen.CARD_READING: (self.tr("Bank card"), self.tr("Reading your card…"), ""),
            Screen.PIN: (
                self.tr("Enter your PIN"),
                self.tr("Type your PIN on the PIN pad below the screen and press Enter."),
                self.tr("Card {pan}. Cover the PIN pad with your hand.").format(pan=pan),
            ),
            Screen.CARD_AUTH: (
                self.tr("Bank card"),
                self.tr("Waiting for your bank…"),
                self.tr("Card {pan}").format(pan=pan),
            ),
            Screen.CARD_WRITING: (
                self.tr("Writing to your card"),
                self.tr("Keep your electricity card in the slot until this is done."),
                "",
            ),
        }
        title, text, detail = steps.get(screen, ("", "", ""))
        if screen is Screen.BANK_CARD_INSERT and state.message:  # e.g. taken out too soon
            detail = self.messages.message(state.message, state.message_arg)
        self.title.setText(title)
        self.text.setText(text)
        self.detail.setText(detail)
        self.amount.setVisible(screen is not Screen.CARD_WRITING)
        self.pictogram.set_kind(
            {
                Screen.BANK_CARD_INSERT: "insert_card",
                Screen.CARD_READING: "keep_card",
                Screen.PIN: "pin_pad",
                Screen.CARD_AUTH: "keep_card",
                Screen.CARD_WRITING: "keep_card",
            }.get(screen)
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setVisible(screen in (Screen.BANK_CARD_INSERT, Screen.PIN))
