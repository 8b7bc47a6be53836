"""One object the staff screens hold: login/logout wired to the kiosk mode, idle logout.

Everything else (collections, settlement, attention, users) is reached through its attribute;
each of those checks the session's role itself.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.staff.access import StaffSession
from kiosk.staff.attention import AttentionDesk, Wakeable
from kiosk.staff.collection import Collections
from kiosk.staff.service_mode import ServiceMode
from kiosk.staff.settlement import Settlements
from kiosk.staff.users import Users


class StaffDesk:
    def __init__(
        self,
        journal: Journal,
        clock: Clock,
        kiosk_id: str,
        *,
        forwarder: Wakeable | None = None,
        hasher: PasswordHasher | None = None,
        modes: ServiceMode | None = None,
    ) -> None:
        self.users = Users(journal, clock, hasher=hasher)
        # The kiosk's own ServiceMode, so the heartbeat sees an open staff session too.
        self.modes = modes or ServiceMode(journal)
        self.collections = Collections(journal, clock, kiosk_id, forwarder=forwarder)
        self.settlements = Settlements(journal, clock, kiosk_id)
        self.attention = AttentionDesk(journal, forwarder=forwarder)
        self.session: StaffSession | None = None

    def login(self, name: str, pin: str) -> StaffSession:
        return self._open(self.users.login(name, pin))

    def open_session(self, session: StaffSession) -> StaffSession:
        """Adopt a session `users.login` made on another thread (the UI checks PINs off its
        own thread, ~100 ms of argon2) as the desk's current one."""
        return self._open(session)

    def login_card(self, card_id: str) -> StaffSession:
        return self._open(self.users.login_card(card_id))

    def _open(self, session: StaffSession) -> StaffSession:
        if self.session is not None:
            self.logout("replaced by another login")
        self.session = session
        self.modes.session_started(session)
        return session

    def logout(self, reason: str = "logout") -> None:
        session, self.session = self.session, None
        if session is not None:
            self.modes.session_ended(session)
            self.users.logout(session, reason=reason)

    def check_idle(self) -> bool:
        """Call on a UI timer: ends (and audits) an idle session; True if one was ended."""
        if self.session is not None and self.session.expired():
            self.logout("idle")
            return True
        return False
