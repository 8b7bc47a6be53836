"""The technician's view of the kiosk log: the last records, filtered by device, and an export of
the log files to a folder (a USB stick), audited.

The files are the rotating `kiosk.log`, `kiosk.log.1`, ... that powerpay/logging_setup.py writes
(already redacted there: card numbers and payment codes masked, secrets replaced). Nothing here
adds text to them; an export is a byte copy. A record is a line starting with a timestamp plus
its continuation lines (a traceback), so a filter keeps or drops a traceback with its record.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.staff import audit
from kiosk.staff.access import Principal
from kiosk.staff.errors import InvalidInput

LOG_FILE = "kiosk.log"
# "2026-11-27 10:31:02,123 WARNING drivers.cash.essp: ..." (logging_setup.LOG_FORMAT)
_RECORD = re.compile(
    r"^(?P<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?) (?P<level>[A-Z]+) (?P<name>[^:\s]+):"
)
MAX_LINES = 2000

# Which loggers speak for which device (prefixes of logger names).
DEVICES: dict[str, tuple[str, ...]] = {
    "cash": ("drivers.cash", "kiosk.payments.cash", "kiosk.session.cash_flow"),
    "card": (
        "drivers.card",
        "kiosk.card_desk",
        "kiosk.payments.bank_card",
        "kiosk.payments.prepaid",
        "kiosk.session.card_flow",
    ),
    "printer": ("drivers.printer", "kiosk.receipt_desk", "kiosk.receipts"),
    "camera": ("drivers.scanner",),
    "backend": (
        "kiosk.backend",
        "kiosk.outbox",
        "kiosk.heartbeat",
        "kiosk.accounts",
        "kiosk.posting",
        "kiosk.payments.wallet",
        "httpx",
        "backend_sim",
    ),
    "staff": ("kiosk.staff",),
}


@dataclass(frozen=True)
class LogRecord:
    logger: str
    level: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: tuple[str, ...]
    bytes: int


def log_files(log_dir: Path, name: str = LOG_FILE) -> list[Path]:
    """Oldest first: kiosk.log.5 ... kiosk.log.1, kiosk.log (the rotation's order)."""
    if not log_dir.is_dir():
        return []
    rotated = []
    for path in log_dir.glob(f"{name}.*"):
        suffix = path.name[len(name) + 1 :]
        if suffix.isdigit() and path.is_file():
            rotated.append((int(suffix), path))
    files = [p for _, p in sorted(rotated, reverse=True)]
    current = log_dir / name
    if current.is_file():
        files.append(current)
    return files


def _records(lines: Iterable[str]) -> Iterator[LogRecord]:
    logger, level = "", ""
    held: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        match = _RECORD.match(line)
        if match is not None:
            if held:
                yield LogRecord(logger, level, tuple(held))
            logger, level, held = match["name"], match["level"], [line]
        elif held or line:
            held.append(line)
    if held:
        yield LogRecord(logger, level, tuple(held))


def matches(record: LogRecord, device: str | None) -> bool:
    if device is None:
        return True
    prefixes = DEVICES[device]
    return any(record.logger == p or record.logger.startswith(p + ".") for p in prefixes)


def check_device(device: str | None) -> str | None:
    if device in (None, "", "all"):
        return None
    if device not in DEVICES:
        raise InvalidInput(f"device must be one of {', '.join(DEVICES)}, not {device!r}")
    return device


def tail(log_dir: Path, *, lines: int = 200, device: str | None = None) -> list[LogRecord]:
    """The newest records (at most `lines` text lines in all), oldest first; `device` filters."""
    if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= MAX_LINES:
        raise InvalidInput(f"lines must be an int from 1 to {MAX_LINES}")
    wanted = check_device(device)
    kept: deque[LogRecord] = deque()
    count = 0
    for path in log_files(log_dir):
        with path.open(encoding="utf-8", errors="replace") as stream:
            for record in _records(stream):
                if not matches(record, wanted):
                    continue
                kept.append(record)
                count += len(record.lines)
                while count > lines and len(kept) > 1:
                    count -= len(kept.popleft().lines)
    return list(kept)


def export_logs(
    journal: Journal,
    clock: Clock,
    by: Principal,
    log_dir: Path,
    target: Path,
    *,
    kiosk_id: str,
) -> ExportResult:
    """Copy every log file into a new folder under `target` (an existing, writable directory,
    e.g. a mounted USB stick); audited as `logs_exported`. Bad targets change nothing."""
    actor = by.require("technician")
    target = Path(target)
    if not target.is_dir():
        raise InvalidInput(f"{target} is not a folder (is the USB stick mounted?)")
    if not os.access(target, os.W_OK):
        raise InvalidInput(f"{target} is not writable")
    if target.resolve().is_relative_to(log_dir.resolve()):
        raise InvalidInput("export to a folder outside the log folder")
    audit.check_audit_value(str(target), "export target")  # refused before anything is written
    files = log_files(log_dir)
    if not files:
        raise InvalidInput(f"no log files in {log_dir}")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    folder = target / f"powerpay-logs-{kiosk_id}-{stamp}"
    folder.mkdir(mode=0o700)
    total = 0
    try:
        for path in files:
            copy = folder / path.name
            shutil.copyfile(path, copy)
            os.chmod(copy, 0o600)
            total += copy.stat().st_size
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    names = tuple(p.name for p in files)
    after = {"folder": str(folder), "files": list(names), "bytes": total}
    audit.record(journal, actor, "logs_exported", str(target), None, after)
    return ExportResult(folder, names, total)
