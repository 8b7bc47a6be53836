"""`kiosk self-test`: proves an installed (or frozen) kiosk has every part it needs, in seconds.

Checks, each independent so one failure does not hide the others:

- config: the configuration file loads and validates;
- journal: a journal is created and migrated to the newest Alembic revision;
- translations: the compiled Chinese translation (.qm) loads and translates;
- render: the start screen is rendered offscreen and saved as a PNG that is not blank;
- libraries: the native parts a frozen build may lose: python-escpos's printer profiles, OpenCV
  and zxing-cpp decoding a QR code drawn here, pyscard's PC/SC binding (imported, no reader needed),
  the click sound's WAV and whether its player is installed (ui/click.py);
- backend: one signed request (GET /v1/accounts/3300000001) makes a round trip to the back-end
  simulator started in-process.

Everything runs in a temporary data directory, never in the configured one: the service may be
running and holding the live journal (SQLite WAL needs write access to its -shm file even for a
read-only reader), the data directory is mode 0700 and owned by the service user, and a self-test
must never be able to change or lock the money records. What a frozen build breaks (migrations,
data files, Qt plugins) is exercised just as well by a fresh journal. Devices are replaced by the
in-process fakes for the same reason: the live service owns the serial port and the camera.

The back-end check signs with a random secret the in-process simulator is told about, under the
configured kiosk id: it proves the signing and the HTTP stack, not the production credentials,
which never leave the service's credential store.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr

SELFTEST_ACCOUNT = "3300000001"
TRANSLATION_PROBE = ("StartScreen", "Pay your electricity bill")

Check = dict[str, Any]


def _run_check(name: str, fn: Callable[[], Check], results: dict[str, Check]) -> None:
    started = time.monotonic()
    try:
        result = fn()
        result.setdefault("ok", True)
    except Exception as exc:  # a self-test reports every failure instead of stopping at one
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000)
    results[name] = result


def run_selftest(config: Path | None, out: TextIO, *, png_path: Path | None = None) -> int:
    """Run every check, print one JSON line to `out`, return 0 only if all passed.

    `png_path`: where to keep the rendered start screen; by default it goes with the temporary
    data directory.
    """
    # Always offscreen: under the service QT_QPA_PLATFORM is wayland, but no compositor runs yet.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    results: dict[str, Check] = {}
    summary: dict[str, Any] = {
        "selftest": "powerpay-kiosk",
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
    }
    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as tmp:
        data = Path(tmp)
        settings_box: list[Any] = []
        _run_check("config", lambda: _check_config(config, settings_box), results)
        _run_check("journal", lambda: _check_journal(data / "journal-check"), results)
        _run_check("translations", _check_translations, results)
        _run_check("libraries", _check_libraries, results)
        if settings_box:
            target = png_path or data / "start-screen.png"
            _run_check(
                "render_and_backend",
                lambda: _check_kiosk(settings_box[0], data / "kiosk", target, results),
                results,
            )
            if png_path is None and "png" in results.get("render", {}):
                results["render"]["png"] = None  # it went with the temporary directory
        else:
            results["render"] = {"ok": False, "error": "skipped: no valid configuration"}
            results["backend"] = {"ok": False, "error": "skipped: no valid configuration"}
    # The combined step only reports its own failure (building the kiosk); its parts are separate.
    combined = results.pop("render_and_backend", None)
    if combined is not None and not combined["ok"]:
        results.setdefault("render", {"ok": False, "error": combined.get("error", "")})
        results.setdefault("backend", {"ok": False, "error": combined.get("error", "")})
    ok = all(r.get("ok") for r in results.values()) and len(results) == 6
    summary.update(ok=ok, checks=results, seconds=round(time.monotonic() - started, 2))
    out.write(json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n")
    out.flush()
    return 0 if ok else 1


def _check_config(config: Path | None, box: list[Any]) -> Check:
    from kiosk.config import load_config

    settings = load_config(config)
    box.append(settings)
    backend = settings.backend
    source = "file" if backend.secret_file else ("inline" if backend.secret else "none")
    return {
        "kiosk_id": settings.kiosk.id,
        "simulate": backend.simulate,
        "tls": backend.url.startswith("https://"),
        "secret_source": source,
        "cash": settings.devices.cash.driver,
        "printer": settings.devices.printer.driver,
        "scanner": settings.devices.scanner.driver,
    }


def _check_journal(directory: Path) -> Check:
    from alembic.script import ScriptDirectory

    from kiosk.clock import SystemClock
    from kiosk.journal import Journal
    from kiosk.journal.db import alembic_config, current_revision

    directory.mkdir(mode=0o700)
    path = directory / "journal.db"
    journal = Journal.open(path, SystemClock())
    journal.close()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    revision = current_revision(path)
    if revision is None or revision != head:
        raise RuntimeError(f"journal at revision {revision}, newest is {head}")
    return {"revision": revision}


def _check_translations() -> Check:
    from PySide6.QtCore import QCoreApplication

    from ui.app import make_application
    from ui.translations import TRANSLATIONS_DIR, Translations

    make_application()
    translations = Translations()
    if not translations.available("zh"):
        raise RuntimeError(f"kiosk_zh_CN.qm not found in {TRANSLATIONS_DIR}")
    translations.use("zh")
    try:
        translated = QCoreApplication.translate(*TRANSLATION_PROBE)
    finally:
        translations.use("en")
    if translated == TRANSLATION_PROBE[1]:
        raise RuntimeError(f"{TRANSLATION_PROBE[1]!r} is not translated")
    return {"zh": translated}


def _check_libraries() -> Check:
    import escpos.capabilities
    import smartcard.scard  # noqa: F401  # the compiled PC/SC binding

    from drivers.scanner.decoders import ZxingDecoder, to_gray
    from drivers.scanner.synth import qr_image

    profiles = len(escpos.capabilities.CAPABILITIES.get("profiles", {}))
    if profiles == 0:
        raise RuntimeError("python-escpos has no printer profiles (capabilities.json missing)")
    payload = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"
    decoded = ZxingDecoder().decode(to_gray(qr_image(payload)))
    if decoded != [payload]:
        raise RuntimeError(f"zxing-cpp decoded {len(decoded)} codes, not the one drawn")
    from ui.click import CLICK_WAV, PLAYER

    with wave.open(str(CLICK_WAV)) as click:
        click_ms = round(click.getnframes() * 1000 / click.getframerate())
    if click_ms == 0:
        raise RuntimeError(f"{CLICK_WAV} is empty")
    return {
        "escpos_profiles": profiles,
        "qr_decoded": True,
        "pyscard": True,
        "click_ms": click_ms,
        "click_player": shutil.which(PLAYER) is not None,  # absent: touches make no sound
    }


def _selftest_settings(settings: Any, data: Path, url: str, secret: str) -> Any:
    """The configured settings with a temporary data dir, fake devices and the given back end."""
    from kiosk.config import DevicesSection

    return settings.model_copy(
        update={
            "kiosk": settings.kiosk.model_copy(update={"data_dir": data}),
            "backend": settings.backend.model_copy(
                update={
                    "url": url,
                    "simulate": False,
                    "sim_state": None,
                    "secret": SecretStr(secret),
                    "secret_file": None,
                    "ca_bundle": None,
                    "client_cert": None,
                    "client_key": None,
                }
            ),
            "devices": DevicesSection(),
        }
    )


def _check_kiosk(settings: Any, data: Path, png: Path, results: dict[str, Check]) -> Check:
    from backend_sim.server import SimulatorServer
    from kiosk.app import Kiosk

    data.mkdir(mode=0o700)
    secret = secrets.token_hex(16)
    simulator = SimulatorServer(
        state_path=data / "backend-sim.db", kiosks={settings.kiosk.id: secret}
    ).start()
    try:
        kiosk = Kiosk.build(_selftest_settings(settings, data, simulator.url, secret))
        try:
            kiosk.start()
            _run_check("render", lambda: _render(kiosk, png), results)
            _run_check("backend", lambda: _round_trip(kiosk), results)
        finally:
            kiosk.close()
    finally:
        simulator.stop()
    return {}


def _render(kiosk: Any, png: Path) -> Check:
    from PySide6.QtGui import QImage

    from ui.app import build_window, make_application
    from ui.main_window import MainWindow

    app = make_application()
    window: MainWindow = build_window(kiosk, simulation_panel=False)
    try:
        window.resize(kiosk.settings.ui.width, kiosk.settings.ui.height)
        window.show()
        app.processEvents()
        image = window.grab().toImage()
        screens = window.build_all_screens()
    finally:
        window.allow_close = True  # type: ignore[attr-defined]
        window.close()
        window.deleteLater()
        app.processEvents()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png), "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"could not write {png}")
    colours = _distinct_colours(image.convertToFormat(QImage.Format.Format_RGB32))
    if colours < 3:
        raise RuntimeError(f"start screen looks blank ({colours} colours)")
    return {
        "png": str(png),
        "width": image.width(),
        "height": image.height(),
        "colours_sampled": colours,
        "bytes": png.stat().st_size,
        "screens_built": screens,
    }


def _distinct_colours(image: Any, samples: int = 64) -> int:
    seen: set[int] = set()
    width, height = image.width(), image.height()
    for i in range(samples):
        for j in range(samples):
            seen.add(image.pixel(i * width // samples, j * height // samples))
    return len(seen)


def _round_trip(kiosk: Any) -> Check:
    account = kiosk.client.get_account(SELFTEST_ACCOUNT)
    if account.account_no != SELFTEST_ACCOUNT:
        raise RuntimeError("the back end answered for another account")
    return {"account": SELFTEST_ACCOUNT, "signed": True}
