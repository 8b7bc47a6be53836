"""`kiosk demo`: drives the real UI offscreen through a scripted resident session, saving a PNG of
every screen it passes and a summary.json of what happened (screens, transaction, amounts, the
journal's final state and the simulator's ledger)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from drivers.cash.fake import FakeAcceptor
from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.session.state import Screen, SessionState
from ui.keyboard import key_name
from ui.main_window import MainWindow

SCENARIOS = (
    "cash",
    "cash-overpay",
    "not-found",
    "timeout",
    "wallet",
    "wallet-qr",
    "bank-card",
    "prepaid-card",
    "invoice",
    "details",
    "autopay",
)


class DemoError(Exception):
    pass


class CashHand(Protocol):
    """The resident's hand at the acceptor: the simulated one, or a wire-level emulator's."""

    def insert(self, value_fen: int) -> None: ...

    def stacked(self) -> list[int]:
        """Every note the device itself put in the cashbox, in fen."""
        ...


class FakeHand:
    def __init__(self, acceptor: FakeAcceptor) -> None:
        self._acceptor = acceptor

    def insert(self, value_fen: int) -> None:
        # A resident waits for the acceptor's light: a note pushed at a disabled one comes back.
        wait_for(lambda: self._acceptor.enabled, timeout_s=10, what="the acceptor enabled")
        self._acceptor.insert(value_fen)
        self._acceptor.wait_idle(10)

    def stacked(self) -> list[int]:
        return list(self._acceptor.stacked)


@dataclass
class Recorder:
    window: MainWindow
    out: Path
    prefix: str = ""
    shots: list[str] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)

    def on_state(self, state: SessionState) -> None:
        if not self.screens or self.screens[-1] != state.screen.value:
            self.screens.append(state.screen.value)

    def shot(self, name: str) -> None:
        # A text-size switch is drawn over a few event-loop turns (MainWindow._begin_split).
        wait_for(self.window.showing_latest, timeout_s=5, what="the latest screen drawn")
        settle(20)
        path = self.out / f"{self.prefix}{len(self.shots) + 1:02d}-{name}.png"
        self.window.grab().save(str(path))
        self.shots.append(path.name)


def settle(ms: int = 10) -> None:
    QApplication.processEvents()
    QTest.qWait(ms)


def wait_for(condition: Callable[[], bool], timeout_s: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise DemoError(f"timed out waiting for {what}")
        settle(15)
    settle(10)


def tap(window: MainWindow, name: str, timeout_s: float = 5.0) -> None:
    """Tap a visible button by objectName, as a finger would: once it is on screen (a screen
    in the other text size is drawn a few event-loop turns after the state changed)."""

    def shown() -> QPushButton | None:
        buttons = window.findChildren(QPushButton, name)
        return next((b for b in buttons if b.isVisible() and b.isEnabled()), None)

    wait_for(lambda: shown() is not None, timeout_s, f"a visible, enabled button {name!r}")
    button = shown()
    assert button is not None  # wait_for settles the event loop once more: looked up again
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def on_screen(kiosk: Kiosk, screen: Screen) -> Callable[[], bool]:
    return lambda: kiosk.session.state.screen is screen


def type_account(window: MainWindow, digits: str) -> None:
    for d in digits:
        tap(window, f"account_key_{d}")


def open_account(
    kiosk: Kiosk, window: MainWindow, digits: str, before_ok: Callable[[], object] | None = None
) -> None:
    """Type the account number, confirm it (after `before_ok`, e.g. a screenshot), and wait
    for the account screen."""
    type_account(window, digits)
    if before_ok is not None:
        before_ok()
    tap(window, "account_key_ok")
    wait_for(on_screen(kiosk, Screen.ACCOUNT), what="account")


def run_scenario(
    kiosk: Kiosk,
    window: MainWindow,
    scenario: str,
    out: Path,
    *,
    account: str | None = None,
    amount_fen: int | None = None,
    hand: CashHand | None = None,
) -> dict[str, Any]:
    if scenario not in SCENARIOS:
        raise DemoError(f"unknown scenario {scenario!r}; choose from {', '.join(SCENARIOS)}")
    out.mkdir(parents=True, exist_ok=True)
    rec = Recorder(window, out)
    window.bridge.session_did_change.connect(rec.on_state)
    rec.on_state(kiosk.session.state)
    state = kiosk.session.state
    summary: dict[str, Any] = {
        "scenario": scenario,
        "language": state.language,
        "senior": state.senior,
    }
    rec.shot("start")
    if scenario == "prepaid-card":  # the card in the slot opens its account: no tile to touch
        _prepaid_card(kiosk, window, rec, summary)
        return _finish(out, rec, summary)
    if scenario == "wallet":  # the bill's QR code under the scanner opens its account by itself
        _wallet(kiosk, window, rec, scenario, account or "3300000001", summary)
        return _finish(out, rec, summary)
    # "Scan the bill's QR code" shows where the bill goes, and still takes a typed number.
    tap(window, "start_scan" if scenario == "details" else "start_type")
    wait_for(on_screen(kiosk, Screen.IDENTIFY), what="identify")
    if scenario == "not-found":
        type_account(window, account or "3300009999")
        rec.shot("identify")
        tap(window, "account_key_ok")
        wait_for(on_screen(kiosk, Screen.NOTICE), what="the not-found notice")
        rec.shot("not-found")
        summary["message"] = kiosk.session.state.message
        tap(window, "done")
        wait_for(on_screen(kiosk, Screen.START), what="start")
        rec.shot("back-to-start")
    elif scenario == "timeout":
        _timeout(kiosk, window, rec, account or "3300000001", summary)
    elif scenario == "autopay":
        _autopay(kiosk, window, rec, account or "3300000001", summary)
    elif scenario == "wallet-qr":
        _wallet(kiosk, window, rec, scenario, account or "3300000001", summary)
    elif scenario == "bank-card":
        _bank_card(kiosk, window, rec, account or "3300000002", summary)
    elif scenario == "details":
        _details(kiosk, window, rec, account or "3300000007", summary)
    else:
        _cash(kiosk, window, rec, scenario, account or "3300000001", amount_fen, summary, hand)
        if scenario == "invoice":
            _invoice(kiosk, window, rec, summary)
        _back_to_start(kiosk, window, rec, summary)
    return _finish(out, rec, summary)


def _finish(out: Path, rec: Recorder, summary: dict[str, Any]) -> dict[str, Any]:
    summary["screens"] = rec.screens
    summary["screenshots"] = rec.shots
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return summary


def _timeout(
    kiosk: Kiosk, window: MainWindow, rec: Recorder, account: str, summary: dict[str, Any]
) -> None:
    clock = kiosk.clock
    if not isinstance(clock, OffsetClock):
        raise DemoError("the timeout scenario needs the demo's movable clock")
    open_account(kiosk, window, account)
    rec.shot("account")
    settings = kiosk.settings.session
    idle = settings.senior_idle_timeout_s if kiosk.session.state.senior else settings.idle_timeout_s
    clock.advance(idle - settings.warning_s + 1)
    kiosk.session.tick()
    wait_for(lambda: kiosk.session.state.warning_s is not None, what="the idle warning")
    rec.shot("idle-warning")
    summary["warning_s"] = kiosk.session.state.warning_s
    clock.advance(settings.warning_s)
    kiosk.session.tick()
    wait_for(on_screen(kiosk, Screen.START), what="start after the timeout")
    rec.shot("back-to-start")
    summary["transactions"] = len(kiosk.journal.list_transactions())


def _type_pinyin(window: MainWindow, keyboard: Any, letters: str, picks: str) -> None:
    for ch in letters:
        tap(window, key_name(ch))
    for text in picks:
        for _ in range(8):
            shown = keyboard.candidates()
            if text in shown:
                tap(window, f"kb_cand_{shown.index(text)}")
                break
            tap(window, "kb_cand_next")
        else:
            raise DemoError(f"{text} is not among the keyboard's candidates")


def _autopay(
    kiosk: Kiosk, window: MainWindow, rec: Recorder, account: str, summary: dict[str, Any]
) -> None:
    """Monthly auto-debit: the account's holder 张*明 types 张三明, takes day 15 and ¥1,000."""
    from drivers.card.fake import FakeCardReader
    from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard

    reader = kiosk.card_reader
    if not isinstance(reader, FakeCardReader):
        raise DemoError("the autopay scenario needs the simulated card reader")
    open_account(kiosk, window, account)
    tap(window, "autopay")
    wait_for(on_screen(kiosk, Screen.MANDATE), what="the auto-debit form")
    keyboard = window.screens[Screen.MANDATE].keyboard  # type: ignore[attr-defined]
    _type_pinyin(window, keyboard, "zhangsanming", "张三明")
    rec.shot("autopay-name")
    tap(window, "mandate_submit")
    wait_for(lambda: kiosk.session.state.mandate_phase == "terms", what="the terms")
    for _ in range(5):
        tap(window, "mandate_day_up")
    tap(window, "mandate_limit_100000")
    rec.shot("autopay-terms")
    tap(window, "mandate_submit")
    wait_for(lambda: kiosk.session.state.mandate_phase == "insert", what="insert card")
    rec.shot("autopay-insert")
    reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    wait_for(lambda: kiosk.session.state.mandate_phase == "confirm", what="the confirmation")
    rec.shot("autopay-confirm")
    tap(window, "mandate_confirm")
    wait_for(on_screen(kiosk, Screen.MANDATE_RESULT), what="the sign-up result")
    rec.shot("autopay-result")
    result = kiosk.session.state.mandate_result
    summary["mandate"] = None if result is None else result.status
    reader.remove()
    tap(window, "mandate_done")
    wait_for(on_screen(kiosk, Screen.ACCOUNT), what="account")
    rec.shot("account-autopay-on")


