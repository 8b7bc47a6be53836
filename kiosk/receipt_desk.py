"""Issues the receipt of a finished payment: rendered to an image, printed, and kept as a PNG."""

from __future__ import annotations

import logging
from pathlib import Path

from drivers.errors import DeviceError
from drivers.printer.base import PaperStatus, ReceiptPrinter
from kiosk.clock import Clock
from kiosk.receipts.model import BillLine, CashPayment, Payment, Receipt, WalletPayment
from kiosk.receipts.render import render_receipt
from kiosk.session.views import AccountView, PaymentOutcomeView

log = logging.getLogger(__name__)


class PrinterReceiptDesk:
    def __init__(
        self,
        printer: ReceiptPrinter,
        *,
        kiosk_id: str,
        location: str,
        e_receipt_url: str,
        width_px: int,
        clock: Clock,
        archive: Path,
    ) -> None:
        self._printer = printer
        self._kiosk_id = kiosk_id
        self._location = location
        self._url = e_receipt_url
        self._width = width_px
        self._clock = clock
        self._archive = archive

    def paper_available(self) -> bool:
        try:
            return self._printer.paper_status() in (PaperStatus.OK, PaperStatus.NEAR_END)
        except DeviceError:
            return False

    def build(self, outcome: PaymentOutcomeView, account: AccountView, language: str) -> Receipt:
        periods = {b.bill_id: b.period for b in account.bills}
        return Receipt(
            kiosk_id=self._kiosk_id,
            kiosk_location=self._location,
            issued_at=self._clock.now(),
            receipt_no=outcome.receipt_no or "—",
            transaction_id=outcome.transaction_id,
            account_no=account.account_no,
            holder_masked=account.holder_masked,
            bills=tuple(
                BillLine(bill_id=bill_id, period=periods.get(bill_id, bill_id[-7:]), amount_fen=fen)
                for bill_id, fen in outcome.applied
            ),
            late_fee_fen=outcome.late_fee_paid_fen,
            payments=(self._payment(outcome),),
            surplus_to_balance_fen=outcome.to_balance_fen or 0,
            new_balance_fen=outcome.new_balance_fen or 0,
            e_receipt_url=self._url.format(receipt_no=outcome.receipt_no or outcome.transaction_id),
            language="en" if language == "en" else "zh",
        )

    @staticmethod
    def _payment(outcome: PaymentOutcomeView) -> Payment:
        if outcome.method == "cash":
            return CashPayment(notes=dict(outcome.notes))
        wallet = {"unionpay_qr": "unionpay"}.get(outcome.method, outcome.method)
        return WalletPayment(wallet=wallet, amount_fen=outcome.amount_fen)

    def issue(self, outcome: PaymentOutcomeView, account: AccountView, language: str) -> str:
        """Print; "printed", "no_paper" or "failed". The PNG is kept for reprints either way."""
        image = render_receipt(self.build(outcome, account, language), self._width)
        self._archive.mkdir(parents=True, exist_ok=True)
        image.save(self._archive / f"{outcome.transaction_id}.png")
        try:
            status = self._printer.paper_status()
        except DeviceError as exc:
            log.warning("printer status unavailable: %s", exc)
            return "failed"
        if status is PaperStatus.OUT:
            return "no_paper"
        if status is PaperStatus.UNKNOWN:
            return "failed"  # unknown is not "ok": never claim a receipt came out
        try:
            self._printer.print_image(image)
        except DeviceError as exc:
            log.warning("receipt %s not printed: %s", outcome.transaction_id, exc)
            return "no_paper" if exc.code == "PAPER_OUT" else "failed"
        return "printed"
