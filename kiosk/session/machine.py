"""The resident's session as a state machine with no UI.

Touches arrive as plain method calls from the UI thread and return at once; anything that waits
(HTTP, the journal, device I/O) runs on the injected executor and comes back as a state change.
Listeners get every new `SessionState` (the Qt UI re-emits it on the GUI thread).

Money rules: a note is counted only after the journal has it (`CashLedger.note_stacked` returns);
once a note is stacked the session can only end by crediting it; cancel disables the acceptor
first and then looks at what was stacked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from drivers.cash.base import BanknoteAcceptor, CashEvent, CashEventKind, EscrowDecision
from kiosk.clock import Clock
from kiosk.config import SessionSection
from kiosk.payload import BillCode, PaymentCode, classify
from kiosk.session.ports import (
    AccountLookup,
    AccountNotFound,
    BackendDown,
    CashLedger,
    Executor,
    Health,
    PostingWaiter,
    ReceiptDesk,
    WalletDesk,
)
from kiosk.session.state import IDLE_SCREENS, Method, Screen, SessionState

log = logging.getLogger(__name__)

Listener = Callable[[SessionState], None]
# Waits on the worker for up to N seconds; True when the event (the resident's cancel) was set.
Sleeper = Callable[[threading.Event, float], bool]


def _wait_event(event: threading.Event, seconds: float) -> bool:
    return event.wait(seconds)


MAX_NOTE_FEN = 10000  # the largest RMB note; a target below this may be overshot by one note


class Session:
    def __init__(
        self,
        *,
        clock: Clock,
        executor: Executor,
        accounts: AccountLookup,
        ledger: CashLedger,
        posting: PostingWaiter,
        receipts: ReceiptDesk,
        acceptor: BanknoteAcceptor,
        acceptor_id: str,
        settings: SessionSection,
        health: Callable[[], Health],
        min_digits: int = 10,
        max_digits: int = 13,
        language: str = "zh",
        wallet: WalletDesk | None = None,
        sleeper: Sleeper | None = None,
        qr_expires_s: int = 300,
    ) -> None:
        self._clock = clock
        self._executor = executor
        self._accounts = accounts
        self._ledger = ledger
        self._posting = posting
        self._receipts = receipts
        self._acceptor = acceptor
        self._acceptor_id = acceptor_id
        self._settings = settings
        self._health = health
        self._min_digits = min_digits
        self._max_digits = max_digits
        self._default_language = language
        self._wallet = wallet
        self._sleeper: Sleeper = sleeper or _wait_event
        self._qr_expires_s = qr_expires_s
        self._wallet_cancel = threading.Event()
        self._lock = threading.RLock()
        self._state = SessionState(language=language)
        self._listeners: list[Listener] = []
        self._last_touch = clock.monotonic()
        self._generation = 0  # bumps on every return to START: stale lookups are dropped
        self._accepting = False  # the acceptor is enabled for this session's transaction
        acceptor.set_listener(self._on_cash_event)
        acceptor.set_escrow_policy(self._escrow_policy)

    # -- observation -----------------------------------------------------------------------
    @property
    def state(self) -> SessionState:
        with self._lock:
            return self._state

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _set(self, **changes: object) -> SessionState:
        with self._lock:
            self._state = replace(self._state, **changes)  # type: ignore[arg-type]
            state = self._state
        for listener in list(self._listeners):
            listener(state)
        return state

    def _touch(self) -> None:
        with self._lock:
            self._last_touch = self._clock.monotonic()
            if self._state.warning_s is not None:
                self._state = replace(self._state, warning_s=None)

    # -- start screen -----------------------------------------------------------------------
    def begin(self) -> None:
        self._touch()
        if self.state.screen is Screen.START:
            self._set(screen=Screen.IDENTIFY, message=None, account_input="")

    def set_language(self, language: str) -> None:
        """Switch language at any moment; the session keeps everything else."""
        if language not in ("zh", "en"):
            return
        self._touch()
        self._set(language=language)

    def toggle_senior(self) -> None:
        self._touch()
        self._set(senior=not self.state.senior)

    def call_staff(self) -> None:
        self._touch()
        log.info("resident asked for staff on screen %s", self.state.screen)
        self._set(staff_called=True)

    def extend(self) -> None:
        """The one-touch extension of the idle warning."""
        self._touch()
        self._set()

    # -- identify ----------------------------------------------------------------------------
    def type_digit(self, digit: str) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.IDENTIFY or len(digit) != 1 or not digit.isdigit():
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
        if not (account_no.isdigit() and self._min_digits <= len(account_no) <= self._max_digits):
            self._set(screen=Screen.NOTICE, message="code_not_recognised")
            return
        self._lookup(account_no)

    def scanned(self, payload: str) -> None:
        """A QR code was read. Only bill codes mean something outside a wallet payment step."""
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
            try:
                account = self._accounts.lookup(account_no)
            except AccountNotFound:
                self._if_current(
                    generation,
                    screen=Screen.NOTICE,
                    message="account_not_found",
                    message_arg=account_no,
                )
                return
            except BackendDown:
                self._if_current(generation, screen=Screen.NOTICE, message="backend_unavailable")
                return
            except Exception:
                log.exception("account lookup failed")
                self._if_current(generation, screen=Screen.NOTICE, message="backend_error")
                return
            self._if_current(generation, screen=Screen.ACCOUNT, account=account, message=None)

        self._executor.submit(work)

    def _if_current(self, generation: int, **changes: object) -> None:
        with self._lock:
            if generation != self._generation:
                return
            self._last_touch = self._clock.monotonic()
        self._set(**changes)

    # -- account, amount, method, confirm -------------------------------------------------------
    def to_amount(self) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.ACCOUNT or state.account is None:
            return
        if state.account.status == "closed":
            self._set(screen=Screen.NOTICE, message="account_closed")
            return
        due = state.account.amount_due_fen
        self._set(screen=Screen.AMOUNT, amount_fen=due if due > 0 else None, amount_input="")

    def pay_due(self) -> None:
        """Pay exactly the amount due (the one-touch path)."""
        self._touch()
        state = self.state
        if state.account is None or state.screen not in (Screen.ACCOUNT, Screen.AMOUNT):
            return
        if state.account.amount_due_fen <= 0:
            self._set(screen=Screen.AMOUNT, amount_fen=None, message="nothing_due")
            return
        self._choose_amount(state.account.amount_due_fen)

    def type_amount_digit(self, digit: str) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.AMOUNT or len(digit) != 1 or not digit.isdigit():
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

    # -- cash ------------------------------------------------------------------------------
    def confirm(self) -> None:
        self._touch()
        state = self.state
        if state.screen is not Screen.CONFIRM or state.account is None or state.amount_fen is None:
            return
        if state.method is Method.WALLET:
            self._set(screen=Screen.WALLET_SCAN, message=None)
            return
        if state.method is Method.WALLET_QR:
            self._start_order()
            return
        if state.method is not Method.CASH:
            return
        account, target = state.account, state.amount_fen
        self._set(screen=Screen.PREPARING, notes=(), message=None)

        def work() -> None:
            ceiling = account.max_payment_fen
            try:
                txn_id = self._ledger.begin(account.account_no, target, ceiling)
            except Exception:
                log.exception("could not open the cash transaction")
                self._set(screen=Screen.NOTICE, message="journal_error")
                return
            with self._lock:
                self._accepting = True
                self._last_touch = self._clock.monotonic()
            self._set(screen=Screen.CASH, transaction_id=txn_id)
            try:
                self._acceptor.enable()
            except Exception:
                log.exception("the banknote acceptor could not be enabled")
                self._close_cash(reason="cash_fault")

        self._executor.submit(work)

    def _escrow_policy(self, value_fen: int) -> EscrowDecision:
        """Stack only while the session is taking cash and the amount is not reached yet."""
        with self._lock:
            state = self._state
            if not self._accepting or state.screen is not Screen.CASH or state.account is None:
                return EscrowDecision.RETURN
            target = state.amount_fen or 0
            taken = state.inserted_fen
            if taken >= target or taken + value_fen > state.account.max_payment_fen:
                return EscrowDecision.RETURN
            return EscrowDecision.STACK

    def _on_cash_event(self, event: CashEvent) -> None:
        """Called on the acceptor's thread. A stacked note is journaled before anything else."""
        if event.kind is CashEventKind.STACKED and event.value_fen:
            self._on_stacked(event.value_fen, event.channel)
        elif event.kind is CashEventKind.CLEARED_TO_CASHBOX and event.value_fen:
            self._ledger.record_power_up_clear(
                event.value_fen, self._acceptor_id, event.channel or 0
            )
        elif event.kind in (
            CashEventKind.JAM,
            CashEventKind.CASHBOX_REMOVED,
            CashEventKind.FAULT,
            CashEventKind.FRAUD,
            CashEventKind.CASHBOX_FULL,
        ):
            log.warning("acceptor: %s %s", event.kind, event.detail)
            with self._lock:
                in_cash = self._accepting
            if in_cash:
                self._close_cash(reason=f"cash_{event.kind.value}")
        else:
            log.debug("acceptor: %s", event.kind)

    def _on_stacked(self, value_fen: int, channel: int | None) -> None:
        with self._lock:
            txn_id = self._state.transaction_id
        if txn_id is None:
            # Stacked with no transaction at all (the acceptor should have been disabled).
            # The note is real money: journal it for staff rather than drop it.
            log.error("a note was stacked outside a cash step; kept for staff")
            self._ledger.record_power_up_clear(value_fen, self._acceptor_id, channel or 0)
            return
        total = self._ledger.note_stacked(txn_id, value_fen, self._acceptor_id, channel or 0)
        with self._lock:
            credited = total == self._state.inserted_fen + value_fen
            if credited:
                self._last_touch = self._clock.monotonic()
            notes = (*self._state.notes, value_fen) if credited else self._state.notes
            target = self._state.amount_fen or 0
            accepting = self._accepting
        if not credited:
            log.error("a note arrived after the payment closed; kept for staff")
            return
        self._set(notes=notes, warning_s=None)
        if accepting and sum(notes) >= target:
            self._close_cash(reason=None)

    def finish_cash(self) -> None:
        """The resident is done inserting notes (pays what went in)."""
        self._touch()
        if self.state.screen is Screen.CASH and self.state.notes:
            self._close_cash(reason=None)

    def cancel(self) -> None:
        """Cancel before money is taken; in the cash step it ends by crediting any stacked note."""
        self._touch()
        screen = self.state.screen
        if screen is Screen.CASH:
            self._close_cash(reason=None)
        elif screen is Screen.WALLET_SCAN:
            self._set(screen=Screen.METHOD, method=None, message=None)
        elif screen in (Screen.WALLET_WAIT, Screen.WALLET_QR):
            self._wallet_cancel.set()  # the worker reverses or closes; never abandoned
            self._set(wallet_phase="cancelling")
        elif screen in (Screen.PREPARING, Screen.POSTING, Screen.LOOKUP):
            return
        else:
            self._reset()

    def _close_cash(self, reason: str | None) -> None:
        """Disable the acceptor, then credit what was stacked, or cancel if nothing was."""
        with self._lock:
            if not self._accepting:
                return
            self._accepting = False
            txn_id = self._state.transaction_id
        self._set(screen=Screen.POSTING, message=reason, warning_s=None)

        def work() -> None:
            try:
                self._acceptor.disable()
            except Exception:
                log.exception("the acceptor could not be disabled")
            assert txn_id is not None
            try:
                self._ledger.finish(txn_id)
            except Exception:
                log.exception("finishing %s failed; recovery will complete it", txn_id)
                self._set(screen=Screen.NOTICE, message="journal_error")
                return
            # The journal, not the screen, says what was stacked (a note may have landed while
            # the acceptor was being disabled).
            outcome = self._posting.wait_outcome(txn_id, float(self._settings.posting_wait_s))
            if outcome.amount_fen == 0:
                if reason is None:
                    self._reset()
                else:
                    self._set(screen=Screen.NOTICE, message=reason)
                return
            self._set(screen=Screen.RESULT, outcome=outcome, receipt=None)
            self._print_receipt()

        self._executor.submit(work)

    def _print_receipt(self) -> None:
        state = self.state
        if state.outcome is None or state.account is None:
            return
        try:
            result = self._receipts.issue(state.outcome, state.account, state.language)
        except Exception:
            log.exception("receipt printing failed")
            result = "failed"
        self._set(receipt=result)

    # -- mobile wallets -------------------------------------------------------------------------
    def _wallet_progress(self, progress: Any) -> None:
        if self._wallet_cancel.is_set():
            return
        self._set(
            wallet_phase=progress.phase,
            wallet_seconds=progress.seconds_left,
            wallet_url=progress.code_url or self.state.wallet_url,
        )

    def _wallet_wait(self, seconds: float) -> bool:
        return self._sleeper(self._wallet_cancel, seconds)

    def _start_charge(self, code: PaymentCode) -> None:
        state = self.state
        if self._wallet is None or state.account is None or state.amount_fen is None:
            return
        account_no, amount, wallet = state.account.account_no, state.amount_fen, self._wallet
        self._wallet_cancel.clear()
        self._set(screen=Screen.WALLET_WAIT, wallet_phase="creating", wallet_seconds=None)

        def work() -> None:
            try:
                result = wallet.charge(
                    account_no, amount, code, self._wallet_wait, self._wallet_progress
                )
            except Exception:
                log.exception("mobile charge failed unexpectedly")
                self._set(screen=Screen.NOTICE, message="wallet_unknown")
                return
            self._wallet_done(result)

        self._executor.submit(work)

    def _start_order(self) -> None:
        state = self.state
        if self._wallet is None or state.account is None or state.amount_fen is None:
            return
        account_no, amount, wallet = state.account.account_no, state.amount_fen, self._wallet
        self._wallet_cancel.clear()
        self._set(
            screen=Screen.WALLET_QR, wallet_phase="creating", wallet_seconds=None, wallet_url=None
        )

        def work() -> None:
            try:
                result = wallet.order(
                    account_no,
                    amount,
                    self._qr_expires_s,
                    self._wallet_wait,
                    self._wallet_progress,
                )
            except Exception:
                log.exception("mobile order failed unexpectedly")
                self._set(screen=Screen.NOTICE, message="wallet_unknown")
                return
            self._wallet_done(result)

        self._executor.submit(work)

    def _wallet_done(self, result: Any) -> None:
        """Turn the wallet's final word into the next screen; only "paid" is money received."""
        changes: dict[str, Any] = {"wallet_phase": None, "wallet_seconds": None, "wallet_url": None}
        if result.outcome == "paid" and result.payment_txn_id:
            self._set(screen=Screen.POSTING, transaction_id=result.payment_txn_id, **changes)
            outcome = self._posting.wait_outcome(
                result.payment_txn_id, float(self._settings.posting_wait_s)
            )
            self._set(screen=Screen.RESULT, outcome=outcome, receipt=None)
            self._print_receipt()
        elif result.outcome == "refunded":
            self._set(screen=Screen.NOTICE, message="wallet_refunded", **changes)
        elif result.outcome == "unknown":
            self._set(screen=Screen.NOTICE, message="wallet_unknown", **changes)
        elif result.outcome == "cancelled":
            self._set(screen=Screen.METHOD, method=None, message="wallet_cancelled", **changes)
        else:
            self._set(
                screen=Screen.METHOD,
                method=None,
                message="wallet_failed",
                message_arg=result.reason or "",
                **changes,
            )

    # -- the end and time ---------------------------------------------------------------------
    def done(self) -> None:
        self._touch()
        if self.state.screen in (Screen.RESULT, Screen.NOTICE):
            self._reset()

    def _reset(self) -> None:
        with self._lock:
            self._generation += 1
            self._accepting = False
            keep_language = self._default_language
            self._last_touch = self._clock.monotonic()
        self._set_fresh(SessionState(language=keep_language))

    def _set_fresh(self, state: SessionState) -> None:
        with self._lock:
            self._state = state
        for listener in list(self._listeners):
            listener(state)

    def set_out_of_service(self, out: bool) -> None:
        if out:
            self._set_fresh(
                SessionState(screen=Screen.OUT_OF_SERVICE, language=self.state.language)
            )
        elif self.state.screen is Screen.OUT_OF_SERVICE:
            self._reset()

    def _timeout_s(self, screen: Screen, senior: bool) -> int | None:
        if screen is Screen.CASH:
            return self._settings.cash_insert_timeout_s
        if screen in IDLE_SCREENS:
            s = self._settings
            return s.senior_idle_timeout_s if senior else s.idle_timeout_s
        return None

    def tick(self) -> None:
        """Called a few times a second (a timer in the app, the test directly)."""
        with self._lock:
            state = self._state
            timeout = self._timeout_s(state.screen, state.senior)
            if timeout is None:
                return
            idle = self._clock.monotonic() - self._last_touch
        remaining = int(timeout - idle + 0.999)
        if remaining <= 0:
            log.info("idle timeout on %s", state.screen)
            if state.screen is Screen.CASH:
                self._close_cash(reason=None)  # stacked notes are credited, never dropped
            else:
                self._reset()
            return
        warn = remaining <= self._settings.warning_s
        new_warning = remaining if warn else None
        if new_warning != state.warning_s:
            self._set(warning_s=new_warning)
