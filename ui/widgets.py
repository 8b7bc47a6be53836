"""Reusable touch widgets: buttons with a role, a telephone-layout keypad, labels with a role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget


def set_enum_property(target: QObject, prop: str, value: str) -> None:
    """Sets an enum or flags property by its Qt names, e.g. ("alignment", "AlignHCenter|AlignTop").

    For the modules that draw the start screen, instead of `Qt.…` members: the first use of
    PySide's `Qt` namespace builds all of its 93 enums in Python (20-35 ms here), and the start
    screen is painted before anything needs them (tests/ui/test_app.py). A name Qt does not
    know raises instead of being ignored.
    """
    if not target.setProperty(prop, value):
        raise ValueError(f"{type(target).__name__}.{prop} cannot be {value!r}")


class TouchFeedback:
    """What a touch on any button does besides its action: the click (ui/click.py), once one is
    installed (MainWindow.start_click_sound). One for the application, as every button is made
    by `button` and screens are built at any time."""

    def __init__(self) -> None:
        self.click: Callable[[], None] | None = None

    def pressed(self) -> None:
        if self.click is not None:
            self.click()


TOUCH = TouchFeedback()


def label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    set_enum_property(widget, "textFormat", "PlainText")
    return widget


def button(
    name: str, role: str | None = None, on_click: Callable[[], None] | None = None
) -> QPushButton:
    """A touch button; `name` is its objectName, which tests and the demo use to tap it."""
    widget = QPushButton()
    widget.setObjectName(name)
    if role:
        widget.setProperty("role", role)
    set_enum_property(widget, "focusPolicy", "NoFocus")
    widget.pressed.connect(TOUCH.pressed)
    if on_click is not None:
        widget.clicked.connect(on_click)
    return widget


def card() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    return frame


class Keypad(QWidget):
    """Telephone layout (1-2-3 on top) with a raised 5; emits digits, backspace and OK."""

    digit = Signal(str)
    erase = Signal()
    ok = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, d in enumerate("123456789"):
            key = button(f"{prefix}_key_{d}", "key5" if d == "5" else "key")
            key.setText(d)
            key.clicked.connect(lambda _=False, d=d: self.digit.emit(d))
            grid.addWidget(key, index // 3, index % 3)
            self.keys[d] = key
        self.back_key = button(f"{prefix}_key_back", "key")
        self.back_key.setText("⌫")
        self.back_key.clicked.connect(self.erase.emit)
        zero = button(f"{prefix}_key_0", "key")
        zero.setText("0")
        zero.clicked.connect(lambda: self.digit.emit("0"))
        self.keys["0"] = zero
        self.ok_key = button(f"{prefix}_key_ok", "go")
        self.ok_key.clicked.connect(self.ok.emit)
        grid.addWidget(self.back_key, 3, 0)
        grid.addWidget(zero, 3, 1)
        grid.addWidget(self.ok_key, 3, 2)
