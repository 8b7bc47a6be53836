"""A made-up account for warming screens off screen at start-up (`MainWindow._warm`).

The first time a screen is drawn with real data Qt lays out its tables and chart and rasterises
the digits and characters for the first time: 40-60 ms on the GUI thread, in front of the first
resident. Drawing it once at start-up, with data of the same shape, moves that cost to an idle
moment. Nothing here is ever shown: the screen is rendered off screen and drawn again from the
real state before it appears.
"""

from __future__ import annotations

from kiosk.session.state import Screen, SessionState
from kiosk.session.views import (
    AccountView,
    BillLineView,
    BillView,
    PaymentHistoryView,
    PaymentOutcomeView,
    PaymentRecordView,
    UsageMonthView,
)

SAMPLE_ACCOUNT_NO = "0000000000"  # no real account has it (account numbers start 33)


def sample_account() -> AccountView:
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    return AccountView(
        account_no=SAMPLE_ACCOUNT_NO,
        holder_masked="张*明",
        address_masked="杭州市西湖区文三路***号",
        category="residential",
        billing_mode="postpaid",
        status="arrears",
        balance_fen=0,
        arrears_fen=37714,
        late_fee_fen=697,
        amount_due_fen=38411,
        min_payment_fen=100,
        max_payment_fen=5_000_000,
        bills=tuple(
            BillView(
                bill_id=f"B-{SAMPLE_ACCOUNT_NO}-{period}",
                period=period,
                due_on=f"{period}-20",
                usage_kwh="412.00",
                amount_fen=23726,
                paid_fen=0,
                late_fee_fen=697 if index == 0 else 0,
                status="unpaid",
                lines=(
                    BillLineView("tier1", "100.00", "0.5380", 5380),
                    BillLineView("tier2", "312.00", "0.5880", 18346),
                ),
            )
            for index, period in enumerate(months[-2:])
        ),
        usage=tuple(UsageMonthView(period, "298.50", 16059) for period in months),
    )


def sample_history() -> PaymentHistoryView:
    records = tuple(
        PaymentRecordView(
            channel=channel,
            method="cash",
            amount_fen=16140,
            posted_at=f"2026-{month:02d}-15T02:00:00Z",
            receipt_no=f"R-{SAMPLE_ACCOUNT_NO}-{month:02d}",
        )
        for month, channel in zip(
            range(10, 0, -1), ("kiosk", "app", "bank", "counter") * 3, strict=False
        )
    )
    return PaymentHistoryView(SAMPLE_ACCOUNT_NO, "loaded", records)


def sample_outcome() -> PaymentOutcomeView:
    return PaymentOutcomeView(
        transaction_id="T-warm-up",
        amount_fen=40000,
        posted=True,
        receipt_no=f"R-{SAMPLE_ACCOUNT_NO}-0001",
        new_balance_fen=1589,
        new_amount_due_fen=0,
        to_balance_fen=1589,
        notes=((10000, 3), (5000, 1), (2000, 2), (1000, 1)),
        late_fee_paid_fen=697,
    )


def sample_state(screen: Screen, language: str, senior: bool = False) -> SessionState:
    return SessionState(
        screen=screen,
        language=language,
        senior=senior,
        account=sample_account(),
        history=sample_history(),
        amount_input="384",
        amount_fen=38411,
        transaction_id="T-warm-up",
        notes=(10000, 10000, 10000, 5000, 2000, 2000, 1000),
        outcome=sample_outcome(),
        receipt="printed",
    )
