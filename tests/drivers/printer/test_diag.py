"""`kiosk diag printer` against the emulator."""

from __future__ import annotations

import io
import json

import pytest

from drivers.printer.diag import EXIT_FAULT, EXIT_OK, EXIT_USAGE, main, run_diag
from tests.emulators.printer.server import PrinterEmulator


def diag(target: str, test_page: bool = False, **kw: object) -> tuple[int, dict[str, object]]:
    out = io.StringIO()
    code = run_diag(target, test_page, out, status_timeout=0.2, **kw)  # type: ignore[arg-type]
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    return code, json.loads(lines[0])


@pytest.mark.parametrize(
    ("paper", "code", "reported"),
    [
        ("ok", EXIT_OK, "ok"),
        ("near_end", EXIT_OK, "low"),
        ("out", EXIT_FAULT, "out"),
        ("silent", EXIT_FAULT, "unknown"),
    ],
)
def test_status_only(emu: PrinterEmulator, paper: str, code: int, reported: str) -> None:
    emu.paper = paper  # type: ignore[assignment]
    got, report = diag(emu.target)
    assert (got, report["paper"], report["ok"]) == (code, reported, code == EXIT_OK)
    assert "raster" not in {e.kind for e in emu.events}


def test_test_page(emu: PrinterEmulator) -> None:
    code, report = diag(emu.target, test_page=True, profile="58mm")
    assert code == EXIT_OK and report["test_page"] == "printed" and report["width_px"] == 384
    assert "raster" in {e.kind for e in emu.events}
    assert emu.parser.errors == []


def test_test_page_skipped_without_paper(emu: PrinterEmulator) -> None:
    emu.paper = "out"
    code, report = diag(emu.target, test_page=True)
    assert code == EXIT_FAULT and report["test_page"] == "skipped"
    assert report["error"] == "PAPER_OUT"
    assert "raster" not in {e.kind for e in emu.events}


def test_test_page_failing_midway(emu: PrinterEmulator) -> None:
    emu.queue(["ok", "ok", "out"])  # diag's check, the job's check, then out after the job
    code, report = diag(emu.target, test_page=True)
    assert code == EXIT_FAULT and report["test_page"] == "failed" and report["error"] == "PAPER_OUT"


def test_unreachable_and_bad_input() -> None:
    code, report = diag("tcp://127.0.0.1:9")
    assert code == EXIT_FAULT and report["error"] == "DEVICE_NOT_CONNECTED"
    code, report = diag("lpt:1")
    assert code == EXIT_USAGE and report["error"] == "BAD_TARGET"
    code, report = diag("tcp://127.0.0.1:9", profile="99mm")
    assert code == EXIT_USAGE and report["error"] == "BAD_PROFILE"


def test_command_line(emu: PrinterEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--target", emu.target, "--status-timeout", "0.5"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["paper"] == "ok"
