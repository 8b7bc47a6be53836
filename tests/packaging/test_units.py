"""The installation files in packaging/: the systemd unit has the protections SECURITY.md relies
on, systemd itself accepts the unit and the sysusers file, and the session scripts are valid sh."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
UNIT = PACKAGING / "systemd" / "powerpay-kiosk.service"
X11 = PACKAGING / "systemd" / "powerpay-kiosk.service.d" / "x11.conf"


def directives(path: Path) -> dict[str, list[str]]:
    """`Section.Key` -> every value, in order (systemd allows repeated keys)."""
    out: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        out.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return out


@pytest.fixture(scope="module")
def unit() -> dict[str, list[str]]:
    return directives(UNIT)


def one(unit: dict[str, list[str]], key: str) -> str:
    values = unit.get(key, [])
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def test_service_type_watchdog_and_restart(unit) -> None:
    assert one(unit, "Service.Type") == "notify"
    assert one(unit, "Service.NotifyAccess") == "all"  # the app is cage's (or xinit's) child
    assert one(unit, "Service.WatchdogSec").rstrip("s").isdigit()
    assert one(unit, "Service.Restart") == "on-failure"
    after = " ".join(unit["Unit.After"]).split()
    wants = " ".join(unit["Unit.Wants"]).split()
    for dep in ("pcscd.service", "network-online.target"):
        assert dep in after and dep in wants


def test_dedicated_user_and_private_state(unit) -> None:
    assert one(unit, "Service.User") == "powerpay"
    assert one(unit, "Service.StateDirectory") == "powerpay"
    assert one(unit, "Service.StateDirectoryMode") == "0700"
    assert one(unit, "Service.LogsDirectory") == "powerpay"
    assert one(unit, "Service.UMask") == "0077"
    assert "KIOSK_DATA_DIR=/var/lib/powerpay" in unit["Service.Environment"]
    assert one(unit, "Service.ReadWritePaths") == "/var/lib/powerpay"


def test_secrets_come_as_credentials(unit) -> None:
    names = {v.split(":", 1)[0] for v in unit["Service.LoadCredential"]}
    assert names == {"backend-secret", "kiosk-key"}
    for value in unit["Service.LoadCredential"]:
        assert value.split(":", 1)[1].startswith("/etc/powerpay/credentials/")


def test_hardening(unit) -> None:
    expected = {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "DevicePolicy": "closed",
        "CapabilityBoundingSet": "",
    }
    for key, value in expected.items():
        assert one(unit, f"Service.{key}") == value, key
    allowed = {v.split()[0] for v in unit["Service.DeviceAllow"]}
    for device in ("char-ttyUSB", "char-ttyACM", "char-usb_device", "char-video4linux"):
        assert device in allowed


def test_both_sessions_run_the_kiosk_full_screen(unit) -> None:
    assert one(unit, "Service.ExecStart").startswith("/usr/bin/cage ")
    assert "/opt/powerpay/kiosk/kiosk run" in one(unit, "Service.ExecStart")
    x11 = directives(X11)
    assert x11["Service.ExecStart"][0] == ""  # resets cage's ExecStart
    assert x11["Service.ExecStart"][1].startswith("/usr/bin/xinit ")
    assert "-nolisten tcp" in x11["Service.ExecStart"][1]


@pytest.mark.parametrize("script", ["session/xinitrc", "session/cage-kiosk"])
def test_session_scripts_are_executable_sh(script: str) -> None:
    path = PACKAGING / script
    assert path.stat().st_mode & stat.S_IXUSR
    subprocess.run(["sh", "-n", str(path)], check=True, timeout=30)
    assert "kiosk run" in path.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    shutil.copytree(PACKAGING / "systemd", tmp_path / "units")
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(tmp_path / "units" / UNIT.name)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "SYSTEMD_LOG_COLOR": "0"},
    )  # fmt: skip
    # The installed programs are not on a build machine; anything else is a real complaint.
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and "is not executable: No such file or directory" not in line
    ]
    assert problems == []


@pytest.mark.skipif(shutil.which("systemd-sysusers") is None, reason="systemd-sysusers missing")
def test_sysusers_creates_the_user(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    done = subprocess.run(
        ["systemd-sysusers", f"--root={tmp_path}", "--dry-run",
         str(PACKAGING / "sysusers.d" / "powerpay.conf")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Creating user 'powerpay'" in done.stdout + done.stderr
