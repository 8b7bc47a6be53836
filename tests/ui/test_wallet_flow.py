"""Mobile payment through the real widgets: the shown QR decodes to the order, a code pays."""

from __future__ import annotations

import httpx
import numpy as np
import zxingcpp
from PySide6.QtGui import QImage

from kiosk.session.state import Screen
from tests.ui.helpers import open_account, tap, text_of, type_digits, wait_screen


def to_method(qtbot, window, kiosk, amount_yuan: str = "80") -> None:
    open_account(qtbot, window, "3300000002")
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)
    type_digits(qtbot, window, "amount", amount_yuan)
    tap(qtbot, window, "amount_key_ok")
    wait_screen(qtbot, window, Screen.METHOD)


def decode_widget(widget) -> list[str]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)[:, :width]
    return [r.text for r in zxingcpp.read_barcodes(np.ascontiguousarray(pixels))]


def test_displayed_qr_decodes_to_the_order_and_paying_it_completes(qtbot, kiosk, window):
    to_method(qtbot, window, kiosk)
    tap(qtbot, window, "method_wallet_qr")
    wait_screen(qtbot, window, Screen.CONFIRM)
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.WALLET_QR)
    qtbot.waitUntil(lambda: kiosk.session.state.wallet_url is not None, timeout=10000)
    screen = window.screens[Screen.WALLET_QR]
    qtbot.waitUntil(lambda: not screen.qr.pixmap().isNull(), timeout=5000)
    order = kiosk.journal.list_transactions(kind="mobile_order")[0]
    assert decode_widget(screen.qr) == [order.detail["code_url"]]
    assert text_of(window, "order_countdown").endswith(("4:59", "5:00", "4:58"))
    reply = httpx.post(
        f"{kiosk.simulator.url}/v1/sim/mobile-orders/{order.id}/pay", json={"wallet": "wechat"}
    )
    assert reply.status_code == 200
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    outcome = kiosk.session.state.outcome
    assert outcome.posted and outcome.amount_fen == 8000 and outcome.method == "wechat"


def test_payment_code_pays_and_a_bill_qr_is_refused_meanwhile(qtbot, kiosk, window):
    to_method(qtbot, window, kiosk, "50")
    tap(qtbot, window, "method_wallet")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.WALLET_SCAN)
    kiosk.scanner.show("https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10")
    qtbot.waitUntil(lambda: kiosk.session.state.message == "not_a_payment_code", timeout=5000)
    assert kiosk.session.state.screen is Screen.WALLET_SCAN
    kiosk.scanner.show("284567890123456789")  # Alipay: 18 digits starting 28
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    outcome = kiosk.session.state.outcome
    assert outcome.posted and outcome.amount_fen == 5000 and outcome.method == "alipay"


def test_cancel_while_the_phone_confirms_reverses_and_charges_nothing(qtbot, kiosk, window):
    to_method(qtbot, window, kiosk, "50")
    tap(qtbot, window, "method_wallet")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.WALLET_SCAN)
    kiosk.scanner.show("134567890123450003")  # USERPAYING, never paid
    wait_screen(qtbot, window, Screen.WALLET_WAIT)
    qtbot.waitUntil(lambda: kiosk.session.state.wallet_phase == "userpaying", timeout=10000)
    tap(qtbot, window, "wallet_cancel")
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)
    assert kiosk.session.state.message == "wallet_cancelled"
    charge = kiosk.journal.list_transactions(kind="mobile_charge")[0]
    assert charge.state == "cancelled"
    assert kiosk.journal.list_transactions(kind="payment") == []
