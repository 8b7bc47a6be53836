"""The shared machinery of the resident's session: state, listeners, time, and the end of a
payment. The flows (identify, choose, cash, wallet, card) build on it; `machine.Session` joins them.

Touches arrive as plain method calls from the UI thread and return at once; anything that waits
(HTTP, the journal, device I/O) runs on the injected executor and comes back as a state change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Self

from kiosk.session.state import DRAWN_SCREENS, IDLE_SCREENS, Method, Screen, SessionState

if TYPE_CHECKING:  # annotations only: the start screen's session is made before all of these
    from drivers.cash.base import BanknoteAcceptor, CashEvent, EscrowDecision
    from kiosk.clock import Clock
    from kiosk.config import SessionSection
    from kiosk.payload import PaymentCode
    from kiosk.session.ports import (
        AccountLookup,
        CardPorts,
        CashLedger,
        Executor,
        Health,
        PaymentHistory,
        PostingWaiter,
        ReceiptDesk,
        WalletDesk,
    )
    from kiosk.session.views import AccountView, PaymentHistoryView, PaymentOutcomeView

log = logging.getLogger(__name__)

Listener = Callable[[SessionState], None]
# Waits on the worker for up to N seconds; True when the event (the resident's cancel) was set.
Sleeper = Callable[[threading.Event, float], bool]


# The longest work that would compete with the window for the GIL (a receipt's rendering, the
# payment history's request) waits for the window to draw the screen it follows (`drawn`).
DRAW_WAIT_S = 0.5


def _wait_event(event: threading.Event, seconds: float) -> bool:
    return event.wait(seconds)


class SessionCore:
    """Built whole (`Session(...)`: tests, the demo), or in two steps at start-up: `unbound()`
    while the core is still being imported, so the start screen works at once, then `bind()`
    with the services once they exist (see `unbound`)."""

    def __init__(
        self,
        *,
        clock: Clock,
        executor: Executor,
        language: str = "zh",
        sleeper: Sleeper | None = None,
        **services: Any,
    ) -> None:
        """Whole at once: `services` are `bind`'s keywords (accounts, ledger, ...)."""
        self._begin(clock, executor, language, sleeper)
        self.bind(language=language, **services)

    @classmethod
    def unbound(
        cls,
        *,
        clock: Clock,
        executor: Executor,
        language: str = "zh",
        sleeper: Sleeper | None = None,
    ) -> Self:
        """A session with no services yet, for the start screen while the core starts.

        A resident can begin and type an account number at once; the look-up is submitted to
        `executor` as always, where it waits behind the gate this puts first in the queue until
        `bind` (or `bind_failed`) opens it. Only START and IDENTIFY are reachable before that,
        and neither touches a service on the calling thread. No idle timeout runs until bound
        (the timeouts are configuration, which is read with the core)."""
        session = cls.__new__(cls)
        session._begin(clock, executor, language, sleeper)
        executor.submit(session._await_bind)
        return session

    def _begin(
        self, clock: Clock, executor: Executor, language: str, sleeper: Sleeper | None
    ) -> None:
        self._clock = clock
        self._executor = executor
        self._default_language = language
        self._sleeper: Sleeper = sleeper or _wait_event
        self._min_digits, self._max_digits = 10, 13
        self._wallet_cancel = threading.Event()
        self._lock = threading.RLock()
        self._gate = threading.Event()  # work on the executor waits for it (see `unbound`)
        self._services = False
        self._state = SessionState(language=language)
        self._listeners: list[Listener] = []
        self._last_touch = clock.monotonic()
        self._generation = 0  # bumps on every return to START: stale lookups are dropped
        self._accepting = False  # the acceptor is enabled for this session's transaction
        self._resume_txn: str | None = None  # a crash-interrupted cash payment, at start-up
        self._out_of_service = False  # staff, a technician or the utility took the kiosk out
        self._window_draws = False  # a window confirms the result and account screens drawn
        self._drawn = {screen: threading.Event() for screen in DRAWN_SCREENS}

    def bind(
        self,
        *,
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
        cards: CardPorts | None = None,
        qr_expires_s: int = 300,
        invoices: Any = None,
        mandates: Any = None,
        history: PaymentHistory | None = None,
        history_executor: Executor | None = None,
        open_now: bool = True,
    ) -> None:
        """The services, once they exist. Opens the gate for work waiting on the executor unless
        `open_now` is False: then `open` does, once the kiosk has settled what a crash left
        (recovery must not overlap a new resident's payment)."""
        if self._services:
            raise RuntimeError("the session's services are already bound")
        self._accounts = accounts
        self._ledger = ledger
        self._posting = posting
        self._receipts = receipts
        self._acceptor = acceptor
        self._acceptor_id = acceptor_id
        self._settings = settings
        self._health = health
        self._wallet = wallet
        self._qr_expires_s = qr_expires_s
        self._cards = cards
        self._invoices = invoices  # kiosk.invoices.InvoiceService; None: no e-invoice button
        self._mandates = mandates  # kiosk.mandates.MandateService; None: no auto-debit button
        self._history = history  # None: no payment history shown
        # Its own worker in the app, so a slow history reply never holds up a payment.
        self._history_executor = history_executor or self._executor
        with self._lock:
            self._min_digits, self._max_digits = min_digits, max_digits
            untouched = self._state.screen is Screen.START and self._state == SessionState(
                language=self._default_language
            )
            self._default_language = language
            self._last_touch = self._clock.monotonic()  # the idle timer starts now
            self._services = True
        acceptor.set_listener(self._on_cash_event)
        acceptor.set_escrow_policy(self._escrow_policy)
        if open_now:
            self.open()
        if untouched and self.state.language != language:
            self._set(language=language)  # the configured language, if nobody chose one yet

    def open(self) -> None:
        """Let work waiting on the executor run (after `bind`)."""
        self._gate.set()

    def bind_failed(self, reason: str) -> None:
        """The core could not start: work waiting for it ends with "backend_error"."""
        log.error("the kiosk could not start (%s): nothing to serve the resident", reason)
        self._gate.set()

    def _await_bind(self) -> None:
        self._gate.wait()

    @property
    def bound(self) -> bool:
        """The services are there (timeouts and the configuration apply)."""
        return self._services

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

    def _if_current(self, generation: int, **changes: object) -> None:
        with self._lock:
            if generation != self._generation:
                return
            self._last_touch = self._clock.monotonic()
        self._set(**changes)

    def _set_fresh(self, state: SessionState) -> None:
        with self._lock:
            self._state = state
        for listener in list(self._listeners):
            listener(state)

    # Hooks the flows provide (declared here so each flow can call the others).
    def _escrow_policy(self, value_fen: int) -> EscrowDecision:
        raise NotImplementedError

    def _on_cash_event(self, event: CashEvent) -> None:
        raise NotImplementedError

    def _start_charge(self, code: PaymentCode) -> None:
        raise NotImplementedError

    def _close_cash(self, reason: str | None) -> None:
        raise NotImplementedError

    def _start_cash(self) -> None:
        raise NotImplementedError

    def _start_order(self) -> None:
        raise NotImplementedError

    def _start_bank_card(self) -> None:
        raise NotImplementedError

    def _card_methods(self) -> tuple[Method, ...]:
        return ()

    def _after_payment(self, outcome: PaymentOutcomeView) -> None:
        """Between "paid" and the receipt (the prepaid card write); nothing by default."""

    def _fetch_account(self, generation: int, account_no: str) -> AccountView | None:
        """On the worker: the account, or None after showing why not (not found, link down)."""
        from kiosk.session.ports import AccountNotFound, BackendDown  # see _load_history

        try:
            account = self._accounts.lookup(account_no)
        except AccountNotFound:
            self._if_current(
                generation,
                screen=Screen.NOTICE,
                message="account_not_found",
                message_arg=account_no,
            )
        except BackendDown:
            self._if_current(generation, screen=Screen.NOTICE, message="backend_unavailable")
        except Exception:
            log.exception("account lookup failed")
            self._if_current(generation, screen=Screen.NOTICE, message="backend_error")
        else:
            self._load_history(generation, account)
            return account
        return None

    def _load_history(self, generation: int, account: AccountView) -> None:
        """Start fetching the account's payment history; it arrives as a state change later."""
        # Imported here, not at the top: the start screen's session, made before the core, needs
        # no views or ports, and their classes cost about 13 ms of start-up (kiosk.session.early).
        # The core that does the look-up has loaded them by now.
        from kiosk.session.views import PaymentHistoryView

        if self._history is None:
            return
        account_no = account.account_no
        if account.offline:
            self._set_history(generation, PaymentHistoryView(account_no, "unavailable"))
            return
        self._set_history(generation, PaymentHistoryView(account_no, "loading"))
        history = self._history
        # Cleared before the account screen is asked for, so only its drawing sets it.
        self._drawn[Screen.ACCOUNT].clear()

        def work() -> None:
            # The request and its reply are Python (and, simulated, so is the back end): with the
            # GIL taken from the window they made the account screen's first show 55-85 ms
            # instead of about 25 (bench/ui/bench_stall.py). The history tab is not shown first.
            self._await_drawn(Screen.ACCOUNT)
            try:
                records = history.recent(account_no)
            except Exception as exc:
                log.warning("payment history unavailable: %s", type(exc).__name__)
                found = PaymentHistoryView(account_no, "unavailable")
            else:
                found = PaymentHistoryView(account_no, "loaded", records)
            self._set_history(generation, found, replacing=account_no)

        self._history_executor.submit(work)

    def _set_history(
        self, generation: int, history: PaymentHistoryView, *, replacing: str | None = None
    ) -> None:
        """Show `history` if the session (and, when `replacing`, the account whose history is
        loading) is still the one it was fetched for; a late reply for another is dropped.
        Does not count as a touch: the idle timer keeps running."""
        with self._lock:
            current = self._state.history
            if generation != self._generation:
                return
            if replacing is not None and (current is None or current.account_no != replacing):
                return
            self._state = replace(self._state, history=history)
            state = self._state
        for listener in list(self._listeners):
            listener(state)

    def _show_outcome(self, txn_id: str, reason: str | None) -> None:
        """On the worker: wait for the posting, show the result, then the receipt."""
        outcome = self._posting.wait_outcome(txn_id, float(self._settings.posting_wait_s))
        if outcome.amount_fen == 0:
            if reason is None:
                self._reset()
            else:
                self._set(screen=Screen.NOTICE, message=reason)
            return
        self._drawn[Screen.RESULT].clear()
        self._set(screen=Screen.RESULT, outcome=outcome, receipt=None, transaction_id=txn_id)
        self._after_payment(outcome)
        # Rendering the receipt holds the GIL for 5-25 ms, which the window needs to draw the
        # result screen; the printer starting a moment later is not noticed.
        self._await_drawn(Screen.RESULT)
        self._print_receipt()

    def wait_for_window(self) -> None:
        """A window says it will call `drawn` once it has drawn a change to the result or the
        account screen; work that follows them (the receipt, the payment history) waits for
        that, at most DRAW_WAIT_S. Without a window nothing waits."""
        self._window_draws = True

    def drawn(self, screen: Screen) -> None:
        """The window has drawn `screen` (any thread)."""
        event = self._drawn.get(screen)
        if event is not None:
            event.set()

    def _await_drawn(self, screen: Screen) -> None:
        if self._window_draws:
            self._sleeper(self._drawn[screen], DRAW_WAIT_S)

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
            screen = Screen.OUT_OF_SERVICE if self._out_of_service else Screen.START
        self._set_fresh(SessionState(screen=screen, language=keep_language))

    def set_out_of_service(self, out: bool) -> None:
        """Residents see "out of service" from the next start screen on; a resident in the middle
        of a payment finishes first (money steps are never cut short)."""
        with self._lock:
            self._out_of_service = out
            screen = self._state.screen
        if out and screen in (Screen.START, Screen.OUT_OF_SERVICE):
            self._set_fresh(
                SessionState(screen=Screen.OUT_OF_SERVICE, language=self.state.language)
            )
        elif not out and screen is Screen.OUT_OF_SERVICE:
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
        if not self.bound:
            return  # no timeouts before the configuration is known (see `unbound`)
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
