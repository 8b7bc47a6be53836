"""Technician: the last lines of the kiosk log, filtered by device, and a copy of the log files
to a USB stick. The files are already redacted when written; this page only reads and copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton

from kiosk.app import Kiosk
from kiosk.staff.desk import StaffDesk
from kiosk.staff.logs import ExportResult, LogRecord, export_logs, tail
from ui.staff.base import StaffPage
from ui.staff.targets import TargetPicker
from ui.staff.worker import Background
from ui.widgets import button

SHOWN_LINES = 300


class LogsPage(StaffPage):
    def __init__(
        self,
        kiosk: Kiosk,
        desk: StaffDesk,
        worker: Background,
        back: Callable[[], None],
        log_dir: Path,
    ) -> None:
        super().__init__("logs", back)
        self.kiosk, self.desk, self.worker, self.log_dir = kiosk, desk, worker, log_dir
        self.title.setText(self.tr("Kiosk log"))
        self.device = "all"
        row = QHBoxLayout()
        self.filters: dict[str, QPushButton] = {}
        for key, text in (
            ("all", self.tr("All")),
            ("cash", self.tr("Cash")),
            ("card", self.tr("Card")),
            ("printer", self.tr("Printer")),
            ("camera", self.tr("Camera")),
            ("backend", self.tr("Back end")),
            ("staff", self.tr("Staff")),
        ):
            widget = button(f"staff_logs_filter_{key}", "primary")
            widget.setText(text)
            widget.setCheckable(True)
            widget.setMinimumHeight(64)
            widget.clicked.connect(lambda _=False, k=key: self.show_device(k))
            row.addWidget(widget)
            self.filters[key] = widget
        self.body.addLayout(row)
        self.text = QPlainTextEdit()
        self.text.setObjectName("staff_logs_text")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(12)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(mono)
        self.body.addWidget(self.text, 1)
        self.picker = TargetPicker("staff_logs")
        self.body.addWidget(self.picker)
        self.export_button = button("staff_logs_export", "go", self.export)
        self.export_button.setText(self.tr("Copy the log files to this folder"))
        self.export_button.setMinimumHeight(80)
        self.body.addWidget(self.export_button)
        self.records: list[LogRecord] | None = None
        self.exported: ExportResult | None = None

    def refresh(self) -> None:
        self.picker.rescan()
        self.show_device(self.device)

    def show_device(self, device: str) -> None:
        self.device = device
        for key, widget in self.filters.items():
            widget.setChecked(key == device)
        if self.desk.session is not None:
            self.desk.session.touch()
        self.records = None
        log_dir = self.log_dir
        self.worker.run(
            lambda: (device, tail(log_dir, lines=SHOWN_LINES, device=device)), self._loaded
        )

    def _loaded(self, result: Any, error: Exception | None) -> None:
        if error is not None:
            self.say(self.tr("The log could not be read: {error}").format(error=error))
            return
        device, records = result
        if device != self.device:
            return  # an older filter's answer arriving late
        self.records = list(records)
        text = "\n".join(record.text for record in self.records)
        self.text.setPlainText(text or self.tr("No log lines for this device."))
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())

    def export(self) -> None:
        request = self.picker.request(self.desk.session, "technician", self.say)
        if request is None:
            return
        actor, target = request
        kiosk, log_dir = self.kiosk, self.log_dir
        self.export_button.setEnabled(False)
        self.say(self.tr("Copying the log files..."))
        self.worker.run(
            lambda: export_logs(
                kiosk.journal, kiosk.clock, actor, log_dir, target, kiosk_id=kiosk.settings.kiosk.id
            ),
            self._exported,
        )

    def _exported(self, result: Any, error: Exception | None) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            self.say(self.tr("Export failed: {error}").format(error=error))
            return
        self.exported = result
        self.say(
            self.tr("Copied {n} log file(s) to {folder}.").format(
                n=len(result.files), folder=result.folder
            )
        )
