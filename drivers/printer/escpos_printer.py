"""ESC/POS receipt printer through python-escpos.

Everything prints as a 1-bit raster (GS v 0) so Chinese works on any printer; the paper sensor
(DLE EOT 4) is read before and after each job, and nothing is claimed without that reply.
python-escpos' own paper_status() reads an empty reply as "paper adequate", so the query and
its parsing live here.
"""

from __future__ import annotations

import copy
import logging
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from escpos import printer as escpos_printer
from escpos.escpos import Escpos
from PIL import Image

from drivers.errors import DeviceError, DeviceNotConnected
from drivers.printer.base import PaperStatus
from drivers.printer.job import PrintReport, confirm_after, require_paper_before
from drivers.printer.profile import PrinterProfile, choose_profile
from drivers.printer.status import DLE_EOT_PAPER, parse_paper_status
from drivers.printer.target import SerialTarget, Target, TcpTarget, UsbTarget, parse_target
from drivers.printer.testpage import FONT_SAMPLES, raster_part, sample_line

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

log = logging.getLogger(__name__)

FS_CJK_ON = b"\x1c&"
FS_CJK_OFF = b"\x1c."
ESC_INIT = b"\x1b@"


class _Network(escpos_printer.Network):  # type: ignore[misc]
    """python-escpos 3.1 leaks its socket when connect fails; create_connection closes it."""

    def open(self, raise_not_found: bool = True) -> None:
        self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)


