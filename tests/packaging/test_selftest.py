"""`kiosk self-test` (powerpay.selftest): every check passes on a good install, a broken config
fails it, the configured data directory is never touched and no secret is printed."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import DEFAULT_CONFIG
from powerpay.selftest import run_selftest

ROOT = Path(__file__).resolve().parents[2]
CHECKS = {"config", "journal", "translations", "libraries", "render", "backend"}

SCREENS = 18


def _run(config: Path | None, png: Path | None = None) -> tuple[int, dict, str]:
    out = io.StringIO()
    code = run_selftest(config, out, png_path=png)
    text = out.getvalue()
    assert text.count("\n") == 1, "one JSON line"
    return code, json.loads(text), text


def _config(tmp_path: Path, data_dir: Path) -> Path:
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace(
        'data_dir = "var"', f'data_dir = "{data_dir}"'
    )
    assert str(data_dir) in text
    path = tmp_path / "config" / "kiosk.toml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_every_check_passes_and_the_start_screen_is_saved(tmp_path: Path) -> None:
    png = tmp_path / "start.png"
    code, summary, text = _run(DEFAULT_CONFIG, png)
    assert code == 0, summary
    assert summary["ok"] is True
    assert set(summary["checks"]) == CHECKS
    assert all(check["ok"] for check in summary["checks"].values())
    assert summary["checks"]["translations"]["zh"] == "电费自助缴费"
    assert summary["checks"]["backend"]["account"] == "3300000001"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert summary["checks"]["render"]["width"] == 1920
    # Every resident screen (18 widgets; the busy and card-slot ones serve several states).
    assert summary["checks"]["render"]["screens_built"] == SCREENS
    assert "dev-secret-change-me" not in text


def test_the_configured_data_dir_is_never_created(tmp_path: Path) -> None:
    live = tmp_path / "live-data"
    code, summary, _ = _run(_config(tmp_path, live))
    assert code == 0, summary
    assert not live.exists()


def test_a_broken_config_fails_and_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[kiosk]\nid = \n", encoding="utf-8")
    code, summary, _ = _run(bad)
    assert code == 1
    assert summary["ok"] is False
    assert summary["checks"]["config"]["ok"] is False
    assert "not valid TOML" in summary["checks"]["config"]["error"]
    assert summary["checks"]["render"]["ok"] is False
    assert summary["checks"]["backend"]["ok"] is False
    # The checks that need no configuration still ran and passed.
    assert summary["checks"]["journal"]["ok"] is True


def test_missing_migrations_fail_the_journal_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a frozen build without kiosk/journal/migrations would do."""
    import kiosk.journal.db

    monkeypatch.setattr(kiosk.journal.db, "MIGRATIONS_DIR", tmp_path / "no-migrations")
    code, summary, _ = _run(DEFAULT_CONFIG)
    assert code == 1
    assert summary["checks"]["journal"]["ok"] is False
    assert summary["checks"]["translations"]["ok"] is True


def test_a_missing_config_fails(tmp_path: Path) -> None:
    code, summary, _ = _run(tmp_path / "nowhere.toml")
    assert code == 1
    assert "not found" in summary["checks"]["config"]["error"]


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(os.environ.get("KIOSK_TEST_FROZEN") != "1", reason="set KIOSK_TEST_FROZEN=1")
def test_the_frozen_build_passes_its_self_test(tmp_path: Path) -> None:
    """Builds dist/kiosk with PyInstaller (about a minute) into tmp_path and runs it."""
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.skip("pyinstaller is not installed (make dist installs it)")
    dist, work = tmp_path / "dist", tmp_path / "build"
    subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "ERROR", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "kiosk.spec")],
        check=True, cwd=ROOT, timeout=840,
    )  # fmt: skip
    png = tmp_path / "frozen.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_CONFIG", None)
    done = subprocess.run(
        [str(dist / "kiosk" / "kiosk"), "self-test", "--png", str(png)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["frozen"] is True
    assert all(check["ok"] for check in summary["checks"].values())
    assert summary["checks"]["render"]["screens_built"] == SCREENS  # each module was frozen in
    assert png.stat().st_size > 10_000