def _wallet(
    kiosk: Kiosk,
    window: MainWindow,
    rec: Recorder,
    scenario: str,
    account: str,
    summary: dict[str, Any],
) -> None:
    from drivers.scanner.fake import FakeScanner

    if scenario == "wallet":  # the common path: the bill's QR code, then the phone's
        scanner = kiosk.scanner
        if not isinstance(scanner, FakeScanner):
            raise DemoError("the wallet demo shows codes to the simulated scanner")
        scanner.show(f"https://e.utility.example/bill?acct={account}&bill=B-{account}-2026-10")
        wait_for(on_screen(kiosk, Screen.ACCOUNT), what="the account of the bill")
        rec.shot("account")
    else:
        open_account(kiosk, window, account)
    tap(window, "pay_due")
    wait_for(on_screen(kiosk, Screen.METHOD), what="method")
    rec.shot("method")
    summary["account"] = account
    summary["amount_fen"] = kiosk.session.state.amount_fen
    if scenario == "wallet":
        tap(window, "method_wallet")
        tap(window, "confirm")
        wait_for(on_screen(kiosk, Screen.WALLET_SCAN), what="the payment-code screen")
        rec.shot("wallet-scan")
        scanner.show("134567890123450002")  # the phone asks for its password: USERPAYING
        wait_for(lambda: kiosk.session.state.wallet_phase == "userpaying", what="userpaying")
        rec.shot("wallet-confirm-on-phone")
        clock = kiosk.clock
        if isinstance(clock, OffsetClock):
            clock.advance(21)  # the resident types the password on the phone
    else:
        tap(window, "method_wallet_qr")
        tap(window, "confirm")
        wait_for(lambda: kiosk.session.state.wallet_url is not None, what="the order's QR code")
        rec.shot("wallet-qr")
        order = kiosk.journal.list_transactions(kind="mobile_order")[0]
        if kiosk.simulator is None:
            raise DemoError("the wallet-qr demo pays through the simulator")
        httpx.post(
            f"{kiosk.simulator.url}/v1/sim/mobile-orders/{order.id}/pay",
            json={"wallet": "wechat"},
            timeout=10,
        )
    wait_for(on_screen(kiosk, Screen.RESULT), timeout_s=60, what="result")
    wait_for(lambda: kiosk.session.state.receipt is not None, what="the receipt")
    wait_for(lambda: not window.screens[Screen.RESULT].qr.pixmap().isNull(), what="the QR")
    rec.shot("result")
    outcome = kiosk.session.state.outcome
    summary["transaction_id"] = outcome.transaction_id if outcome else None
    summary["posted"] = outcome.posted if outcome else False
    summary["paid_fen"] = outcome.amount_fen if outcome else 0
    summary["method"] = outcome.method if outcome else None
    tap(window, "done")
    wait_for(on_screen(kiosk, Screen.START), what="start")
    if outcome is not None:
        record = kiosk.journal.get_transaction(outcome.transaction_id)
        summary["journal_state"] = record.state if record else None
        summary["ledger_amount_fen"] = _ledger_amount(kiosk, outcome.transaction_id)


