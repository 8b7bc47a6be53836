"""Whole sessions through the real kiosk stack (journal file, HTTP client, back-end simulator on
loopback, fake devices, receipt archive), with every log line at DEBUG written to a file; then no
payment code, card number, PIN or back-end secret may be found in the journal's files, the log
or the receipt PNGs (pixels aside: their text chunks and raw bytes)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard
from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from kiosk.config import DEFAULT_CONFIG, load_config
from kiosk.session.state import Method, Screen, SessionState

SECRET = "dev-secret-change-me"
WECHAT_PAID = "134567890123456789"  # ends 6789: the simulator approves at once
WECHAT_NOT_ENOUGH = "131234567812340001"  # ends 0001: declined, insufficient funds
ALIPAY_AT_START = "281234567890123456"  # shown on the start screen: refused there
PIN = "739184"
NEEDLES = {
    "payment code (paid)": WECHAT_PAID,
    "payment code (declined)": WECHAT_NOT_ENOUGH,
    "payment code (start screen)": ALIPAY_AT_START,
    "card number": TEST_PAN_APPROVED,
    "PIN": PIN,
    "back-end secret": SECRET,
}
WAIT_S = 30.0


class Watcher:
    """Waits (bounded) for a session state, woken by the session's own listener."""

    def __init__(self, kiosk: Kiosk) -> None:
        self._kiosk = kiosk
        self._changed = threading.Condition()
        kiosk.session.add_listener(self._on_state)

    def _on_state(self, _state: SessionState) -> None:
        with self._changed:
            self._changed.notify_all()

    def until(self, what: Callable[[SessionState], bool], label: str) -> SessionState:
        with self._changed:
            ok = self._changed.wait_for(lambda: what(self._kiosk.session.state), timeout=WAIT_S)
        state = self._kiosk.session.state
        assert ok, f"waiting for {label}: stuck on {state.screen} ({state.message})"
        return state

    def screen(self, screen: Screen) -> SessionState:
        return self.until(lambda s: s.screen is screen, str(screen))


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[Kiosk, Path]]:
    settings = load_config(DEFAULT_CONFIG, env={})
    settings = settings.model_copy(
        update={
            "kiosk": settings.kiosk.model_copy(update={"data_dir": tmp_path / "data"}),
            "backend": settings.backend.model_copy(
                update={
                    "simulate": True,
                    "sim_state": tmp_path / "sim.db",
                    "url": "http://127.0.0.1:0",
                }
            ),
            "session": settings.session.model_copy(update={"wallet_poll_s": 0.2}),
        }
    )
    log_file = tmp_path / "kiosk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    kiosk = Kiosk.build(settings, clock=OffsetClock())
    try:
        kiosk.start()
        yield kiosk, log_file
    finally:
        kiosk.close()
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)


def _identify(kiosk: Kiosk, watch: Watcher, account_no: str) -> None:
    session = kiosk.session
    watch.screen(Screen.START)
    session.begin()
    for digit in account_no:
        session.type_digit(digit)
    session.submit_account()
    watch.screen(Screen.ACCOUNT)


def _other_amount(kiosk: Kiosk, watch: Watcher, yuan: str) -> None:
    kiosk.session.to_amount()
    watch.screen(Screen.AMOUNT)
    for digit in yuan:
        kiosk.session.type_amount_digit(digit)
    kiosk.session.submit_other_amount()
    watch.screen(Screen.METHOD)


def _finish(kiosk: Kiosk, watch: Watcher) -> SessionState:
    state = watch.until(lambda s: s.screen is Screen.RESULT and s.receipt is not None, "receipt")
    kiosk.session.done()
    watch.screen(Screen.START)
    return state


def _run_sessions(kiosk: Kiosk) -> list[SessionState]:
    watch = Watcher(kiosk)
    session = kiosk.session
    assert kiosk.scanner is not None
    results = []

    # A wallet payment code shown on the start screen is refused there.
    kiosk.scanner.show(ALIPAY_AT_START)
    watch.until(lambda s: s.message == "payment_code_here", "payment code refused at start")
    session.cancel()

    # Cash: pay the amount due with notes.
    _identify(kiosk, watch, "3300000001")
    session.pay_due()
    watch.screen(Screen.METHOD)
    session.choose_method(Method.CASH)
    session.confirm()
    watch.screen(Screen.CASH)
    watch.until(lambda s: kiosk.acceptor.enabled, "acceptor enabled")
    for _ in range(4):
        if session.state.screen is Screen.CASH:
            kiosk.acceptor.insert(10000)
            kiosk.acceptor.wait_idle()
    results.append(_finish(kiosk, watch))

    # Wallet: a declined payment code, then one that pays.
    _identify(kiosk, watch, "3300000002")
    _other_amount(kiosk, watch, "30")
    session.choose_method(Method.WALLET)
    session.confirm()
    watch.screen(Screen.WALLET_SCAN)
    kiosk.scanner.show(WECHAT_NOT_ENOUGH)
    watch.until(lambda s: s.message == "wallet_failed", "declined wallet")
    session.choose_method(Method.WALLET)
    session.confirm()
    watch.screen(Screen.WALLET_SCAN)
    kiosk.scanner.show(WECHAT_PAID)
    results.append(_finish(kiosk, watch))

    # Bank card with a PIN.
    _identify(kiosk, watch, "3300000002")
    _other_amount(kiosk, watch, "50")
    session.choose_method(Method.BANK_CARD)
    session.confirm()
    watch.screen(Screen.BANK_CARD_INSERT)
    kiosk.cards.pinpad.enter(PIN)  # type: ignore[union-attr]
    kiosk.card_reader.insert(EmvSimCard(TEST_PAN_APPROVED))  # type: ignore[union-attr]
    results.append(_finish(kiosk, watch))
    return results


def _png_texts(path: Path) -> str:
    with Image.open(path) as image:
        image.load()
        chunks = dict(getattr(image, "text", {}))
        chunks.update({str(k): v for k, v in image.info.items()})
    return " ".join(f"{k}={v}" for k, v in chunks.items())


def test_no_secret_reaches_journal_log_or_receipts(stack: tuple[Kiosk, Path]) -> None:
    kiosk, log_file = stack
    results = _run_sessions(kiosk)
    assert [r.outcome.amount_fen for r in results if r.outcome] == [40000, 3000, 5000]
    data_dir = kiosk.settings.data_dir
    kiosk.close()  # flush the journal (WAL checkpoint) and stop every thread; close twice is safe
    for handler in logging.getLogger().handlers:
        handler.flush()

    files = [p for p in data_dir.rglob("*") if p.is_file()] + [log_file]
    receipts = sorted((data_dir / "receipts").glob("*.png"))
    assert len(receipts) == 3, "every payment archived its receipt"
    assert any(p.name.startswith("journal.db") for p in files)
    assert log_file.stat().st_size > 0
    # Positive controls: the search looks at the right bytes (masked forms are there).
    journal = (data_dir / "journal.db").read_bytes().decode("latin-1")
    assert "621234" in journal and "4569" in journal  # the masked card number
    assert "3300000002" in log_file.read_text(encoding="utf-8")  # HTTP lines were logged
    found = []
    for path in files:
        raw = path.read_bytes()
        texts = [raw.decode("latin-1")]
        if path.suffix == ".png":
            texts.append(_png_texts(path))
        for what, needle in NEEDLES.items():
            if any(needle in text for text in texts):
                found.append(f"{what} in {path.relative_to(path.parents[1])}")
    assert found == []