class EscposPrinter:
    """A ReceiptPrinter (drivers.printer.base) on TCP, serial or USB.

    Extends the interface compatibly with print_job() (returns a PrintReport), print_text(),
    print_test_page() and last_paper. Not thread-safe: one owning thread per printer.
    """

    def __init__(
        self,
        target: str | Target,
        profile: PrinterProfile | None = None,
        *,
        status_timeout: float = 1.0,
        io_timeout: float = 10.0,
        width_px: int | None = None,
    ) -> None:
        self.target = parse_target(target) if isinstance(target, str) else target
        self.profile = choose_profile(profile, width_px)
        self.status_timeout = status_timeout
        self.io_timeout = io_timeout
        self._esc: Escpos | None = None
        self.last_paper = PaperStatus.UNKNOWN
        self.last_error: str | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> None:
        if self._esc is not None:
            return
        esc = self._make_transport()
        try:
            esc.open()
        except Exception as exc:
            raise DeviceNotConnected(f"cannot open printer {self.target}: {exc}") from exc
        # The profile's data is shared by class; give this printer its own copy with our width.
        esc.profile.profile_data = copy.deepcopy(esc.profile.profile_data)
        media = esc.profile.profile_data.setdefault("media", {})
        media["width"] = {"pixels": self.profile.width_px, "mm": self.profile.paper_mm}
        media["dpi"] = self.profile.dpi
        self._esc = esc

    def close(self) -> None:
        esc, self._esc = self._esc, None
        if esc is not None:
            try:
                esc.close()
            except Exception as exc:  # closing a dead link must not mask the original error
                log.warning("closing printer %s: %s", self.target, exc)

    def __enter__(self) -> EscposPrinter:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- status ----------------------------------------------------------------------------

    def paper_status(self) -> PaperStatus:
        """Ask the paper sensor now. Silence, a dropped link or garbage is UNKNOWN."""
        esc = self._require_open()
        try:
            self._drain(esc)
            esc._raw(DLE_EOT_PAPER)
            reply = self._read_reply(esc)
        except OSError as exc:
            self.last_error = f"status query failed: {exc}"
            reply = b""
        status = parse_paper_status(reply)
        if status is PaperStatus.UNKNOWN and reply:
            self.last_error = f"unexpected status reply {reply.hex()}"
        self.last_paper = status
        return status

    def status(self) -> dict[str, object]:
        return {
            "target": str(self.target),
            "profile": self.profile.name,
            "width_px": self.profile.width_px,
            "open": self._esc is not None,
            "paper": self.last_paper.value,
            "last_error": self.last_error,
        }

    # -- printing --------------------------------------------------------------------------

    def print_image(self, image: PILImage) -> None:
        """Print a 1-bit raster receipt and cut (ReceiptPrinter). Raises DeviceError on failure."""
        self.print_job(image)

    def print_job(self, image: PILImage) -> PrintReport:
        """Print `image` and cut, between two paper checks. See PaperOut / PaperStatusUnknown."""
        bitmap = self._fit(image)
        return self._job(lambda esc: self._send_image(esc, bitmap))

    def print_text(self, text: str) -> PrintReport:
        """Print text lines: GB18030 text mode if the profile says so, else as a raster."""
        if self.profile.text_mode == "gb18030":
            payload = FS_CJK_ON + text.encode("gb18030") + FS_CJK_OFF + b"\n"
            return self._job(lambda esc: esc._raw(payload))
        from kiosk.receipts.layout import Sheet

        sheet = Sheet(self.profile.width_px)
        sheet.text(text)
        bitmap = sheet.render()
        return self._job(lambda esc: self._send_image(esc, bitmap))

    def print_test_page(self) -> PrintReport:
        """All printer fonts, Chinese (text mode if configured, and raster), a QR, a ruler."""
        bitmap = raster_part(self.profile)

        def send(esc: Escpos) -> None:
            esc.set(align="left")
            esc.textln(f"PowerPay test page {self.profile.name}"[: self.profile.width_px // 12])
            for name, style, cell_w in FONT_SAMPLES:
                esc.set(**style)
                esc.textln(sample_line(name, cell_w, self.profile.width_px))
                esc.set(normal_textsize=True, bold=False, underline=0, font="a")
            if self.profile.text_mode == "gb18030":
                esc._raw(FS_CJK_ON + "GB18030 中文".encode("gb18030") + FS_CJK_OFF + b"\n")
            self._send_image(esc, bitmap)

        return self._job(send)

    # -- internals -------------------------------------------------------------------------

    def _job(self, send: Callable[[Escpos], None]) -> PrintReport:
        esc = self._require_open()
        before = self.paper_status()
        require_paper_before(before, str(self.target))
        try:
            esc._raw(ESC_INIT)
            send(esc)
            self._cut(esc)
        except OSError as exc:
            self.last_error = f"send failed: {exc}"
            raise DeviceNotConnected(
                f"printer {self.target} dropped while printing: {exc}"
            ) from exc
        report = confirm_after(before, self.paper_status(), str(self.target))
        self.last_error = None
        return report

    def _send_image(self, esc: Escpos, bitmap: PILImage) -> None:
        esc.image(bitmap, impl="bitImageRaster", center=False)

    def _cut(self, esc: Escpos) -> None:
        feed = self.profile.feed_lines_before_cut
        if feed:
            esc._raw(b"\x1bd" + bytes([feed]))
        if self.profile.cut == "full":
            esc._raw(b"\x1dV\x00")
        elif self.profile.cut == "partial":
            esc._raw(b"\x1dV\x01")

    def _fit(self, image: PILImage) -> PILImage:
        if image.width > self.profile.width_px:
            raise DeviceError(
                f"image is {image.width} dots wide; {self.profile.name} paper takes "
                f"{self.profile.width_px}",
                code="IMAGE_TOO_WIDE",
            )
        return image if image.mode == "1" else image.convert("1", dither=Image.Dither.NONE)

    def _require_open(self) -> Escpos:
        if self._esc is None:
            raise DeviceNotConnected(f"printer {self.target} is not open")
        return self._esc

    def _make_transport(self) -> Escpos:
        target = self.target
        profile = self.profile.escpos_profile
        if isinstance(target, TcpTarget):
            return _Network(target.host, target.port, timeout=self.io_timeout, profile=profile)
        if isinstance(target, SerialTarget):
            return escpos_printer.Serial(
                target.path,
                baudrate=target.baudrate,
                timeout=self.status_timeout,
                dsrdtr=False,
                profile=profile,
            )
        if isinstance(target, UsbTarget):
            if not escpos_printer.Usb.is_usable():
                raise DeviceNotConnected("USB printers need pyusb (pip install pyusb)")
            return escpos_printer.Usb(
                target.vendor_id,
                target.product_id,
                timeout=int(self.status_timeout * 1000),
                profile=profile,
            )
        raise DeviceError(f"unsupported target {target!r}")

    def _drain(self, esc: Escpos) -> None:
        """Drop stale replies (a late answer to an earlier query must not be read as this one)."""
        dev = esc.device
        if isinstance(dev, socket.socket):
            dev.setblocking(False)
            try:
                for _ in range(64):
                    if not dev.recv(256):
                        break
            except (BlockingIOError, InterruptedError):
                pass
            finally:
                dev.settimeout(self.io_timeout)
        elif hasattr(dev, "reset_input_buffer"):
            dev.reset_input_buffer()

    def _read_reply(self, esc: Escpos) -> bytes:
        dev = esc.device
        if isinstance(dev, socket.socket):
            dev.settimeout(self.status_timeout)
            try:
                return dev.recv(16)
            except TimeoutError:
                return b""
            finally:
                dev.settimeout(self.io_timeout)
        try:
            if hasattr(dev, "in_waiting") and hasattr(dev, "read"):
                first = bytes(dev.read(1))  # waits up to the serial timeout for the reply
                return first + bytes(dev.read(dev.in_waiting)) if first else b""
            return bytes(esc._read())
        except Exception as exc:  # serial/USB timeouts surface as library-specific errors
            self.last_error = f"status read failed: {exc}"
            return b""
