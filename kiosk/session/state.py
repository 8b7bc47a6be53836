"""Session states (as an Enum) and the immutable snapshot the UI renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the UI imports this module before the core is loaded
    from kiosk.invoices import InvoiceOutcome
    from kiosk.mandate_terms import MandateOutcome
    from kiosk.payments.prepaid import CardStatus
    from kiosk.session.views import AccountView, PaymentHistoryView, PaymentOutcomeView

# Keypad digits. Not str.isdigit(), which also takes "²" and "٣".
DIGITS = frozenset("0123456789")


class Screen(StrEnum):
    START = "start"
    IDENTIFY = "identify"
    LOOKUP = "lookup"  # busy: asking the back end
    ACCOUNT = "account"
    AMOUNT = "amount"
    METHOD = "method"
    CONFIRM = "confirm"
    PREPARING = "preparing"  # busy: opening the transaction, enabling the acceptor
    CASH = "cash"
    WALLET_SCAN = "wallet_scan"  # waiting for the resident's payment code under the scanner
    WALLET_WAIT = "wallet_wait"  # the charge is on its way; maybe "confirm on your phone"
    WALLET_QR = "wallet_qr"  # the kiosk shows a QR code for the phone to scan
    BANK_CARD_INSERT = "bank_card_insert"  # waiting for the bank card in the slot
    CARD_READING = "card_reading"  # busy: reading the card in the slot
    PIN = "pin"  # the resident types the PIN on the PIN pad
    CARD_AUTH = "card_auth"  # busy: the bank authorizes
    CARD_WRITING = "card_writing"  # the purchase goes onto the prepaid card: keep it in
    POSTING = "posting"  # busy: crediting and posting
    RESULT = "result"
    NOTICE = "notice"  # a message (account not found, device fault …) with a way back
    INVOICE = "invoice"  # the e-invoice form after a payment (kind, name, tax id, contact)
    INVOICE_RESULT = "invoice_result"  # the invoice number and its download QR (or why not)
    MANDATE = "mandate"  # auto-debit sign-up: form, bank card, confirmation, sending
    MANDATE_RESULT = "mandate_result"  # signed up, or why not
    OUT_OF_SERVICE = "out_of_service"


class Method(StrEnum):
    CASH = "cash"
    WALLET = "wallet"  # the kiosk scans the phone's payment code
    WALLET_QR = "wallet_qr"  # the phone scans the kiosk's QR code
    BANK_CARD = "bank_card"


# Screens a window reports drawn (`SessionCore.drawn`): work that follows them waits for that.
DRAWN_SCREENS = (Screen.RESULT, Screen.ACCOUNT)

# Screens on which an idle resident is sent back to the start (after the warning).
IDLE_SCREENS = frozenset(
    {
        Screen.IDENTIFY,
        Screen.ACCOUNT,
        Screen.AMOUNT,
        Screen.METHOD,
        Screen.CONFIRM,
        Screen.RESULT,
        Screen.NOTICE,
        Screen.WALLET_SCAN,
        Screen.BANK_CARD_INSERT,
        Screen.INVOICE,
        Screen.INVOICE_RESULT,
        Screen.MANDATE,
        Screen.MANDATE_RESULT,
    }
)
# The start screen's three ways to find an account; the identify screen keeps its keypad for each.
IDENTIFY_WAYS = ("type", "scan", "card")
# Screens during which money may be in the acceptor: never abandoned, never timed out silently.
MONEY_SCREENS = frozenset(
    {
        Screen.PREPARING,
        Screen.CASH,
        Screen.POSTING,
        Screen.WALLET_WAIT,
        Screen.WALLET_QR,
        Screen.PIN,
        Screen.CARD_AUTH,
        Screen.CARD_WRITING,
    }
)


@dataclass(frozen=True)
class SessionState:
    """Everything a screen shows, as one immutable value: the UI renders it and never asks
    the session anything else, so a state change is drawn whole or not at all."""

    screen: Screen = Screen.START
    language: str = "zh"
    senior: bool = False
    account_input: str = ""
    identify_way: str = "type"  # IDENTIFY_WAYS: the start tile touched; the screen shows its way
    account: AccountView | None = None
    history: PaymentHistoryView | None = None  # the account's recent payments, any channel
    amount_fen: int | None = None
    amount_input: str = ""  # digits typed on the "other amount" keypad, in yuan
    methods: tuple[Method, ...] = ()
    method: Method | None = None
    transaction_id: str | None = None
    notes: tuple[int, ...] = ()  # values of the notes credited so far, in order
    outcome: PaymentOutcomeView | None = None
    receipt: str | None = None  # printed | no_paper | failed | None (not yet)
    message: str | None = None  # a message key the UI translates
    message_arg: str = ""
    warning_s: int | None = None  # seconds left before the idle timeout acts, while warning
    staff_called: bool = False
    no_paper: bool = False  # shown on the method screen: no paper receipt available
    wallet_phase: str | None = None  # creating | userpaying | reversing | waiting_scan | cancelling
    wallet_seconds: int | None = None  # countdown shown while the wallet decides
    wallet_url: str | None = None  # the QR code shown for a displayed-QR order
    card: CardStatus | None = None  # the utility prepaid card in the slot, when there is one
    card_write: str | None = None  # written | pending_write | failed | awaiting_payment
    masked_pan: str | None = None  # the bank card being used (first 6 + last 4 only)
    invoice_kind: str | None = None  # personal | company, while on the e-invoice screens
    invoice_fields: tuple[tuple[str, str], ...] = ()  # (name | tax_id | contact, text typed)
    invoice_issues: tuple[tuple[str, str], ...] = ()  # (field, issue key) shown on the form
    invoice_phase: str | None = None  # form | confirm_check | sending
    invoice_result: InvoiceOutcome | None = None
    mandate_phase: str | None = None  # name | terms | insert | reading | confirm | sending
    mandate_holder: str = ""  # the holder's full name as typed (never journaled)
    mandate_day: int = 10  # day of the month of the debit
    mandate_limit_fen: int = 50000  # the most one monthly debit may take
    mandate_issues: tuple[tuple[str, str], ...] = ()  # (holder | day | limit, issue key)
    mandate_result: MandateOutcome | None = None
    events: tuple[str, ...] = field(default=(), compare=False)

    @property
    def inserted_fen(self) -> int:
        return sum(self.notes)

    @property
    def surplus_fen(self) -> int:
        """What goes to the balance beyond the amount due (cash gives no change)."""
        if self.account is None:
            return 0
        return max(0, self.inserted_fen - self.account.amount_due_fen)
