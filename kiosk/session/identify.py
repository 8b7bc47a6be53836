"""Identify: typed account numbers, bill QR codes, and the account look-up."""

from __future__ import annotations

import logging

from kiosk.session.core import SessionCore
from kiosk.session.state import DIGITS, IDENTIFY_WAYS, Screen

log = logging.getLogger(__name__)


class IdentifyFlow(SessionCore):
    def begin(self, way: str = "type") -> None:
        """From the start screen to the account number; `way` is the tile touched (typing, the
        bill's QR code, the prepaid card): the screen then shows where the bill or card goes."""
        self._touch()
        if way not in IDENTIFY_WAYS:
            raise ValueError(f"no way {way!r} to identify an account")
        if self.state.screen is Screen.START:
            self._set(screen=Screen.IDENTIFY, message=None, account_input="", identify_way=way)

    def type_digit(self, digit: str) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.IDENTIFY or digit not in DIGITS:
            return
        if len(state.account_input) >= self._max_digits:
            return
        self._set(account_input=state.account_input + digit, message=None)

    def backspace(self) -> None:
        self._touch()
        state = self.state
        if state.screen is Screen.IDENTIFY:
            self._set(account_input=state.account_input[:-1], message=None)
        elif state.screen is Screen.AMOUNT:
            self._set(amount_input=state.amount_input[:-1], message=None)

    def submit_account(self) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.IDENTIFY:
            return
        number = state.account_input
        if not (self._min_digits <= len(number) <= self._max_digits):
            self._set(
                message="account_length", message_arg=f"{self._min_digits}-{self._max_digits}"
            )
            return
        self._lookup(number)

    def account_presented(self, account_no: str) -> None:
        """An account arrived without typing (bill QR, utility card)."""
        self._touch()
        if self.state.screen not in (Screen.START, Screen.IDENTIFY, Screen.NOTICE):
            return
        if not (
            all(c in DIGITS for c in account_no)
            and self._min_digits <= len(account_no) <= self._max_digits
        ):
            self._set(screen=Screen.NOTICE, message="code_not_recognised")
            return
        self._lookup(account_no)

    def scanned(self, payload: str) -> None:
        """A QR code was read. Only bill codes mean something outside a wallet payment step."""
        # Imported at the first scan: the camera comes with the core, and the start screen's
        # session (made before it) is spared the parser's dataclasses and patterns.
        from kiosk.payload import BillCode, PaymentCode, classify

        code = classify(payload)
        if self.state.screen is Screen.WALLET_SCAN and not isinstance(code, PaymentCode):
            self._touch()
            self._set(message="not_a_payment_code")
        elif isinstance(code, BillCode):
            self.account_presented(code.account_no)
        elif isinstance(code, PaymentCode):
            self._touch()
            if self.state.screen is Screen.WALLET_SCAN:
                self._start_charge(code)
            elif self.state.screen in (Screen.START, Screen.IDENTIFY):
                self._set(screen=Screen.IDENTIFY, message="payment_code_here")
        else:
            self._touch()
            if self.state.screen is Screen.WALLET_SCAN:
                self._set(message="not_a_payment_code")
            elif self.state.screen in (Screen.START, Screen.IDENTIFY):
                self._set(screen=Screen.IDENTIFY, message="code_not_recognised")

    def _lookup(self, account_no: str) -> None:
        with self._lock:
            generation = self._generation
        self._set(screen=Screen.LOOKUP, message=None, account_input=account_no)

        def work() -> None:
            account = self._fetch_account(generation, account_no)
            if account is not None:
                self._if_current(generation, screen=Screen.ACCOUNT, account=account, message=None)

        self._executor.submit(work)
