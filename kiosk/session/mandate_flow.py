"""Signing up for monthly auto-debit (代扣签约) from the account screen.

The steps: the holder's full name (checked against the masked one the utility shows), then the
terms (day of the month, monthly limit), then the bank card in the slot, then a confirmation with
the masked card number, then the request (kiosk.mandates.MandateService) and its result. The card
read in the slot lives only in this object's memory, between the read and the confirmation, and
is dropped on every way out; the session state sees the masked number only.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from drivers.errors import DeviceError
from kiosk.mandate_terms import (
    DAY_MAX,
    DAY_MIN,
    DEFAULT_DAY,
    DEFAULT_LIMIT_FEN,
    LIMIT_CHOICES_FEN,
    NAME_MAX,
    MandateInputError,
    MandateOutcome,
    MandateRequest,
)
from kiosk.session.card_flow import CardFlow
from kiosk.session.state import Screen

if TYPE_CHECKING:
    from drivers.card.emv import EmvCard

log = logging.getLogger(__name__)

# Accounts whose bills a monthly debit can pay (a prepaid card's purchase must go onto the card).
MANDATE_MODES = frozenset({"postpaid", "prepaid_remote"})


class MandateFlow(CardFlow):
    """Extends the card slot: a bank card inserted on the sign-up screen is read for it."""

    _mandate_card: EmvCard | None = None

    def mandates_available(self) -> bool:
        """The account screen offers auto-debit: service, card slot, a live (not cached) account."""
        account = self.state.account
        return (
            self._mandates is not None
            and self._cards is not None
            and account is not None
            and not account.offline
            and account.status != "closed"
            and account.billing_mode in MANDATE_MODES
            and self.state.card is None  # one slot: a prepaid card in it leaves no room
        )

    def mandate_start(self) -> None:
        self._touch()
        if self.state.screen is not Screen.ACCOUNT or not self.mandates_available():
            return
        self._set(
            screen=Screen.MANDATE,
            mandate_phase="name",
            mandate_holder="",
            mandate_day=DEFAULT_DAY,
            mandate_limit_fen=DEFAULT_LIMIT_FEN,
            mandate_issues=(),
            mandate_result=None,
            masked_pan=None,
            message=None,
        )

    def mandate_holder(self, text: str) -> None:
        self._touch()
        if self._mandate_phase() == "name":
            issues = tuple(i for i in self.state.mandate_issues if i[0] != "holder")
            self._set(mandate_holder=text[:NAME_MAX], mandate_issues=issues)

    def mandate_day_step(self, step: int) -> None:
        """The − / + buttons: one day at a time, kept within 1-28."""
        self._touch()
        if self._mandate_phase() == "terms" and step in (-1, 1):
            day = min(DAY_MAX, max(DAY_MIN, self.state.mandate_day + step))
            self._set(mandate_day=day)

    def mandate_limit(self, limit_fen: int) -> None:
        self._touch()
        if self._mandate_phase() == "terms" and limit_fen in LIMIT_CHOICES_FEN:
            self._set(mandate_limit_fen=limit_fen)

    def mandate_submit(self) -> None:
        """Next step: a name that matches leads to the terms; checked terms to the bank card."""
        self._touch()
        phase = self._mandate_phase()
        if phase not in ("name", "terms"):
            return
        issues = tuple(self._mandate_request().issues())
        if phase == "name":
            issues = tuple(i for i in issues if i[0] == "holder")
            self._set(mandate_issues=issues, mandate_phase="name" if issues else "terms")
            return
        if issues:
            self._set(mandate_issues=issues, mandate_phase=_phase_for(issues))
            return
        self._set(mandate_phase="insert", mandate_issues=())
        if self._cards is not None and self._cards.desk.present():
            self._read_mandate_card()

    def mandate_confirm(self) -> None:
        """The resident agrees to the masked card, day and limit: send the mandate."""
        self._touch()
        card = self._mandate_card
        service = self._mandates
        if self._mandate_phase() != "confirm" or card is None or service is None:
            return
        request = self._mandate_request()
        with self._lock:
            generation = self._generation
        self._set(mandate_phase="sending")

        def work() -> None:
            self._mandate_card = None
            try:
                result: MandateOutcome = service.sign(request, card)
            except MandateInputError as exc:
                issues = tuple(exc.issues)
                self._if_current(
                    generation, mandate_phase=_phase_for(issues), mandate_issues=issues
                )
                return
            except Exception:
                log.exception("auto-debit sign-up failed")
                result = MandateOutcome(
                    "failed", "", card.masked_pan, request.day_of_month, request.limit_fen, "error"
                )
            self._if_current(generation, screen=Screen.MANDATE_RESULT, mandate_result=result)

        self._executor.submit(work)

    def mandate_back(self) -> None:
        """One step back: confirm/insert -> terms -> name -> account; a failed result -> name."""
        self._touch()
        phase, screen = self._mandate_phase(), self.state.screen
        if phase in ("insert", "confirm"):
            self._mandate_card = None
            self._set(mandate_phase="terms", masked_pan=None, message=None)
        elif phase == "terms":
            self._set(mandate_phase="name", mandate_issues=())
        elif phase == "name":
            self._leave_mandate()
        elif screen is Screen.MANDATE_RESULT:
            result = self.state.mandate_result
            if result is not None and result.status != "active":
                self._set(screen=Screen.MANDATE, mandate_phase="name", mandate_result=None)
            else:
                self._leave_mandate()

    def mandate_done(self) -> None:
        """From the result back to the account, which now shows the auto-debit when it is on."""
        self._touch()
        state = self.state
        if state.screen is not Screen.MANDATE_RESULT:
            return
        result, account = state.mandate_result, state.account
        if result is not None and result.status == "active" and account is not None:
            account = replace(
                account,
                autopay_enrolled=True,
                autopay_bank_masked=result.masked_pan,
                autopay_day=result.day_of_month,
            )
            self._set(account=account)
        self._leave_mandate()

    # -- the card slot ---------------------------------------------------------------------------
    def card_inserted(self) -> None:
        if self.state.screen is Screen.MANDATE and self._mandate_phase() == "insert":
            self._touch()
            self._read_mandate_card()
            return
        super().card_inserted()

    def card_removed(self) -> None:
        if self.state.screen is Screen.MANDATE and self._mandate_phase() == "confirm":
            self._mandate_card = None  # the card left: ask for it again
            self._set(mandate_phase="insert", masked_pan=None)
            return
        super().card_removed()

    def _read_mandate_card(self) -> None:
        cards = self._cards
        if cards is None:
            return
        with self._lock:
            generation = self._generation
        self._set(mandate_phase="reading", message=None)

        def work() -> None:
            from kiosk.card_desk import BankInserted  # see card_flow

            try:
                found = cards.desk.read()
            except DeviceError as exc:
                log.warning("bank card not readable: %s", exc.code)
                self._if_current(generation, mandate_phase="insert", message="card_unreadable")
                return
            if not isinstance(found, BankInserted):
                self._if_current(generation, mandate_phase="insert", message="not_a_bank_card")
                return
            with self._lock:
                if generation != self._generation or self._mandate_phase() != "reading":
                    return
                self._mandate_card = found.card
            self._set(mandate_phase="confirm", masked_pan=found.card.masked_pan)

        self._executor.submit(work)

    # -- inside -------------------------------------------------------------------------------
    def _mandate_phase(self) -> str | None:
        state = self.state
        return state.mandate_phase if state.screen is Screen.MANDATE else None

    def _mandate_request(self) -> MandateRequest:
        state = self.state
        account = state.account
        return MandateRequest(
            account_no=account.account_no if account else "",
            holder_masked=account.holder_masked if account else "",
            holder_name=state.mandate_holder,
            day_of_month=state.mandate_day,
            limit_fen=state.mandate_limit_fen,
        )

    def _leave_mandate(self) -> None:
        self._mandate_card = None
        self._set(
            screen=Screen.ACCOUNT,
            mandate_phase=None,
            mandate_holder="",
            mandate_issues=(),
            mandate_result=None,
            masked_pan=None,
            message=None,
        )

    def _timeout_s(self, screen: Screen, senior: bool) -> int | None:
        if screen is Screen.MANDATE and self.state.mandate_phase in ("reading", "sending"):
            return None  # the card or the back end answers within their own time limits
        return super()._timeout_s(screen, senior)

    def _reset(self) -> None:
        self._mandate_card = None
        super()._reset()


def _phase_for(issues: tuple[tuple[str, str], ...]) -> str:
    """The step on which the first problem can be corrected."""
    return "name" if any(field == "holder" for field, _ in issues) else "terms"
