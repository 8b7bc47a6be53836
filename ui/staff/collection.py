"""The cash collection walk: start, cashbox out, count per denomination, cashbox in, close.

Every step is a persisted state in kiosk/staff/collection.py, so a page opened after a restart
simply shows the step the open collection is in. The acceptor's CASHBOX_REMOVED/REPLACED events
move the collection in the core (kiosk/staff/acceptor_tap.CashboxWatcher); the console then calls
`device_cashbox_removed()` / `device_cashbox_inserted()` on the GUI thread, which show the new
step. In simulation two buttons stand in for the device.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton

from kiosk.app import Kiosk
from kiosk.money import format_yuan
from kiosk.receipts.collection import CollectionSlip, render_collection_slip
from kiosk.staff.collection import CollectionView
from kiosk.staff.desk import StaffDesk
from kiosk.staff.errors import StaffError
from ui.staff.base import StaffPage, reason_presets
from ui.staff.worker import Background
from ui.widgets import Keypad, button, label

DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 100)  # fen, largest first


class CollectionPage(StaffPage):
    def __init__(
        self,
        kiosk: Kiosk,
        desk: StaffDesk,
        worker: Background,
        back: Callable[[], None],
        *,
        simulation: bool = True,
    ) -> None:
        super().__init__("collection", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self.title.setText(self.tr("Cash collection"))
        self.step = label("", "body")
        self.step.setObjectName("staff_collection_step")
        self.body.addWidget(self.step)
        row = QHBoxLayout()
        self.start_button = self._action(row, "staff_collection_start", "go", self.start)
        self.removed_button = self._action(row, "staff_collection_removed", "sim", self.removed)
        self.record_button = self._action(row, "staff_collection_record", "go", self.record)
        self.inserted_button = self._action(row, "staff_collection_inserted", "sim", self.inserted)
        self.close_button = self._action(row, "staff_collection_close", "go", self.close_it)
        self.start_button.setText(self.tr("Start collection"))
        self.removed_button.setText(self.tr("Cashbox removed (simulation)"))
        self.record_button.setText(self.tr("Record count"))
        self.inserted_button.setText(self.tr("Empty cashbox inserted (simulation)"))
        self.close_button.setText(self.tr("Close and print slip"))
        self.simulation = simulation
        self.body.addLayout(row)
        # counting: one row per denomination; the keypad types into the selected one
        count_row = QHBoxLayout()
        grid = QGridLayout()
        self.count_buttons: dict[int, QPushButton] = {}
        for index, value in enumerate(DENOMINATIONS):
            widget = button(f"staff_count_{value}", "primary")
            widget.setCheckable(True)
            widget.setMinimumHeight(64)
            widget.clicked.connect(lambda _=False, v=value: self.select(v))
            grid.addWidget(widget, index, 0)
            self.count_buttons[value] = widget
        count_row.addLayout(grid, 1)
        self.keypad = Keypad("staff_count")
        self.keypad.ok_key.setText(self.tr("Next"))
        self.keypad.digit.connect(self._digit)
        self.keypad.erase.connect(self._erase)
        self.keypad.ok.connect(self._next)
        count_row.addWidget(self.keypad)
        self.count_area = [*self.count_buttons.values(), self.keypad]
        self.body.addLayout(count_row)
        self.totals = label("", "body")
        self.totals.setObjectName("staff_collection_totals")
        self.body.addWidget(self.totals)
        self.reason = QLineEdit()
        self.reason.setObjectName("staff_collection_reason")
        self.reason.setPlaceholderText(self.tr("Reason for the difference (required if not zero)"))
        self.reason.setMinimumHeight(64)
        self.body.addWidget(self.reason)
        self.presets = reason_presets(
            "staff_collection_reason",
            self.reason,
            [
                self.tr("Note stuck in the acceptor path"),
                self.tr("Counted twice, difference confirmed"),
                self.tr("Damaged note set aside"),
            ],
            self.body,
        )
        self.count_area += self.presets
        self.body.addStretch(1)
        self.counts: dict[int, str] = {}
        self.selected = DENOMINATIONS[0]
        self.current: CollectionView | None = None
        self.printed: Any = None

    def _action(
        self, row: QHBoxLayout, name: str, role: str, slot: Callable[[], None]
    ) -> QPushButton:
        widget = button(name, role, slot)
        widget.setMinimumHeight(88)
        row.addWidget(widget)
        return widget

    # -- state -> widgets -----------------------------------------------------------------
    def refresh(self) -> None:
        self.current = self.desk.collections.current_collection()
        if self.current is not None and self.current.counted and not self.counts:
            self.counts = {v: str(n) for v, n in self.current.counted.items()}
        self._render()

    def _render(self) -> None:
        state = self.current.state if self.current is not None else None
        counting = state in ("cashbox_removed", "counted")
        self.start_button.setVisible(state is None)
        self.removed_button.setVisible(state == "started" and self.simulation)
        self.record_button.setVisible(counting)
        self.inserted_button.setVisible(state == "counted" and self.simulation)
        self.close_button.setVisible(state == "cashbox_inserted")
        for widget in self.count_area:
            widget.setVisible(counting)
        self.reason.setVisible(counting)
        steps = {
            None: self.tr("No collection is open. Start one to take the kiosk out of service."),
            "started": self.tr("Open the safe and remove the cashbox."),
            "cashbox_removed": self.tr("Count the notes: enter the number of each note."),
            "counted": self.tr("Count recorded. Insert the empty cashbox (or correct the count)."),
            "cashbox_inserted": self.tr("Cashbox is back. Close the collection."),
        }
        self.step.setText(steps.get(state, str(state)))
        for value, widget in self.count_buttons.items():
            widget.setChecked(value == self.selected)
            widget.setText(f"{format_yuan(value)}  ×  {self.counts.get(value) or '0'}")
        self._show_totals()

    def _counted(self) -> dict[int, int]:
        return {v: int(n) for v, n in self.counts.items() if n and int(n)}

    def _show_totals(self) -> None:
        view = self.current
        if view is None or view.expected_total_fen is None:
            self.totals.setText("")
            return
        counted = sum(v * n for v, n in self._counted().items())
        diff = counted - view.expected_total_fen
        self.totals.setText(
            self.tr("Expected {expected} · counted {counted} · difference {diff}").format(
                expected=format_yuan(view.expected_total_fen),
                counted=format_yuan(counted),
                diff=("+" if diff > 0 else "") + format_yuan(diff),
            )
        )

    # -- counting ---------------------------------------------------------------------------
    def select(self, value: int) -> None:
        self.selected = value
        self._touch()
        self._render()

    def _digit(self, d: str) -> None:
        text = (self.counts.get(self.selected, "") + d).lstrip("0")
        if len(text) <= 5:
            self.counts[self.selected] = text
        self._touch()
        self._render()

    def _erase(self) -> None:
        self.counts[self.selected] = self.counts.get(self.selected, "")[:-1]
        self._render()

    def _next(self) -> None:
        index = DENOMINATIONS.index(self.selected)
        self.select(DENOMINATIONS[(index + 1) % len(DENOMINATIONS)])

    def enter_counts(self, counts: dict[int, int]) -> None:
        """Fill the count fields (what the keypad does, digit by digit)."""
        self.counts = {v: str(n) for v, n in counts.items()}
        self._render()

    # -- steps ------------------------------------------------------------------------------
    def _touch(self) -> None:
        if self.desk.session is not None:
            self.desk.session.touch()

    def _do(self, step: Callable[[], CollectionView]) -> bool:
        self._touch()
        try:
            self.current = step()
        except StaffError as exc:
            self.say(str(exc))
            return False
        self.say("")
        self._render()
        return True

    def start(self) -> None:
        session = self.desk.session
        if session is not None:
            self._do(lambda: self.desk.collections.start(session))

    def removed(self) -> None:
        session = self.desk.session
        self._do(lambda: self.desk.collections.cashbox_removed(session))

    def device_cashbox_removed(self) -> None:
        """The acceptor reported CASHBOX_REMOVED and the core took the step: show it."""
        self.refresh()
        if self.current is not None and self.current.state == "cashbox_removed":
            self.say(self.tr("The acceptor reports the cashbox out."))

    def record(self) -> None:
        session = self.desk.session
        if session is None:
            return
        counted, why = self._counted(), self.reason.text()
        expected = self.current.expected_total_fen if self.current is not None else None
        differs = expected is not None and sum(v * n for v, n in counted.items()) != expected
        if differs and not why.strip():
            self.say(self.tr("The count differs from the expected amount: give a reason."))
            return
        self._do(lambda: self.desk.collections.count(session, counted, why or None))

    def inserted(self) -> None:
        session = self.desk.session
        self._do(lambda: self.desk.collections.cashbox_inserted(session))

    def device_cashbox_inserted(self) -> None:
        """The acceptor reported CASHBOX_REPLACED and the core took the step: show it."""
        self.refresh()
        if self.current is not None and self.current.state == "cashbox_inserted":
            self.say(self.tr("The acceptor reports the cashbox back in."))

    def close_it(self) -> None:
        session = self.desk.session
        if session is None:
            return
        if not self._do(lambda: self.desk.collections.close(session)):
            return
        closed = self.current
        self.counts = {}
        self.reason.clear()
        self.current = None
        self._render()
        if closed is not None:
            self.say(self.tr("Collection closed. Printing the slip..."))
            self.worker.run(lambda: self._print_slip(closed), self._printed)

    def _print_slip(self, view: CollectionView) -> None:
        settings = self.kiosk.settings
        slip = CollectionSlip(
            kiosk_id=settings.kiosk.id,
            kiosk_location=settings.kiosk.location,
            collected_at=self.kiosk.clock.now(),
            collection_id=view.collection_id,
            operator=view.staff_id,
            expected=view.expected or {},
            counted=view.counted or {},
        )
        image = render_collection_slip(slip, settings.devices.printer.width_px)
        self.kiosk.printer.print_image(image)
        self.printed = view.collection_id

    def _printed(self, _result: Any, error: Exception | None) -> None:
        if error is not None:
            self.say(
                self.tr("Collection closed; the slip did not print: {error}").format(error=error)
            )
        else:
            self.say(self.tr("Collection closed. The slip is printed."))
