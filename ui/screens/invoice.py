"""The e-invoice form (kind, name, tax id, contact, typed on the on-screen keyboard) and its result
(the invoice number and a large QR code of its download address)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.money import format_yuan
from kiosk.session.invoice_flow import FIELD_MAX
from kiosk.session.state import SessionState
from ui.keyboard import OnScreenKeyboard
from ui.qr_image import qr_pixmap
from ui.reflow import Box, ReflowGrid
from ui.screens.base import ScreenWidget
from ui.widgets import button, card, label

# The keyboard page each field opens on: names in pinyin, codes in capitals, contacts in 123 @.
FIELD_MODE = {"name": "zh", "tax_id": "en", "contact": "en"}
# Key height on this screen (the form shares it with the keyboard); above the 60 px touch floor.
KEY_PX = {False: 62, True: 74}  # content height: with padding and border 70 and 82 px
FN_PX = {False: 56, True: 62}  # the keys with words (smaller font): 64 and 70 px with the frame


class FieldButton(QPushButton):
    """A form field that shows the end of a text too long for it ("…ple.com"): the end is where
    the typing happens, and no text is ever cut off at the field's edge."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._elide()  # senior mode: a larger font

    def _elide(self) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        inside = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        room = max(0, inside.width() - 4)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideLeft, room)
        if shown != self.text():
            self.setText(shown)


