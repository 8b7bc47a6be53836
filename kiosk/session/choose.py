"""Account, amount, method and confirmation: the steps before any money moves."""

from __future__ import annotations

from kiosk.session.core import SessionCore
from kiosk.session.state import DIGITS, Method, Screen


class ChooseFlow(SessionCore):
    def to_amount(self) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.ACCOUNT or state.account is None:
            return
        if state.account.status == "closed":
            self._set(screen=Screen.NOTICE, message="account_closed")
            return
        if not self._prepaid_card_ready():
            return
        due = state.account.amount_due_fen
        self._set(screen=Screen.AMOUNT, amount_fen=due if due > 0 else None, amount_input="")

    def pay_due(self) -> None:
        """Pay exactly the amount due (the one-touch path)."""
        self._touch()
        state = self.state
        if state.account is None or state.screen not in (Screen.ACCOUNT, Screen.AMOUNT):
            return
        if not self._prepaid_card_ready():
            return
        if state.account.amount_due_fen <= 0:
            self._set(screen=Screen.AMOUNT, amount_fen=None, message="nothing_due")
            return
        self._choose_amount(state.account.amount_due_fen)

    def type_amount_digit(self, digit: str) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.AMOUNT or digit not in DIGITS:
            return
        if len(state.amount_input) >= 6 or (not state.amount_input and digit == "0"):
            return
        self._set(amount_input=state.amount_input + digit, message=None)

    def submit_other_amount(self) -> None:
        """Pay the typed whole-yuan amount, within the account's limits."""
        self._touch()
        state = self.state
        if state.screen is not Screen.AMOUNT or state.account is None or not state.amount_input:
            return
        amount = int(state.amount_input) * 100
        account = state.account
        if not (account.min_payment_fen <= amount <= account.max_payment_fen):
            self._set(
                message="amount_out_of_range",
                message_arg=f"{account.min_payment_fen}:{account.max_payment_fen}",
                amount_input="",
            )
            return
        self._choose_amount(amount)

    def _choose_amount(self, amount_fen: int) -> None:
        methods = self._available_methods()
        health = self._health()
        if not methods:
            self._set(screen=Screen.NOTICE, message="no_method_available")
            return
        self._set(
            screen=Screen.METHOD,
            amount_fen=amount_fen,
            methods=methods,
            method=None,
            message=None,
            no_paper=not health.printer_paper,
        )

    def _available_methods(self) -> tuple[Method, ...]:
        health = self._health()
        methods: list[Method] = []
        if health.cash:
            methods.append(Method.CASH)
        account = self.state.account
        # Wallets need the back end now; an account shown from the offline cache means it is down.
        online = health.backend_online and account is not None and not account.offline
        if online:
            methods.extend(self._card_methods())
        if self._wallet is not None and online:
            if health.scanner:
                methods.append(Method.WALLET)
            methods.append(Method.WALLET_QR)
        return tuple(methods)

    def choose_method(self, method: Method) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.METHOD or method not in state.methods:
            return
        self._set(screen=Screen.CONFIRM, method=method)

    def back(self) -> None:
        """One step back on the screens before any money moves."""
        self._touch()
        previous = {
            Screen.IDENTIFY: Screen.START,
            Screen.ACCOUNT: Screen.IDENTIFY,
            Screen.AMOUNT: Screen.ACCOUNT,
            Screen.METHOD: Screen.AMOUNT,
            Screen.CONFIRM: Screen.METHOD,
            Screen.NOTICE: Screen.IDENTIFY,
        }.get(self.state.screen)
        if previous is Screen.START:
            self._reset()
        elif previous is not None:
            self._set(screen=previous, message=None)

    def confirm(self) -> None:
        """The resident confirmed account, amount and method: the money step starts."""
        self._touch()
        state = self.state
        if state.screen is not Screen.CONFIRM or state.account is None or state.amount_fen is None:
            return
        if state.method is Method.CASH:
            self._start_cash()
        elif state.method is Method.WALLET:
            self._set(screen=Screen.WALLET_SCAN, message=None)
        elif state.method is Method.WALLET_QR:
            self._start_order()
        elif state.method is Method.BANK_CARD:
            self._start_bank_card()

    def _prepaid_card_ready(self) -> bool:
        """Buying for a prepaid meter needs its card in the slot, and the last purchase loaded."""
        state = self.state
        if state.account is None or state.account.billing_mode != "prepaid_card":
            return True
        if state.card is None:
            self._set(screen=Screen.NOTICE, message="insert_card_to_buy")
            return False
        if state.card.blocked:
            self._set(screen=Screen.NOTICE, message="card_blocked")
            return False
        return True
