"""Reprint a receipt of today: the archived PNGs in data_dir/receipts, printed on a worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtWidgets import QListWidget

from kiosk.app import Kiosk
from kiosk.staff.desk import StaffDesk
from kiosk.staff.settlement import business_date_of
from ui.staff.base import StaffPage
from ui.staff.worker import Background, audit_later
from ui.widgets import button


def todays_receipts(kiosk: Kiosk) -> list[Path]:
    folder = kiosk.settings.data_dir / "receipts"
    if not folder.is_dir():
        return []
    today = business_date_of(kiosk.clock.now())
    found = [
        p
        for p in folder.glob("*.png")
        if business_date_of(datetime.fromtimestamp(p.stat().st_mtime, UTC)) == today
    ]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def print_png(kiosk: Kiosk, path: Path) -> None:
    with Image.open(path) as image:
        image.load()
        kiosk.printer.print_image(image)


class ReprintPage(StaffPage):
    def __init__(
        self, kiosk: Kiosk, desk: StaffDesk, worker: Background, back: Callable[[], None]
    ) -> None:
        super().__init__("reprint", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self.title.setText(self.tr("Reprint a receipt of today"))
        self.items = QListWidget()
        self.items.setObjectName("staff_reprint_list")
        self.body.addWidget(self.items, 1)
        self.print_button = button("staff_reprint_print", "go", self.reprint)
        self.print_button.setText(self.tr("Print the selected receipt"))
        self.print_button.setMinimumHeight(88)
        self.body.addWidget(self.print_button)
        self.paths: list[Path] = []

    def refresh(self) -> None:
        self.say("")
        self.items.clear()
        self.paths = todays_receipts(self.kiosk)
        for path in self.paths:
            self.items.addItem(path.stem)
        if self.paths:
            self.items.setCurrentRow(0)
        else:
            self.say(self.tr("No receipts today."))

    def reprint(self) -> None:
        row, session = self.items.currentRow(), self.desk.session
        if session is None or not 0 <= row < len(self.paths):
            return
        session.touch()
        path = self.paths[row]
        audit_later(self.worker, self.kiosk.journal, session.actor, "receipt_reprinted", path.stem)
        self.say(self.tr("Printing..."))
        self.worker.run(lambda: print_png(self.kiosk, path), self._printed)

    def _printed(self, _result: Any, error: Exception | None) -> None:
        if error is not None:
            self.say(self.tr("Printing failed: {error}").format(error=error))
        else:
            self.say(self.tr("Printed."))
