"""Logging of the installed kiosk: journald via stderr plus a rotating file, with secrets redacted.

Under systemd stderr goes to the journal (its own rotation: SystemMaxUse in journald.conf). The file
copy is for the technician's USB export and for kiosks without a persistent journal: at most
`backups + 1` files of `max_bytes` each, mode 0600 in a 0700 directory.

Every record passes a redacting filter before any handler sees it, a second line of defence behind
kiosk/masking.py: the configured secrets are replaced wherever they appear, and every run of 14 to
24 digits (card numbers, wallet payment codes; account numbers are 10-13 digits and stay readable)
is masked to its first 2 and last 4 digits. Tracebacks are redacted too.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from kiosk.masking import mask_code

__all__ = ["LOG_FORMAT", "RedactingFilter", "configure_logging", "log_dir_for"]

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "kiosk.log"
# Long digit runs not embedded in a longer run (so a 30-digit id is left alone as a whole).
_LONG_DIGITS = re.compile(r"(?<![0-9])[0-9]{14,24}(?![0-9])")
_SPACED_PAN = re.compile(r"(?<![0-9])(?:[0-9]{4}[ -]){3,4}[0-9]{1,7}(?![0-9])")
_REDACTED = "[redacted]"


class RedactingFilter(logging.Filter):
    """Rewrites each record's text with secrets and long digit runs masked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Short strings would redact ordinary words; a real secret is long.
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, _REDACTED)
        text = _SPACED_PAN.sub(lambda m: mask_code(re.sub(r"[ -]", "", m.group(0))), text)
        return _LONG_DIGITS.sub(lambda m: mask_code(m.group(0)), text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what there is, redacted
            message = f"{record.msg!s} {record.args!s}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        record.exc_info = None  # the redacted exc_text is what handlers print
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def log_dir_for(data_dir: Path, env: Mapping[str, str] | None = None) -> Path:
    """systemd's LogsDirectory ($LOGS_DIRECTORY, /var/log/powerpay) or else data_dir/logs."""
    env = os.environ if env is None else env
    logs = env.get("LOGS_DIRECTORY", "").split(":")[0]
    return Path(logs) if logs else data_dir / "logs"


def configure_logging(
    log_dir: Path | None,
    *,
    level: int = logging.INFO,
    secrets: Iterable[str] = (),
    max_bytes: int = 5_000_000,
    backups: int = 5,
    stderr: bool = True,
) -> logging.Logger:
    """Set up the root logger once: stderr (journald) and, if log_dir is given, a rotating file.

    Call it at start-up with the settings' secrets (backend secret); returns the root logger.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_powerpay", False):
            root.removeHandler(handler)
            handler.close()
    redactor = RedactingFilter(secrets)
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = log_dir / LOG_FILE
        # Create the file 0600 before the handler opens it (umask would otherwise decide).
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)
        rotating = _PrivateRotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        handlers.append(rotating)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redactor)
        handler._powerpay = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return root


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose new files (after each rollover) are mode 0600 too."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)
