"""Monthly auto-debit sign-up (代扣签约): the form (holder's name on the on-screen keyboard, day,
limit), the bank card, the confirmation with the masked card number, and the result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.mandate_terms import LIMIT_CHOICES_FEN, NAME_MAX
from kiosk.money import format_yuan
from kiosk.session.state import SessionState
from ui.keyboard import OnScreenKeyboard
from ui.reflow import ReflowGrid
from ui.screens.base import ScreenWidget
from ui.widgets import button, card, label

KEY_PX = {False: 62, True: 74}  # the keyboard shares the screen with the form (>= 60 px)
FN_PX = {False: 56, True: 62}  # the keys with words (smaller font): 64 and 70 px with the frame


def _stacked(caption: QWidget, content: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(8)
    column.addWidget(caption)
    column.addWidget(content)
    column.addStretch(1)  # both captions on one line when the columns differ in height
    return box


def _restyle(widget: QWidget, role: str) -> None:
    if (widget.property("role") or "") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class MandateScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.body.setSpacing(10)  # the name step fits 1280x1024 in large text, with a message
        self.intro = label("", "muted")
        self.body.addWidget(self.intro)
        # Step one: the holder's name, typed on the keyboard below.
        self.name_row = QWidget()
        name_row = QHBoxLayout(self.name_row)
        name_row.setContentsMargins(0, 0, 0, 0)
        name_row.setSpacing(16)
        self.holder_caption = label("", "muted", wrap=False)
        self.holder = button("mandate_holder", "display")
        # Lower than other buttons (72 px, above the 60 px floor): the keyboard needs the height.
        self.holder.setStyleSheet("text-align: left; padding: 6px 16px; min-height: 56px;")
        self.holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        name_row.addWidget(self.holder_caption)
        name_row.addWidget(self.holder, 1)
        self.body.addWidget(self.name_row)
        # Step two: the day and the limit, large, side by side where they fit.
        self.day_caption = label("", "muted", wrap=False)
        day_box = QWidget()
        day_row = QHBoxLayout(day_box)
        day_row.setContentsMargins(0, 0, 0, 0)
        self.day_down = button("mandate_day_down", None, lambda: self.session.mandate_day_step(-1))
        self.day_down.setText("−")
        self.day_value = label("", "amount")  # wraps: "Day 10 of each month" in a narrow column
        self.day_value.setObjectName("mandate_day")
        self.day_value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.day_up = button("mandate_day_up", None, lambda: self.session.mandate_day_step(+1))
        self.day_up.setText("+")
        day_row.addWidget(self.day_down)
        day_row.addWidget(self.day_value, 1)
        day_row.addWidget(self.day_up)
        self.limit_caption = label("", "muted", wrap=False)
        limit_grid = ReflowGrid((4, 2), spacing=16)
        self.limits: dict[int, QPushButton] = {}
        for fen in LIMIT_CHOICES_FEN:
            choice = button(
                f"mandate_limit_{fen}", None, lambda _=False, f=fen: self.session.mandate_limit(f)
            )
            choice.setText(format_yuan(fen))
            self.limits[fen] = choice
            limit_grid.add(choice)
        self.terms = ReflowGrid((2, 1), spacing=32)
        self.terms.add(_stacked(self.day_caption, day_box))
        self.terms.add(_stacked(self.limit_caption, limit_grid))
        self.terms.hide()  # each step shows only its own part: no hidden part adds height
        self.body.addWidget(self.terms)
        # The confirmation: what will be signed.
        self.summary = card()
        grid = QGridLayout(self.summary)
        grid.setContentsMargins(32, 24, 32, 24)
        grid.setVerticalSpacing(12)
        self.summary_rows: dict[str, tuple[object, object]] = {}
        for row, name in enumerate(("account", "holder", "card", "day", "limit")):
            key, value = label("", "muted"), label("")
            value.setObjectName(f"mandate_summary_{name}")
            grid.addWidget(key, row, 0)
            grid.addWidget(value, row, 1)
            self.summary_rows[name] = (key, value)
        grid.setColumnStretch(1, 1)
        self.summary.hide()  # shown only to confirm; hidden it adds nothing to the page's height
        self.body.addWidget(self.summary)
        self.message = label("", "message")
        self.message.setObjectName("mandate_message")
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard(max_length=NAME_MAX)
        self.keyboard.text_changed.connect(self.session.mandate_holder)
        self.keyboard.submitted.connect(lambda _text: self._submit())
        self.body.addWidget(self.keyboard)
        self.back_button = button("mandate_back", "danger", self.session.mandate_back)
        self.submit_button = button("mandate_submit", "go", self._submit)
        self.confirm_button = button("mandate_confirm", "go", self.session.mandate_confirm)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.submit_button)
        self.actions.addWidget(self.confirm_button)
        self._senior = False
        self.keyboard.set_key_heights({s: (KEY_PX[s], FN_PX[s]) for s in (False, True)})

    def _submit(self) -> None:
        if self.keyboard.composition():
            self.keyboard.set_mode(self.keyboard.mode())  # commits the best candidate
        self.session.mandate_submit()

    def render(self, state: SessionState) -> None:
        if state.senior != self._senior:
            self._senior = state.senior
            self.keyboard.set_senior(state.senior)
        phase = state.mandate_phase or "name"
        account = state.account
        masked_holder = account.holder_masked if account is not None else ""
        if phase == "name" and self.keyboard.text() != state.mandate_holder:
            self.keyboard.blockSignals(True)
            try:
                self.keyboard.set_text(state.mandate_holder)
                self.keyboard.set_mode("zh")
            finally:
                self.keyboard.blockSignals(False)
        titles = {
            "name": self.tr("Monthly auto-debit"),
            "terms": self.tr("When, and how much at most"),
            "insert": self.tr("Insert your bank card"),
            "reading": self.tr("Reading your card…"),
            "confirm": self.tr("Please check and confirm"),
            "sending": self.tr("Signing you up…"),
        }
        self.title.setText(titles.get(phase, titles["name"]))
        day, limit = state.mandate_day, format_yuan(state.mandate_limit_fen)
        intro = {
            "name": self.tr(
                "Your bank card pays each month's bill. First type the holder's full name, "
                "{holder}."
            ).format(holder=masked_holder),
            "terms": self.tr(
                "Choose the day of the month for the debit and the most it may take. A bill "
                "above the limit is not debited; you pay it as usual."
            ),
            "insert": self.tr(
                "Insert the bank card that should pay the bills, chip first, into the card slot."
            ),
            "reading": self.tr("Keep the card in the slot."),
            "confirm": self.tr(
                "On day {day} of every month the utility takes the amount due from this card, "
                "at most {limit}. You can cancel at any service hall or in the utility's app."
            ).format(day=day, limit=limit),
            "sending": self.tr("Keep the card in the slot. This takes a few seconds."),
        }
        self.intro.setText(intro.get(phase, ""))
        self.name_row.setVisible(phase == "name")
        self.keyboard.setVisible(phase == "name")
        self.terms.setVisible(phase == "terms")
        self.holder_caption.setText(
            self.tr("Account holder's full name ({holder})").format(holder=masked_holder)
        )
        flagged = {f for f, _ in state.mandate_issues}
        mark = "⚠ " if "holder" in flagged else ""
        self.holder_caption.setText(mark + self.holder_caption.text())
        self.holder.setText(state.mandate_holder or self.tr("Touch the keys below to type"))
        self.day_caption.setText(self.tr("Debit day"))
        self.day_value.setText(self.tr("Day {day} of each month").format(day=day))
        self.limit_caption.setText(self.tr("Most per month"))
        for fen, choice in self.limits.items():
            _restyle(choice, "primary" if fen == state.mandate_limit_fen else "")
        self.summary.setVisible(phase in ("confirm", "sending"))
        values = {
            "account": (self.tr("Account"), account.account_no if account else ""),
            "holder": (self.tr("Name"), masked_holder),
            "card": (self.tr("Bank card"), state.masked_pan or ""),
            "day": (self.tr("Debit day"), self.tr("Day {day} of each month").format(day=day)),
            "limit": (self.tr("Most per month"), limit),
        }
        for name, (key, value) in self.summary_rows.items():
            key.setText(values[name][0])  # type: ignore[attr-defined]
            value.setText(values[name][1])  # type: ignore[attr-defined]
        lines = [self.messages.message(f"mandate_{key}") for _, key in state.mandate_issues]
        if state.message:
            lines.append(self.messages.message(state.message, state.message_arg))
        self.message.setText("\n".join(lines))
        # No empty line kept for a message: at 1280x1024 in large text the name step has no
        # height to spare, so a message there takes the introduction's place.
        self.message.setVisible(bool(lines))
        self.intro.setVisible(not (lines and phase == "name"))
        busy = phase in ("reading", "sending")
        self.back_button.setText(self.tr("Back"))
        self.back_button.setVisible(not busy)
        self.submit_button.setText(
            self.tr("Next: bank card") if phase == "terms" else self.tr("Next")
        )
        self.submit_button.setVisible(phase in ("name", "terms"))
        self.confirm_button.setText(self.tr("Sign up"))
        self.confirm_button.setVisible(phase == "confirm")


class MandateResultScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.status = label("", "title")
        self.status.setObjectName("mandate_status")
        self.detail = label("")
        self.detail.setObjectName("mandate_detail")
        self.take_card = label("", "message")
        self.body.addWidget(self.status)
        self.body.addWidget(self.detail)
        self.body.addWidget(self.take_card)
        self.body.addStretch(1)
        self.back_button = button("mandate_back", "danger", self.session.mandate_back)
        self.done_button = button("mandate_done", "primary", self.session.mandate_done)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.done_button)

    def render(self, state: SessionState) -> None:
        result = state.mandate_result
        status = result.status if result is not None else "unknown"
        self.title.setText(self.tr("Monthly auto-debit"))
        if status == "active" and result is not None:
            self.status.setText(self.tr("Auto-debit is on"))
            self.detail.setText(
                self.tr(
                    "Bank card {card} pays your bill on day {day} of every month, at most "
                    "{limit}. The utility sends you a message before each debit."
                ).format(
                    card=result.masked_pan,
                    day=result.day_of_month,
                    limit=format_yuan(result.limit_fen),
                )
            )
        elif status == "failed":
            self.status.setText(self.tr("Auto-debit was not set up"))
            reason = result.reason if result is not None else ""
            self.detail.setText(self.messages.mandate_reason(reason or ""))
        elif status == "cancelled":
            self.status.setText(self.tr("Auto-debit was not set up"))
            self.detail.setText(
                self.tr(
                    "The utility's answer did not arrive, so the sign-up was cancelled. Nothing "
                    "will be taken from your card. Please try again later."
                )
            )
        else:
            self.status.setText(self.tr("Auto-debit was not set up"))
            self.detail.setText(
                self.tr(
                    "The sign-up could not be confirmed and is being cancelled; the staff have "
                    "been told. Nothing will be taken from your card under it."
                )
            )
        self.take_card.setText(self.tr("Please take your bank card."))
        self.back_button.setText(self.tr("Change details"))
        self.back_button.setVisible(status == "failed")
        self.done_button.setText(self.tr("Back to my account"))
