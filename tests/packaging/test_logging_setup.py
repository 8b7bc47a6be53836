"""powerpay.logging_setup: a private rotating file, and no secret or long digit run in it."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from powerpay.logging_setup import RedactingFilter, configure_logging, log_dir_for
from tests.kiosk_logging import flush_logs, kiosk_logging

SECRET = "dev-secret-change-me"
PAN = "6212345678901234569"
WECHAT_CODE = "134567890123456789"


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    with kiosk_logging(tmp_path / "logs", secrets=[SECRET], max_bytes=2_000, backups=2) as found:
        yield found


def test_file_and_directory_are_private(logs: Path) -> None:
    logging.getLogger("kiosk.test").info("hello")
    flush_logs()
    assert stat.S_IMODE(logs.stat().st_mode) == 0o700
    assert stat.S_IMODE((logs / "kiosk.log").stat().st_mode) == 0o600
    assert "hello" in (logs / "kiosk.log").read_text(encoding="utf-8")


def test_secrets_pans_and_payment_codes_never_reach_the_file(logs: Path) -> None:
    log = logging.getLogger("kiosk.test")
    log.info("secret=%s pan=%s code=%s", SECRET, PAN, WECHAT_CODE)
    log.warning("spaced card 6212 3456 7890 1234 569 and account 3300000001")
    try:
        raise RuntimeError(f"signing with {SECRET} failed for {PAN}")
    except RuntimeError:
        log.exception("boom")
    flush_logs()
    text = (logs / "kiosk.log").read_text(encoding="utf-8")
    for needle in (SECRET, PAN, WECHAT_CODE, "6212 3456 7890 1234 569"):
        assert needle not in text
    assert "[redacted]" in text
    assert "62*************4569" in text
    assert "3300000001" in text  # account numbers stay readable for the technician
    assert "Traceback" in text


def test_rotation_keeps_a_bounded_number_of_private_files(logs: Path) -> None:
    log = logging.getLogger("kiosk.test")
    for i in range(200):
        log.info("line %d %s", i, "x" * 40)
    flush_logs()
    files = sorted(p.name for p in logs.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    for path in logs.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.stat().st_size <= 2_200


def test_configuring_twice_does_not_duplicate_lines(logs: Path) -> None:
    configure_logging(logs, secrets=[SECRET], stderr=False)
    logging.getLogger("kiosk.test").info("once")
    flush_logs()
    assert (logs / "kiosk.log").read_text(encoding="utf-8").count("once") == 1


def test_short_secrets_are_not_used_as_patterns() -> None:
    assert RedactingFilter(["a", ""]).redact("a cat") == "a cat"


def test_log_dir_is_systemds_logs_directory_or_in_the_data_dir(tmp_path: Path) -> None:
    assert log_dir_for(tmp_path, {}) == tmp_path / "logs"
    systemd = {"LOGS_DIRECTORY": "/var/log/powerpay"}
    assert log_dir_for(tmp_path, systemd) == Path("/var/log/powerpay")
