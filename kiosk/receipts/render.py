"""Receipt -> 1-bit image for any printer width. Raster, so Chinese prints on every printer."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone, tzinfo

from PIL import Image

from kiosk.masking import mask_name
from kiosk.money import format_yuan
from kiosk.receipts.labels import label, wallet_name
from kiosk.receipts.layout import Sheet
from kiosk.receipts.model import (
    LANGUAGES,
    BillLine,
    CardPayment,
    CashPayment,
    Language,
    PrepaidPurchase,
    Receipt,
    WalletPayment,
)

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def render_receipt(
    receipt: Receipt, width_px: int, display_tz: tzinfo = CHINA_STANDARD_TIME
) -> Image.Image:
    """A mode-"1" image `width_px` dots wide; the caller's printer prints it and cuts."""
    lang = receipt.language
    sheet = Sheet(width_px)
    indent = sheet.inner // 16

    def t(key: str, **values: str) -> str:
        return label(lang, key, **values)

    sheet.text(t("title"), sheet.big, align="center")
    sheet.gap(sheet.margin)
    sheet.pair(t("kiosk"), receipt.kiosk_id, sheet.small)
    sheet.pair(t("location"), receipt.kiosk_location, sheet.small)
    issued = receipt.issued_at.astimezone(display_tz).strftime("%Y-%m-%d %H:%M:%S")
    sheet.pair(t("time"), issued, sheet.small)
    sheet.pair(t("receipt_no"), receipt.receipt_no, sheet.small)
    sheet.pair(t("transaction_id"), receipt.transaction_id, sheet.small)
    sheet.rule()
    sheet.pair(t("account"), receipt.account_no)
    sheet.pair(t("holder"), mask_name(receipt.holder_masked))
    sheet.rule()

    if receipt.bills:
        sheet.text(t("bills"))
        for bill in receipt.bills:
            sheet.pair(
                t("bill_line", period=bill.period), format_yuan(bill.amount_fen), indent=indent
            )
            sheet.text(bill.bill_id, sheet.small, indent=indent * 2)
    if receipt.late_fee_fen:
        sheet.pair(t("late_fee"), format_yuan(receipt.late_fee_fen))
    if receipt.prepaid is not None:
        sheet.pair(t("prepaid_purchase"), format_yuan(receipt.prepaid.amount_fen))
        status = "card_written" if receipt.prepaid.card_written else "card_not_written"
        sheet.text(t(status), sheet.small, indent=indent)
    sheet.pair(t("total_due"), format_yuan(receipt.total_due_fen))
    sheet.rule()

    sheet.text(t("received"))
    for payment in receipt.payments:
        if isinstance(payment, CashPayment):
            sheet.pair(t("cash"), format_yuan(payment.amount_fen), indent=indent)
            for value, count in sorted(payment.notes.items(), reverse=True):
                if count:
                    line = t("cash_note", denomination=format_yuan(value), count=str(count))
                    sheet.pair(line, format_yuan(value * count), sheet.small, indent=indent * 2)
        elif isinstance(payment, CardPayment):
            sheet.pair(
                t("card", pan=payment.masked_pan), format_yuan(payment.amount_fen), indent=indent
            )
        elif isinstance(payment, WalletPayment):
            name = wallet_name(lang, payment.wallet)
            sheet.pair(t("wallet", wallet=name), format_yuan(payment.amount_fen), indent=indent)
    sheet.pair(t("total_received"), format_yuan(receipt.total_received_fen))
    if receipt.surplus_to_balance_fen:
        sheet.pair(t("surplus"), format_yuan(receipt.surplus_to_balance_fen))
    sheet.pair(t("new_balance"), format_yuan(receipt.new_balance_fen))
    sheet.rule()

    if receipt.e_receipt_url:
        sheet.qr(receipt.e_receipt_url)
        sheet.text(t("e_receipt"), sheet.small, align="center")
    if receipt.notice:
        sheet.text(receipt.notice, sheet.small, align="center")
    sheet.text(t("footer"), sheet.small, align="center")
    return sheet.render()


def warm_up(width_px: int) -> None:
    """Render a receipt with every label once, in each language, encode it as PNG, and throw
    it away.

    The first receipt of a process otherwise loads the fonts, measures and rasterises every
    label and imports Pillow's PNG writer for the archive copy (~35 ms plus the import, instead
    of ~8, holding the GIL while the GUI thread paints the result screen); call this once at
    start, on a worker thread.
    """
    for language in LANGUAGES:
        render_receipt(_sample(language), width_px).save(io.BytesIO(), "PNG")


def _sample(language: Language) -> Receipt:
    """Every row a receipt can have; the values are placeholders."""
    return Receipt(
        kiosk_id="K-0000",
        kiosk_location="-",
        issued_at=datetime(2026, 1, 1, tzinfo=CHINA_STANDARD_TIME),
        receipt_no="R-0",
        transaction_id="T-0",
        account_no="0",
        holder_masked="*",
        bills=(BillLine("B-0", "2026-01", 100),),
        late_fee_fen=1,
        payments=(
            CashPayment({10000: 1}),
            CardPayment("622848******0000", 100),
            WalletPayment("wechat", 100),
            WalletPayment("alipay", 100),
            WalletPayment("unionpay", 100),
        ),
        surplus_to_balance_fen=1,
        prepaid=PrepaidPurchase(100, card_written=True),
        e_receipt_url="https://example.invalid/r/0",
        language=language,
    )
