"""Technician page: live device status, outbox, back-end round trip, disk, version; device tests
(test page, card, one note accepted and returned, speaker), the service mode, and the ways to
the camera preview, the log and the settings. Every device call and HTTP request runs on a
worker thread."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QGridLayout

from kiosk.app import Kiosk
from kiosk.backend.bodies import heartbeat_body
from kiosk.card_desk import BankInserted, CardDesk
from kiosk.heartbeat import software_version
from kiosk.masking import mask_code
from kiosk.money import format_yuan
from kiosk.staff.acceptor_tap import NoteTestResult, accept_and_return
from kiosk.staff.desk import StaffDesk
from kiosk.staff.errors import StaffError
from ui.speech import Speaker
from ui.staff.base import StaffPage
from ui.staff.worker import Background, audit_later, when_written
from ui.widgets import button, label

NOTE_TEST_S = 30.0


def collect_status(kiosk: Kiosk) -> dict[str, Any]:
    """Everything the status panel shows (device I/O: call on a worker thread)."""
    journal = kiosk.journal.status()
    disk = shutil.disk_usage(kiosk.settings.data_dir)
    return {
        "devices": kiosk.device_states(),
        "outbox_depth": journal.outbox_depth,
        "oldest_unsent": journal.oldest_unsent_at,
        "attention": journal.open_attention,
        "disk_free": disk.free,
        "disk_total": disk.total,
        "version": software_version(),
        "mode": kiosk.service_mode.mode(),
    }


def ping_backend(kiosk: Kiosk) -> float:
    """A signed heartbeat round trip; returns the latency in ms."""
    cashbox = kiosk.journal.cashbox_summary()
    body = heartbeat_body(
        sent_at=kiosk.clock.now(),
        software_version=software_version(),
        mode=kiosk.service_mode.mode(),
        devices=kiosk.device_states(),
        outbox_depth=kiosk.journal.outbox_depth(),
        oldest_unsent_at=kiosk.journal.oldest_unsent(),
        cashbox_notes=cashbox.notes if cashbox else 0,
        cashbox_total_fen=cashbox.total_fen if cashbox else 0,
    )
    return kiosk.client.ping(body, f"HB-{uuid.uuid4().hex}").latency_s * 1000


def read_card(kiosk: Kiosk) -> str:
    """Type and masked data of the card in the slot (never the full number)."""
    if kiosk.card_reader is None:
        raise RuntimeError("no card reader")
    found = CardDesk(kiosk.card_reader).read()
    if isinstance(found, BankInserted):
        return f"bank card {found.card.masked_pan}"
    customer = found.data.customer
    return f"utility card, account {mask_code(customer.account_no)}"


class TechnicianPage(StaffPage):
    def __init__(
        self,
        kiosk: Kiosk,
        desk: StaffDesk,
        worker: Background,
        back: Callable[[], None],
        *,
        open_page: Callable[[str], None] | None = None,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__("technician", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self._stores = 0  # settings changes made on this page (see _store)
        self.open_page = open_page or (lambda _name: None)
        self.speaker = speaker
        self.note_cancel = threading.Event()
        self.note_result: NoteTestResult | None = None
        self.title.setText(self.tr("Technician"))
        self.status = label("", "body")
        self.status.setObjectName("staff_tech_status")
        self.body.addWidget(self.status)
        self.link = label("", "body")
        self.link.setObjectName("staff_tech_link")
        self.body.addWidget(self.link)
        grid = QGridLayout()
        actions = [
            ("staff_tech_refresh", self.tr("Refresh status"), self.refresh),
            ("staff_tech_ping", self.tr("Test back-end link"), self.ping),
            ("staff_tech_print", self.tr("Print a test page"), self.print_test),
            ("staff_tech_card", self.tr("Read a card"), self.read_card),
            ("staff_tech_note", self.tr("Accept one note and return it"), self.note_test),
            ("staff_tech_speaker", self.tr("Speaker test"), self.speaker_test),
            ("staff_tech_quieter", self.tr("Voice quieter"), lambda: self.change_volume(-0.1)),
            ("staff_tech_louder", self.tr("Voice louder"), lambda: self.change_volume(0.1)),
            ("staff_tech_click", self.tr("Click sound on/off"), self.toggle_click),
            ("staff_tech_camera", self.tr("Camera preview"), lambda: self.open_page("camera")),
            ("staff_tech_logs", self.tr("Kiosk log"), lambda: self.open_page("logs")),
            ("staff_tech_config", self.tr("Settings"), lambda: self.open_page("config")),
            ("staff_tech_out", self.tr("Take out of service"), lambda: self.set_mode(False)),
            ("staff_tech_in", self.tr("Back into service"), lambda: self.set_mode(True)),
        ]
        for index, (name, text, slot) in enumerate(actions):
            widget = button(name, "primary", slot)
            widget.setText(text)
            widget.setMinimumHeight(80)
            grid.addWidget(widget, index // 4, index % 4)
        self.note_stop = button("staff_tech_note_stop", "danger", self.note_cancel.set)
        self.note_stop.setText(self.tr("Stop the note test"))
        self.note_stop.setMinimumHeight(80)
        self.note_stop.hide()
        grid.addWidget(self.note_stop, len(actions) // 4, len(actions) % 4)
        self.body.addLayout(grid)
        self.result = label("", "body")
        self.result.setObjectName("staff_tech_result")
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.last_status: dict[str, Any] | None = None

    def _actor(self) -> Any:
        session = self.desk.session
        if session is not None:
            session.touch()
        return session

    def _audit(self, action: str, after: Any) -> None:
        session = self._actor()
        if session is not None:
            audit_later(
                self.worker, self.kiosk.journal, session.actor, action, "kiosk", after, self._failed
            )

    def _failed(self, error: Exception) -> None:
        self.result.setText(self.tr("Not stored: {error}").format(error=error))

    def refresh(self) -> None:
        self.status.setText(self.tr("Reading device status..."))
        self.worker.run(lambda: collect_status(self.kiosk), self._show_status)

    def _show_status(self, found: Any, error: Exception | None) -> None:
        if error is not None:
            self.status.setText(self.tr("Status failed: {error}").format(error=error))
            return
        self.last_status = found
        names = {
            "cash_acceptor": self.tr("Banknote acceptor"),
            "printer": self.tr("Printer"),
            "card_reader": self.tr("Card reader"),
            "scanner": self.tr("Scanner"),
        }
        lines = []
        for key, state in found["devices"].items():
            shown = {k: v for k, v in state.items() if k != "state" and v not in ("", None)}
            detail = ", ".join(f"{k}={v}" for k, v in shown.items())
            lines.append(f"{names.get(key, key)}: {state.get('state')}  {detail}")
        oldest = found["oldest_unsent"]
        lines.append(
            self.tr("Outbox: {n} unsent, oldest {oldest}").format(
                n=found["outbox_depth"], oldest=oldest.strftime("%H:%M:%S") if oldest else "-"
            )
        )
        lines.append(self.tr("Attention items open: {n}").format(n=found["attention"]))
        lines.append(
            self.tr("Disk: {free:.1f} GB free of {total:.1f} GB").format(
                free=found["disk_free"] / 1e9, total=found["disk_total"] / 1e9
            )
        )
        lines.append(self.tr("Software version: {v}").format(v=found["version"]))
        lines.append(self.tr("Mode: {mode}").format(mode=found["mode"]))
        self.status.setText("\n".join(lines))

    def ping(self) -> None:
        self._audit("tech_backend_ping", None)
        self.link.setText(self.tr("Back-end link: testing..."))
        self.worker.run(lambda: ping_backend(self.kiosk), self._pinged)

    def _pinged(self, latency: Any, error: Exception | None) -> None:
        if error is not None:
            self.link.setText(self.tr("Back-end link: FAILED ({error})").format(error=error))
        else:
            self.link.setText(self.tr("Back-end link: OK, {ms:.0f} ms").format(ms=latency))

    def print_test(self) -> None:
        printer = self.kiosk.printer
        test_page = getattr(printer, "print_test_page", None)
        if test_page is None:
            self.result.setText(self.tr("This printer has no test page."))
            return
        self._audit("tech_printer_test", None)
        self.result.setText(self.tr("Printing a test page..."))
        self.worker.run(test_page, self._done(self.tr("Test page printed.")))

    def read_card(self) -> None:
        self._audit("tech_card_test", None)
        self.result.setText(self.tr("Reading the card..."))
        self.worker.run(lambda: read_card(self.kiosk), self._done(self.tr("Card: {result}")))

    def note_test(self) -> None:
        """Enable the acceptor for one note, give it back; nothing is credited (kiosk core)."""
        session = self._actor()
        if session is None or self.note_stop.isVisible():
            return
        try:
            actor = session.require("technician")
        except StaffError as exc:
            self.say(str(exc))
            return
        self.note_cancel.clear()
        self.note_result = None
        self.note_stop.show()
        self.result.setText(
            self.tr("Insert one banknote within {s} seconds; it will be given back.").format(
                s=int(NOTE_TEST_S)
            )
        )
        kiosk, cancel = self.kiosk, self.note_cancel
        self.worker.run(
            lambda: accept_and_return(
                kiosk.acceptor_tap, kiosk.journal, actor, timeout_s=NOTE_TEST_S, cancel=cancel
            ),
            self._note_done,
        )

    def _note_done(self, result: Any, error: Exception | None) -> None:
        self.note_stop.hide()
        if error is not None:
            self.result.setText(self.tr("Failed: {error}").format(error=error))
            return
        self.note_result = result
        assert isinstance(result, NoteTestResult)
        value = format_yuan(result.value_fen) if result.value_fen else "-"
        texts = {
            "returned": self.tr("Note test passed: a {value} note was recognised and given back."),
            "rejected": self.tr("The acceptor refused the note and gave it back ({detail})."),
            "no_note": self.tr("No note was inserted in time."),
            "cancelled": self.tr("Note test stopped."),
            "stacked": self.tr(
                "The acceptor kept the {value} note although told to give it back: it is "
                "recorded for staff. Check the device."
            ),
        }
        text = texts.get(result.outcome, self.tr("The acceptor reported a problem: {outcome}."))
        self.result.setText(
            text.format(value=value, detail=result.detail or "-", outcome=result.outcome)
        )

    def hideEvent(self, event: QHideEvent) -> None:
        self.note_cancel.set()  # leaving the page (logout, idle, exit) ends a running note test
        super().hideEvent(event)

    def _voice(self) -> Speaker | None:
        speaker = self.speaker or getattr(self.window(), "speaker", None)
        if not isinstance(speaker, Speaker) or speaker.engine is None:
            self.result.setText(self.tr("No text-to-speech engine: the speaker cannot be tested."))
            return None
        return speaker

    def change_volume(self, step: float) -> None:
        """The voice's volume, at once and after restarts (kiosk/staff/local_settings.py; it
        wins over `[ui] voice_volume`): try it with the speaker test."""
        speaker = self._voice()
        if speaker is None:
            return
        speaker.volume = volume = round(min(1.0, max(0.0, speaker.volume + step)), 1)
        percent = round(volume * 100)
        self.result.setText(self.tr("Voice volume: {percent}%").format(percent=percent))
        kept = self.tr("Voice volume: {percent}%, kept after a restart").format(percent=percent)
        self._store("voice_volume", volume, kept)

    def toggle_click(self) -> None:
        """The click of a touch on or off, at once and after restarts (over `[ui] click_sound`)."""
        window: Any = self.window()
        if not hasattr(window, "set_click_sound"):
            return
        on = not window.click_sound_on()
        window.set_click_sound(on)
        self.result.setText(self.tr("Click sound on") if on else self.tr("Click sound off"))
        if on:
            kept = self.tr("Click sound on, kept after a restart")
        else:
            kept = self.tr("Click sound off, kept after a restart")
        self._store("click_sound", on, kept)

    def _store(self, key: str, value: Any, kept: str) -> None:
        """Store a setting made here (queued in order, audited); `kept` shows once it is."""
        session = self._actor()
        store = self.kiosk.local_settings
        if session is None or store is None:
            return
        queued = store.submit(session.actor, key, value)
        self._stores += 1
        mine = self._stores

        def stored(_value: Any) -> None:
            if mine == self._stores:  # a later change's text is not overwritten by this one's
                self.result.setText(kept)

        when_written(self.worker, queued, stored, self._failed)

    def speaker_test(self) -> None:
        speaker = self._voice()
        if speaker is None:
            return
        self._audit("tech_speaker_test", None)
        language = self.kiosk.session.state.language
        sentence = self.tr("Speaker test. Welcome to the self-service electricity payment kiosk.")
        if not speaker.say(sentence, language):
            self.result.setText(self.tr("The voice is switched off."))
            return
        self.result.setText(self.tr("Speaking: {text}").format(text=sentence))

    def _done(self, text: str) -> Callable[[Any, Exception | None], None]:
        def show(result: Any, error: Exception | None) -> None:
            if error is not None:
                self.result.setText(self.tr("Failed: {error}").format(error=error))
            else:
                self.result.setText(text.format(result=result))

        return show

    def set_mode(self, in_service: bool) -> None:
        session = self._actor()
        if session is None:
            return
        mode = "in_service" if in_service else "out_of_service"
        try:
            self.desk.modes.set_mode(session, mode, f"technician console: {mode}")
        except StaffError as exc:
            self.say(str(exc))
            return
        self.result.setText(self.tr("Mode stored: {mode}").format(mode=mode))
        self.refresh()
