""" "Cashbox now": notes by denomination and the total since the last collection."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.app import Kiosk
from kiosk.money import format_yuan
from kiosk.staff.cashbox import cashbox_now
from ui.staff.base import StaffPage
from ui.widgets import label


class CashboxPage(StaffPage):
    def __init__(self, kiosk: Kiosk, back: Callable[[], None]) -> None:
        super().__init__("cashbox", back)
        self.kiosk = kiosk
        self.title.setText(self.tr("Cashbox now"))
        self.lines = label("", "body")
        self.lines.setObjectName("staff_cashbox_lines")
        self.total = label("", "amount", wrap=False)
        self.total.setObjectName("staff_cashbox_total")
        self.body.addWidget(self.lines)
        self.body.addWidget(self.total)
        self.body.addStretch(1)

    def refresh(self) -> None:
        now = cashbox_now(self.kiosk.journal)
        self.lines.setText("\n".join(now.lines()) or self.tr("The cashbox is empty."))
        self.total.setText(
            self.tr("{notes} notes, total {total}").format(
                notes=now.notes, total=format_yuan(now.total_fen)
            )
        )
