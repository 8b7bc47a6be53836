"""Receipts as data and their rendering to a 1-bit image for any receipt printer."""

from kiosk.receipts.collection import CollectionSlip, render_collection_slip
from kiosk.receipts.model import (
    BillLine,
    CardPayment,
    CashPayment,
    Payment,
    PrepaidPurchase,
    Receipt,
    WalletPayment,
)
from kiosk.receipts.render import render_receipt

__all__ = [
    "BillLine",
    "CardPayment",
    "CashPayment",
    "CollectionSlip",
    "Payment",
    "PrepaidPurchase",
    "Receipt",
    "WalletPayment",
    "render_collection_slip",
    "render_receipt",
]
