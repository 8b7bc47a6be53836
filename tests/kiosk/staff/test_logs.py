"""The technician's log view and export over files written by the real logging setup
(rotating, redacting): last lines, the device filter, tracebacks kept whole, an audited copy."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.journal.errors import SensitiveDataError
from kiosk.staff import audit
from kiosk.staff.access import Actor
from kiosk.staff.errors import InvalidInput, PermissionDenied
from kiosk.staff.logs import export_logs, log_files, tail
from tests.kiosk_logging import flush_logs, kiosk_logging

from .conftest import KIOSK

TECH = Actor("wang.tech", "technician")
PAN = "6212345678901234569"
SECRET = "dev-secret-change-me"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    with kiosk_logging(tmp_path / "logs", secrets=[SECRET], max_bytes=4_000, backups=3) as found:
        yield found


def _write_mixed(count: int) -> None:
    for n in range(count):
        logging.getLogger("drivers.cash.essp").warning("cash poll %d: note jam", n)
        logging.getLogger("drivers.printer.escpos_printer").info("printer %d: paper low", n)
        logging.getLogger("kiosk.outbox.forwarder").info("forwarder %d: sent", n)
    flush_logs()


def test_tail_returns_the_newest_lines_across_rotated_files(log_dir: Path) -> None:
    _write_mixed(40)
    assert len(log_files(log_dir)) >= 2  # rotated at least once
    last = tail(log_dir, lines=5)
    assert [r.text.split(": ", 1)[1] for r in last] == [
        "printer 38: paper low",
        "forwarder 38: sent",
        "cash poll 39: note jam",
        "printer 39: paper low",
        "forwarder 39: sent",
    ]


def test_filter_by_device_keeps_only_its_loggers(log_dir: Path) -> None:
    _write_mixed(10)
    cash = tail(log_dir, lines=100, device="cash")
    assert len(cash) == 10 and all(r.logger == "drivers.cash.essp" for r in cash)
    backend = tail(log_dir, lines=3, device="backend")
    assert [r.text.rsplit(" ", 2)[-2] for r in backend] == ["7:", "8:", "9:"]
    assert tail(log_dir, lines=100, device="camera") == []
    assert len(tail(log_dir, lines=100, device="all")) == 30
    with pytest.raises(InvalidInput, match="device must be one of"):
        tail(log_dir, device="toaster")
    with pytest.raises(InvalidInput):
        tail(log_dir, lines=0)


def test_a_traceback_stays_with_its_record_and_card_data_is_masked(log_dir: Path) -> None:
    try:
        raise ValueError(f"bad card {PAN}")
    except ValueError:
        logging.getLogger("drivers.card.pcsc").exception("read failed for %s", PAN)
    logging.getLogger("kiosk.outbox.forwarder").info("after")
    flush_logs()
    (record,) = tail(log_dir, lines=50, device="card")
    assert len(record.lines) > 3 and "Traceback" in record.text
    assert "ValueError: bad card" in record.text
    assert PAN not in record.text and "62*************4569" in record.text


def test_export_copies_every_file_privately_and_is_audited(
    log_dir: Path, tmp_path: Path, journal: Journal, clock: ManualClock
) -> None:
    _write_mixed(40)
    logging.getLogger("kiosk.backend.client").info("secret is %s", SECRET)
    flush_logs()
    usb = tmp_path / "usb"
    usb.mkdir()
    result = export_logs(journal, clock, TECH, log_dir, usb, kiosk_id=KIOSK)
    originals = log_files(log_dir)
    assert result.folder.parent == usb and KIOSK in result.folder.name
    assert list(result.files) == [p.name for p in originals]
    for path in originals:
        copy = result.folder / path.name
        assert copy.read_bytes() == path.read_bytes()
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert result.bytes == sum(p.stat().st_size for p in originals)
    text = "".join((result.folder / n).read_text() for n in result.files)
    assert SECRET not in text and "[redacted]" in text
    (entry,) = [e for e in audit.entries(journal) if e.action == "logs_exported"]
    assert entry.actor == "wang.tech" and entry.target == str(usb)
    assert entry.after["files"] == list(result.files)
    assert audit.verify_chain(journal).ok


def test_bad_export_targets_change_nothing(
    log_dir: Path, tmp_path: Path, journal: Journal, clock: ManualClock
) -> None:
    _write_mixed(1)
    with pytest.raises(InvalidInput, match="not a folder"):
        export_logs(journal, clock, TECH, log_dir, tmp_path / "no-usb", kiosk_id=KIOSK)
    with pytest.raises(InvalidInput, match="outside the log folder"):
        export_logs(journal, clock, TECH, log_dir, log_dir, kiosk_id=KIOSK)
    with pytest.raises(PermissionDenied):
        export_logs(journal, clock, Actor("li.ming", "staff"), log_dir, tmp_path, kiosk_id=KIOSK)
    long_digits = tmp_path / "6212345678901234569"  # looks like a card number: never audited
    long_digits.mkdir()
    with pytest.raises(SensitiveDataError):
        export_logs(journal, clock, TECH, log_dir, long_digits, kiosk_id=KIOSK)
    assert list(long_digits.iterdir()) == []
    with pytest.raises(InvalidInput, match="no log files"):
        export_logs(journal, clock, TECH, tmp_path / "empty", tmp_path, kiosk_id=KIOSK)
    assert [e for e in audit.entries(journal) if e.action == "logs_exported"] == []
    assert [p.name for p in tmp_path.rglob("powerpay-logs*")] == []
