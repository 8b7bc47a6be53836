"""Technician: the scanner camera's picture, a few times a second, with every QR code in view
outlined and labelled (payment codes masked and painted over; kiosk/staff/camera_preview).
Drawing runs on the worker; the page only shows the finished picture."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QImage, QPixmap
from PySide6.QtWidgets import QLabel

from kiosk.app import Kiosk
from kiosk.staff.desk import StaffDesk
from ui.staff.base import StaffPage
from ui.staff.worker import Background, audit_later
from ui.widgets import label

if TYPE_CHECKING:  # the preview pulls in OpenCV and zxing: loaded when the page is used
    from kiosk.staff.camera_preview import CameraPreview, PreviewImage

FRAME_MS = 200


def to_pixmap(shot: PreviewImage) -> QPixmap:
    image = shot.image
    height, width = image.shape[:2]
    qimage = QImage(image.data, width, height, int(image.strides[0]), QImage.Format.Format_BGR888)
    return QPixmap.fromImage(qimage.copy())  # copy: the array may go away


class CameraPage(StaffPage):
    def __init__(
        self, kiosk: Kiosk, desk: StaffDesk, worker: Background, back: Callable[[], None]
    ) -> None:
        super().__init__("camera", back)
        self.kiosk, self.desk, self.worker = kiosk, desk, worker
        self.title.setText(self.tr("Camera preview"))
        self.picture = QLabel()
        self.picture.setObjectName("staff_camera_picture")
        self.picture.setMinimumSize(640, 480)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.picture, 1)
        self.codes = label("", "body")
        self.codes.setObjectName("staff_camera_codes")
        self.body.addWidget(self.codes)
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._grab)
        self.preview: CameraPreview | None = None
        self._grabbing = False
        self.shown = 0

    def refresh(self) -> None:
        self.stop()
        self.picture.clear()
        self.codes.setText("")
        self.shown = 0
        from kiosk.staff.camera_preview import CameraPreview

        preview = CameraPreview(self.kiosk.scanner)
        if not preview.available:
            self.say(self.tr("The scanner is simulated: there is no camera picture."))
            return
        session = self.desk.session
        if session is not None:
            audit_later(
                self.worker, self.kiosk.journal, session.actor, "tech_camera_preview", "scanner"
            )
        self.preview = preview
        preview.start()
        self.timer.start()
        self.say(self.tr("Hold a QR code in front of the camera."))

    def stop(self) -> None:
        self.timer.stop()
        if self.preview is not None:
            self.preview.stop()
            self.preview = None

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop()  # back, logout or idle: the camera is the scanner's again
        super().hideEvent(event)

    def _grab(self) -> None:
        preview = self.preview
        if preview is None or self._grabbing:
            return
        self._grabbing = True
        self.worker.run(preview.snapshot, self._show)

    def _show(self, shot: Any, error: Exception | None) -> None:
        self._grabbing = False
        if error is not None:
            self.say(self.tr("Preview failed: {error}").format(error=error))
            return
        if shot is None or self.preview is None:
            return
        pixmap = to_pixmap(shot)
        size = self.picture.size()
        self.picture.setPixmap(
            pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.shown += 1
        self.codes.setText("\n".join(shot.labels) or self.tr("No code in view."))