def _cash(
    kiosk: Kiosk,
    window: MainWindow,
    rec: Recorder,
    scenario: str,
    account: str,
    amount_fen: int | None,
    summary: dict[str, Any],
    hand: CashHand | None,
) -> None:
    if hand is None:
        if not isinstance(kiosk.acceptor, FakeAcceptor):
            raise DemoError("without a hand for the real acceptor, the demo needs driver = fake")
        hand = FakeHand(kiosk.acceptor)
    open_account(kiosk, window, account, before_ok=lambda: rec.shot("identify"))
    rec.shot("account")
    due = kiosk.session.state.account.amount_due_fen if kiosk.session.state.account else 0
    summary["account"] = account
    summary["amount_due_fen"] = due
    if amount_fen is not None or due <= 0:
        tap(window, "other_amount")
        wait_for(on_screen(kiosk, Screen.AMOUNT), what="amount")
        yuan = str(max(1, (amount_fen or 10000) // 100))
        for d in yuan:
            tap(window, f"amount_key_{d}")
        rec.shot("amount")
        tap(window, "amount_key_ok")
    else:
        tap(window, "pay_due")
    wait_for(on_screen(kiosk, Screen.METHOD), what="method")
    rec.shot("method")
    tap(window, "method_cash")
    wait_for(on_screen(kiosk, Screen.CONFIRM), what="confirm")
    rec.shot("confirm")
    tap(window, "confirm")
    wait_for(on_screen(kiosk, Screen.CASH), what="cash")
    rec.shot("cash")
    target = kiosk.session.state.amount_fen or 0
    # Notes as a resident would bring them: hundreds, then smaller notes for the rest. In the
    # overpay scenario one more ¥100 note than needed, so the surplus goes to the balance.
    plan: list[int] = []
    remaining = target
    if scenario == "cash-overpay":
        plan = [10000] * (remaining // 10000 + 1)
    else:
        for value in (10000, 5000, 2000, 1000, 500, 100):
            while remaining >= value:
                plan.append(value)
                remaining -= value
        if remaining > 0:
            plan.append(100)
    inserted: list[int] = []
    for index, value in enumerate(plan):
        hand.insert(value)
        inserted.append(value)
        settle()
        if index == 0:
            rec.shot("cash-first-note")
    wait_for(on_screen(kiosk, Screen.RESULT), timeout_s=30, what="result")
    wait_for(lambda: kiosk.session.state.receipt is not None, what="the receipt")
    wait_for(lambda: not window.screens[Screen.RESULT].qr.pixmap().isNull(), what="the QR")
    rec.shot("result")
    state = kiosk.session.state
    outcome = state.outcome
    summary["notes_inserted_fen"] = inserted
    summary["stacked_fen"] = hand.stacked()
    summary["inserted_total_fen"] = sum(summary["stacked_fen"])
    summary["transaction_id"] = state.transaction_id
    summary["posted"] = outcome.posted if outcome else False
    summary["receipt_no"] = outcome.receipt_no if outcome else None
    summary["new_balance_fen"] = outcome.new_balance_fen if outcome else None
    summary["receipt"] = state.receipt


def _back_to_start(
    kiosk: Kiosk, window: MainWindow, rec: Recorder, summary: dict[str, Any]
) -> None:
    """'Done' on the result screen; then what the journal and the utility's ledger hold."""
    tap(window, "done")
    wait_for(on_screen(kiosk, Screen.START), what="start")
    rec.shot("back-to-start")
    txn_id = summary.get("transaction_id")
    if txn_id:
        record = kiosk.journal.get_transaction(txn_id)
        summary["journal_state"] = record.state if record else None
        summary["journal_notes_fen"] = [n.value_fen for n in kiosk.journal.notes_for(txn_id)]
        summary["ledger_amount_fen"] = _ledger_amount(kiosk, txn_id)


def _bank_card(
    kiosk: Kiosk, window: MainWindow, rec: Recorder, account: str, summary: dict[str, Any]
) -> None:
    """A bank card and its PIN: the card goes in when asked, the PIN is typed on the pad."""
    from drivers.card.fake import FakeCardReader
    from drivers.card.pinpad import FakePinPad
    from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard

    reader = kiosk.card_reader
    pinpad = kiosk.cards.pinpad if kiosk.cards is not None else None
    if not isinstance(reader, FakeCardReader) or not isinstance(pinpad, FakePinPad):
        raise DemoError("the bank-card scenario needs the simulated card reader and PIN pad")
    open_account(kiosk, window, account)
    _pay_due_or(kiosk, window, 5000)
    wait_for(on_screen(kiosk, Screen.METHOD), what="method")
    rec.shot("method")
    _pay_with(kiosk, window, "method_bank_card")
    wait_for(on_screen(kiosk, Screen.BANK_CARD_INSERT), what="insert your card")
    rec.shot("card-insert")
    reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    wait_for(on_screen(kiosk, Screen.PIN), what="the PIN")
    rec.shot("pin")
    pinpad.enter("123456")
    wait_for(on_screen(kiosk, Screen.RESULT), timeout_s=60, what="result")
    wait_for(lambda: kiosk.session.state.receipt is not None, what="the receipt")
    rec.shot("result")
    outcome = kiosk.session.state.outcome
    summary["account"] = account
    summary["transaction_id"] = outcome.transaction_id if outcome else None
    summary["posted"] = outcome.posted if outcome else False
    summary["paid_fen"] = outcome.amount_fen if outcome else 0
    summary["method"] = outcome.method if outcome else None
    summary["masked_pan"] = kiosk.session.state.masked_pan
    reader.remove()
    _back_to_start(kiosk, window, rec, summary)


def _pay_with(kiosk: Kiosk, window: MainWindow, tile: str) -> None:
    """A method's tile, then "confirm" on the confirmation screen."""
    tap(window, tile)
    wait_for(on_screen(kiosk, Screen.CONFIRM), what="confirm")
    tap(window, "confirm")


def _pay_due_or(kiosk: Kiosk, window: MainWindow, amount_fen: int) -> None:
    """Pay what is due; with nothing due, type `amount_fen` (whole yuan) as another amount."""
    account = kiosk.session.state.account
    if account is not None and account.amount_due_fen > 0:
        tap(window, "pay_due")
        return
    tap(window, "other_amount")
    wait_for(on_screen(kiosk, Screen.AMOUNT), what="amount")
    for d in str(amount_fen // 100):
        tap(window, f"amount_key_{d}")
    tap(window, "amount_key_ok")


class HeldWriteCard:
    """The prepaid test card with its write (UPDATE BINARY) held until `release`, so the demo
    can show the "keep your card in" screen, which lasts a blink with a simulated card."""

    def __init__(self, card: Any) -> None:
        self.card = card
        self.release = threading.Event()

    @property
    def atr(self) -> bytes:
        return bytes(self.card.atr)

    def power_on(self) -> None:
        self.card.power_on()

    def process(self, apdu: bytes) -> bytes:
        if len(apdu) > 1 and apdu[1] == 0xD6:
            self.release.wait(30)
        return bytes(self.card.process(apdu))


def _prepaid_card(kiosk: Kiosk, window: MainWindow, rec: Recorder, summary: dict[str, Any]) -> None:
    """The prepaid meter's card opens its account; ¥100 in cash goes onto the card."""
    from drivers.card.fake import FakeCardReader
    from drivers.card.sim_cards import utility_test_card

    reader = kiosk.card_reader
    acceptor = kiosk.acceptor
    if not isinstance(reader, FakeCardReader) or not isinstance(acceptor, FakeAcceptor):
        raise DemoError("the prepaid-card scenario needs the simulated card reader and acceptor")
    card = HeldWriteCard(utility_test_card())
    reader.insert(card)
    wait_for(on_screen(kiosk, Screen.ACCOUNT), what="the card's account")
    rec.shot("account-prepaid")
    tap(window, "other_amount")
    wait_for(on_screen(kiosk, Screen.AMOUNT), what="amount")
    for d in "100":
        tap(window, f"amount_key_{d}")
    rec.shot("amount")
    tap(window, "amount_key_ok")
    wait_for(on_screen(kiosk, Screen.METHOD), what="method")
    rec.shot("method")
    _pay_with(kiosk, window, "method_cash")
    wait_for(on_screen(kiosk, Screen.CASH), what="cash")
    FakeHand(acceptor).insert(10000)
    try:
        wait_for(on_screen(kiosk, Screen.CARD_WRITING), timeout_s=30, what="the card write")
    except DemoError as exc:
        raise DemoError(f"{exc}; the session is at {kiosk.session.state}") from exc
    rec.shot("card-writing")
    card.release.set()
    wait_for(lambda: kiosk.session.state.card_write is not None, what="the card written")
    wait_for(lambda: kiosk.session.state.receipt is not None, what="the receipt")
    rec.shot("result")
    state = kiosk.session.state
    summary["account"] = state.account.account_no if state.account else None
    summary["transaction_id"] = state.transaction_id
    summary["posted"] = state.outcome.posted if state.outcome else False
    summary["card_write"] = state.card_write
    summary["stacked_fen"] = list(acceptor.stacked)
    reader.remove()
    _back_to_start(kiosk, window, rec, summary)


def _invoice(kiosk: Kiosk, window: MainWindow, rec: Recorder, summary: dict[str, Any]) -> None:
    """After the payment: a personal e-invoice, the name typed in pinyin, a phone to send it to."""
    tap(window, "invoice")
    wait_for(on_screen(kiosk, Screen.INVOICE), what="the invoice form")
    keyboard = window.screens[Screen.INVOICE].keyboard  # type: ignore[attr-defined]
    _type_pinyin(window, keyboard, "zhangsanming", "张三明")
    tap(window, "kb_ok")  # on to the contact field
    tap(window, "kb_mode_sym")
    for d in "13800138000":
        tap(window, key_name(d))
    rec.shot("invoice-form")
    tap(window, "invoice_submit")
    wait_for(on_screen(kiosk, Screen.INVOICE_RESULT), timeout_s=30, what="the invoice")
    wait_for(
        lambda: not window.screens[Screen.INVOICE_RESULT].qr.pixmap().isNull(),  # type: ignore[attr-defined]
        what="the invoice's QR",
    )
    rec.shot("invoice-result")
    result = kiosk.session.state.invoice_result
    summary["invoice"] = None if result is None else result.status
    summary["invoice_no"] = None if result is None else result.invoice_no
    tap(window, "invoice_done")
    wait_for(on_screen(kiosk, Screen.RESULT), what="result")


def _details(
    kiosk: Kiosk, window: MainWindow, rec: Recorder, account: str, summary: dict[str, Any]
) -> None:
    """What the resident came to read: a disconnected account's bills, usage and payments."""
    rec.shot("scan-or-type")
    open_account(kiosk, window, account)
    rec.shot("account-bills")
    tap(window, "account_tab_usage")
    rec.shot("account-usage")
    tap(window, "account_tab_history")
    wait_for(
        lambda: (h := kiosk.session.state.history) is not None and h.status != "loading",
        what="the payment history",
    )
    rec.shot("account-history")
    state = kiosk.session.state
    summary["account"] = account
    summary["status"] = state.account.status if state.account else None
    summary["amount_due_fen"] = state.account.amount_due_fen if state.account else None
    summary["history"] = state.history.status if state.history else None
    tap(window, "back")
    wait_for(on_screen(kiosk, Screen.IDENTIFY), what="identify")
    tap(window, "back")
    wait_for(on_screen(kiosk, Screen.START), what="start")


def _ledger_amount(kiosk: Kiosk, txn_id: str) -> int | None:
    """What the simulator's ledger holds for this transaction (simulation only)."""
    if kiosk.simulator is None:
        return None
    reply = httpx.get(f"{kiosk.simulator.url}/v1/sim/ledger", timeout=10).json()
    payments = [p for p in reply.get("payments", []) if p.get("transaction_id") == txn_id]
    return sum(int(p["amount_fen"]) for p in payments) if payments else 0
