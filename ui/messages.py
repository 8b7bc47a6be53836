"""Translated texts for the message keys and names the core uses (the core never holds UI text)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.money import format_yuan


class Messages(QObject):
    def message(self, key: str | None, arg: str = "") -> str:
        if not key:
            return ""
        if key == "amount_out_of_range":
            low, _, high = arg.partition(":")
            if low.isdigit() and high.isdigit():
                return self.tr("Enter an amount from {low} to {high}.").format(
                    low=format_yuan(int(low)), high=format_yuan(int(high))
                )
        if key == "wallet_failed":
            return self.tr(
                "The mobile payment did not go through ({reason}). Nothing was charged."
            ).format(reason=self._wallet_reason(arg))
        if key in ("card_declined", "card_failed"):
            text = self.tr("The card payment did not go through ({reason}). Nothing was charged.")
            return text.format(reason=self._card_reason(key, arg))
        texts = {
            "account_length": self.tr("An account number has {arg} digits.").format(arg=arg),
            "account_not_found": self.tr(
                "We could not find account {arg}. Please check the number on your bill."
            ).format(arg=arg),
            "backend_unavailable": self.tr(
                "The utility's system cannot be reached right now. Please try again later or ask "
                "the staff."
            ),
            "backend_error": self.tr("Something went wrong while fetching your account."),
            "code_not_recognised": self.tr(
                "This code is not an electricity bill or a payment code."
            ),
            "payment_code_here": self.tr(
                "That is a payment code. First find your account, then choose mobile payment."
            ),
            "account_closed": self.tr("This account is closed. Please ask the staff."),
            "card_pulled": self.tr(
                "The card was taken out before it was read. Insert it again and leave it in."
            ),
            "nothing_due": self.tr("Nothing is due. You can pay in advance: enter an amount."),
            "no_method_available": self.tr(
                "No payment method is available right now. Please ask the staff."
            ),
            "journal_error": self.tr(
                "The kiosk could not record this payment. Please ask the staff."
            ),
            "cash_fault": self.tr("The cash acceptor is not working. Please ask the staff."),
            "cash_jam": self.tr(
                "A note is stuck in the cash acceptor. Your notes so far are credited; the staff "
                "have been told."
            ),
            "cash_cashbox_removed": self.tr(
                "The cash acceptor was opened. Your notes so far are credited; the staff have "
                "been told."
            ),
            "cash_fault_event": self.tr("The cash acceptor stopped working."),
            "cash_fraud": self.tr("The cash acceptor refused a note. The staff have been told."),
            "card_unreadable": self.tr(
                "The card could not be read. Take it out and insert it again, chip first."
            ),
            "bank_card_first": self.tr(
                "That is a bank card. First find your account, then choose bank card to pay."
            ),
            "card_blocked": self.tr(
                "Your last purchase is still on the card. Insert the card into your meter first, "
                "then come back to buy more."
            ),
            "insert_card_to_buy": self.tr(
                "To buy electricity for a prepaid meter, insert its card into the card slot."
            ),
            "rewrite_done": self.tr(
                "A purchase you had paid for has now been written to your card, free of charge."
            ),
            "rewrite_pending": self.tr(
                "A purchase you paid for could not be written yet. Keep the card in and try again."
            ),
            "not_a_bank_card": self.tr("That is not a bank card. Please insert a bank card."),
            "pin_timeout": self.tr("No PIN was entered. The card payment was cancelled."),
            "card_cancelled": self.tr("The card payment was cancelled. Nothing was charged."),
            "card_timeout": self.tr(
                "Your bank did not answer in time. The card payment was cancelled and any hold "
                "on your card released."
            ),
            "card_unknown": self.tr(
                "We are still confirming this card payment with your bank. You will not be "
                "charged twice; the staff have been told."
            ),
            "not_a_payment_code": self.tr(
                "That is not a payment code. Open the payment code in WeChat, Alipay or UnionPay."
            ),
            "wallet_refunded": self.tr(
                "The mobile payment was cancelled. If your phone was charged, the money has been "
                "refunded to it."
            ),
            "wallet_unknown": self.tr(
                "We are still confirming this mobile payment with the wallet. If your phone was "
                "charged you will not lose the money; the staff have been told."
            ),
            "wallet_cancelled": self.tr("The mobile payment was cancelled. Nothing was charged."),
            "cash_cashbox_full": self.tr(
                "The cashbox is full. Your notes so far are credited; the staff have been told."
            ),
            "invoice_name_required": self.tr("Please enter the name for the invoice."),
            "invoice_name_too_long": self.tr("The name is too long: at most 100 characters."),
            "invoice_name_invalid_characters": self.tr(
                "The name contains characters an invoice cannot hold."
            ),
            "invoice_refused": self.tr(
                "This cannot be put on an invoice. Please check what you typed."
            ),
            "invoice_tax_id_required": self.tr(
                "A company invoice needs the company's Unified Social Credit Code."
            ),
            "invoice_tax_id_bad_format": self.tr(
                "A Unified Social Credit Code has 18 digits and capital letters (no I, O, S, V "
                "or Z)."
            ),
            "invoice_tax_id_bad_check": self.tr(
                "The last character of this code does not pass the national check (GB 32100). "
                "Please compare it with the business licence. If it is exactly as printed, touch "
                '"The code is correct".'
            ),
            "invoice_tax_id_rejected": self.tr(
                "The tax system did not accept this Unified Social Credit Code. Please check it "
                "against the business licence and correct it."
            ),
            "invoice_tax_id_not_for_personal": self.tr("A personal invoice has no tax number."),
            "invoice_email_invalid": self.tr(
                "This e-mail address is not complete, e.g. name@example.com."
            ),
            "invoice_phone_invalid": self.tr(
                "A mobile number has 11 digits and starts with 13 to 19."
            ),
            "invoice_payments_required": self.tr(
                "This payment cannot be invoiced here. Please ask the staff."
            ),
            "invoice_error": self.tr(
                "The invoice request could not be sent. Please try again or ask the staff."
            ),
            "mandate_holder_missing": self.tr("Please type the account holder's full name."),
            "mandate_holder_mismatch": self.tr(
                "This name does not match the account holder's name. Please type it exactly as "
                "on the electricity account."
            ),
            "mandate_day_out_of_range": self.tr("Choose a day from 1 to 28."),
            "mandate_limit_out_of_range": self.tr("Choose one of the limits shown."),
        }
        return texts.get(key, self.tr("Please ask the staff for help."))

    def mandate_reason(self, reason: str) -> str:
        """Why the utility did not sign an auto-debit up, for the resident."""
        texts = {
            "ACCOUNT_CLOSED": self.tr("This account is closed."),
            "ACCOUNT_NOT_FOUND": self.tr("The utility does not know this account."),
            "VALIDATION": self.tr("The bank card could not be used for auto-debit."),
            "invalid_card": self.tr("The bank card could not be used for auto-debit."),
            "backend_unavailable": self.tr(
                "The utility cannot be reached right now. Nothing was set up; please try later."
            ),
        }
        return texts.get(
            reason,
            self.tr(
                "The utility did not accept the sign-up ({reason}). Please ask the staff."
            ).format(reason=reason or "?"),
        )

    def status(self, status: str) -> str:
        return {
            "active": self.tr("Active"),
            "arrears": self.tr("In arrears"),
            "disconnected": self.tr("Disconnected"),
            "closed": self.tr("Closed"),
        }.get(status, status)

    def billing_mode(self, mode: str) -> str:
        return {
            "postpaid": self.tr("Postpaid"),
            "prepaid_card": self.tr("Prepaid (IC card)"),
            "prepaid_remote": self.tr("Prepaid (smart meter)"),
        }.get(mode, mode)

    def line_kind(self, kind: str) -> str:
        return {
            "tier1": self.tr("Tier 1"),
            "tier2": self.tr("Tier 2"),
            "tier3": self.tr("Tier 3"),
            "peak": self.tr("Peak"),
            "valley": self.tr("Valley"),
            "flat": self.tr("Flat"),
            "adjustment": self.tr("Adjustment"),
        }.get(kind, kind)

    def method(self, method: str) -> str:
        return {
            "cash": self.tr("Cash"),
            "wallet": self.tr("Scan my payment code"),
            "wallet_qr": self.tr("Scan the kiosk's QR code"),
            "bank_card": self.tr("Bank card"),
        }.get(method, method)

    def _wallet_reason(self, reason: str) -> str:
        # A wallet's own reasons come as "CODE: English text": the code, never the text, is shown.
        return {
            "backend_unavailable": self.tr("the utility cannot be reached"),
            "wallet_failed": self.tr("declined by the wallet"),
            "INVALID_AUTH_CODE": self.tr("the payment code is not valid"),
            "ACCOUNT_CLOSED": self.tr("the account is closed"),
            "AMOUNT_OUT_OF_RANGE": self.tr("the amount is not allowed"),
            "NOTENOUGH": self.tr("not enough money in the wallet"),
            "AUTHCODEEXPIRE": self.tr("the payment code has expired: show a new one"),
        }.get(reason.partition(":")[0].strip(), self.tr("declined by the wallet"))

    def _card_reason(self, key: str, reason: str) -> str:
        """The bank's reason in the resident's language. Banks answer in English, often with the
        ISO 8583 response code first ("51: insufficient funds"); the text itself is never shown.
        Lost or stolen cards get the same words as any refusal a bank must explain itself."""
        code, _, words = reason.partition(":") if ":" in reason else ("", "", reason)
        code = code.strip() or _CARD_PHRASES.get(words.strip().lower(), "")
        texts = {
            "51": self.tr("not enough money on the card"),
            "55": self.tr("wrong PIN"),
            "75": self.tr("too many wrong PINs: the card is locked, please call your bank"),
            "54": self.tr("the card has expired"),
            "61": self.tr("over the card's limit"),
            "65": self.tr("over the card's limit"),
            "14": self.tr("this card cannot be used here"),
            "57": self.tr("this card cannot be used here"),
            "41": self.tr("please call your bank"),
            "43": self.tr("please call your bank"),
            "62": self.tr("please call your bank"),
            "05": self.tr("please call your bank"),
            "backend_unavailable": self.tr("the utility cannot be reached"),
        }
        if reason in texts:
            return texts[reason]
        if code in texts:
            return texts[code]
        if key == "card_failed":
            return self.tr("the card could not be charged")
        return self.tr("declined by the bank")


# The English words a bank may send without a response code, and the code they mean.
_CARD_PHRASES = {
    "insufficient funds": "51",
    "incorrect pin": "55",
    "wrong pin": "55",
    "expired card": "54",
    "exceeds withdrawal limit": "61",
}