def _restyle(widget: QWidget, prop: str, value: str) -> None:
    if (widget.property(prop) or "") != value:
        widget.setProperty(prop, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class InvoiceScreen(ScreenWidget):
    """Title and kind on one row, the fields side by side, the keyboard below: all of it fits
    1920x1080, in large text too (the keys are a little lower here than on the keypads)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.body.setSpacing(10)  # the form and the keyboard fit 1280x1024 in large text
        top = QHBoxLayout()
        top.setSpacing(16)
        self.outer.removeWidget(self.title)
        top.addWidget(self.title, 1)
        self.kind_buttons: dict[str, QPushButton] = {}
        for kind in ("personal", "company"):
            widget = button(
                f"invoice_kind_{kind}", None, lambda _=False, k=kind: self._choose_kind(k)
            )
            widget.setStyleSheet("min-height: 56px;")  # 72 px: the keyboard needs the height
            self.kind_buttons[kind] = widget
            top.addWidget(widget)
        self.outer.insertLayout(0, top)
        self.grid = grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.captions: dict[str, QLabel] = {}
        self.fields: dict[str, FieldButton] = {}
        for column, name in enumerate(FIELD_MAX):
            caption = label("", "muted")  # wraps in portrait: three fields side by side
            value = FieldButton(f"invoice_field_{name}")
            value.clicked.connect(lambda _=False, n=name: self._activate(n))
            # Lower than other buttons (72 px, above the 60 px floor): the keyboard needs room.
            value.setStyleSheet("text-align: left; padding: 6px 16px; min-height: 56px;")
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.captions[name] = caption
            self.fields[name] = value
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            grid.setColumnStretch(column, 1)
        self.body.addLayout(grid)
        self.message = label("", "message")
        self.message.setObjectName("invoice_message")
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard(max_length=FIELD_MAX["name"])
        self.keyboard.text_changed.connect(self._typed)
        self.keyboard.submitted.connect(self._next_field)
        self.body.addWidget(self.keyboard)
        self.back_button = button("invoice_back", "danger", self.session.invoice_back)
        self.confirm_button = button("invoice_confirm", "primary", self._confirm)
        self.submit_button = button("invoice_submit", "go", self._submit)
        for action in (self.back_button, self.confirm_button):
            action.setStyleSheet("padding: 6px 16px;")  # both fit 1080 px in large English
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.confirm_button)
        self.actions.addWidget(self.submit_button)
        self.active = "name"
        self._senior = False
        self.keyboard.set_key_heights({s: (KEY_PX[s], FN_PX[s]) for s in (False, True)})

    # -- taps ---------------------------------------------------------------------------------
    def _visible_fields(self) -> list[str]:
        company = self.session.state.invoice_kind == "company"
        return [n for n in FIELD_MAX if n != "tax_id" or company]

    def _choose_kind(self, kind: str) -> None:
        self.session.invoice_kind(kind)
        if self.active not in self._visible_fields():
            self._activate("name")

    def _activate(self, name: str) -> None:
        """Point the keyboard at a field: its text, its length limit and its page."""
        self._commit()
        self.active = name
        self._load_keyboard(dict(self.session.state.invoice_fields))
        self._show_active()

    def _load_keyboard(self, values: dict[str, str]) -> None:
        """The active field's text into the keyboard, without echoing it back as typing."""
        self.keyboard.blockSignals(True)
        try:
            self.keyboard.max_length = FIELD_MAX[self.active]
            self.keyboard.set_text(values.get(self.active, ""))
            self.keyboard.set_mode(FIELD_MODE[self.active])
        finally:
            self.keyboard.blockSignals(False)

    def _commit(self) -> None:
        """Pinyin still being composed goes into the field (as the keyboard's OK would)."""
        if self.keyboard.composition():
            self.keyboard.set_mode(self.keyboard.mode())  # commits the best candidate

    def _typed(self, text: str) -> None:
        self.session.invoice_field(self.active, text)

    def _next_field(self, _text: str) -> None:
        shown = self._visible_fields()
        position = shown.index(self.active) if self.active in shown else 0
        if position + 1 < len(shown):
            self._activate(shown[position + 1])
        else:
            self._submit()

    def _submit(self) -> None:
        self._commit()
        self.session.invoice_submit()

    def _confirm(self) -> None:
        self.session.invoice_confirm_check()

    # -- rendering ----------------------------------------------------------------------------
    def _show_active(self) -> None:
        """The field being typed in is highlighted and the widest (a tax id, an e-mail)."""
        shown = self._visible_fields()
        for column, (name, widget) in enumerate(self.fields.items()):
            _restyle(widget, "role", "display" if name != self.active else "primary")
            stretch = 0 if name not in shown else 3 if name == self.active else 2
            self.grid.setColumnStretch(column, stretch)

    def render(self, state: SessionState) -> None:
        arriving = not self.isVisible()  # the keyboard holds the typing while on screen
        if state.senior != self._senior:
            self._senior = state.senior
            self.keyboard.set_senior(state.senior)
        if arriving:
            self.active = "name"
            self._load_keyboard(dict(state.invoice_fields))
        phase = state.invoice_phase
        sending = phase == "sending"
        asking = phase == "confirm_check"
        self.title.setText(
            self.tr("Requesting your e-invoice…") if sending else self.tr("E-invoice")
        )
        names = {"personal": self.tr("Personal"), "company": self.tr("Company")}
        for kind, widget in self.kind_buttons.items():
            widget.setText(names[kind])
            widget.setEnabled(phase == "form")
            _restyle(widget, "role", "primary" if kind == state.invoice_kind else "")
        company = state.invoice_kind == "company"
        captions = {
            "name": self.tr("Company name") if company else self.tr("Your name"),
            "tax_id": self.tr("Unified Social Credit Code"),
            "contact": self.tr("E-mail or mobile (optional)"),
        }
        values = dict(state.invoice_fields)
        flagged = {f for f, _ in state.invoice_issues}
        for name, widget in self.fields.items():
            shown = name != "tax_id" or company
            self.captions[name].setText(captions[name])
            self.captions[name].setVisible(shown)
            widget.setVisible(shown)
            widget.setEnabled(phase == "form")
            text = values.get(name, "")
            widget.set_full_text(
                (text.upper() if name == "tax_id" else text) or self.tr("Touch to type")
            )
            mark = "⚠ " if name in flagged else ""
            self.captions[name].setText(mark + captions[name])
        if self.active not in self._visible_fields():
            self.active = "name"
        self._show_active()
        lines = [self.messages.message(f"invoice_{key}") for _, key in state.invoice_issues]
        if state.message:
            lines.append(self.messages.message(state.message, state.message_arg))
        self.message.setText("\n".join(lines))
        # Only the form is typed in: while the code is questioned or the request is sent, the
        # keyboard gives its room to the message (three lines at 1280x1024 in large text).
        self.keyboard.setVisible(phase == "form")
        self.back_button.setText(self.tr("Correct the code") if asking else self.tr("Back"))
        self.confirm_button.setText(self.tr("The code is correct"))
        self.submit_button.setText(self.tr("Request e-invoice"))
        actions = {
            self.back_button: not sending,
            self.confirm_button: asking,
            self.submit_button: phase == "form",
        }
        # Hide first, then show: confirm and submit never both count, even for a moment (the
        # window's minimum width would keep the sum, wider than a portrait screen).
        for action in sorted(actions, key=lambda w: actions[w]):
            action.setVisible(actions[action])


class InvoiceResultScreen(ScreenWidget):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        # The details beside the QR code where both fit (landscape, square), above it in portrait.
        row = ReflowGrid((2, 1), spacing=32, stretch=(3, 2))
        side_box, qr_box = Box(), Box()
        side = QVBoxLayout(side_box)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(16)
        box = card()
        grid = QGridLayout(box)
        grid.setContentsMargins(32, 24, 32, 24)
        grid.setVerticalSpacing(14)
        self.number_caption = label("", "muted")
        self.number = label("", "title", wrap=False)  # 20 digits: beside the QR at 1280 px
        self.number.setObjectName("invoice_no")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.amount_caption = label("", "muted")
        self.amount = label("")
        self.amount.setObjectName("invoice_amount")
        grid.addWidget(self.number_caption, 0, 0)
        grid.addWidget(self.number, 1, 0)
        grid.addWidget(self.amount_caption, 2, 0)
        grid.addWidget(self.amount, 3, 0)
        side.addWidget(box)
        self.status = label("")  # a paragraph: body text, not a title
        self.status.setObjectName("invoice_status")
        side.addWidget(self.status)
        side.addStretch(1)
        qr_side = QVBoxLayout(qr_box)
        qr_side.setContentsMargins(0, 0, 0, 0)
        self.qr = label("", None, wrap=False)
        self.qr.setObjectName("invoice_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = label("", "muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_side.addWidget(self.qr)
        qr_side.addWidget(self.qr_caption)
        qr_side.addStretch(1)
        row.add(side_box)
        row.add(qr_box)
        self.body.addWidget(row)
        self.body.addStretch(1)
        self.back_button = button("invoice_back", "danger", self.session.invoice_back)
        self.done_button = button("invoice_done", "primary", self.session.invoice_done)
        self.actions.addWidget(self.back_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.done_button)
        self._qr_for: str | None = None

    def render(self, state: SessionState) -> None:
        result = state.invoice_result
        status = result.status if result is not None else "unknown"
        self.title.setText(
            {
                "issued": self.tr("Your e-invoice is ready"),
                "already_invoiced": self.tr("This payment already has an e-invoice"),
                "failed": self.tr("The e-invoice could not be issued"),
            }.get(status, self.tr("Your e-invoice is on its way"))
        )
        number = result.invoice_no if result is not None else None
        self.number_caption.setText(self.tr("Invoice number"))
        self.number.setText(number or "—")
        self.amount_caption.setText(self.tr("Amount"))
        amount = result.amount_fen if result is not None else None
        self.amount.setText(format_yuan(amount) if amount is not None else "—")
        contact = dict(state.invoice_fields).get("contact", "").strip()
        if status == "issued":
            text = self.tr("Scan the QR code with your phone to download the invoice.")
            if contact:
                text += "\n" + self.tr("The download link is also sent to {contact}.").format(
                    contact=contact
                )
        elif status == "already_invoiced":
            text = self.tr(
                "An e-invoice was issued for this payment before, with the number shown. "
                "A payment is invoiced only once."
            )
        elif status == "failed":
            text = self.tr(
                "The utility did not issue the invoice ({reason}). Nothing was changed; you can "
                "correct the details and try again, or ask the staff."
            ).format(reason=result.reason if result is not None else "")
        elif contact:
            text = self.tr(
                "Your request is saved. The utility will issue the invoice shortly and send the "
                "download link to {contact}."
            ).format(contact=contact)
        else:
            text = self.tr(
                "Your request is saved. The utility will issue the invoice shortly; scan the QR "
                "code on your receipt to download it later."
            )
        self.status.setText(text)
        url = result.download_url if result is not None and status == "issued" else None
        if url != self._qr_for:
            self._qr_for = url
            if url:
                self.qr.setPixmap(qr_pixmap(url, 520))
            else:
                self.qr.clear()
        self.qr_caption.setText(self.tr("E-invoice download") if url else "")
        self.back_button.setText(self.tr("Change details"))
        self.back_button.setVisible(status == "failed")
        self.done_button.setText(self.tr("Back to the payment"))
