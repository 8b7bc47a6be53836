"""The card slot: a utility prepaid card opens its account and receives purchases; a bank card
pays after its PIN is typed on the PIN pad. The full PAN never enters the session state."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from drivers.card.errors import CardAbsent, CardRemoved
from drivers.errors import DeviceError
from kiosk.session.core import SessionCore
from kiosk.session.state import Method, Screen

if TYPE_CHECKING:
    from kiosk.card_desk import UtilityInserted
    from kiosk.session.views import PaymentOutcomeView

# The card desk (EMV and card-file parsing) and the prepaid service are imported in the work
# that uses them, on the worker, where the core has them loaded: the session is made before
# the core at start-up (kiosk.session.early).

log = logging.getLogger(__name__)


class CardFlow(SessionCore):
    # -- events from the card reader's thread --------------------------------------------------
    def card_inserted(self) -> None:
        screen = self.state.screen
        if screen in (Screen.START, Screen.IDENTIFY, Screen.NOTICE):
            self._touch()
            self._read_identity_card()
        elif screen is Screen.BANK_CARD_INSERT:
            self._touch()
            self._read_bank_card()

    def card_removed(self) -> None:
        if self.state.card is not None and self.state.screen not in (Screen.CARD_WRITING,):
            log.info("the prepaid card was taken out")

    # -- a utility card identifies the resident -------------------------------------------------
    def _read_identity_card(self) -> None:
        cards = self._cards
        if cards is None:
            return
        with self._lock:
            generation = self._generation
        self._set(screen=Screen.LOOKUP, message=None)

        def work() -> None:
            from kiosk.card_desk import BankInserted, UtilityInserted
            from kiosk.payments.prepaid import card_status

            try:
                found = cards.desk.read()
            except DeviceError as exc:
                log.warning("card not readable: %s", exc.code)
                self._if_current(generation, screen=Screen.NOTICE, message="card_unreadable")
                return
            if isinstance(found, BankInserted):
                self._if_current(generation, screen=Screen.NOTICE, message="bank_card_first")
                return
            assert isinstance(found, UtilityInserted)
            account_no = found.data.customer.account_no
            account = self._fetch_account(generation, account_no)
            if account is None:
                return
            status = card_status(found.data, account.card_purchase_count)
            message: str | None = None
            if not account.offline:
                message = self._settle_pending(found, status)
                if message == "rewrite_done":
                    status = card_status(cards.desk.utility().data, status.purchase_count + 1)
            if status.blocked and message is None:
                message = "card_blocked"
            self._if_current(
                generation,
                screen=Screen.ACCOUNT,
                account=account,
                card=status,
                message=message,
                account_input=account_no,
            )

        self._executor.submit(work)

    def _settle_pending(self, found: UtilityInserted, status: object) -> str | None:
        """Write (free) a purchase paid for earlier that never reached the card."""
        assert self._cards is not None
        try:
            results = self._cards.prepaid.rewrite(found.app, status)
        except Exception:
            log.exception("checking for purchases to re-write failed")
            return None
        if not results:
            return None
        if all(r.outcome == "written" for r in results):
            return "rewrite_done"
        return "rewrite_pending"

    # -- a purchase goes onto the card after the payment ----------------------------------------
    def _after_payment(self, outcome: PaymentOutcomeView) -> None:
        state = self.state
        account, card = state.account, state.card
        if account is None or account.billing_mode != "prepaid_card" or self._cards is None:
            return
        if card is None:
            self._set(card_write="no_card")
            return
        if not outcome.posted or not outcome.payment_id:
            # The utility has not confirmed the payment yet: staff finish it (attention list).
            self._set(card_write="awaiting_payment")
            return
        self._set(screen=Screen.CARD_WRITING, card_write=None)
        cards = self._cards

        def open_card() -> object:
            """The card as it is now: it must be the same card the account was opened with."""
            inserted = cards.desk.utility()
            if inserted.data.customer.card_serial != card.card_serial:
                raise DeviceError("another card is in the slot", code="CARD_SWAPPED")
            return inserted.app

        try:
            result = cards.prepaid.purchase(
                open_card, card, outcome.amount_fen, outcome.payment_id, outcome.transaction_id
            )
            write = result.outcome
        except Exception:
            log.exception("prepaid purchase failed")
            write = "failed"
        self._set(screen=Screen.RESULT, card_write=write)

    # -- bank card ------------------------------------------------------------------------
    def _start_bank_card(self) -> None:
        if self._cards is None:
            return
        self._set(screen=Screen.BANK_CARD_INSERT, message=None, masked_pan=None)
        if self._cards.desk.present():
            self._read_bank_card()

    def _read_bank_card(self) -> None:
        cards = self._cards
        state = self.state
        if cards is None or state.account is None or state.amount_fen is None:
            return
        account_no, amount = state.account.account_no, state.amount_fen
        self._set(screen=Screen.CARD_READING)

        def back_to_method(message: str, arg: str = "") -> None:
            self._set(
                screen=Screen.METHOD,
                method=None,
                message=message,
                message_arg=arg,
                masked_pan=None,
            )

        def work() -> None:
            from kiosk.card_desk import BankInserted

            try:
                found = cards.desk.read()
            except CardRemoved as exc:
                # Pulled out while read: not a fault of the card. Wait for it again; its
                # insertion reads it anew.
                log.info("bank card left the slot while it was read: %s", exc.code)
                self._set(screen=Screen.BANK_CARD_INSERT, message="card_pulled", masked_pan=None)
                return
            except CardAbsent:
                # Gone before it was read (the slot's events come a moment late): wait, and keep
                # whatever the screen said ("taken out too soon" stays until a card is read).
                self._set(screen=Screen.BANK_CARD_INSERT, masked_pan=None)
                return
            except DeviceError as exc:
                log.warning("bank card not readable: %s", exc.code)
                back_to_method("card_unreadable")
                return
            if not isinstance(found, BankInserted):
                back_to_method("not_a_bank_card")
                return
            masked = found.card.masked_pan
            self._set(screen=Screen.PIN, masked_pan=masked, message=None)
            try:
                pin_block = cards.pinpad.request_pin(masked, amount)
            except DeviceError as exc:
                log.warning("PIN entry failed: %s", exc.code)
                back_to_method("pin_timeout")
                return
            if pin_block is None:
                back_to_method("card_cancelled")
                return
            self._set(screen=Screen.CARD_AUTH)
            result = cards.bank.pay(account_no, amount, found.card, pin_block)
            del found  # the PAN goes no further
            if result.outcome == "approved" and result.payment_txn_id:
                self._set(screen=Screen.POSTING, transaction_id=result.payment_txn_id)
                self._show_outcome(result.payment_txn_id, None)
            elif result.outcome == "declined":
                back_to_method("card_declined", result.reason or "")
            elif result.outcome == "cancelled":
                back_to_method("card_timeout")
            elif result.outcome == "unknown":
                self._set(screen=Screen.NOTICE, message="card_unknown")
            else:
                back_to_method("card_failed", result.reason or "")

        self._executor.submit(work)

    def _cancel_card_step(self) -> None:
        screen = self.state.screen
        if screen is Screen.BANK_CARD_INSERT:
            self._set(screen=Screen.METHOD, method=None, message=None)
        elif screen is Screen.PIN and self._cards is not None:
            self._cards.pinpad.cancel()

    def _bank_card_usable(self) -> bool:
        state = self.state
        if self._cards is None or state.account is None:
            return False
        # One slot: a prepaid card in it leaves no room for a bank card.
        return state.card is None

    def _card_methods(self) -> tuple[Method, ...]:
        return (Method.BANK_CARD,) if self._bank_card_usable() else ()
