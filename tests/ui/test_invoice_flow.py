"""E-invoices through the real widgets after a cash payment: a personal invoice with a name typed
in pinyin, its QR decoding to the download address; then a company invoice whose tax id fails the
check character (warned, confirmed, refused by the tax system), corrected, and answered with the
invoice the payment already has."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PySide6.QtGui import QImage

from kiosk.pinyin_index import default_index
from kiosk.session.state import Screen
from tests.ui import helpers
from tests.ui.helpers import (
    CHECKED_SHAPES,
    ShapeCheck,
    open_account,
    tap,
    text_of,
    wait_screen,
)
from ui.keyboard import key_name, warm_up

GOOD_USCC = "91350100M000100Y43"
BAD_USCC = "91350100M000100Y44"


@pytest.fixture(scope="module", autouse=True)
def _index_built() -> None:
    warm_up().join(60)
    default_index()


def decode_widget(widget) -> list[str]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)[:, :width]
    return [r.text for r in zxingcpp.read_barcodes(np.ascontiguousarray(pixels))]


def pay_cash(qtbot, kiosk, window) -> None:
    open_account(qtbot, window)
    due = kiosk.session.state.account.amount_due_fen
    tap(qtbot, window, "pay_due")
    tap(qtbot, window, "method_cash")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)
    for _ in range(due // 10000 + 1):
        kiosk.acceptor.insert(10000)
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    assert kiosk.session.state.outcome.posted and kiosk.session.state.outcome.payment_id


def keyboard(window):
    return window.screens[Screen.INVOICE].keyboard


def type_plain(qtbot, window, text: str) -> None:
    """Letters on the ABC page, digits on the 123 page, switching like a resident would."""
    kb = keyboard(window)
    for ch in text:
        wanted = "sym" if ch.isdigit() else "en" if ch.isalpha() else kb.mode()
        if kb.mode() != wanted:
            tap(qtbot, window, f"kb_mode_{wanted}")
        tap(qtbot, window, key_name(ch))


def type_pinyin(qtbot, window, letters: str, *picks: str) -> None:
    helpers.type_pinyin(qtbot, window, keyboard(window), letters, *picks)


def field(kiosk, name: str) -> str:
    return dict(kiosk.session.state.invoice_fields).get(name, "")


def test_personal_then_company_invoice(qtbot, kiosk, window):
    pay_cash(qtbot, kiosk, window)
    payment_id = kiosk.session.state.outcome.payment_id
    tap(qtbot, window, "invoice")
    wait_screen(qtbot, window, Screen.INVOICE)
    assert kiosk.session.state.invoice_kind == "personal"
    assert not window.screens[Screen.INVOICE].fields["tax_id"].isVisible()
    type_pinyin(qtbot, window, "zhangsanming", "张", "三", "明")
    assert field(kiosk, "name") == "张三明"
    assert window.screens[Screen.INVOICE].fields["name"].text() == "张三明"
    tap(qtbot, window, "kb_ok")  # OK on the keyboard goes on to the next field
    assert window.screens[Screen.INVOICE].active == "contact"
    type_plain(qtbot, window, "zhang.san@example.com")
    assert field(kiosk, "contact") == "zhang.san@example.com"
    assert field(kiosk, "name") == "张三明"  # switching fields kept the name
    tap(qtbot, window, "invoice_submit")
    wait_screen(qtbot, window, Screen.INVOICE_RESULT, timeout=30000)
    result = kiosk.session.state.invoice_result
    assert result.status == "issued", result
    assert result.invoice_no and text_of(window, "invoice_no") == result.invoice_no
    assert result.download_url.endswith(result.invoice_no)
    qr = window.screens[Screen.INVOICE_RESULT].qr
    assert qr.pixmap().width() >= 500  # large enough to scan from a phone
    assert decode_widget(qr) == [result.download_url]
    (txn,) = kiosk.journal.list_transactions(kind="invoice_request")
    assert txn.detail["buyer_name"] == "张*明"  # the journal keeps the masked name only
    assert txn.detail["payment_ids"] == [payment_id]
    first_invoice = result.invoice_no

    tap(qtbot, window, "invoice_done")
    wait_screen(qtbot, window, Screen.RESULT)
    tap(qtbot, window, "invoice")
    wait_screen(qtbot, window, Screen.INVOICE)
    assert kiosk.session.state.invoice_fields == ()  # a fresh form
    assert keyboard(window).text() == ""
    tap(qtbot, window, "invoice_kind_company")
    qtbot.waitUntil(lambda: window.screens[Screen.INVOICE].fields["tax_id"].isVisible())
    type_pinyin(qtbot, window, "beijingdianli", "北京", "电力")
    type_pinyin(qtbot, window, "gongsi", "公司")
    assert field(kiosk, "name") == "北京电力公司"
    tap(qtbot, window, "invoice_field_tax_id")
    type_plain(qtbot, window, BAD_USCC.lower())
    assert field(kiosk, "tax_id").upper() == BAD_USCC
    assert window.screens[Screen.INVOICE].fields["tax_id"].text() == BAD_USCC
    tap(qtbot, window, "invoice_submit")
    qtbot.waitUntil(lambda: kiosk.session.state.invoice_phase == "confirm_check", timeout=5000)
    warning = text_of(window, "invoice_message")
    assert "GB 32100" in warning
    assert not window.screens[Screen.INVOICE].submit_button.isVisible()
    tap(qtbot, window, "invoice_confirm")
    qtbot.waitUntil(
        lambda: kiosk.session.state.invoice_issues == (("tax_id", "tax_id_rejected"),),
        timeout=30000,
    )
    assert kiosk.session.state.screen is Screen.INVOICE
    rejected = window.messages.message("invoice_tax_id_rejected")
    assert rejected != window.messages.message("no_such_key")  # a text of its own
    qtbot.waitUntil(lambda: text_of(window, "invoice_message") == rejected)
    assert "统一社会信用代码" in rejected  # the resident reads it in Chinese
    refused = kiosk.journal.list_transactions(kind="invoice_request")
    assert len(refused) == 2
    # Correct the last character with the keyboard and send again.
    tap(qtbot, window, "invoice_field_tax_id")
    tap(qtbot, window, "kb_backspace")
    type_plain(qtbot, window, "3")
    assert field(kiosk, "tax_id").upper() == GOOD_USCC
    assert text_of(window, "invoice_message") == ""
    tap(qtbot, window, "invoice_submit")
    wait_screen(qtbot, window, Screen.INVOICE_RESULT, timeout=30000)
    result = kiosk.session.state.invoice_result
    assert result.status == "already_invoiced", result
    assert result.invoice_no == first_invoice
    assert text_of(window, "invoice_no") == first_invoice
    assert window.screens[Screen.INVOICE_RESULT].qr.pixmap().isNull()
    assert len(kiosk.journal.list_transactions(kind="invoice_request")) == 3
    tap(qtbot, window, "invoice_done")
    wait_screen(qtbot, window, Screen.RESULT)
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)


@pytest.mark.parametrize(("language", "senior", "size"), CHECKED_SHAPES)
def test_invoice_screens_pass_the_checker(qtbot, kiosk, window, language, senior, size):
    session = kiosk.session
    check = ShapeCheck(qtbot, window, "invoice", language, senior, size)
    pay_cash(qtbot, kiosk, window)

    tap(qtbot, window, "invoice")
    wait_screen(qtbot, window, Screen.INVOICE)
    for ch in "zhang":  # composing: the candidates are on show
        tap(qtbot, window, key_name(ch))
    assert keyboard(window).candidates()
    check("personal")
    tap(qtbot, window, "invoice_kind_company")
    qtbot.waitUntil(lambda: window.screens[Screen.INVOICE].fields["tax_id"].isVisible())
    session.invoice_field("name", "北京电力有限公司")
    session.invoice_field("tax_id", BAD_USCC)
    session.invoice_field("contact", "zhang.san@example.com")
    tap(qtbot, window, "invoice_field_contact")
    check("company")
    tap(qtbot, window, "invoice_submit")
    qtbot.waitUntil(lambda: session.state.invoice_phase == "confirm_check", timeout=5000)
    check("company+warning")
    tap(qtbot, window, "invoice_back")
    qtbot.waitUntil(lambda: session.state.invoice_phase == "form", timeout=5000)
    tap(qtbot, window, "invoice_kind_personal")
    tap(qtbot, window, "invoice_submit")
    wait_screen(qtbot, window, Screen.INVOICE_RESULT, timeout=30000)
    check("result")
    check.assert_clean()
