"""Payments the kiosk takes in: cash now; wallet and card flows hook into recovery later."""

from kiosk.payments.cash import CashPayments, PaymentOutcome
from kiosk.payments.recovery import RecoveryReport, recover

__all__ = ["CashPayments", "PaymentOutcome", "RecoveryReport", "recover"]
