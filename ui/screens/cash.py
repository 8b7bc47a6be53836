"""Cash: notes go in, each credited note is shown; the resident finishes when ready."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from ui.pictograms import Pictogram
from ui.screens.base import ScreenWidget
from ui.widgets import button, card, label


class CashScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        row = QHBoxLayout()
        row.setSpacing(24)
        figures = card()
        grid = QGridLayout(figures)
        grid.setContentsMargins(32, 24, 32, 24)
        grid.setVerticalSpacing(12)
        self.target_key, self.target = label("", "muted"), label("", "amount")
        self.inserted_key, self.inserted = label("", "muted"), label("", "money-in")
        self.inserted.setObjectName("cash_inserted")
        self.remaining_key, self.remaining = label("", "muted"), label("")
        self.surplus = label("", "muted")
        for r, (k, v) in enumerate(
            (
                (self.target_key, self.target),
                (self.inserted_key, self.inserted),
                (self.remaining_key, self.remaining),
            )
        ):
            grid.addWidget(k, r, 0)
            grid.addWidget(v, r, 1)
        grid.addWidget(self.surplus, 3, 0, 1, 2)
        row.addWidget(figures, 3)
        notes_card = card()
        notes_box = QGridLayout(notes_card)
        notes_box.setContentsMargins(24, 20, 24, 20)
        self.notes_title = label("", "muted")
        self.notes = label("")
        self.notes.setObjectName("cash_notes")
        notes_box.addWidget(self.notes_title, 0, 0)
        notes_box.addWidget(self.notes, 1, 0)
        row.addWidget(notes_card, 2)
        self.body.addLayout(row)
        self.instructions = label("")
        self.body.addWidget(self.instructions)
        self.body.addWidget(Pictogram("insert_note"), 1)
        self.body.addStretch(0)
        self.cancel_button = button("cash_cancel", "danger", self.session.cancel)
        self.done_button = button("cash_done", "go", self.session.finish_cash)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.done_button)

    def render(self, state: SessionState) -> None:
        target = state.amount_fen or 0
        inserted = state.inserted_fen
        self.title.setText(self.tr("Please insert your notes"))
        self.target_key.setText(self.tr("To pay"))
        self.target.setText(format_yuan(target))
        self.inserted_key.setText(self.tr("Inserted"))
        self.inserted.setText(format_yuan(inserted))
        self.remaining_key.setText(self.tr("Still to pay"))
        self.remaining.setText(format_yuan(max(0, target - inserted)))
        self.surplus.setText(
            self.tr("{amount} will go to your account balance.").format(
                amount=format_yuan(state.surplus_fen)
            )
            if state.surplus_fen > 0
            else self.tr("No change is given: any surplus goes to your account balance.")
        )
        self.notes_title.setText(self.tr("Notes received"))
        counts = Counter(state.notes)
        self.notes.setText(
            "\n".join(f"{format_yuan(v)} × {n}" for v, n in sorted(counts.items(), reverse=True))
            or "—"
        )
        self.instructions.setText(
            self.tr(
                "Insert one note at a time, face up. Accepted: ¥1, ¥5, ¥10, ¥20, ¥50, ¥100. "
                "Touch Done when you have finished."
            )
        )
        has_notes = bool(state.notes)
        # Once a note is in, the session can only end by crediting it: "cancel" becomes "finish".
        self.cancel_button.setVisible(not has_notes)
        self.cancel_button.setText(self.tr("Cancel"))
        self.done_button.setEnabled(has_notes)
        self.done_button.setText(
            self.tr("Done, pay {amount}").format(amount=format_yuan(inserted))
            if has_notes
            else self.tr("Done")
        )
