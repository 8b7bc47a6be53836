"""The attention list: items the kiosk could not settle alone; retry or resolve with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget

from kiosk.staff.desk import StaffDesk
from kiosk.staff.errors import StaffError
from ui.staff.base import StaffPage, reason_presets
from ui.widgets import button


class AttentionPage(StaffPage):
    def __init__(self, desk: StaffDesk, back: Callable[[], None]) -> None:
        super().__init__("attention", back)
        self.desk = desk
        self.title.setText(self.tr("Attention list"))
        self.items = QListWidget()
        self.items.setObjectName("staff_attention_list")
        self.items.setWordWrap(True)
        self.body.addWidget(self.items, 1)
        self.reason = QLineEdit()
        self.reason.setObjectName("staff_attention_reason")
        self.reason.setPlaceholderText(self.tr("Reason for resolving"))
        self.reason.setMinimumHeight(64)
        self.body.addWidget(self.reason)
        reason_presets(
            "staff_attention_reason",
            self.reason,
            [
                self.tr("Checked with the utility: settled"),
                self.tr("Refunded to the resident"),
                self.tr("Duplicate, no action needed"),
            ],
            self.body,
        )
        row = QHBoxLayout()
        self.retry_button = button("staff_attention_retry", "primary", self.retry)
        self.retry_button.setText(self.tr("Retry"))
        self.resolve_button = button("staff_attention_resolve", "danger", self.resolve)
        self.resolve_button.setText(self.tr("Resolve"))
        for widget in (self.retry_button, self.resolve_button):
            widget.setMinimumHeight(72)
            row.addWidget(widget)
        self.body.addLayout(row)
        self._ids: list[int] = []

    def refresh(self) -> None:
        self.items.clear()
        self._ids = []
        for item in self.desk.attention.open_items():
            when = item.created_at.strftime("%m-%d %H:%M")
            self.items.addItem(f"#{item.id}  {when}  {item.txn_id or ''}\n{item.reason}")
            self._ids.append(item.id)
        if self._ids:
            self.items.setCurrentRow(0)
        else:
            self.say(self.tr("Nothing needs attention."))

    def _selected(self) -> int | None:
        row = self.items.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def retry(self) -> None:
        item, session = self._selected(), self.desk.session
        if item is None or session is None:
            return
        try:
            outcome = self.desk.attention.retry(session, item)
        except StaffError as exc:
            self.say(str(exc))
            return
        self.refresh()
        self.say(outcome.note)

    def resolve(self) -> None:
        item, session = self._selected(), self.desk.session
        if item is None or session is None:
            return
        if not self.reason.text().strip():
            self.say(self.tr("Type a reason first."))
            return
        try:
            self.desk.attention.resolve(session, item, self.reason.text())
        except StaffError as exc:
            self.say(str(exc))
            return
        self.reason.clear()
        self.refresh()
        self.say(self.tr("Resolved."))
