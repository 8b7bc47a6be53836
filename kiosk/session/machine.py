"""The resident's session as a state machine with no UI: the flows joined into one object.

Money rules: a note is counted only after the journal has it; once a note is stacked the session
can only end by crediting it; a wallet or card payment counts only when confirmed, and an unknown
outcome is queried or reversed, never assumed.
"""

from __future__ import annotations

from kiosk.session.card_flow import CardFlow
from kiosk.session.cash_flow import CashFlow
from kiosk.session.choose import ChooseFlow
from kiosk.session.core import Listener, Sleeper
from kiosk.session.identify import IdentifyFlow
from kiosk.session.invoice_flow import InvoiceFlow
from kiosk.session.mandate_flow import MandateFlow
from kiosk.session.state import Screen
from kiosk.session.wallet_flow import WalletFlow

__all__ = ["Listener", "Session", "Sleeper"]


class Session(IdentifyFlow, ChooseFlow, CashFlow, WalletFlow, InvoiceFlow, MandateFlow, CardFlow):
    def cancel(self) -> None:
        """Cancel before money is taken; a money step ends safely (credited or reversed)."""
        self._touch()
        screen = self.state.screen
        if screen is Screen.CASH:
            self._close_cash(reason=None)
        elif screen is Screen.WALLET_SCAN:
            self._set(screen=Screen.METHOD, method=None, message=None)
        elif screen in (Screen.WALLET_WAIT, Screen.WALLET_QR):
            self._wallet_cancel.set()  # the worker reverses or closes; never abandoned
            self._set(wallet_phase="cancelling")
        elif screen in (Screen.BANK_CARD_INSERT, Screen.PIN):
            self._cancel_card_step()
        elif screen is Screen.MANDATE and self.state.mandate_phase in ("reading", "sending"):
            return  # the card read or the request finishes first
        elif screen in (
            Screen.PREPARING,
            Screen.POSTING,
            Screen.LOOKUP,
            Screen.CARD_READING,
            Screen.CARD_AUTH,
            Screen.CARD_WRITING,
        ):
            return
        else:
            self._reset()
