"""The base of every screen: a title, a body, and a bottom row of actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.messages import Messages
from ui.widgets import label

if TYPE_CHECKING:  # the start screen is shown before the core (and its session) is imported
    from kiosk.session.machine import Session
    from kiosk.session.state import SessionState


class ScreenWidget(QWidget):
    def __init__(self, session: Session, messages: Messages) -> None:
        super().__init__()
        self.session = session
        self.messages = messages
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(48, 28, 48, 28)
        self.outer.setSpacing(18)
        self.title = label("", "title")
        self.outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        self.outer.addLayout(self.body, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(24)
        self.outer.addLayout(self.actions)

    def render(self, state: SessionState) -> None:
        """Set every text from the state; called on each change and on a language switch."""
        raise NotImplementedError

    def warm(self, state: SessionState) -> None:
        """Draw a made-up state off screen before any resident comes (MainWindow._warm); a
        screen that leaves hidden parts undrawn until they are shown draws them here."""
        self.render(state)
