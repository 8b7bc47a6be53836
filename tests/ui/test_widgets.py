"""The touch widgets' defaults, and enum properties set by Qt's names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.widgets import button, label, set_enum_property


def test_labels_show_markup_as_text(qapp):
    # A name or message from the back end is never read as rich text (links, images).
    shown = label("<b>张*</b><img src='x'>")
    assert shown.textFormat() is Qt.TextFormat.PlainText


def test_buttons_take_no_keyboard_focus(qapp):
    assert button("ok").focusPolicy() is Qt.FocusPolicy.NoFocus


def test_flags_are_set_by_their_names(qapp):
    hint = QLabel()
    set_enum_property(hint, "alignment", "AlignHCenter|AlignTop")
    assert hint.alignment() == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


@pytest.mark.parametrize(
    ("prop", "value"), [("alignment", "AlignMiddle"), ("textFormatt", "PlainText")]
)
def test_a_name_qt_does_not_know_raises(qapp, prop, value):
    target = QLabel()
    before = target.alignment(), target.textFormat()
    with pytest.raises(ValueError, match=prop):
        set_enum_property(target, prop, value)
    assert (target.alignment(), target.textFormat()) == before
