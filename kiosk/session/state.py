"""Session states (as an Enum) and the immutable snapshot the UI renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.session.views import AccountView, PaymentOutcomeView


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
    POSTING = "posting"  # busy: crediting and posting
    RESULT = "result"
    NOTICE = "notice"  # a message (account not found, device fault …) with a way back
    OUT_OF_SERVICE = "out_of_service"


class Method(StrEnum):
    CASH = "cash"


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
    }
)
# Screens during which money may be in the acceptor: never abandoned, never timed out silently.
MONEY_SCREENS = frozenset({Screen.PREPARING, Screen.CASH, Screen.POSTING})


@dataclass(frozen=True)
class SessionState:
    screen: Screen = Screen.START
    language: str = "zh"
    senior: bool = False
    account_input: str = ""
    account: AccountView | None = None
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
