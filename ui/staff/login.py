"""PIN login: pick a user, type the PIN on the keypad. The core counts failures and locks.

The argon2 check (~100 ms by design) runs on the worker thread; the keypad is disabled until
its answer comes back through the worker's signal, so the GUI thread never waits for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton

from kiosk.staff.access import StaffSession
from kiosk.staff.desk import StaffDesk
from kiosk.staff.errors import LoginFailed, StaffError
from ui.staff.base import StaffPage
from ui.staff.worker import Background
from ui.widgets import Keypad, button, label


class LoginPage(StaffPage):
    def __init__(
        self,
        desk: StaffDesk,
        on_login: Callable[[], None],
        on_exit: Callable[[], None],
        worker: Background | None = None,
    ) -> None:
        super().__init__("login", on_exit)
        self.back_button.setText(self.tr("Exit"))
        self.desk = desk
        self.worker = worker or Background(self)
        self.checking = False
        self.on_login = on_login
        self.user: str | None = None
        self.pin = ""
        self.title.setText(self.tr("Staff sign-in"))
        self.users_grid = QGridLayout()
        self.body.addLayout(self.users_grid)
        self.user_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        self.display = label("", "display", wrap=False)
        self.display.setObjectName("staff_pin_display")
        self.display.setMinimumHeight(72)
        row.addWidget(self.display, 1)
        self.body.addLayout(row)
        self.keypad = Keypad("staff_pin")
        self.keypad.ok_key.setText(self.tr("Sign in"))
        self.keypad.digit.connect(self._digit)
        self.keypad.erase.connect(self._erase)
        self.keypad.ok.connect(self.submit)
        self.body.addWidget(self.keypad)
        self.body.addStretch(1)

    def refresh(self) -> None:
        for widget in self.user_buttons.values():
            widget.deleteLater()
        self.user_buttons = {}
        users = [u for u in self.desk.users.list() if not u.disabled]
        for index, info in enumerate(users):
            widget = button(f"staff_user_{info.name}", "primary")
            widget.setText(info.name)
            widget.setCheckable(True)
            widget.setMinimumHeight(72)
            widget.clicked.connect(lambda _=False, n=info.name: self.choose(n))
            self.users_grid.addWidget(widget, index // 4, index % 4)
            self.user_buttons[info.name] = widget
        if not users:
            self.say(self.tr("No staff users yet: add one with `kiosk users add`."))
        self.user, self.pin = None, ""
        self._show()

    def choose(self, name: str) -> None:
        self.user, self.pin = name, ""
        for other, widget in self.user_buttons.items():
            widget.setChecked(other == name)
        self.say("")
        self._show()

    def _digit(self, d: str) -> None:
        if len(self.pin) < 12:
            self.pin += d
        self._show()

    def _erase(self) -> None:
        self.pin = self.pin[:-1]
        self._show()

    def _show(self) -> None:
        if self.user is None:
            self.display.setText(self.tr("Choose your name"))
        else:
            self.display.setText(f"{self.user}:  " + "●" * len(self.pin))

    def submit(self) -> None:
        if self.checking:
            return
        if self.user is None:
            self.say(self.tr("Choose your name first."))
            return
        name, pin, self.pin = self.user, self.pin, ""
        self._show()
        self._set_checking(True)
        self.say(self.tr("Checking the PIN..."))
        users = self.desk.users
        self.worker.run(lambda: users.login(name, pin), self._checked)

    def _set_checking(self, on: bool) -> None:
        self.checking = on
        self.keypad.setEnabled(not on)
        for widget in self.user_buttons.values():
            widget.setEnabled(not on)

    def _checked(self, session: Any, error: Exception | None) -> None:
        self._set_checking(False)
        try:
            if error is not None:
                raise error
            assert isinstance(session, StaffSession)
            self.desk.open_session(session)
        except LoginFailed:
            self.say(
                self.tr(
                    "Wrong name or PIN, or the user is locked. After 5 wrong PINs the user "
                    "is locked for a while."
                )
            )
            return
        except StaffError as exc:
            self.say(str(exc))
            return
        except Exception as exc:  # the journal failed: say so, never sign in
            self.say(self.tr("Sign-in failed: {error}").format(error=exc))
            return
        self.say("")
        self.on_login()
