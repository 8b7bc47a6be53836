"""The camera preview page over the real QR scanner thread fed by a fake camera: the picture
comes, the codes are listed masked, and leaving the page gives the camera back."""

from __future__ import annotations

from drivers.scanner.decoders import ZxingDecoder
from drivers.scanner.qr import QrScanner
from drivers.scanner.sources import FrameListSource
from kiosk.app import Kiosk
from kiosk.staff import audit
from tests.kiosk.staff.test_camera_preview import WECHAT, two_codes
from tests.ui.helpers import tap, text_of
from tests.ui.staff.test_technician import open_as_technician
from ui.main_window import MainWindow


def test_preview_shows_the_picture_with_masked_codes(
    qtbot, window: MainWindow, kiosk: Kiosk, tmp_path
) -> None:
    scanner = QrScanner(FrameListSource([two_codes()], repeat=400), ZxingDecoder())
    kiosk.scanner = scanner
    scanner.open()
    try:
        console = open_as_technician(qtbot, window, kiosk)
        tap(qtbot, window, "staff_tech_camera")
        page = console.camera
        assert console.stack.currentWidget() is page
        qtbot.waitUntil(lambda: page.shown >= 2, timeout=15000)
        codes = text_of(window, "staff_camera_codes")
        assert "payment wechat 13************0000" in codes
        assert "bill account 3300000001" in codes and WECHAT not in codes
        pixmap = page.picture.pixmap()
        assert not pixmap.isNull() and pixmap.width() > 300
        window.grab().save(str(tmp_path / "camera.png"))
        assert "tech_camera_preview" in [e.action for e in audit.entries(kiosk.journal)]
        tap(qtbot, window, "staff_camera_back")
        assert page.preview is None and not page.timer.isActive()
        assert scanner._frame_listener is None  # the preview let go of the camera
    finally:
        scanner.close()


def test_a_simulated_scanner_says_there_is_no_picture(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_camera")
    assert "simulated" in text_of(window, "staff_camera_message")
    assert console.camera.preview is None
